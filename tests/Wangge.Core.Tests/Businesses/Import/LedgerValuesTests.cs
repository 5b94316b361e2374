using Wangge.Core.Businesses;
using Wangge.Core.Businesses.Import;

namespace Wangge.Core.Tests.Businesses.Import;

public sealed class LedgerValuesTests
{
    [Theory]
    [InlineData("食品生产", Sector.FoodProduction, Label = "food production")]
    [InlineData("食品销售", Sector.FoodSale, Label = "food sale")]
    [InlineData("餐饮", Sector.Catering, Label = "catering, short form")]
    [InlineData("餐饮服务", Sector.Catering, Label = "catering")]
    [InlineData("生活饮用水", Sector.DrinkingWater, Label = "drinking water")]
    [InlineData("化妆品", Sector.Cosmetics, Label = "cosmetics")]
    [InlineData("皮革", Sector.LeatherGoods, Label = "leather")]
    [InlineData("服装", Sector.Garments, Label = "garments")]
    [InlineData("音像制品", Sector.AudioVideo, Label = "audio and video")]
    [InlineData("特种设备", Sector.SpecialEquipmentUse, Label = "special equipment")]
    [InlineData("计量", Sector.MeasuringInstruments, Label = "measuring instruments")]
    [InlineData("工业产品生产许可", Sector.IndustrialProductsUnderLicence, Label = "industrial products under licence")]
    [InlineData("其他零售", Sector.Retail, Label = "other retail")]
    [InlineData("Catering", Sector.Catering, Label = "English enum name")]
    [InlineData("food_sale", Sector.FoodSale, Label = "snake_case")]
    [InlineData("SPECIAL_EQUIPMENT_USE", Sector.SpecialEquipmentUse, Label = "upper snake_case")]
    public void TryParseSector_KnownWord_IsTheSector(string text, Sector expected)
    {
        Assert.True(LedgerValues.TryParseSector(text, out var sector));
        Assert.Equal(expected, sector);
    }

