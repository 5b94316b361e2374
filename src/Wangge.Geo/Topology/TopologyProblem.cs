using NetTopologySuite.Geometries;

namespace Wangge.Geo.Topology;

public enum TopologyProblemKind
{
    EmptyGeometry,
    NotPolygon,
    TooFewPoints,
    RingNotClosed,
    SelfIntersection,
    InvalidGeometry,
    DuplicateCode,
    UnknownParent,
    OutOfBounds,
    SwappedCoordinates,
    OutsideParent,
    Overlap,
    Gap,
}

/// <summary>
/// One reason an import is refused. <paramref name="Location"/> is what the import page draws (the overlap,
/// the gap, the crossing point, the part outside the parent); <paramref name="AreaM2"/> is its area where it is
/// an area, else 0.
/// </summary>
public sealed record TopologyProblem(
    TopologyProblemKind Kind, string Code, string? OtherCode, Geometry? Location, double AreaM2, string Message)
{
    /// <summary>
    /// For file readers: an unclosed ring or a ring with too few points never becomes an NTS geometry
    /// (the constructors throw), so the reader reports it itself in the same shape as the check's findings.
    /// </summary>
    public static TopologyProblem ForUnreadable(string code, TopologyProblemKind kind, string message)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new TopologyProblem(kind, code, null, null, 0, message);
    }
}
