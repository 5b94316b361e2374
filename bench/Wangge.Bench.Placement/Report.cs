using System.Diagnostics;
using System.Globalization;
using NetTopologySuite.Geometries;

namespace Wangge.Bench.Placement;

/// <summary>Formatting and small measurements shared by the benchmark's steps.</summary>
internal static class Report
{
    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000 s", CultureInfo.InvariantCulture);

    public static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0 MB", CultureInfo.InvariantCulture);

    /// <summary>Runs once untimed, then <paramref name="runs"/> times; returns every timed run and the last result.</summary>
    public static (TimeSpan[] Runs, T Result) Time<T>(Func<T> work, int runs)
    {
        var result = work();
        var times = new TimeSpan[runs];
        for (var i = 0; i < runs; i++)
        {
            // Collect first so one run's garbage is not charged to the next.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var watch = Stopwatch.StartNew();
            result = work();
            times[i] = watch.Elapsed;
        }
        return (times, result);
    }

    /// <summary>Managed memory still held by what <paramref name="build"/> returns, after a full collection.</summary>
    public static long Retained<T>(Func<T> build)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var kept = build();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(kept);
        return after - before;
    }

    public static string Runs(TimeSpan[] runs) => string.Join(", ", runs.Select(Seconds));

    public static void VertexDistribution(MultiPolygon[] borders)
    {
        // Distinct vertices per border: the closing point repeats the first.
        var counts = borders.Select(b => b.NumPoints - b.NumGeometries).Order().ToArray();
        int At(double q) => counts[(int)Math.Min(counts.Length - 1, q * counts.Length)];
        Console.WriteLine($"  vertices per grid: min {counts[0]}, p5 {At(0.05)}, median {At(0.5)}, p95 {At(0.95)}, " +
                          $"max {counts[^1]}, mean {counts.Average():0.0}; total {N(counts.Sum(c => (long)c))}");
        (int From, int To)[] buckets = [(0, 19), (20, 29), (30, 39), (40, 49), (50, 60), (61, int.MaxValue)];
        var line = string.Join("  ", buckets.Select(b =>
        {
            var label = b.To == int.MaxValue ? $">{b.From - 1}" : b.From == 0 ? $"<{b.To + 1}" : $"{b.From}-{b.To}";
            return $"{label}: {N(counts.Count(c => c >= b.From && c <= b.To))}";
        }));
        Console.WriteLine($"  histogram: {line}");
    }

    /// <summary>
    /// The machine's load averages, because other work on a small machine slows ours and PostgreSQL's alike and
    /// a reader of the figures should know how busy it was.
    /// </summary>
    public static string Load()
    {
        const string loadavg = "/proc/loadavg";
        return File.Exists(loadavg)
            ? $"load average {string.Join(" / ", File.ReadAllText(loadavg).Split(' ').Take(3))} (1 / 5 / 15 min)"
            : "load average unknown";
    }

    /// <summary>High-water resident set from the kernel; .NET's PeakWorkingSet64 reads the same figure on Linux.</summary>
    public static long PeakWorkingSet()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    continue;
                var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }
        return Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
