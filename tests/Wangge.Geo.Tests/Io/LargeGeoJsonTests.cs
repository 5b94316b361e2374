using System.Diagnostics;
using System.Text.Json;
using Wangge.Geo.Io;

namespace Wangge.Geo.Tests.Io;

// Memory is measured for the whole process, so nothing else may run beside it.
[CollectionDefinition(nameof(LargeGeoJsonTests), DisableParallelization = true)]
public sealed class LargeGeoJsonCollection;

/// <summary>
/// A 200 MB GeoJSON is streamed: every feature is read, and the memory held while reading stays a small
/// fraction of the file. The file is generated in the temp folder, as a real export would be: full-precision
/// coordinates (what QGIS and ArcGIS write), ~50 vertices per grid.
/// </summary>
[Collection(nameof(LargeGeoJsonTests))]
public class LargeGeoJsonTests
{
    private const int Features = 100_000;
    private const int Vertices = 50;
    private const long MiB = 1024 * 1024;

    [Fact]
    public void TwoHundredMegabyteFile_IsReadWhole_WithBoundedMemory()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wangge-large-{Guid.NewGuid():N}.geojson");
        try
        {
            Generate(path);
            var size = new FileInfo(path).Length;
            Assert.True(size > 190 * MiB, $"generated only {size / MiB} MiB");

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            long peakLive = 0, peakHeap = 0, count = 0, problems = 0, vertices = 0;
            var clock = Stopwatch.StartNew();
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
            {
                foreach (var f in BorderReader.Read(file, BorderFormat.GeoJson, InputCrs.Wgs84))
                {
                    count++;
                    if (f.Problem is not null)
                        problems++;
                    else
                        vertices += f.Geometry!.NumPoints;
                    if (count % 5_000 == 0)
                    {
                        // Before collecting: what the heap has grown to, garbage included. After: what the reader holds.
                        peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false) - baseline);
                        peakLive = Math.Max(peakLive, GC.GetTotalMemory(true) - baseline);
                    }
                }
            }
            clock.Stop();
            var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;

            TestContext.Current.TestOutputHelper?.WriteLine(
                $"file {size / (double)MiB:F1} MiB, {count} features, {vertices} vertices, read in {clock.Elapsed.TotalSeconds:F2} s " +
                $"({size / (double)MiB / clock.Elapsed.TotalSeconds:F0} MiB/s); managed growth peak live {peakLive / (double)MiB:F2} MiB, " +
                $"peak heap incl. garbage {peakHeap / (double)MiB:F1} MiB; allocated in total {allocated / (double)MiB:F0} MiB; " +
                $"process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (double)MiB:F0} MiB");
            Assert.Equal(Features, count);
            Assert.Equal(0, problems);
            Assert.Equal((long)Features * (Vertices + 1), vertices);
            Assert.True(peakLive < 64 * MiB, $"reader held {peakLive / MiB} MiB while reading a {size / MiB} MiB file");
            Assert.True(peakHeap < size / 2, $"heap grew by {peakHeap / MiB} MiB while reading a {size / MiB} MiB file");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A grid of star-shaped cells over Guangzhou, each a simple ring of 50 vertices, and some properties.</summary>
    private static void Generate(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var w = new Utf8JsonWriter(file);
        var random = new Random(20140);
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteStartArray("features");
        for (var i = 0; i < Features; i++)
        {
            var (cx, cy) = (112.9 + (i % 400) * 0.0025, 22.5 + (i / 400) * 0.005);
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WriteStartObject("properties");
            w.WriteString("code", $"440111{i:D8}");
            w.WriteString("name", $"第{i}网格");
            w.WriteString("parent", $"440111{i / 100:D6}");
            w.WriteNumber("workload", random.NextDouble() * 100);
            w.WriteEndObject();
            w.WriteStartObject("geometry");
            w.WriteString("type", "Polygon");
            w.WriteStartArray("coordinates");
            w.WriteStartArray();
            double firstX = 0, firstY = 0;
            for (var k = 0; k < Vertices; k++)
            {
                // Angle always increasing and radius positive: the ring cannot cross itself.
                var a = 2 * Math.PI * k / Vertices;
                var r = 0.001 * (0.7 + 0.3 * random.NextDouble());
                var (x, y) = (cx + r * Math.Cos(a), cy + r * Math.Sin(a));
                if (k == 0)
                    (firstX, firstY) = (x, y);
                WritePosition(w, x, y);
            }
            WritePosition(w, firstX, firstY);
            w.WriteEndArray();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            if (w.BytesPending > 1 << 16)
                w.Flush();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter w, double x, double y)
    {
        w.WriteStartArray();
        w.WriteNumberValue(x);
        w.WriteNumberValue(y);
        w.WriteEndArray();
    }
}
