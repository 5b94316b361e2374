using Wangge.Core.Common;

namespace Wangge.Core.Businesses;

/// <summary>
/// The lines of work a business is supervised under (a restaurant that also sells packaged food is both).
/// Stored as a bit mask so a ledger filter by sector is one indexed-free integer test in SQL.
/// </summary>
public readonly record struct SectorSet(int Mask)
{
    public static SectorSet Of(params IEnumerable<Sector> sectors)
    {
        var mask = 0;
        foreach (var s in sectors) mask |= Bit(s);
        return new SectorSet(mask);
    }

    public static int Bit(Sector sector)
    {
        if (!Enum.IsDefined(sector)) throw RuleViolation.Invalid("sectors", "sector_unknown", $"'{sector}' is not a sector.");
        return 1 << (int)sector;
    }

    public bool IsEmpty => Mask == 0;

    public bool Contains(Sector sector) => (Mask & Bit(sector)) != 0;

    public SectorSet With(Sector sector) => new(Mask | Bit(sector));

    public IReadOnlyList<Sector> ToList()
    {
        var list = new List<Sector>();
        foreach (var s in Enum.GetValues<Sector>())
            if ((Mask & (1 << (int)s)) != 0) list.Add(s);
        return list;
    }

    public override string ToString() => string.Join(",", ToList());
}
