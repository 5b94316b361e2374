namespace Wangge.Imports;

/// <summary>
/// The limits every uploaded file is held to (section "Wangge:Imports"), so that a hostile or broken file is refused
/// early, naming the limit, instead of keeping a request busy for minutes: a ledger sheet of 16,000 columns or a border
/// of 200,000 vertices is not a ledger or a grid but a mistake or an attack.
/// </summary>
public sealed class ImportOptions
{
    public const string Section = "Wangge:Imports";

    /// <summary>The largest file one import, check or LIVES feed may upload, in megabytes.</summary>
    public int MaxUploadMegabytes { get; set; } = 300;

    /// <summary>The most columns a ledger CSV row or XLSX sheet may have; a ledger has about 30.</summary>
    public int MaxColumns { get; set; } = 500;

    /// <summary>The most vertices one border (one feature) may have; a street's border has a few thousand.</summary>
    public int MaxVerticesPerFeature { get; set; } = 50_000;

    /// <summary>The most vertices a whole border file may have, over all its features.</summary>
    public int MaxVerticesPerFile { get; set; } = 2_000_000;

    /// <summary>The most bytes a LIVES zip may unpack to, in megabytes (a zip bomb unpacks to terabytes).</summary>
    public int MaxUnpackedMegabytes { get; set; } = 1024;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024;
    public long MaxUnpackedBytes => MaxUnpackedMegabytes * 1024L * 1024;

    public IEnumerable<string> Validate()
    {
        if (MaxUploadMegabytes < 1) yield return "Wangge:Imports:MaxUploadMegabytes must be at least 1.";
        if (MaxColumns < 20) yield return "Wangge:Imports:MaxColumns must be at least 20 (a ledger has that many).";
        if (MaxVerticesPerFeature < 4) yield return "Wangge:Imports:MaxVerticesPerFeature must be at least 4.";
        if (MaxVerticesPerFile < MaxVerticesPerFeature) yield return "Wangge:Imports:MaxVerticesPerFile must be at least MaxVerticesPerFeature.";
        if (MaxUnpackedMegabytes < 1) yield return "Wangge:Imports:MaxUnpackedMegabytes must be at least 1.";
    }
}
