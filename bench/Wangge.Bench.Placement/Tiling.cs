using NetTopologySuite.Geometries;

namespace Wangge.Bench.Placement;

/// <summary>A synthetic layer of bottom grids that tiles <see cref="Region"/> exactly.</summary>
internal sealed record Tiling(string[] Codes, MultiPolygon[] Borders, Envelope Region, Coordinate[] SharedVertices)
{
    public int Count => Codes.Length;
}

/// <summary>Seeded randomness that does not depend on the process: <see cref="HashCode"/> is salted per run.</summary>
internal static class Seeds
{
    public static ulong Mix(ulong x)
    {
        // splitmix64 finaliser: cheap, and every input bit reaches every output bit.
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static ulong Of(double a, double b) =>
        Mix(Mix((ulong)BitConverter.DoubleToInt64Bits(a)) ^ (ulong)BitConverter.DoubleToInt64Bits(b));

    public static Random RandomOf(ulong hash) => new((int)(hash & 0x7FFF_FFFF));

    public static double Gaussian(Random random)
    {
        // Box–Muller; 1 - NextDouble() keeps the logarithm's argument away from zero.
        var u = 1.0 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }
}

/// <summary>
/// Places of business activity: a few hundred centres of very unequal weight. Both the grid seeds and the
/// business points cluster around them, as real grids are drawn smaller where businesses are dense.
/// </summary>
internal sealed class Centres
{
    private readonly Coordinate[] _at;
    private readonly double[] _sigma;
    private readonly double[] _cumulative;
    private readonly Envelope _region;

    public Centres(Envelope region, int count, Random random)
    {
        _region = region;
        _at = new Coordinate[count];
        _sigma = new double[count];
        _cumulative = new double[count];
        var total = 0.0;
        for (var i = 0; i < count; i++)
        {
            _at[i] = new Coordinate(
                region.MinX + random.NextDouble() * region.Width,
                region.MinY + random.NextDouble() * region.Height);
            // 0.3–3 km spread; in degrees at this latitude 1 km ≈ 0.0098° of longitude and 0.009° of latitude.
            _sigma[i] = (0.3 + 2.7 * random.NextDouble()) * 0.0095;
            // Zipf-like weights: a handful of town centres and markets hold much of the activity.
            total += 1.0 / Math.Pow(i + 1, 0.9);
            _cumulative[i] = total;
        }
        for (var i = 0; i < count; i++)
            _cumulative[i] /= total;
    }

    /// <summary>A point near a centre chosen by weight, redrawn until it falls inside the region.</summary>
    public Coordinate Near(Random random)
    {
        var pick = Array.BinarySearch(_cumulative, random.NextDouble());
        var c = pick < 0 ? Math.Min(~pick, _at.Length - 1) : pick;
        while (true)
        {
            var x = _at[c].X + Seeds.Gaussian(random) * _sigma[c];
            var y = _at[c].Y + Seeds.Gaussian(random) * _sigma[c];
            if (x > _region.MinX && x < _region.MaxX && y > _region.MinY && y < _region.MaxY)
                return new Coordinate(x, y);
        }
    }

    public Coordinate Uniform(Random random) => new(
        _region.MinX + random.NextDouble() * _region.Width,
        _region.MinY + random.NextDouble() * _region.Height);
}
