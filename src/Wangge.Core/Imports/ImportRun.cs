using Wangge.Core.Common;

namespace Wangge.Core.Imports;

public enum ImportStatus
{
    Running,
    Completed,
    Failed,
}

/// <summary>
/// One import of one file. Its rows are saved in batches, each batch all-or-nothing together with this
/// run's checkpoint, so a killed import is resumed from the line after the last committed batch, and a
/// finished file imported again is recognised by its hash and changes nothing.
/// </summary>
public sealed class ImportRun : IScoped
{
    private ImportRun() { }

    public ImportRun(Guid id, string kind, string fileName, string fileSha256, string actor, string scopePathValue, DateTimeOffset startedAt)
    {
        Id = id;
        Kind = kind;
        FileName = fileName.Length > 260 ? fileName[^260..] : fileName;
        FileSha256 = fileSha256;
        Actor = actor;
        ScopePathValue = scopePathValue;
        StartedAt = startedAt;
        Status = ImportStatus.Running;
    }

    public Guid Id { get; private set; }
    /// <summary>businesses, lives…</summary>
    public string Kind { get; private set; } = "";
    public string FileName { get; private set; } = "";
    public string FileSha256 { get; private set; } = "";
    public string Actor { get; private set; } = "";
    /// <summary>The importing caller's node: a run is seen, and resumed, only within it.</summary>
    public string ScopePathValue { get; private set; } = "";
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public ImportStatus Status { get; private set; }
    /// <summary>Every data line up to and including this one is committed; resuming starts after it.</summary>
    public int CommittedThroughLine { get; private set; }
    public int Batches { get; private set; }
    public int Created { get; private set; }
    public int Updated { get; private set; }
    public int Unchanged { get; private set; }
    public int Rejected { get; private set; }
    public string? Failure { get; private set; }

    public void CommitBatch(int throughLine, int created, int updated, int unchanged, int rejected)
    {
        if (Status != ImportStatus.Running) throw new InvalidOperationException($"Import {Id} is {Status}.");
        if (throughLine < CommittedThroughLine) throw new InvalidOperationException("Batches are committed in file order.");
        CommittedThroughLine = throughLine;
        Batches++;
        Created += created;
        Updated += updated;
        Unchanged += unchanged;
        Rejected += rejected;
    }

    public void Complete(DateTimeOffset at)
    {
        Status = ImportStatus.Completed;
        FinishedAt = at;
    }

    public void Fail(string reason, DateTimeOffset at)
    {
        Status = ImportStatus.Failed;
        Failure = ImportProblem.Printable(reason.Length > 2000 ? reason[..2000] : reason);
        FinishedAt = at;
    }
}

/// <summary>A refused row of an import: its line in the file, the field, and why.</summary>
public sealed class ImportProblem
{
    private ImportProblem() { }

    public ImportProblem(Guid runId, int line, string field, string code, string message, IReadOnlyList<string>? arguments = null)
    {
        RunId = runId;
        Line = line;
        Field = field;
        Code = code;
        Message = Printable(message.Length > 500 ? message[..500] : message);
        Arguments = arguments is { Count: > 0 } ? Clip(System.Text.Json.JsonSerializer.Serialize(arguments)) : null;
    }

    /// <summary>Longer argument lists (a quoted cell can be long) are dropped rather than cut into invalid JSON.</summary>
    private static string? Clip(string json) => json.Length > 500 ? null : json;

    /// <summary>The values the message names, in order, for a page to say the problem in its own language.</summary>
    public IReadOnlyList<string> ArgumentList() =>
        Arguments is null ? [] : System.Text.Json.JsonSerializer.Deserialize<string[]>(Arguments) ?? [];

    /// <summary>
    /// A message quotes the cell it refuses, which may hold the very NUL it refuses: shown as U+FFFD, since PostgreSQL
    /// cannot store NUL and a problem must be kept on either database.
    /// </summary>
    public static string Printable(string text) =>
        text.AsSpan().IndexOfAnyInRange('\0', '\u001F') < 0 && text.AsSpan().IndexOfAnyInRange('\u007F', '\u009F') < 0 ? text
            : string.Create(text.Length, text, (span, t) =>
            {
                for (var i = 0; i < t.Length; i++) span[i] = char.IsControl(t[i]) && t[i] is not ('\t' or '\n' or '\r') ? '\uFFFD' : t[i];
            });

    public long Id { get; private set; }
    public Guid RunId { get; private set; }
    public int Line { get; private set; }
    public string Field { get; private set; } = "";
    public string Code { get; private set; } = "";
    public string Message { get; private set; } = "";
    /// <summary>A JSON array of strings, or null when the message names no values.</summary>
    public string? Arguments { get; private set; }
}
