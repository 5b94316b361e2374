namespace Wangge.Geo.Districting;

/// <summary>
/// Makes districts more compact by moving border vertices to the neighbour they share more border with,
/// as long as no load goes over the cap and the district they leave stays connected.
/// </summary>
/// <remarks>
/// Each move strictly shortens the total border between districts, so the passes end; shorter borders round the
/// same areas raise the Polsby–Popper scores on the whole.
/// </remarks>
internal sealed class Polisher(Partition partition, double cap, Deadline deadline)
{
    private const int MaxPasses = 50;
    // Gains below this (km, or edges) are rounding noise, and taking them could cycle.
    private const double MinGain = 1e-9;

    public void Run()
    {
        var graph = partition.Graph;
        for (var pass = 0; pass < MaxPasses && !deadline.Passed; pass++)
        {
            var moved = 0;
            for (var v = 0; v < graph.VertexCount; v++)
            {
                var own = partition.Label[v];
                var w = graph.Weight(v);
                var best = -1;
                var bestGain = MinGain;
                foreach (var u in graph.Neighbours(v))
                {
                    var d = partition.Label[u];
                    if (d == own || d == best || partition.Load[d] + w > cap)
                        continue;
                    var gain = partition.Gain(v, d);
                    if (gain > bestGain || (gain == bestGain && best >= 0 && d < best))
                        (best, bestGain) = (d, gain);
                }
                if (best < 0 || !partition.CanRemove(v))
                    continue;
                partition.Move(v, best);
                moved++;
            }
            if (moved == 0)
                return;
        }
    }
}
