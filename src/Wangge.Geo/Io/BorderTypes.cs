using NetTopologySuite.Geometries;

namespace Wangge.Geo.Io;

/// <summary>
/// The coordinate system a border file is in, as the person importing it declares it: files rarely say, and
/// a GCJ-02 outline looks like a WGS-84 one that is 300–700 m off.
/// </summary>
public enum InputCrs
{
    /// <summary>WGS-84 or CGCS2000 longitude/latitude: the two agree to within centimetres, far below border accuracy.</summary>
    Wgs84,

    /// <summary>GCJ-02, what Chinese web maps and phones give; converted to WGS-84 on the way in.</summary>
    Gcj02,
}

public enum BorderFormat
{
    /// <summary>RFC 7946 GeoJSON, including echarts' compressed variant.</summary>
    GeoJson,

    /// <summary>An ESRI Shapefile layer (.shp, .shx, .dbf, .prj, optional .cpg) in a .zip.</summary>
    Shapefile,
}

/// <summary>
/// One feature (GeoJSON) or record (Shapefile) of a border file.
/// </summary>
/// <param name="Index">0-based position of the feature or record in the file, so a report can point at it.</param>
/// <param name="Properties">The attributes rendered as text; they are still read when the geometry is not,
/// so a problem can be reported with the grid's code and name.</param>
/// <param name="Geometry">A WGS-84 Polygon or MultiPolygon with exterior rings counter-clockwise and holes
/// clockwise, whatever the file had; null when <paramref name="Problem"/> says why.</param>
/// <param name="Problem">Why the geometry could not be read, naming the ring and position; null when it was.</param>
public sealed record BorderFeature(
    int Index, IReadOnlyDictionary<string, string?> Properties, Geometry? Geometry, string? Problem)
{
    /// <summary>What kind of problem <see cref="Problem"/> is when the readers can say more than "unreadable"
    /// (<see cref="SwappedCoordinates"/>), so the import can word it in the user's language.</summary>
    public string? ProblemKind { get; init; }

    /// <summary>Where the problem shows, when the readers can tell: for swapped coordinates, the position read lon,lat.</summary>
    public Coordinate? ProblemPlace { get; init; }

    /// <summary>A feature whose positions are latitude first: read the other way round they are all in range.</summary>
    public const string SwappedCoordinates = "SwappedCoordinates";
}

/// <summary>
/// The whole file is unusable (wrong format, a missing part, an unsupported coordinate system, broken JSON);
/// the message says what was found, in words a regulator can act on. <see cref="Code"/> and <see cref="Arguments"/>
/// let a page say the same in the user's language (resource <c>BorderFile.{Code}</c>); the message is the English
/// wording for logs and the command line.
/// </summary>
public sealed class BorderFileException(string code, string message, IReadOnlyList<string>? arguments = null, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>Stable name of what is wrong, e.g. <c>zip_no_prj</c>.</summary>
    public string Code { get; } = code;

    /// <summary>The values the message names (a part's name, a line number), in the order the wordings use them.</summary>
    public IReadOnlyList<string> Arguments { get; } = arguments ?? [];
}

/// <summary>
/// Thrown inside the readers when one feature's geometry cannot be read; caught per feature and turned into
/// <see cref="BorderFeature.Problem"/> so that one bad ring does not hide the rest of the file.
/// </summary>
internal sealed class FeatureProblemException(string message, string? kind = null, Coordinate? place = null) : Exception(message)
{
    public string? Kind { get; } = kind;
    public Coordinate? Place { get; } = place;
}
