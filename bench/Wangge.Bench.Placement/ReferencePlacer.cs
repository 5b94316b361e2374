using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Wangge.Bench.Placement;

/// <summary>
/// The straightforward placement GridIndex started as — an STRtree of envelopes and NTS's
/// <see cref="IndexedPointInAreaLocator"/> per grid, with the same border rule — kept here as the oracle that the
/// optimised index must agree with point for point.
/// </summary>
internal static class ReferencePlacer
{
    public sealed record Result(string?[] Codes, int InManyInteriors);

    public static Result Place(Tiling tiling, (double Lon, double Lat)[] points)
    {
        var tree = new STRtree<int>();
        var locators = new IndexedPointInAreaLocator[tiling.Count];
        for (var i = 0; i < tiling.Count; i++)
        {
            tree.Insert(tiling.Borders[i].EnvelopeInternal, i);
            locators[i] = new IndexedPointInAreaLocator(tiling.Borders[i]);
        }
        tree.Build();

        var codes = new string?[points.Length];
        var inMany = 0;
        Parallel.For(0, points.Length, () => 0, (i, _, many) =>
        {
            var p = new Coordinate(points[i].Lon, points[i].Lat);
            string? interior = null, boundary = null;
            var interiors = 0;
            foreach (var g in tree.Query(new Envelope(p)))
            {
                var code = tiling.Codes[g];
                switch (locators[g].Locate(p))
                {
                    case Location.Interior:
                        interiors++;
                        if (interior is null || string.CompareOrdinal(code, interior) < 0)
                            interior = code;
                        break;
                    case Location.Boundary when boundary is null || string.CompareOrdinal(code, boundary) < 0:
                        boundary = code;
                        break;
                }
            }
            codes[i] = interior ?? boundary;
            return interiors > 1 ? many + 1 : many;
        }, many => Interlocked.Add(ref inMany, many));
        return new Result(codes, inMany);
    }
}
