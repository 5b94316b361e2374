using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Valid;

namespace Wangge.Geo.Topology;

/// <summary>
/// The rules a single border must pass on its own. <see cref="Usable"/> says whether its geometry may take part
/// in the rules between grids: overlay on an invalid polygon throws or lies, and a swapped or off-planet shape
/// would only produce a second, misleading report of the same mistake.
/// </summary>
internal sealed record ShapeInspection(IReadOnlyList<TopologyProblem> Problems, bool Usable)
{
    /// <summary>What lon/lat can be at all; the bounds when a jurisdiction gives none.</summary>
    public static readonly Envelope World = new(-180, 180, -90, 90);

    public static ShapeInspection Of(GridShape shape, int position, Envelope? jurisdiction)
    {
        var border = shape.Border;
        var who = Describe.Grid(shape, position);
        if (border is null || border.IsEmpty)
            return Refused(new(TopologyProblemKind.EmptyGeometry, shape.Code, null, null, 0, $"{who} has no border."));
        if (border is not (Polygon or MultiPolygon))
            return Refused(new(TopologyProblemKind.NotPolygon, shape.Code, null, border, 0,
                $"{who} has a {border.GeometryType} for a border; a grid needs a Polygon or MultiPolygon."));

        var problems = new List<TopologyProblem>();
        var validity = new IsValidOp(border).ValidationError;
        if (validity is not null)
            problems.Add(Invalid(shape.Code, who, validity));
        // NaN or infinite coordinates have no place to compare with any bounds.
        if (validity?.ErrorType != TopologyValidationErrors.InvalidCoordinate)
        {
            var placement = Placement(shape.Code, who, border, validity is null, jurisdiction);
            if (placement is not null)
                problems.Add(placement);
        }

        var usable = validity is null && World.Covers(border.EnvelopeInternal)
            && !problems.Any(p => p.Kind == TopologyProblemKind.SwappedCoordinates);
        return new ShapeInspection(problems, usable);
    }

    private static ShapeInspection Refused(TopologyProblem problem) => new([problem], false);

    private static TopologyProblem Invalid(string code, string who, TopologyValidationError error)
    {
        var at = error.Coordinate is { } c && double.IsFinite(c.X) && double.IsFinite(c.Y) ? c : null;
        Geometry? point = at is null ? null : Wgs84.Factory.CreatePoint(at.Copy());
        var where = at is null ? "" : $" at {Describe.Place(at)}";
        return error.ErrorType switch
        {
            TopologyValidationErrors.SelfIntersection or TopologyValidationErrors.RingSelfIntersection =>
                new(TopologyProblemKind.SelfIntersection, code, null, point, 0, $"{who}: its border crosses itself{where}."),
            TopologyValidationErrors.TooFewPoints =>
                new(TopologyProblemKind.TooFewPoints, code, null, point, 0, $"{who}: a ring of its border has too few distinct points{where}."),
            TopologyValidationErrors.RingNotClosed =>
                new(TopologyProblemKind.RingNotClosed, code, null, point, 0, $"{who}: a ring of its border is not closed{where}."),
            _ => new(TopologyProblemKind.InvalidGeometry, code, null, point, 0, $"{who}: its border is invalid ({error.Message}){where}."),
        };
    }

    /// <summary>
    /// Outside the bounds, or swapped: when exchanging x and y brings the whole shape inside the bounds, the
    /// file almost certainly wrote lat,lon (common in hand-made CSV and some Chinese map exports).
    /// Without jurisdiction bounds the world box makes this "|x| ≤ 90 and |y| &gt; 90".
    /// </summary>
    private static TopologyProblem? Placement(string code, string who, Geometry border, bool valid, Envelope? jurisdiction)
    {
        var bounds = jurisdiction ?? World;
        var envelope = border.EnvelopeInternal;
        if (bounds.Covers(envelope))
            return null;
        var name = jurisdiction is null ? "the WGS-84 range" : "the jurisdiction's bounds";
        var firstOutside = border.Coordinates.First(c => !bounds.Covers(c));
        var swappedEnvelope = new Envelope(envelope.MinY, envelope.MaxY, envelope.MinX, envelope.MaxX);
        if (bounds.Covers(swappedEnvelope))
        {
            var swapped = Swapped(border);
            return new(TopologyProblemKind.SwappedCoordinates, code, null, swapped, 0,
                $"{who}: longitude and latitude look swapped. Its point {Describe.Place(firstOutside)} lies outside {name}; " +
                $"read the other way round it is {Describe.Place(new Coordinate(firstOutside.Y, firstOutside.X))}, and the whole grid lies inside them.");
        }

        Geometry location = border;
        var area = 0.0;
        if (valid)
        {
            location = Describe.Polygons(OverlayNGRobust.Overlay(border, border.Factory.ToGeometry(bounds), SpatialFunction.Difference));
            // A spike that only touches out of the box leaves no area; draw the whole border then.
            if (location.IsEmpty)
                location = border;
            else
                area = Describe.AreaM2(location);
        }
        var box = string.Create(CultureInfo.InvariantCulture,
            $"lon {bounds.MinX:0.######}..{bounds.MaxX:0.######}, lat {bounds.MinY:0.######}..{bounds.MaxY:0.######}");
        return new(TopologyProblemKind.OutOfBounds, code, null, location, area,
            $"{who} has coordinates outside {name} ({box}), e.g. {Describe.Place(firstOutside)}.");
    }

    private static Geometry Swapped(Geometry border)
    {
        var copy = border.Copy();
        copy.Apply(SwapFilter.Instance);
        copy.GeometryChanged();
        return copy;
    }

    private sealed class SwapFilter : IEntireCoordinateSequenceFilter
    {
        public static readonly SwapFilter Instance = new();
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var x = seq.GetX(i);
                seq.SetX(i, seq.GetY(i));
                seq.SetY(i, x);
            }
        }
    }
}
