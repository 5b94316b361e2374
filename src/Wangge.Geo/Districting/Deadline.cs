using System.Diagnostics;

namespace Wangge.Geo.Districting;

/// <summary>The search's optional time limit; without one it never passes, so results do not depend on machine speed.</summary>
internal readonly struct Deadline(TimeSpan? limit)
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public bool Passed => limit is { } l && Stopwatch.GetElapsedTime(_start) >= l;
}
