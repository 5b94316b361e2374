using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using Wangge.Geo.Synthesis;

namespace Wangge.Geo.Topology;

/// <summary>Wording and measuring shared by the rules, so every message names places and areas the same way.</summary>
internal static class Describe
{
    /// <summary>Tolerances are in m², geometry is in degrees; every area goes through here, on the ellipsoid.</summary>
    public static double AreaM2(Geometry lonLat) => Geodesy.EllipsoidArea.M2(lonLat);

    /// <summary>
    /// A projection for a group of grids. The origin latitude is clamped because <see cref="LocalProjection"/>
    /// refuses the poles, and a stray shape there must be reported, not crash the check.
    /// </summary>
    public static LocalProjection ProjectionFor(Envelope lonLat)
    {
        var centre = lonLat.Centre;
        return new LocalProjection(centre.X, Math.Clamp(centre.Y, -85, 85));
    }

    public static string Place(Coordinate c) =>
        string.Create(CultureInfo.InvariantCulture, $"(lon {c.X:F6}, lat {c.Y:F6})");

    /// <summary>An interior point, so the named place is inside the area drawn even when it is a thin U.</summary>
    public static string Place(Geometry g) => Place(g is Point p ? p.Coordinate : g.InteriorPoint.Coordinate);

    public static string Area(double m2) => string.Create(CultureInfo.InvariantCulture, $"{m2:#,0.0} m²");

    public static string Grid(GridShape shape, int position) =>
        $"Grid '{shape.Code}' (source index {SourceIndex(shape, position)})";

    public static int SourceIndex(GridShape shape, int position) => shape.SourceIndex ?? position;

    /// <summary>
    /// Overlay results may carry the lines and points where shapes merely touch; only the areal part is a
    /// problem to draw.
    /// </summary>
    public static Geometry Polygons(Geometry overlayResult)
    {
        if (overlayResult is Polygon or MultiPolygon)
            return overlayResult;
        var polygons = PolygonExtracter.GetPolygons(overlayResult).Cast<Polygon>().ToArray();
        return overlayResult.Factory.CreateMultiPolygon(polygons);
    }

    public static IEnumerable<Polygon> Pieces(Geometry polygonal)
    {
        for (var i = 0; i < polygonal.NumGeometries; i++)
            if (polygonal.GetGeometryN(i) is Polygon { IsEmpty: false } piece)
                yield return piece;
    }
}
