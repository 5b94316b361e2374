using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Wangge.Components.Shared;
using Wangge.Core.Common;
using Wangge.Geo.Io;
using Wangge.Grids;
using Wangge.Resources;

namespace Wangge.Tests.Grids;

/// <summary>Why a border file is refused is said in the page's language, with the values the readers found.</summary>
public sealed class BorderFileTextTests
{
    private static IStringLocalizer<SharedResource> Localizer() =>
        new StringLocalizer<SharedResource>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    private static BorderFileException Refusal(string text, string? name = null)
    {
        var bytes = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return Assert.Throws<BorderFileException>(() =>
            BorderReader.Read(bytes, BorderReader.Sniff(bytes, name), InputCrs.Wgs84).ToList());
    }

    private static string InCulture(string culture, Func<string> say)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try { return say(); }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    [Theory]
    [InlineData("zh-CN", "这是 TopoJSON，不是 GeoJSON；请先转换（例如用 topojson-client 的 topo2geo）。")]
    [InlineData("en", "This is TopoJSON, not GeoJSON; convert it first (e.g. with topojson-client's topo2geo).")]
    public void TopoJson_IsNamedInTheCulturesLanguage(string culture, string expected)
    {
        var e = Refusal("{\"type\":\"Topology\",\"objects\":{}}");

        Assert.Equal(expected, InCulture(culture, () => BorderFileText.Of(Localizer(), e)));
    }

    [Fact]
    public void BrokenJson_SaysWhereInChinese_WithoutTheRuntimesEnglish()
    {
        var e = Refusal("{\"type\":\"FeatureCollection\",\n \"features\": [}");

        var text = InCulture("zh-CN", () => BorderFileText.Of(Localizer(), e));

        Assert.Equal("文件不是有效的 JSON（错误位于第 2 行第 15 个字节）。", text);
    }

    [Fact]
    public void PngUpload_SaysWhatItIs()
    {
        var e = Assert.Throws<BorderFileException>(() => BorderReader.Sniff(new MemoryStream([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]), "grids.geojson"));

        Assert.Equal("这是一张 PNG 图片，不是 GeoJSON 或压缩的 Shapefile。", InCulture("zh-CN", () => BorderFileText.Of(Localizer(), e)));
    }

    [Fact]
    public void RefusalCausedByABorderFile_EndsWithTheFilesOwnSentence()
    {
        var cause = Refusal("{\"type\":\"Topology\",\"objects\":{}}");
        var refusal = new RuleViolation("border_file_unusable", "The border file a.json cannot be read: " + cause.Message, "file", cause: cause)
            { Arguments = ["a.json"] };

        var text = InCulture("zh-CN", () => Refusals.Explain(Localizer(), refusal));

        Assert.Equal("无法读取边界文件 a.json：这是 TopoJSON，不是 GeoJSON；请先转换（例如用 topojson-client 的 topo2geo）。", text);
    }
}
