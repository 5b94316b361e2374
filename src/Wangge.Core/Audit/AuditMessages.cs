using System.Globalization;

namespace Wangge.Core.Audit;

/// <summary>
/// What `wangge audit verify` says happened, one sentence per kind of tampering. Constants, so tests cite the
/// message they expect rather than copying its words. The verifier is an operator's tool read on a console, in English.
/// </summary>
public static class AuditMessages
{
    /// <summary>{0} expected sequence, {1} found sequence.</summary>
    public const string EntryMissing = "expected entry {0} but found {1}: an entry was removed or reordered";
    /// <summary>{0} sequence.</summary>
    public const string LinkBroken = "entry {0} was moved or replaced: its link to the previous entry does not match the previous entry's hash";
    /// <summary>{0} sequence.</summary>
    public const string MacMismatch = "entry {0} was changed or forged: its HMAC does not match";
    /// <summary>{0} first missing sequence, {1} anchored sequence, {2} anchor time.</summary>
    public const string RemovedFromEnd = "entries {0}–{1} were removed from the end and the head rewound: the anchor of {2} records entry {1}";
    /// <summary>{0} last sequence in the log, {1} sequence in the head row.</summary>
    public const string HeadAhead = "the chain ends at entry {0} but its head records entry {1}: entries were removed from the end";
    /// <summary>{0} sequence in the head row, {1} last sequence in the log.</summary>
    public const string HeadBehind = "the head records entry {0} but the chain goes on to entry {1}: the head was rewound or entries appended around it";
    /// <summary>{0} anchor time, {1} anchored number of entries.</summary>
    public const string Wiped = "the log is empty but the anchor of {0} records {1} entries";
    /// <summary>{0} sequence, {1} anchor time.</summary>
    public const string AnchorDiffers = "entry {0} differs from the anchor of {1}: the history up to it was rewritten";
    /// <summary>{0} line number, {1} file.</summary>
    public const string AnchorForged = "line {0} of the anchor file {1} has a bad signature: the file was edited or written with another key";
    /// <summary>{0} file.</summary>
    public const string NoAnchor = "no anchor in {0}: removal from the end or a wipe cannot be detected until `wangge audit anchor` has run";
    /// <summary>{0} kind of record, {1} its key, {2} sequence, {3} field names.</summary>
    public const string RowChanged = "{0} {1} changed outside Wangge: its row differs from the after-state of entry {2} (fields: {3})";
    /// <summary>{0} kind of record, {1} its key, {2} sequence.</summary>
    public const string RowDeleted = "{0} {1} was deleted outside Wangge: entry {2} records it and no entry its deletion";
    /// <summary>{0} kind of record, {1} its key.</summary>
    public const string RowUnaudited = "{0} {1} has no audit entry: inserted outside Wangge";
    /// <summary>{0} kind of record, {1} its key, {2} version number, {3} field names.</summary>
    public const string RowDiffersFromVersion = "{0} {1} changed outside Wangge: its row differs from its version {2} (fields: {3})";
    /// <summary>{0} kind of record, {1} its key.</summary>
    public const string RowWithoutVersion = "{0} {1} has no version matching its row: inserted or renumbered outside Wangge";

    /// <summary>{0} versions without an entry of their own in the database, {1} versions the batches' digests record.</summary>
    public const string BulkVersionsDiffer =
        "business versions written in bulk were changed, added or removed outside Wangge: {0} in the database without an entry of their own, {1} in the batches' digests, and their digests differ";

    public static string Format(string message, params object[] args) => string.Format(CultureInfo.InvariantCulture, message, args);
}
