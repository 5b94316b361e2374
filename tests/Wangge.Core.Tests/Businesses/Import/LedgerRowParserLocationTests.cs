using Wangge.Core.Businesses;
using Wangge.Core.Businesses.Import;

namespace Wangge.Core.Tests.Businesses.Import;

public sealed class LedgerRowParserLocationTests
{
    private static RowProblem SingleProblem(LedgerRowBuilder row, string field, string code) => row.SingleProblem(field, code);

    [Theory]
    [InlineData(LedgerField.Lon, "lon", "lon_required")]
    [InlineData(LedgerField.Lat, "lat", "lat_required")]
    public void Parse_MissingCoordinate_IsRequired(LedgerField field, string name, string code)
    {
        SingleProblem(new LedgerRowBuilder().With(field, null), name, code);
    }

    [Fact]
    public void Parse_NonNumericCoordinate_IsInvalid()
    {
        SingleProblem(new LedgerRowBuilder().With(LedgerField.Lat, "23度"), "lat", "coordinate_invalid");
    }

    [Theory]
    [InlineData("72.9", "23.1", "lon", Label = "west of China")]
    [InlineData("136.1", "23.1", "lon", Label = "east of China")]
    [InlineData("113.2", "2.9", "lat", Label = "south of China")]
    [InlineData("113.2", "54.1", "lat", Label = "north of China")]
    [InlineData("-113.2", "23.1", "lon", Label = "western hemisphere sign")]
    public void Parse_CoordinateOutsideChina_IsRefused(string lon, string lat, string field)
    {
        var problem = SingleProblem(new LedgerRowBuilder().With(LedgerField.Lon, lon).With(LedgerField.Lat, lat), field, "coordinates_outside_china");

        Assert.DoesNotContain("swapped", problem.Message);
    }

    [Fact]
    public void Parse_SwappedCoordinates_SaySo()
    {
        var problem = SingleProblem(new LedgerRowBuilder().With(LedgerField.Lon, "23.1658").With(LedgerField.Lat, "113.2731"), "lon", "coordinates_outside_china");

        Assert.Contains("swapped", problem.Message);
    }

    [Fact]
    public void Parse_BothCoordinatesOutsideChinaButNotSwapped_GivesOneProblemEach()
    {
        var result = new LedgerRowBuilder().With(LedgerField.Lon, "2.35").With(LedgerField.Lat, "48.85").Parse();

        Assert.Equal(["lon"], result.Problems.Select(p => p.Field));
        result = new LedgerRowBuilder().With(LedgerField.Lon, "200").With(LedgerField.Lat, "-5").Parse();
        Assert.Equal(["lon", "lat"], result.Problems.Select(p => p.Field));
    }

    // Shenzhen, a reference pair of the public implementations (googollee/eviltransform tests).
    private const double WgsLon = 113.912316, WgsLat = 22.543847;
    private const string GcjLon = "113.9171764808363", GcjLat = "22.540796131694766";

    private static void AssertAtWgs84(BusinessFacts facts)
    {
        Assert.True(Math.Abs(facts.Lon - WgsLon) < 1e-7, $"lon {facts.Lon:R}");
        Assert.True(Math.Abs(facts.Lat - WgsLat) < 1e-7, $"lat {facts.Lat:R}");
    }

    [Fact]
    public void Parse_FileSaysGcj02_ConvertsToWgs84()
    {
        AssertAtWgs84(new LedgerRowBuilder().With(LedgerField.Lon, GcjLon).With(LedgerField.Lat, GcjLat).Facts(gcj02: true));
    }

    [Theory]
    [InlineData("GCJ-02")]
    [InlineData("gcj02")]
    [InlineData("火星坐标")]
    public void Parse_RowSaysGcj02_ConvertsToWgs84(string crs)
    {
        AssertAtWgs84(new LedgerRowBuilder().With(LedgerField.Lon, GcjLon).With(LedgerField.Lat, GcjLat).With(LedgerField.Crs, crs).Facts());
    }

    [Fact]
    public void Parse_RowSaysWgs84InAGcj02File_IsNotConverted()
    {
        var facts = new LedgerRowBuilder().With(LedgerField.Lon, "113.912316").With(LedgerField.Lat, "22.543847").With(LedgerField.Crs, "WGS-84").Facts(gcj02: true);

        Assert.Equal((WgsLon, WgsLat), (facts.Lon, facts.Lat));
    }

    [Theory]
    [InlineData("BD-09", "Baidu", Label = "Baidu's own shift is not accepted")]
    [InlineData("北京54", "WGS-84 or GCJ-02", Label = "anything else")]
    public void Parse_UnknownCrs_IsRefused(string crs, string hint)
    {
        var problem = SingleProblem(new LedgerRowBuilder().With(LedgerField.Crs, crs), "crs", "crs_unknown");

        Assert.Contains(hint, problem.Message);
    }
}
