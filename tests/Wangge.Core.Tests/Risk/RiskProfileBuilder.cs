using Wangge.Core.Businesses;
using Wangge.Core.Risk;

namespace Wangge.Core.Tests.Risk;

/// <summary>
/// Builds the profile of one business as of <see cref="AsOf"/>. The starting points are clean: inspected three
/// months ago, holding the licence the sector requires, nothing on record.
/// </summary>
internal sealed class RiskProfileBuilder
{
    public static readonly DateOnly AsOf = new(2026, 6, 30);

    private SectorSet _sectors;
    private BusinessScale _scale = BusinessScale.Micro;
    private bool _keyIndustry;
    private readonly List<SupervisionFact> _history = [];
    private readonly List<LicenceFact> _licences = [];
    private DateOnly? _lastInspectedOn = AsOf.AddMonths(-3);
    private DateOnly _openedOn = new(2015, 3, 1);

    private RiskProfileBuilder(params Sector[] sectors) => _sectors = SectorSet.Of(sectors);

    /// <summary>A micro retail shop; retail needs no licence.</summary>
    public static RiskProfileBuilder Retail() => new(Sector.Retail);

    /// <summary>A small restaurant with its food business licence.</summary>
    public static RiskProfileBuilder Catering() =>
        new RiskProfileBuilder(Sector.Catering).Scale(BusinessScale.Small).Licence(LicenceKind.FoodBusiness, AsOf.AddYears(3));

    /// <summary>A small food factory with its food production licence.</summary>
    public static RiskProfileBuilder FoodProducer() =>
        new RiskProfileBuilder(Sector.FoodProduction).Scale(BusinessScale.Small).Licence(LicenceKind.FoodProduction, AsOf.AddYears(3));

    /// <summary>Only the given sectors, micro, no licences.</summary>
    public static RiskProfileBuilder Of(params Sector[] sectors) => new(sectors);

    public RiskProfileBuilder Scale(BusinessScale scale)
    {
        _scale = scale;
        return this;
    }

    public RiskProfileBuilder KeyIndustry()
    {
        _keyIndustry = true;
        return this;
    }

    public RiskProfileBuilder Event(SupervisionEventKind kind, DateOnly on, bool failed = true)
    {
        _history.Add(new SupervisionFact(kind, on, failed));
        return this;
    }

    /// <summary>A failed spot check <paramref name="monthsAgo"/> months before <see cref="AsOf"/>.</summary>
    public RiskProfileBuilder FailedSpotCheck(int monthsAgo = 2) => Event(SupervisionEventKind.SpotCheck, AsOf.AddMonths(-monthsAgo));

    public RiskProfileBuilder Times(int n, SupervisionEventKind kind, DateOnly on)
    {
        for (var i = 0; i < n; i++) Event(kind, on);
        return this;
    }

    public RiskProfileBuilder Licence(LicenceKind kind, DateOnly? expiresOn)
    {
        _licences.Add(new LicenceFact(kind, expiresOn));
        return this;
    }

    public RiskProfileBuilder WithoutLicences()
    {
        _licences.Clear();
        return this;
    }

    public RiskProfileBuilder LastInspected(DateOnly? on)
    {
        _lastInspectedOn = on;
        return this;
    }

    public RiskProfileBuilder Opened(DateOnly on)
    {
        _openedOn = on;
        return this;
    }

    public RiskProfile Build() => new(_sectors, _scale, _keyIndustry, _history.ToList(), _licences.ToList(), _lastInspectedOn, _openedOn);
}
