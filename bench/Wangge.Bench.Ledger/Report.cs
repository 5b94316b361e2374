using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace Wangge.Bench.Ledger;

/// <summary>Formatting and small measurements shared by the benchmark's steps (as in the Placement benchmark).</summary>
internal static class Report
{
    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000 s", CultureInfo.InvariantCulture);

    public static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0 MB", CultureInfo.InvariantCulture);

    public static string Rate(long rows, TimeSpan t) =>
        (rows / Math.Max(t.TotalSeconds, 1e-9)).ToString("N0", CultureInfo.InvariantCulture) + " rows/s";

    public static string Share(TimeSpan part, TimeSpan whole) =>
        (100 * part.TotalSeconds / Math.Max(whole.TotalSeconds, 1e-9)).ToString("0", CultureInfo.InvariantCulture) + " %";

    public static string Machine() =>
        $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC " +
        $"({GCSettings.LatencyMode}), {Load()}";

    /// <summary>Collects first so one step's garbage is not charged to the next, then times <paramref name="work"/>.</summary>
    public static async Task<(TimeSpan Elapsed, T Result)> TimeAsync<T>(Func<Task<T>> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var watch = Stopwatch.StartNew();
        var result = await work();
        return (watch.Elapsed, result);
    }

    public static (TimeSpan Elapsed, T Result) Time<T>(Func<T> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var watch = Stopwatch.StartNew();
        var result = work();
        return (watch.Elapsed, result);
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

    /// <summary>
    /// CPU time (user + system) of another process on this machine, from /proc (clock ticks of 10 ms); null when it
    /// cannot be read, e.g. because the database server runs elsewhere. Used to charge a PostgreSQL backend's own work
    /// to each step, which a wall clock on a busy machine cannot do.
    /// </summary>
    public static TimeSpan? ProcessCpu(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After "pid (comm) ": state is field 3, utime field 14, stime field 15.
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
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
