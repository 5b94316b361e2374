using System.Globalization;
using System.IO.Compression;
using System.Text;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Dbf.Fields;
using NetTopologySuite.IO.Esri.Shapefiles.Writers;

namespace Wangge.Geo.Io;

/// <summary>
/// Writes a Shapefile layer with the NetTopologySuite Shapefile package (which also turns rings to the
/// format's clockwise exteriors) into a temporary folder, adds .prj and .cpg, and zips the five parts.
/// </summary>
internal static class ShapefileZipWriter
{
    // dBASE's limits: a field name has 10 bytes, a text field 254.
    private const int MaxFieldNameBytes = 10;
    private const int MaxTextBytes = 254;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private sealed record Column(string Property, DbfField Field, Func<object, object?> Convert);

    public static void Write(
        Stream output, string layerName,
        IEnumerable<(IReadOnlyDictionary<string, object?> Properties, Geometry Geometry)> features)
    {
        // The .dbf header declares every field's type and width before the first record, so all values must
        // be seen first. Exports are one jurisdiction's grids, which fit in memory many times over.
        var list = features.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Geometry is not (Polygon or MultiPolygon) || list[i].Geometry.IsEmpty)
                throw new ArgumentException(
                    $"feature {i}: a border must be a non-empty Polygon or MultiPolygon, not {list[i].Geometry?.GeometryType ?? "null"}",
                    nameof(features));
        }
        var columns = Columns(list);
        var name = SafeName(layerName);
        var dir = Directory.CreateTempSubdirectory("wangge-shp-out-");
        try
        {
            var stem = Path.Combine(dir.FullName, "layer");
            var options = new ShapefileWriterOptions(ShapeType.Polygon, [.. columns.Select(c => c.Field)])
            {
                Encoding = Encoding.UTF8,
            };
            using (var writer = Shapefile.OpenWrite(stem + ".shp", options))
            {
                foreach (var (properties, geometry) in list)
                {
                    writer.Geometry = geometry;
                    foreach (var c in columns)
                        c.Field.Value = properties.TryGetValue(c.Property, out var v) && v is not null ? c.Convert(v) : null;
                    writer.Write();
                }
            }
            // Written here rather than by the package, which puts a byte-order mark in front that some tools trip on.
            File.WriteAllText(stem + ".prj", ShapefileMetadata.Wgs84Prj, Utf8NoBom);
            File.WriteAllText(stem + ".cpg", "UTF-8", Utf8NoBom);

            using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var ext in new[] { ".shp", ".shx", ".dbf", ".prj", ".cpg" })
                zip.CreateEntryFromFile(stem + ext, name + ext, CompressionLevel.Optimal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>One field per property name, in first-seen order, typed by what its values all are.</summary>
    private static List<Column> Columns(List<(IReadOnlyDictionary<string, object?> Properties, Geometry Geometry)> list)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (properties, _) in list)
        {
            foreach (var key in properties.Keys)
            {
                if (seen.Add(key))
                    names.Add(key);
            }
        }

        var fields = new List<DbfField>();
        var columns = new List<Column>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in names)
        {
            var values = list
                .Select(f => f.Properties.TryGetValue(property, out var v) ? v : null)
                .Where(v => v is not null && !(v is double d && !double.IsFinite(d)))
                .Select(v => v!)
                .ToList();
            var fieldName = FieldName(property, used);
            columns.Add(values.Count > 0 && values.All(v => v is bool)
                ? new(property, fields.AddLogicalField(fieldName), v => v)
                : values.Count > 0 && values.All(IsIntegral)
                ? new(property, fields.AddNumericInt64Field(fieldName), v => Convert.ToInt64(v, CultureInfo.InvariantCulture))
                : values.Count > 0 && values.All(v => IsIntegral(v) || v is float or double or decimal)
                ? new(property, fields.AddNumericDoubleField(fieldName), ToDouble)
                : values.Count > 0 && values.All(v => v is DateTime or DateOnly)
                ? new(property, fields.AddDateField(fieldName), v => v is DateOnly d ? d.ToDateTime(TimeOnly.MinValue) : v)
                : new(property, fields.AddCharacterField(fieldName, TextWidth(property, values)), Text));
        }
        return columns;
    }

    private static bool IsIntegral(object v) => v is sbyte or byte or short or ushort or int or uint or long;

    private static object? ToDouble(object v)
    {
        var d = Convert.ToDouble(v, CultureInfo.InvariantCulture);
        return double.IsFinite(d) ? d : null;
    }

    private static object? Text(object v) => v switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString(),
    };

    private static int TextWidth(string property, List<object> values)
    {
        var width = 1;
        foreach (var v in values)
        {
            var bytes = Encoding.UTF8.GetByteCount((string)Text(v)!);
            if (bytes > MaxTextBytes)
                throw new ArgumentException(
                    $"property \"{property}\" has a value of {bytes} bytes; a Shapefile text field holds at most {MaxTextBytes}");
            width = Math.Max(width, bytes);
        }
        return width;
    }

    /// <summary>The property name cut to 10 UTF-8 bytes, made unique (dBASE compares names case-insensitively).</summary>
    private static string FieldName(string property, HashSet<string> used)
    {
        var baseName = Cut(property.Length == 0 ? "FIELD" : property, MaxFieldNameBytes);
        var candidate = baseName;
        for (var n = 1; !used.Add(candidate); n++)
        {
            var suffix = "_" + n.ToString(CultureInfo.InvariantCulture);
            candidate = Cut(baseName, MaxFieldNameBytes - suffix.Length) + suffix;
        }
        return candidate;
    }

    private static string Cut(string s, int maxBytes)
    {
        var end = 0;
        var bytes = 0;
        while (end < s.Length)
        {
            var step = char.IsSurrogatePair(s, end) ? 2 : 1;
            var b = Encoding.UTF8.GetByteCount(s.AsSpan(end, step));
            if (bytes + b > maxBytes)
                break;
            bytes += b;
            end += step;
        }
        return s[..end];
    }

    private static string SafeName(string layerName)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string([.. (layerName ?? "").Trim().Select(ch => invalid.Contains(ch) || ch is '/' or '\\' ? '_' : ch)]);
        return safe.Length == 0 ? "borders" : safe;
    }
}
