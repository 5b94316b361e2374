using Wangge.Geo.Districting;

namespace Wangge.Bench.Districting;

/// <summary>One partitioner's line in the comparison table.</summary>
internal sealed record Row(string Name, double Seconds, double? ReportedSeconds, double MaxOverMean, double CutKm, int CutEdges, int NonContiguous, int Empty, double MeanPp)
{
    public static Row Of(string name, TimeSpan time, TimeSpan? reported, AdjacencyGraph graph, IReadOnlyList<int> parts, int count)
    {
        var plan = PlanMetrics.Evaluate(graph, parts, count);
        return new Row(name, time.TotalSeconds, reported?.TotalSeconds, plan.MaxOverMean, plan.EdgeCut, PlanMetrics.CutEdgeCount(graph, parts),
            PlanMetrics.NonContiguousCount(graph, parts, count), count - parts.Distinct().Count(), plan.MeanPolsbyPopper);
    }

    public static void Print(IReadOnlyList<Row> rows)
    {
        Console.WriteLine($"{"partitioner",-18} {"time s",8} {"max/mean",9} {"cut km",9} {"cut edges",10} {"non-contig",11} {"empty",6} {"mean PP",8}");
        foreach (var r in rows)
            Console.WriteLine($"{r.Name,-18} {r.Seconds,8:0.000} {r.MaxOverMean,9:0.000} {r.CutKm,9:0.0} {r.CutEdges,10} {r.NonContiguous,11} {r.Empty,6} {r.MeanPp,8:0.000}");
    }
}
