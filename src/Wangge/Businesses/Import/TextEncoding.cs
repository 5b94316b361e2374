using System.Text;
using System.Text.Unicode;
using Wangge.Core.Common;

namespace Wangge.Businesses.Import;

/// <summary>
/// The text encoding of a CSV file, and how many bytes of byte order mark to skip. A BOM decides; otherwise valid
/// UTF-8 is UTF-8 and anything else GB18030, the superset of GBK and GB2312 that Excel on Chinese Windows saves.
/// An explicit name wins over both.
/// </summary>
internal sealed record TextEncoding(Encoding Encoding, string Name, int BomLength)
{
    public bool IsUtf8 => Encoding.CodePage == 65001;

    public static TextEncoding Detect(ReadOnlySpan<byte> prefix, bool wholeFile, string? explicitName)
    {
        var bom = Bom(prefix);
        if (explicitName is not null) return Resolve(explicitName) with { BomLength = bom?.BomLength ?? 0 };
        if (bom is not null) return bom;
        var checkedLength = wholeFile ? prefix.Length : CompleteUtf8Length(prefix);
        return Utf8.IsValid(prefix[..checkedLength]) ? Utf8Text : Gb18030;
    }

    /// <summary>The encoding a user named: utf-8, gbk (read as GB18030), gb2312, gb18030, utf-16 (LE), utf-16be, or any .NET name.</summary>
    public static TextEncoding Resolve(string name)
    {
        var key = name.Trim().ToLowerInvariant().Replace("-", "").Replace("_", "");
        switch (key)
        {
            case "utf8": return Utf8Text;
            case "gbk" or "gb2312" or "gb18030" or "cp936" or "936": return Gb18030;
            case "utf16" or "utf16le" or "unicode": return new TextEncoding(Encoding.Unicode, "utf-16le", 0);
            case "utf16be": return new TextEncoding(Encoding.BigEndianUnicode, "utf-16be", 0);
        }
        try
        {
            var encoding = CodePage(name.Trim());
            return new TextEncoding(encoding, encoding.WebName, 0);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw RuleViolation.Invalid("encoding", "encoding_unknown",
                $"'{name}' is not a text encoding; use utf-8, gbk, gb18030 or utf-16, or leave it out to detect it.");
        }
    }

    private static readonly TextEncoding Utf8Text = new(new UTF8Encoding(false), "utf-8", 0);
    private static readonly TextEncoding Gb18030 = new(CodePage("GB18030"), "gb18030", 0);

    /// <summary>GBK and the other legacy code pages come with .NET only once their provider is registered.</summary>
    private static Encoding CodePage(string name)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(name);
    }

    private static TextEncoding? Bom(ReadOnlySpan<byte> b)
    {
        if (b is [0xEF, 0xBB, 0xBF, ..]) return Utf8Text with { BomLength = 3 };
        if (b is [0xFF, 0xFE, ..]) return new TextEncoding(Encoding.Unicode, "utf-16le", 2);
        if (b is [0xFE, 0xFF, ..]) return new TextEncoding(Encoding.BigEndianUnicode, "utf-16be", 2);
        return null;
    }

    /// <summary>The length of the prefix without a multi-byte character that the end of the sniffed block cut in two.</summary>
    internal static int CompleteUtf8Length(ReadOnlySpan<byte> s)
    {
        var i = s.Length - 1;
        var continuation = 0;
        while (i >= 0 && continuation < 3 && (s[i] & 0xC0) == 0x80) { i--; continuation++; }
        if (i < 0) return s.Length;
        var lead = s[i];
        var need = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 1;
        return s.Length - i < need ? i : s.Length;
    }
}
