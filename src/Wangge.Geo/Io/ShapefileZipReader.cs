using System.Globalization;
using System.IO.Compression;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri.Dbf;

namespace Wangge.Geo.Io;

/// <summary>
/// A zipped Shapefile layer: the parts are extracted to a temporary folder (the .dbf reader wants a file it can
/// seek, and a zip entry is not one), checked, and read record by record in step.
/// </summary>
internal static class ShapefileZipReader
{
    // The format's own limit: offsets are 32-bit counts of 16-bit words. Also what stops a zip bomb.
    private const long MaxPartBytes = 4L * 1024 * 1024 * 1024;

    private sealed record Layer(string Name, string Shp, string? Shx, string Dbf, string Prj, string? Cpg);

    public static IEnumerable<BorderFeature> Read(Stream input, InputCrs crs)
    {
        var dir = Directory.CreateTempSubdirectory("wangge-shp-");
        try
        {
            var layer = Extract(input, dir.FullName);
            ShapefileMetadata.CheckPrj(File.ReadAllText(layer.Prj));
            var encoding = ShapefileMetadata.DbfEncoding(layer.Cpg, layer.Dbf);
            using var shp = new ShpPolygonFile(layer.Shp);
            using var dbf = new DbfReader(layer.Dbf, encoding);
            var shxCount = layer.Shx is null ? (long?)null : (new FileInfo(layer.Shx).Length - 100) / 8;
            if (shxCount is { } n && n != dbf.RecordCount)
                throw new BorderFileException("shx_dbf_mismatch",
                    $"{layer.Name}.shx indexes {n} shapes but {layer.Name}.dbf has {dbf.RecordCount} records: the parts do not belong together",
                    [layer.Name, Number(n), Number(dbf.RecordCount)]);

            for (var index = 0; ; index++)
            {
                List<Coordinate[]>? parts = null;
                string? problem = null;
                bool more;
                try
                {
                    more = shp.Next(out parts);
                }
                catch (FeatureProblemException e)
                {
                    (more, problem) = (true, e.Message);
                }
                if (!more)
                {
                    if (index < dbf.RecordCount)
                        throw new BorderFileException("shp_dbf_mismatch",
                            $"{layer.Name}.shp has {index} shapes but {layer.Name}.dbf has {dbf.RecordCount} records",
                            [layer.Name, Number(index), Number(dbf.RecordCount)]);
                    yield break;
                }
                if (!ReadAttributes(dbf, layer.Name, index, out var properties))
                    continue;
                if (problem is not null)
                {
                    yield return new BorderFeature(index, properties, null, problem);
                    continue;
                }
                yield return Feature(index, properties, parts, crs);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static BorderFeature Feature(
        int index, Dictionary<string, string?> properties, List<Coordinate[]>? parts, InputCrs crs)
    {
        if (parts is null || parts.Count == 0)
            return new(index, properties, null, "no geometry: the record is a null shape");
        try
        {
            var rings = new List<LinearRing>(parts.Count);
            for (var p = 0; p < parts.Count; p++)
                rings.Add(Rings.Make(parts[p], crs, $"part {p + 1}"));
            return new(index, properties, Rings.FromUnorderedRings(rings), null);
        }
        catch (FeatureProblemException e)
        {
            return new(index, properties, null, e.Message) { ProblemKind = e.Kind, ProblemPlace = e.Place };
        }
    }

    /// <summary>
    /// The record's attributes as text. False for a record marked deleted: GIS tools hide those, so they are
    /// skipped here too (its index is still used up, keeping indexes equal to record numbers).
    /// </summary>
    private static bool ReadAttributes(DbfReader dbf, string layer, int index, out Dictionary<string, string?> properties)
    {
        properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        bool deleted;
        try
        {
            if (!dbf.Read(out deleted))
                throw new BorderFileException("dbf_short", $"{layer}.dbf has fewer records than {layer}.shp has shapes", [layer]);
        }
        catch (Exception e) when (e is not BorderFileException)
        {
            throw new BorderFileException("dbf_record_unreadable", $"{layer}.dbf record {index + 1} cannot be read: {e.Message}",
                [layer, Number(index + 1)], e);
        }
        if (deleted)
            return false;
        foreach (var field in dbf.Fields)
            properties[field.Name] = Text(field.Value);
        return true;
    }

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static Layer Extract(Stream input, string dir)
    {
        // A zip is read from its end, so a forward-only upload is first spooled to disk rather than to memory.
        Stream seekable = input;
        if (!input.CanSeek)
        {
            seekable = new FileStream(Path.Combine(dir, "upload.zip"), FileMode.Create, FileAccess.ReadWrite,
                FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            input.CopyTo(seekable);
            seekable.Position = 0;
        }
        try
        {
            using var zip = OpenZip(seekable);
            var entries = zip.Entries
                .Where(e => e.Name.Length > 0 && !e.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal)
                            && !e.Name.StartsWith("._", StringComparison.Ordinal))
                .ToList();
            var shps = entries.Where(e => HasExtension(e, ".shp")).ToList();
            if (shps.Count == 0)
                throw entries.Count == 0
                    ? new BorderFileException("zip_empty", "the zip is empty; it must hold a Shapefile layer (.shp, .shx, .dbf, .prj)")
                    : new BorderFileException("zip_no_shp", $"the zip holds no .shp file (it holds {string.Join(", ", entries.Take(8).Select(e => e.FullName))})",
                        [string.Join(", ", entries.Take(8).Select(e => e.FullName))]);
            if (shps.Count > 1)
                throw new BorderFileException("zip_several_layers",
                    $"the zip holds several layers ({string.Join(", ", shps.Select(e => e.FullName))}); put one layer in each zip",
                    [string.Join(", ", shps.Select(e => e.FullName))]);
            var shp = shps[0];
            var stem = shp.FullName[..^4];
            ZipArchiveEntry? Part(string ext) =>
                entries.FirstOrDefault(e => string.Equals(e.FullName, stem + ext, StringComparison.OrdinalIgnoreCase));
            var name = Path.GetFileName(stem);
            var dbf = Part(".dbf") ?? throw new BorderFileException("zip_no_dbf",
                $"the zip has {shp.FullName} but no {name}.dbf: a Shapefile's attributes (codes, names) are in its .dbf; add it",
                [shp.FullName, name]);
            var prj = Part(".prj") ?? throw new BorderFileException("zip_no_prj",
                $"the zip has {shp.FullName} but no {name}.prj: without the .prj the coordinate system is unknown; add it " +
                "(it must be geographic WGS-84 or CGCS2000)", [shp.FullName, name]);
            var shx = Part(".shx");
            var cpg = Part(".cpg");
            // Fixed names on disk: an entry's own path could point outside the folder ("../..").
            return new Layer(name,
                Save(shp, dir, "layer.shp"),
                shx is null ? null : Save(shx, dir, "layer.shx"),
                Save(dbf, dir, "layer.dbf"),
                Save(prj, dir, "layer.prj"),
                cpg is null ? null : Save(cpg, dir, "layer.cpg"));
        }
        finally
        {
            if (!ReferenceEquals(seekable, input))
                seekable.Dispose();
        }
    }

    private static ZipArchive OpenZip(Stream seekable)
    {
        try
        {
            return new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new BorderFileException("zip_invalid", $"not a zip archive: {e.Message}", null, e);
        }
    }

    private static bool HasExtension(ZipArchiveEntry e, string ext) =>
        e.Name.EndsWith(ext, StringComparison.OrdinalIgnoreCase);

    private static string Save(ZipArchiveEntry entry, string dir, string fileName)
    {
        if (entry.Length > MaxPartBytes)
            throw new BorderFileException("zip_part_too_large", $"{entry.FullName} is larger than a Shapefile part can be (4 GB)", [entry.FullName]);
        var path = Path.Combine(dir, fileName);
        try
        {
            using var source = entry.Open();
            using var target = File.Create(path);
            // Length is what the zip claims; the copy is capped too in case the claim is false.
            var buffer = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                if ((total += n) > MaxPartBytes)
                    throw new BorderFileException("zip_part_too_large", $"{entry.FullName} unpacks to more than 4 GB", [entry.FullName]);
                target.Write(buffer, 0, n);
            }
        }
        catch (InvalidDataException e)
        {
            throw new BorderFileException("zip_part_damaged", $"{entry.FullName} in the zip is damaged: {e.Message}", [entry.FullName], e);
        }
        return path;
    }
}
