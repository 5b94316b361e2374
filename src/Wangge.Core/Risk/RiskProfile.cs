using Wangge.Core.Businesses;

namespace Wangge.Core.Risk;

/// <summary>
/// One recorded supervision result. <see cref="Failed"/> matters for inspections and spot checks only (a passed one
/// adds no risk); a violation, penalty, complaint or missed rectification is adverse in itself.
/// </summary>
public readonly record struct SupervisionFact(SupervisionEventKind Kind, DateOnly OccurredOn, bool Failed);

/// <summary>A licence the business holds; a null <see cref="ExpiresOn"/> never expires.</summary>
public readonly record struct LicenceFact(LicenceKind Kind, DateOnly? ExpiresOn);

/// <summary>
/// Everything the score reads about one business (domain §5). <see cref="History"/> may hold older events: the
/// scorer itself keeps to the last three years before the rating date.
/// </summary>
public sealed record RiskProfile(SectorSet Sectors, BusinessScale Scale, bool KeyIndustry,
    IReadOnlyList<SupervisionFact> History, IReadOnlyList<LicenceFact> Licences, DateOnly? LastInspectedOn, DateOnly OpenedOn);
