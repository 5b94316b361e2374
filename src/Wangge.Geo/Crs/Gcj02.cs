using NetTopologySuite.Geometries;

namespace Wangge.Geo.Crs;

/// <summary>
/// GCJ-02 ("Mars coordinates") ⇄ WGS-84. Chinese law makes licensed web maps (AMap, Tencent; Baidu adds
/// its own shift on top) publish positions in GCJ-02, a deliberately obfuscated datum that sits 300–700 m
/// off WGS-84. Every geometry Wangge stores is WGS-84 (<see cref="Wgs84"/>), so outlines, addresses
/// or points picked on such a map must come through <see cref="ToWgs84(double, double)"/> on the way in,
/// and anything drawn on their tiles through <see cref="FromWgs84"/> on the way out.
/// </summary>
/// <remarks>
/// The forward transform is the reverse-engineered formula that the public implementations agree on to the
/// last bit (eviltransform, coordtransform). The official one is secret and adds noise of about a metre,
/// so this is as exact as anyone outside can get. It has no closed-form inverse.
/// </remarks>
public static class Gcj02
{
    /// <summary>
    /// How close the inverse gets, in degrees, measured as how far the forward transform of its result lands
    /// from the input. The transform's Jacobian is within a few thousandths of the identity, so the error in
    /// the result is the same size: 1e-9° is about 0.1 mm, far inside the 1e-7° the product promises.
    /// </summary>
    public const double InverseToleranceDegrees = 1e-9;

    // The obfuscation is defined on the Krasovsky 1940 ellipsoid, China's datum before CGCS2000, not on
    // WGS-84: using WGS-84's constants here would be off by metres.
    private const double KrasovskyA = 6378245.0;
    private const double KrasovskyEe = 0.00669342162296594323;

    // Each step shrinks the error by the Jacobian's distance from the identity (a few thousandths), so
    // 3–4 steps suffice; the cap only guards against a bug turning into an endless loop.
    private const int MaxIterations = 30;

    /// <summary>
    /// Whether the point lies outside the rough box in which GCJ-02 applies; outside it the two systems are
    /// the same. The box is the one every implementation uses. It also covers neighbours such as Mongolia
    /// or Vietnam, where web maps do not shift, so treat it as "China's maps shift here", not as a border.
    /// A NaN coordinate counts as outside so that it passes through unchanged, as NaN does in Math.
    /// </summary>
    public static bool IsOutsideChina(double lon, double lat) =>
        !(lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271);

    /// <summary>The GCJ-02 position of a WGS-84 longitude/latitude.</summary>
    public static (double Lon, double Lat) FromWgs84(double lon, double lat)
    {
        if (IsOutsideChina(lon, lat))
            return (lon, lat);
        var (dLon, dLat) = Shift(lon, lat);
        return (lon + dLon, lat + dLat);
    }

    /// <summary>
    /// The WGS-84 position whose GCJ-02 position is the given one, to within
    /// <see cref="InverseToleranceDegrees"/>, found by fixed-point iteration on <see cref="FromWgs84"/>.
    /// </summary>
    public static (double Lon, double Lat) ToWgs84(double lon, double lat)
    {
        if (IsOutsideChina(lon, lat))
            return (lon, lat);
        // Iterate on the shift itself, not on FromWgs84: near the edge of the box a guess that stepped
        // outside would get no shift and the iteration would flip back and forth instead of converging.
        var (wLon, wLat) = (lon, lat);
        for (var i = 0; i < MaxIterations; i++)
        {
            var (dLon, dLat) = Shift(wLon, wLat);
            var errLon = wLon + dLon - lon;
            var errLat = wLat + dLat - lat;
            if (Math.Abs(errLon) < InverseToleranceDegrees && Math.Abs(errLat) < InverseToleranceDegrees)
                return (wLon, wLat);
            wLon -= errLon;
            wLat -= errLat;
        }
        throw new InvalidOperationException($"GCJ-02 → WGS-84 did not converge at ({lon}, {lat}).");
    }

    /// <summary>
    /// A WGS-84 copy of a GCJ-02 geometry, every part and hole included; X is longitude, Y latitude,
    /// Z and M are kept. The input is left alone because NTS geometries are mutable and callers often
    /// keep the source for comparison. The copy gets SRID 4326 since that is what it now is.
    /// </summary>
    public static Geometry ToWgs84(Geometry g)
    {
        ArgumentNullException.ThrowIfNull(g);
        var copy = g.Copy();
        copy.Apply(ToWgs84Filter.Instance);
        copy.GeometryChanged();
        copy.SRID = Wgs84.Srid;
        return copy;
    }

    /// <summary>The GCJ-02 − WGS-84 offset, in degrees, at a WGS-84 point, without the box test.</summary>
    private static (double DLon, double DLat) Shift(double lon, double lat)
    {
        var x = lon - 105.0;
        var y = lat - 35.0;
        var dLat = ShiftLatitude(x, y);
        var dLon = ShiftLongitude(x, y);
        // The two series give the displacement in metres; dividing by the Krasovsky meridian and parallel
        // radii of curvature at this latitude turns metres into degrees, so the shift keeps its size in
        // metres across China instead of growing towards the north.
        var radLat = lat / 180.0 * Math.PI;
        var sinLat = Math.Sin(radLat);
        var magic = 1 - KrasovskyEe * sinLat * sinLat;
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (KrasovskyA * (1 - KrasovskyEe) / (magic * sqrtMagic) * Math.PI);
        dLon = dLon * 180.0 / (KrasovskyA / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (dLon, dLat);
    }

    // The term order follows the published formula exactly. Floating-point addition is not associative,
    // and keeping the order is what makes results agree to the last bit with the reference implementations
    // and with tools/demo-extract/extract.mjs, which converted the committed demo outline.
    private static double ShiftLatitude(double x, double y)
    {
        var r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x));
        r += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320.0 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return r;
    }

    private static double ShiftLongitude(double x, double y)
    {
        var r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x));
        r += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return r;
    }

    // Routes every vertex through ToWgs84(lon, lat), so a point converts to the same bits whether it came
    // alone or inside a geometry.
    private sealed class ToWgs84Filter : IEntireCoordinateSequenceFilter
    {
        public static readonly ToWgs84Filter Instance = new();

        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (lon, lat) = ToWgs84(seq.GetX(i), seq.GetY(i));
                seq.SetX(i, lon);
                seq.SetY(i, lat);
            }
        }
    }
}
