using NetTopologySuite.Geometries;

namespace Wangge.Geo.Synthesis;

/// <summary>
/// Equirectangular projection to kilometres around a reference point: x = (lon − lon₀)·cos(lat₀)·111.32,
/// y = (lat − lat₀)·110.57. Within a district (tens of km near lat 23°) its distortion is far below what
/// synthetic borders and demo locations can notice, and being affine it keeps uniform samples uniform and
/// straight edges straight.
/// </summary>
/// <remarks>
/// The false origin matters: at lon 113° raw x would be ~11 500 km, and power-distance arithmetic on such
/// values cancels away all but a few micrometres of precision.
/// </remarks>
public readonly struct LocalProjection
{
    public const double KmPerDegreeLatitude = 110.57;
    public const double KmPerDegreeLongitudeAtEquator = 111.32;

    public LocalProjection(double originLongitude, double originLatitude)
    {
        if (!double.IsFinite(originLongitude))
            throw new ArgumentOutOfRangeException(nameof(originLongitude), originLongitude, "Needs a finite longitude.");
        if (!double.IsFinite(originLatitude) || Math.Abs(originLatitude) >= 89)
            throw new ArgumentOutOfRangeException(nameof(originLatitude), originLatitude, "Needs a finite latitude away from the poles.");
        OriginLongitude = originLongitude;
        OriginLatitude = originLatitude;
        KmPerDegreeLongitude = KmPerDegreeLongitudeAtEquator * Math.Cos(originLatitude * Math.PI / 180);
    }

    public double OriginLongitude { get; }
    public double OriginLatitude { get; }
    public double KmPerDegreeLongitude { get; }

    /// <summary>Centred on the geometry's envelope so both ends of the area share the error equally.</summary>
    public static LocalProjection Around(Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (geometry.IsEmpty)
            throw new ArgumentException("An empty geometry has no location.", nameof(geometry));
        var centre = geometry.EnvelopeInternal.Centre;
        return new LocalProjection(centre.X, centre.Y);
    }

    public Coordinate ToKm(double lon, double lat) =>
        new((lon - OriginLongitude) * KmPerDegreeLongitude, (lat - OriginLatitude) * KmPerDegreeLatitude);

    public Coordinate ToKm(Coordinate lonLat) => ToKm(lonLat.X, lonLat.Y);

    public Coordinate ToLonLat(double x, double y) =>
        new(OriginLongitude + x / KmPerDegreeLongitude, OriginLatitude + y / KmPerDegreeLatitude);

    public Coordinate ToLonLat(Coordinate km) => ToLonLat(km.X, km.Y);

    public double DistanceKm(Coordinate a, Coordinate b) => ToKm(a).Distance(ToKm(b));

    public double AreaKm2(Geometry lonLat) => lonLat.Area * KmPerDegreeLongitude * KmPerDegreeLatitude;

    public double LengthKm(LineString lonLat)
    {
        var length = 0.0;
        var points = lonLat.CoordinateSequence;
        for (var i = 1; i < points.Count; i++)
            length += DistanceKm(points.GetCoordinate(i - 1), points.GetCoordinate(i));
        return length;
    }

    /// <summary>A projected copy; the input is left alone because NTS geometries are mutable.</summary>
    public T ToKm<T>(T lonLat) where T : Geometry => Transformed(lonLat, new ScaleFilter(this, inverse: false));

    public T ToLonLat<T>(T km) where T : Geometry => Transformed(km, new ScaleFilter(this, inverse: true));

    private static T Transformed<T>(T geometry, ScaleFilter filter) where T : Geometry
    {
        var copy = (T)geometry.Copy();
        copy.Apply(filter);
        copy.GeometryChanged();
        return copy;
    }

    // Routes through the same per-coordinate methods so a vertex maps to the same bits whichever overload did it.
    private sealed class ScaleFilter(LocalProjection projection, bool inverse) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var c = inverse ? projection.ToLonLat(seq.GetX(i), seq.GetY(i)) : projection.ToKm(seq.GetX(i), seq.GetY(i));
                seq.SetX(i, c.X);
                seq.SetY(i, c.Y);
            }
        }
    }
}
