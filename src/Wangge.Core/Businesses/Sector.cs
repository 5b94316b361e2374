namespace Wangge.Core.Businesses;

/// <summary>Lines of work the sources supervise (domain §4, §6; [000] lists Baiyun's key sectors).</summary>
public enum Sector
{
    FoodProduction,
    FoodSale,
    Catering,
    DrinkingWater,
    Cosmetics,
    LeatherGoods,
    Garments,
    AudioVideo,
    SpecialEquipmentUse,
    MeasuringInstruments,
    IndustrialProductsUnderLicence,
    Retail,
}

public enum BusinessKind
{
    Enterprise,
    IndividualHousehold,
    Cooperative,
    Branch,
}

public enum BusinessScale
{
    Micro,
    Small,
    Medium,
    Large,
}

public enum BusinessStatus
{
    Operating,
    Suspended,
    Closed,
}
