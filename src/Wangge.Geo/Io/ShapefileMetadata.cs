using System.Text;
using System.Text.RegularExpressions;

namespace Wangge.Geo.Io;

/// <summary>What a Shapefile layer's side files say: its coordinate system (.prj) and its text encoding (.cpg).</summary>
internal static partial class ShapefileMetadata
{
    /// <summary>The ESRI WKT written with every export, and what GIS tools expect to find for plain WGS-84.</summary>
    public const string Wgs84Prj =
        "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]]," +
        "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

    // 936 is the code page that Chinese Windows, and so ArcGIS on it, writes .dbf text in.
    private const int GbkCodePage = 936;

    static ShapefileMetadata()
    {
        // GBK and the other legacy code pages are not built into .NET; the provider ships with the runtime.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>
    /// Refuses a .prj that is not geographic WGS-84 or CGCS2000 longitude/latitude. A projected system (UTM,
    /// Gauss–Krüger, Web Mercator) has metres for coordinates, and an older Chinese datum (Beijing 1954,
    /// Xi'an 1980) is off by up to a hundred metres; either way the borders would land in the wrong place.
    /// </summary>
    public static void CheckPrj(string wkt)
    {
        var text = wkt.Trim();
        var projected = ProjectedName().Match(text);
        if (projected.Success)
            throw new BorderFileException("prj_projected",
                $"the .prj declares the projected system \"{projected.Groups[1].Value}\" (coordinates in metres); " +
                "borders must be geographic WGS-84 or CGCS2000 longitude/latitude: reproject the layer to EPSG:4326 or EPSG:4490",
                [projected.Groups[1].Value]);
        var geographic = GeographicName().Match(text);
        if (!geographic.Success)
            throw new BorderFileException("prj_unrecognised",
                $"the .prj does not describe a coordinate system that can be recognised: \"{Shorten(text)}\"; " +
                "expected geographic WGS-84 or CGCS2000 (GEOGCS[...])", [Shorten(text)]);
        var datum = DatumName().Match(text);
        var name = datum.Success ? datum.Groups[1].Value : geographic.Groups[1].Value;
        var key = Regex.Replace(name, "[^A-Za-z0-9]", "").ToUpperInvariant();
        if (!(key.Contains("WGS84") || key.Contains("WGS1984") || key.Contains("WORLDGEODETICSYSTEM1984")
              || key.Contains("CHINA2000") || key.Contains("CGCS2000") || key.Contains("CHINAGEODETICCOORDINATESYSTEM2000")))
            throw new BorderFileException("prj_other_datum",
                $"the .prj declares the geographic system \"{geographic.Groups[1].Value}\" (datum \"{name}\"), which is " +
                "neither WGS-84 nor CGCS2000 and can be off by up to a hundred metres: transform the layer to EPSG:4326 or EPSG:4490",
                [geographic.Groups[1].Value, name]);
    }

    /// <summary>
    /// The encoding of the .dbf's text: what the .cpg names; failing that, GBK when the .dbf's language-driver
    /// byte says code page 936 (ArcGIS on Chinese Windows); failing that, UTF-8 unless the text is not valid
    /// UTF-8 (then GBK, since a Chinese file with neither marker almost always is).
    /// </summary>
    public static Encoding DbfEncoding(string? cpgPath, string dbfPath)
    {
        if (cpgPath is not null)
        {
            var name = File.ReadAllText(cpgPath).Trim();
            if (name.Length > 0)
                return FromCpg(name);
        }
        using var dbf = File.OpenRead(dbfPath);
        var header = new byte[32];
        if (dbf.ReadAtLeast(header, 32, throwOnEndOfStream: false) < 32)
            return Encoding.UTF8;
        // Language-driver ids 0x4D and 0x7A are both code page 936 in ESRI's table.
        if (header[29] is 0x4D or 0x7A)
            return Encoding.GetEncoding(GbkCodePage);
        dbf.Position = BitConverter.ToUInt16(header, 8);
        return IsUtf8(dbf) ? Encoding.UTF8 : Encoding.GetEncoding(GbkCodePage);
    }

    private static Encoding FromCpg(string name)
    {
        var key = name.ToUpperInvariant().Replace(" ", "").Replace("-", "").Replace("_", "");
        switch (key)
        {
            case "UTF8" or "65001":
                return Encoding.UTF8;
            case "GBK" or "CP936" or "936" or "ANSI936" or "GB2312" or "MS936" or "WINDOWS936":
                // GB2312 files are read as GBK, its superset: the same bytes decode the same.
                return Encoding.GetEncoding(GbkCodePage);
            case "GB18030" or "54936":
                return Encoding.GetEncoding(54936);
        }
        // ESRI writes ISO 8859 parts as bare numbers ("88591").
        if (key.StartsWith("8859") && key.Length > 4)
            name = "ISO-8859-" + key[4..];
        try
        {
            return int.TryParse(name, out var codePage) ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(name);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new BorderFileException("cpg_unknown",
                $"the .cpg names the text encoding \"{name}\", which is not known; use UTF-8 or GBK", [name], e);
        }
    }

    private static bool IsUtf8(Stream records)
    {
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[1 << 16];
        var chars = new char[bytes.Length + 4];
        try
        {
            int n;
            while ((n = records.Read(bytes, 0, bytes.Length)) > 0)
                decoder.GetChars(bytes, 0, n, chars, 0, flush: false);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..77] + "...";

    [GeneratedRegex(@"^\s*(?:PROJCS|PROJCRS|PROJECTEDCRS)\s*\[\s*""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex ProjectedName();

    [GeneratedRegex(@"^\s*(?:GEOGCS|GEOGCRS|GEOGRAPHICCRS|GEODCRS|GEODETICCRS)\s*\[\s*""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex GeographicName();

    [GeneratedRegex(@"DATUM\s*\[\s*""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex DatumName();
}