    [Fact]
    public void SplitList_EverySeparator_Splits()
    {
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "h"], LedgerValues.SplitList("a、b,c，d;e；f/g|h"));
        Assert.Equal(["餐饮服务"], LedgerValues.SplitList(" 餐饮服务 、 "));
    }

    [Theory]
    [InlineData("有限公司", BusinessKind.Enterprise, Label = "limited company")]
    [InlineData("企业", BusinessKind.Enterprise, Label = "enterprise")]
    [InlineData("个体工商户", BusinessKind.IndividualHousehold, Label = "individual household")]
    [InlineData("个体", BusinessKind.IndividualHousehold, Label = "individual household, short")]
    [InlineData("农民专业合作社", BusinessKind.Cooperative, Label = "farmers' cooperative")]
    [InlineData("分支机构", BusinessKind.Branch, Label = "branch")]
    [InlineData("individual_household", BusinessKind.IndividualHousehold, Label = "English")]
    public void TryParseKind_KnownWord_IsTheKind(string text, BusinessKind expected)
    {
        Assert.True(LedgerValues.TryParseKind(text, out var kind));
        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData("微型", BusinessScale.Micro)]
    [InlineData("小型", BusinessScale.Small)]
    [InlineData("中型", BusinessScale.Medium)]
    [InlineData("大型", BusinessScale.Large)]
    [InlineData("large", BusinessScale.Large)]
    public void TryParseScale_KnownWord_IsTheScale(string text, BusinessScale expected)
    {
        Assert.True(LedgerValues.TryParseScale(text, out var scale));
        Assert.Equal(expected, scale);
    }

    [Theory]
    [InlineData("存续", BusinessStatus.Operating, Label = "subsisting")]
    [InlineData("在业", BusinessStatus.Operating, Label = "in business")]
    [InlineData("开业", BusinessStatus.Operating, Label = "open")]
    [InlineData("存续（在营、开业、在册）", BusinessStatus.Operating, Label = "as the national credit system writes it")]
    [InlineData("歇业", BusinessStatus.Suspended, Label = "suspended (歇业 registration)")]
    [InlineData("停业", BusinessStatus.Suspended, Label = "suspended")]
    [InlineData("注销", BusinessStatus.Closed, Label = "deregistered")]
    [InlineData("吊销，未注销", BusinessStatus.Closed, Label = "licence revoked, not yet deregistered")]
    [InlineData("Closed", BusinessStatus.Closed, Label = "English")]
    public void TryParseStatus_KnownWord_IsTheStatus(string text, BusinessStatus expected)
    {
        Assert.True(LedgerValues.TryParseStatus(text, out var status));
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData("是", true)]
    [InlineData("否", false)]
    [InlineData("Y", true)]
    [InlineData("n", false)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public void TryParseBoolean_KnownWord_IsTheValue(string text, bool expected)
    {
        Assert.True(LedgerValues.TryParseBoolean(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("食品生产许可证", LicenceKind.FoodProduction)]
    [InlineData("食品经营许可证", LicenceKind.FoodBusiness)]
    [InlineData("餐饮服务许可证", LicenceKind.FoodBusiness, Label = "the pre-2015 catering licence, since merged into the food business licence")]
    [InlineData("小作坊登记证", LicenceKind.SmallFoodRegistration)]
    [InlineData("小餐饮登记证", LicenceKind.SmallFoodRegistration)]
    [InlineData("工业产品生产许可证", LicenceKind.IndustrialProduct)]
    [InlineData("特种设备使用登记证", LicenceKind.SpecialEquipmentUse)]
    [InlineData("化妆品生产许可证", LicenceKind.Cosmetics)]
    [InlineData("卫生许可证", LicenceKind.Hygiene)]
    [InlineData("计量器具型式批准证书", LicenceKind.Metrology)]
    [InlineData("food_business", LicenceKind.FoodBusiness, Label = "English")]
    public void TryParseLicenceKind_KnownWord_IsTheKind(string text, LicenceKind expected)
    {
        Assert.True(LedgerValues.TryParseLicenceKind(text, out var kind));
        Assert.Equal(expected, kind);
    }

    [Theory]
    [InlineData("wgs84", LedgerCrs.Wgs84)]
    [InlineData("WGS-84", LedgerCrs.Wgs84)]
    [InlineData("gcj02", LedgerCrs.Gcj02)]
    [InlineData("GCJ-02", LedgerCrs.Gcj02)]
    [InlineData("火星坐标", LedgerCrs.Gcj02)]
    public void TryParseCrs_KnownName_IsTheSystem(string text, LedgerCrs expected)
    {
        Assert.True(LedgerValues.TryParseCrs(text, out var crs));
        Assert.Equal(expected, crs);
    }

    [Theory]
    [InlineData("2021-03-15", Label = "ISO")]
    [InlineData("2021-3-15", Label = "ISO without leading zero")]
    [InlineData("2021/3/15", Label = "slashes, as Excel shows dates in a Chinese locale")]
    [InlineData("2021/03/15", Label = "slashes with leading zeros")]
    [InlineData("2021.3.15", Label = "dots")]
    [InlineData("20210315", Label = "eight digits")]
    [InlineData("2021年3月15日", Label = "Chinese")]
    [InlineData("2021年03月15日", Label = "Chinese with leading zeros")]
    [InlineData("２０２１－０３－１５", Label = "full-width")]
    [InlineData("2021-03-15 00:00:00", Label = "with a time of day from a database export")]
    [InlineData("44270", Label = "Excel serial number")]
    [InlineData("44270.75", Label = "Excel serial number with a time of day")]
    public void TryParseDate_AcceptedFormat_IsTheDate(string text)
    {
        Assert.True(LedgerValues.TryParseDate(text, out var date));
        Assert.Equal(new DateOnly(2021, 3, 15), date);
    }

    [Theory]
    [InlineData("2021-02-29", Label = "no such day")]
    [InlineData("2021-13-01", Label = "no such month")]
    [InlineData("15/03/2021", Label = "day first is ambiguous")]
    [InlineData("03/15/2021", Label = "month first is ambiguous")]
    [InlineData("2021-03", Label = "a month is not a date")]
    [InlineData("2021/03-15", Label = "mixed separators")]
    [InlineData("19999", Label = "a number below the Excel serial range")]
    [InlineData("80001", Label = "a number above the Excel serial range")]
    [InlineData("昨天", Label = "words")]
    public void TryParseDate_NoDate_IsRefused(string text)
    {
        Assert.False(LedgerValues.TryParseDate(text, out _));
    }

    [Fact]
    public void ExcelSerial_Bounds_AreTheDocumentedDates()
    {
        Assert.True(LedgerValues.TryParseDate("20000", out var low));
        Assert.True(LedgerValues.TryParseDate("80000", out var high));
        Assert.Equal(new DateOnly(1954, 10, 3), low);
        Assert.Equal(new DateOnly(2119, 1, 11), high);
    }

    [Fact]
    public void DateChecks_EarliestAndFuture_AreInclusiveAtTheirLimits()
    {
        var asOf = new DateOnly(2026, 3, 1);

        Assert.True(LedgerValues.IsTooEarly(new DateOnly(1949, 9, 30)));
        Assert.False(LedgerValues.IsTooEarly(new DateOnly(1949, 10, 1)));
        Assert.False(LedgerValues.IsInFuture(new DateOnly(2026, 3, 2), asOf));
        Assert.True(LedgerValues.IsInFuture(new DateOnly(2026, 3, 3), asOf));
    }

    [Theory]
    [InlineData("113.2644", 113.2644)]
    [InlineData(" 23.1 ", 23.1)]
    [InlineData("１１３．２６４４", 113.2644, Label = "full-width digits and point")]
    [InlineData("113.2644°", 113.2644, Label = "a degree sign")]
    [InlineData("-0.5", -0.5)]
    public void TryParseCoordinate_Decimal_IsTheValue(string text, double expected)
    {
        Assert.True(LedgerValues.TryParseCoordinate(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("113°15'52\"", Label = "degrees, minutes and seconds")]
    [InlineData("113,2644", Label = "a decimal comma")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("东经113度")]
    public void TryParseCoordinate_NoDecimal_IsRefused(string text)
    {
        Assert.False(LedgerValues.TryParseCoordinate(text, out _));
    }
}
