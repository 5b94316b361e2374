using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace Wangge.Geo;

/// <summary>Every stored geometry is WGS-84 longitude/latitude.</summary>
public static class Wgs84
{
    public const int Srid = 4326;
    public static readonly GeometryFactory Factory = NtsGeometryServices.Instance.CreateGeometryFactory(Srid);

    /// <summary>
    /// The polygons of an area as one MultiPolygon in SRID 4326, the type every stored border has; overlay
    /// results may come back as a Polygon or a collection.
    /// </summary>
    public static MultiPolygon ToMultiPolygon(Geometry g)
    {
        var m = g switch
        {
            MultiPolygon mp => mp,
            Polygon p => Factory.CreateMultiPolygon([p]),
            GeometryCollection c => Factory.CreateMultiPolygon(c.Geometries.OfType<Polygon>().ToArray()),
            _ => throw new ArgumentException($"Expected an area, got {g.GeometryType}.", nameof(g)),
        };
        m.SRID = Srid;
        return m;
    }
}
