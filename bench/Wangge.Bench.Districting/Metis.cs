using System.Diagnostics;
using System.Globalization;
using System.Text;
using Wangge.Geo.Districting;

namespace Wangge.Bench.Districting;

/// <summary>The comparator: METIS's command-line partitioner on the same graph, weights and border lengths.</summary>
internal static class Metis
{
    public sealed record Result(int[] Parts, TimeSpan Wall, TimeSpan? Reported);

    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "gpmetis"))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// The METIS graph format with vertex and edge weights ("011"): METIS needs integers, so vertex weights must
    /// already be whole (business counts are) and border lengths go in as whole metres.
    /// </summary>
    public static void Write(AdjacencyGraph graph, string path)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{graph.VertexCount} {graph.EdgeCount} 011\n");
        for (var v = 0; v < graph.VertexCount; v++)
        {
            var w = graph.Weight(v);
            if (w != Math.Round(w))
                throw new InvalidOperationException($"Vertex {v} weighs {w}; METIS needs whole weights.");
            text.Append(CultureInfo.InvariantCulture, $"{(long)w}");
            var neighbours = graph.Neighbours(v);
            var lengths = graph.BorderLengths(v);
            for (var i = 0; i < neighbours.Length; i++)
                text.Append(CultureInfo.InvariantCulture, $" {neighbours[i] + 1} {Math.Max(1, (long)Math.Round(lengths[i] * 1000))}");
            text.Append('\n');
        }
        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Runs gpmetis with its defaults (k-way, 3 % imbalance allowed) and reads its partition file back.</summary>
    public static Result Run(string gpmetis, string graphFile, int parts, bool contig)
    {
        var start = new ProcessStartInfo(gpmetis) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (contig)
            start.ArgumentList.Add("-contig");
        start.ArgumentList.Add(graphFile);
        start.ArgumentList.Add(parts.ToString(CultureInfo.InvariantCulture));
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("gpmetis did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var wall = clock.Elapsed;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"gpmetis exited with {process.ExitCode}: {errors.Result}{output.Result}");

        var partFile = $"{graphFile}.part.{parts}";
        var result = File.ReadLines(partFile).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        File.Delete(partFile);
        return new Result(result, wall, ReportedPartitioningTime(output.Result));
    }

    // gpmetis prints "Partitioning: 0.123 sec (METIS time)": its own time without reading and writing files.
    private static TimeSpan? ReportedPartitioningTime(string output)
    {
        foreach (var line in output.Split('\n'))
        {
            var trimmed = line.Trim();
            if (!trimmed.StartsWith("Partitioning:", StringComparison.Ordinal))
                continue;
            var number = trimmed["Partitioning:".Length..].Trim().Split(' ')[0];
            if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                return TimeSpan.FromSeconds(seconds);
        }
        return null;
    }
}
