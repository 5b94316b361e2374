using Wangge.Core.Businesses;

namespace Wangge.Demo;

/// <summary>Fictional but plausible names, people, phone numbers, credit codes and licence numbers for the demo ledger.</summary>
public sealed class DemoNames(Random random)
{
    private static readonly string[] Words =
    [
        "恒丰", "鑫源", "宏达", "金穗", "华信", "永兴", "嘉利", "顺发", "富康", "联合", "兴旺", "新概念", "美雅", "万家", "丰泽",
        "德信", "和盛", "利民", "天成", "荣昌", "盈科", "佳美", "俊杰", "广源", "瑞祥", "雅诗", "康泰", "宝丰", "东润", "南粤",
        "泰和", "鸿运", "同心", "聚福", "锦绣", "诚信", "益民", "新城", "白云山", "珠江", "岭南", "金沙", "彩虹", "明珠", "乐活",
    ];

    private static readonly string[] Surnames = ["陈", "李", "黄", "张", "梁", "刘", "林", "何", "罗", "王", "吴", "郑", "谢", "冯", "邓", "曾", "彭", "赖", "麦", "钟"];
    private static readonly string[] GivenChars = ["伟", "芳", "敏", "强", "婷", "军", "杰", "娟", "涛", "明", "慧", "斌", "琳", "健", "华", "玲", "志", "勇", "静", "俊", "嘉", "文", "雪", "峰", "燕"];

    public string Person() =>
        Surnames[random.Next(Surnames.Length)] + GivenChars[random.Next(GivenChars.Length)] +
        (random.NextDouble() < 0.6 ? GivenChars[random.Next(GivenChars.Length)] : "");

    public string Business(Sector sector, BusinessKind kind, DemoStreet street)
    {
        var word = Words[random.Next(Words.Length)] + (random.NextDouble() < 0.3 ? Words[random.Next(Words.Length)][..1] : "");
        var place = street.ShortName;
        var suffix = sector switch
        {
            Sector.FoodProduction => Pick("食品厂", "食品有限公司", "粮油加工厂", "糕点厂"),
            Sector.FoodSale => Pick("便利店", "副食店", "生鲜超市", "粮油店"),
            Sector.Catering => Pick("餐厅", "饭店", "茶餐厅", "小吃店", "粥粉面店", "烧腊店"),
            Sector.DrinkingWater => Pick("桶装水厂", "饮用水有限公司"),
            Sector.Cosmetics => Pick("化妆品有限公司", "日化有限公司", "美容用品厂"),
            Sector.LeatherGoods => Pick("皮具厂", "皮具有限公司", "箱包商行"),
            Sector.Garments => Pick("服装厂", "制衣有限公司", "服饰商行"),
            Sector.AudioVideo => Pick("音像店", "影音商行"),
            Sector.SpecialEquipmentUse => Pick("物流有限公司", "机械厂", "仓储有限公司", "电梯维保有限公司"),
            Sector.MeasuringInstruments => Pick("加油站", "眼镜店", "计量器具经营部"),
            Sector.IndustrialProductsUnderLicence => Pick("电线电缆厂", "建材有限公司", "塑料制品厂", "包装材料厂"),
            _ => Pick("五金店", "百货商行", "日用品店"),
        };
        return kind == BusinessKind.IndividualHousehold
            ? $"白云区{place}{word}{suffix.Replace("有限公司", "经营部")}"
            : kind == BusinessKind.Branch
                ? $"广州市{word}{suffix}{place}分公司"
                : $"广州市{place}{word}{suffix}";
    }

    /// <summary>
    /// A credit code valid under GB 32100-2015 for an entity registered in Baiyun (440111), with a valid
    /// GB 11714 organisation code inside. Fictional: drawn at random, not looked up.
    /// </summary>
    public string CreditCode(BusinessKind kind)
    {
        const string orgAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var entityType = kind switch { BusinessKind.IndividualHousehold => '2', BusinessKind.Cooperative => '3', _ => '1' };
        Span<char> org = stackalloc char[8];
        for (var i = 0; i < 8; i++) org[i] = orgAlphabet[random.Next(orgAlphabet.Length)];
        var first17 = $"9{entityType}440111{org}{Core.Businesses.CreditCode.OrganisationCheck(org)}";
        return first17 + Core.Businesses.CreditCode.CheckCharacter(first17);
    }

    /// <summary>A mainland mobile number, 1[3-9]x xxxx xxxx, written without spaces.</summary>
    public string Phone() => $"1{random.Next(3, 10)}{random.Next(0, 10)}{random.Next(0, 100_000_000):D8}";

    /// <summary>
    /// 食品生产许可证: SC + food category (3) + county (6) + sequence (4) + check (1) = SC and 14 digits.
    /// The check digit is ISO 7064 MOD 11,10, as fictional as the number.
    /// </summary>
    public string FoodProductionLicence(string category) => "SC" + WithCheck($"{category}{County}{random.Next(10_000):D4}");

    /// <summary>食品经营许可证: JY + main type (1 sale, 2 catering) + county (6) + sequence (6) + check (1) = JY and 14 digits.</summary>
    public string FoodBusinessLicence(bool catering) => "JY" + WithCheck($"{(catering ? 2 : 1)}{County}{random.Next(1_000_000):D6}");

    /// <summary>小餐饮/食品小店 registration (登记证) of a micro household.</summary>
    public string SmallFoodRegistration(int year) => $"粤白食登字〔{year}〕{random.Next(1, 10_000):D4}号";

    /// <summary>特种设备使用登记证: equipment code, 粤A (Guangzhou), sequence and the two-digit year of registration.</summary>
    public string SpecialEquipmentRegistration(string equipmentCode, int year) => $"{equipmentCode}粤A{random.Next(1, 100_000):D5}({year % 100:D2})";

    /// <summary>全国工业产品生产许可证: (粤)XK + product unit and line + sequence.</summary>
    public string IndustrialProductLicence(string productCode) => $"(粤)XK{productCode}-{random.Next(1, 100_000):D5}";

    /// <summary>化妆品生产许可证: 粤妆 + year of issue + sequence.</summary>
    public string CosmeticsLicence(int year) => $"粤妆{year}{random.Next(1, 10_000):D4}";

    /// <summary>卫生许可证 of a drinking-water maker.</summary>
    public string HygieneLicence(int year) => $"粤卫水证字〔{year}〕第{County}-{random.Next(1, 1_000):D3}号";

    private const string County = "440111";

    private static string WithCheck(string digits) => digits + LedgerCode.RegistrationCheckDigit(digits);

    private string Pick(params string[] options) => options[random.Next(options.Length)];
}
