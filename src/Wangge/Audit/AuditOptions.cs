using Microsoft.Extensions.Configuration;
using Wangge.Core.Audit;
using Wangge.Data;
using Wangge.Data.Audit;

namespace Wangge.Audit;

/// <summary>
/// Where the audit key and anchors live and how often the head is anchored ("Wangge:Audit"). Decision 005 and
/// appsettings.example.json describe how a deployment provides the key.
/// </summary>
public sealed class AuditOptions
{
    public const string Section = "Wangge:Audit";

    /// <summary>The key itself as base64 (e.g. from a secret store through WANGGE_Audit__Key); wins over <see cref="KeyFile"/>.</summary>
    public string? Key { get; set; }

    /// <summary>A file holding the base64 key; created with a fresh key if absent. Default: beside the data.</summary>
    public string? KeyFile { get; set; }

    /// <summary>The append-only file anchors are written to, one signed line each. Default: beside the data.</summary>
    public string? AnchorFile { get; set; }

    /// <summary>The head is anchored when it moved and this many minutes passed since the last anchor…</summary>
    public int AnchorEveryMinutes { get; set; } = 10;

    /// <summary>…or when this many entries were appended since, whichever comes first.</summary>
    public int AnchorEveryEntries { get; set; } = 1000;

    public static AuditOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<AuditOptions>() ?? new AuditOptions();

    /// <summary>The key as configured; read once, when the first context needs it.</summary>
    public Func<AuditKey> KeySource(WanggeDatabase database) => () =>
        !string.IsNullOrWhiteSpace(Key) ? AuditKey.Parse(Key)
        : AuditFiles.LoadOrCreateKey(string.IsNullOrWhiteSpace(KeyFile) ? AuditFiles.Beside(database).KeyFile : KeyFile, AuditFiles.Announce);

    public string AnchorPath(WanggeDatabase database) =>
        string.IsNullOrWhiteSpace(AnchorFile) ? AuditFiles.Beside(database).AnchorFile : AnchorFile;
}
