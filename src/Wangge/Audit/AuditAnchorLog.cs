using System.Collections.Concurrent;
using Wangge.Core.Audit;

namespace Wangge.Audit;

/// <summary>
/// The append-only file of signed anchors, one JSON line each. Lines are only ever appended; a deployment can put the
/// file on storage that enforces that (chattr +a, a WORM bucket synced from it, a log shipper).
/// </summary>
public sealed class AuditAnchorLog(string path)
{
    // One process may anchor from the background service and from a request at once; lines must not interleave.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public async Task AppendAsync(AuditAnchor anchor, CancellationToken ct)
    {
        var gate = Locks.GetOrAdd(Path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            await using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            await using var writer = new StreamWriter(file);
            await writer.WriteLineAsync(anchor.ToLine().AsMemory(), ct);
            await writer.FlushAsync(ct);
            file.Flush(flushToDisk: true);
        }
        finally { gate.Release(); }
    }

    /// <summary>Every line with its 1-based number; an anchor is null where a line is not one.</summary>
    public async Task<List<(int Line, AuditAnchor? Anchor)>> ReadAsync(CancellationToken ct)
    {
        var lines = new List<(int, AuditAnchor?)>();
        if (!File.Exists(Path)) return lines;
        await using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(file);
        var number = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line)) lines.Add((number, AuditAnchor.Parse(line)));
        }
        return lines;
    }

    /// <summary>The last anchor the key signed, or null.</summary>
    public async Task<AuditAnchor?> LastAsync(AuditKey key, CancellationToken ct) =>
        (await ReadAsync(ct)).Select(l => l.Anchor).LastOrDefault(a => a is not null && a.IsSignedBy(key));
}
