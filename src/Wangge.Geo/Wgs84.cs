using NetTopologySuite;
using NetTopologySuite.Geometries;

namespace Wangge.Geo;

/// <summary>Every stored geometry is WGS-84 longitude/latitude.</summary>
public static class Wgs84
{
    public const int Srid = 4326;
    public static readonly GeometryFactory Factory = NtsGeometryServices.Instance.CreateGeometryFactory(Srid);
}
