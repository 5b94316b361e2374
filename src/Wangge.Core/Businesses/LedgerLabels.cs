using Wangge.Core.Risk;

namespace Wangge.Core.Businesses;

/// <summary>
/// The Chinese words a printed ledger uses for each value. Exports write them and the import reads them
/// back (a test holds every label to that), so a ledger can go out to a spreadsheet and come back in.
/// </summary>
public static class LedgerLabels
{
    public static string Of(Sector s) => s switch
    {
        Sector.FoodProduction => "食品生产",
        Sector.FoodSale => "食品销售",
        Sector.Catering => "餐饮服务",
        Sector.DrinkingWater => "饮用水",
        Sector.Cosmetics => "化妆品",
        Sector.LeatherGoods => "皮具",
        Sector.Garments => "服装",
        Sector.AudioVideo => "音像制品",
        Sector.SpecialEquipmentUse => "特种设备使用",
        Sector.MeasuringInstruments => "计量器具",
        Sector.IndustrialProductsUnderLicence => "工业产品",
        Sector.Retail => "零售",
        _ => s.ToString(),
    };

    public static string Of(BusinessKind k) => k switch
    {
        BusinessKind.Enterprise => "企业",
        BusinessKind.IndividualHousehold => "个体工商户",
        BusinessKind.Cooperative => "农民专业合作社",
        BusinessKind.Branch => "分支机构",
        _ => k.ToString(),
    };

    public static string Of(BusinessScale s) => s switch
    {
        BusinessScale.Micro => "微型",
        BusinessScale.Small => "小型",
        BusinessScale.Medium => "中型",
        BusinessScale.Large => "大型",
        _ => s.ToString(),
    };

    public static string Of(BusinessStatus s) => s switch
    {
        BusinessStatus.Operating => "在营",
        BusinessStatus.Suspended => "停业",
        BusinessStatus.Closed => "注销",
        _ => s.ToString(),
    };

    /// <summary>A risk class as the UI writes it (A类); the import reads it back, with or without 类.</summary>
    public static string Of(RiskClass c) => $"{c}类";

    /// <summary>The column of key firms (重点企业, <see cref="LedgerCountRules.IsKeyFirm"/>) in a summary.</summary>
    public const string KeyFirms = "重点企业";

    public static string Of(LicenceKind k) => k switch
    {
        LicenceKind.FoodProduction => "食品生产许可证",
        LicenceKind.FoodBusiness => "食品经营许可证",
        LicenceKind.SmallFoodRegistration => "小作坊登记证",
        LicenceKind.IndustrialProduct => "工业产品生产许可证",
        LicenceKind.SpecialEquipmentUse => "特种设备使用登记证",
        LicenceKind.Cosmetics => "化妆品生产许可证",
        LicenceKind.Hygiene => "卫生许可证",
        LicenceKind.Metrology => "计量器具型式批准证书",
        _ => "其他",
    };

    public static string Of(LicenceState s) => s switch
    {
        LicenceState.Valid => "有效",
        LicenceState.ExpiringSoon => "即将到期",
        _ => "已过期",
    };

    public static string Of(FoodRiskLevel l) => l switch
    {
        FoodRiskLevel.Low => "低",
        FoodRiskLevel.Medium => "中",
        _ => "高",
    };
}
