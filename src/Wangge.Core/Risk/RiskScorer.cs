using System.Numerics;
using Wangge.Core.Businesses;

namespace Wangge.Core.Risk;

/// <summary>
/// Scores one business by <see cref="RiskRules"/> (docs/risk.md). The rules are validated and copied into arrays
/// here, so later changes to the options object do not reach a scorer already built; <see cref="Assess"/> then
/// allocates nothing but its result and is safe to call from many threads.
/// </summary>
public sealed class RiskScorer
{
    /// <summary>How far back the record counts: spot checks, violations and the rest of the last three years.</summary>
    public const int HistoryYears = 3;

    private const int FactorCount = 12;
    private const int SectorFactor = 0;
    private const int ScaleFactor = 1;
    private const int KeyIndustryFactor = 2;
    private const int SpotCheckFailedFactor = 3;
    private const int InspectionFailedFactor = 4;
    private const int ViolationFactor = 5;
    private const int PenaltyFactor = 6;
    private const int ComplaintFactor = 7;
    private const int RectificationMissedFactor = 8;
    private const int LicenceExpiredFactor = 9;
    private const int LicenceMissingFactor = 10;
    private const int InspectionOverdueFactor = 11;

    private static readonly string[] FactorNames =
    [
        RiskFactors.Sector, RiskFactors.Scale, RiskFactors.KeyIndustry, RiskFactors.SpotCheckFailed, RiskFactors.InspectionFailed,
        RiskFactors.Violation, RiskFactors.Penalty, RiskFactors.Complaint, RiskFactors.RectificationMissed,
        RiskFactors.LicenceExpired, RiskFactors.LicenceMissing, RiskFactors.InspectionOverdue,
    ];

    private static readonly int SectorCount = Enum.GetValues<Sector>().Length;
    private static readonly int ScaleCount = Enum.GetValues<BusinessScale>().Length;
    private static readonly int EventKindCount = Enum.GetValues<SupervisionEventKind>().Length;
    private static readonly int LicenceKindCount = Enum.GetValues<LicenceKind>().Length;

    private readonly double[] _sectorPoints;
    private readonly double[] _scalePoints;
    /// <summary>By event kind: the factor it feeds and the points of one event.</summary>
    private readonly int[] _eventFactor;
    private readonly double[] _eventPoints;
    private readonly bool[] _onlyWhenFailed;
    /// <summary>By sector: the licence kinds (as bits) of which one must be held; 0 = none required.</summary>
    private readonly int[] _requiredLicences;
    private readonly double _additionalSectorFraction, _keyIndustryPoints, _w1, _w2, _w3, _factorCap;
    private readonly double _expiredLicencePoints, _missingLicencePoints, _overduePointsPerYear, _overdueCap;
    private readonly int _graceYears;
    private readonly double _thresholdB, _thresholdC, _thresholdD, _foodMedium, _foodHigh;

    public RiskScorer(RiskRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        rules.Validate();
        _sectorPoints = new double[SectorCount];
        foreach (var (sector, points) in rules.SectorPoints) _sectorPoints[(int)sector] = points;
        _scalePoints = new double[ScaleCount];
        foreach (var (scale, points) in rules.ScalePoints) _scalePoints[(int)scale] = points;

        _eventFactor = new int[EventKindCount];
        _eventPoints = new double[EventKindCount];
        _onlyWhenFailed = new bool[EventKindCount];
        Event(SupervisionEventKind.SpotCheck, SpotCheckFailedFactor, rules.FailedSpotCheckPoints, onlyWhenFailed: true);
        Event(SupervisionEventKind.Inspection, InspectionFailedFactor, rules.FailedInspectionPoints, onlyWhenFailed: true);
        Event(SupervisionEventKind.Violation, ViolationFactor, rules.ViolationPoints);
        Event(SupervisionEventKind.Penalty, PenaltyFactor, rules.PenaltyPoints);
        Event(SupervisionEventKind.Complaint, ComplaintFactor, rules.ComplaintPoints);
        Event(SupervisionEventKind.RectificationMissed, RectificationMissedFactor, rules.RectificationMissedPoints);

        _requiredLicences = new int[SectorCount];
        foreach (var (sector, kinds) in rules.RequiredLicences)
            foreach (var kind in kinds) _requiredLicences[(int)sector] |= 1 << (int)kind;

        _additionalSectorFraction = rules.AdditionalSectorFraction;
        _keyIndustryPoints = rules.KeyIndustryPoints;
        (_w1, _w2, _w3) = (rules.WithinOneYearWeight, rules.WithinTwoYearsWeight, rules.WithinThreeYearsWeight);
        _factorCap = rules.FactorCap;
        _expiredLicencePoints = rules.ExpiredLicencePoints;
        _missingLicencePoints = rules.MissingLicencePoints;
        _graceYears = rules.InspectionGraceYears;
        _overduePointsPerYear = rules.InspectionOverduePointsPerYear;
        _overdueCap = rules.InspectionOverdueCap;
        (_thresholdB, _thresholdC, _thresholdD) = (rules.ThresholdB, rules.ThresholdC, rules.ThresholdD);
        (_foodMedium, _foodHigh) = (rules.FoodMediumThreshold, rules.FoodHighThreshold);

        void Event(SupervisionEventKind kind, int factor, double points, bool onlyWhenFailed = false)
        {
            _eventFactor[(int)kind] = factor;
            _eventPoints[(int)kind] = points;
            _onlyWhenFailed[(int)kind] = onlyWhenFailed;
        }
    }

    /// <summary>Scores <paramref name="profile"/> as of <paramref name="asOf"/> (the rating date, inclusive).</summary>
    public RiskAssessment Assess(RiskProfile profile, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Span<double> points = stackalloc double[FactorCount];
        Span<int> counts = stackalloc int[FactorCount];

        // Inherent: the riskiest sector in full, a fraction of the others.
        var mask = profile.Sectors.Mask;
        double highest = 0, total = 0;
        for (var s = 0; s < SectorCount; s++)
        {
            if ((mask & (1 << s)) == 0) continue;
            counts[SectorFactor]++;
            total += _sectorPoints[s];
            if (_sectorPoints[s] > highest) highest = _sectorPoints[s];
        }
        points[SectorFactor] = highest + _additionalSectorFraction * (total - highest);
        var scale = (int)profile.Scale;
        if ((uint)scale < (uint)ScaleCount) (points[ScaleFactor], counts[ScaleFactor]) = (_scalePoints[scale], 1);
        if (profile.KeyIndustry) (points[KeyIndustryFactor], counts[KeyIndustryFactor]) = (_keyIndustryPoints, 1);

        // Record: the last three years, recent years weighing more. Band ends are inclusive towards the past.
        var today = asOf.DayNumber;
        var oneYear = asOf.AddYears(-1).DayNumber;
        var twoYears = asOf.AddYears(-2).DayNumber;
        var threeYears = asOf.AddYears(-HistoryYears).DayNumber;
        var lastInspected = profile.LastInspectedOn?.DayNumber ?? int.MinValue;
        var history = profile.History;
        for (var i = 0; i < history.Count; i++)
        {
            var e = history[i];
            var kind = (int)e.Kind;
            if ((uint)kind >= (uint)EventKindCount) continue;
            var day = e.OccurredOn.DayNumber;
            if (day > today) continue;
            if (e.Kind is SupervisionEventKind.Inspection or SupervisionEventKind.SpotCheck && day > lastInspected) lastInspected = day;
            if (_onlyWhenFailed[kind] && !e.Failed) continue;
            var weight = day >= oneYear ? _w1 : day >= twoYears ? _w2 : day >= threeYears ? _w3 : 0;
            if (weight == 0) continue;
            var factor = _eventFactor[kind];
            counts[factor]++;
            points[factor] += weight * _eventPoints[kind];
        }

        // Licences: held kinds, kinds held only in expired form, required kinds missing altogether.
        int held = 0, valid = 0;
        var licences = profile.Licences;
        for (var i = 0; i < licences.Count; i++)
        {
            var l = licences[i];
            var kind = (int)l.Kind;
            if ((uint)kind >= (uint)LicenceKindCount) continue;
            held |= 1 << kind;
            if (l.ExpiresOn is not { } expires || expires.DayNumber >= today) valid |= 1 << kind;
        }
        var expired = BitOperations.PopCount((uint)(held & ~valid));
        (counts[LicenceExpiredFactor], points[LicenceExpiredFactor]) = (expired, expired * _expiredLicencePoints);
        Span<int> unmet = stackalloc int[SectorCount];
        var missing = 0;
        for (var s = 0; s < SectorCount; s++)
        {
            var required = _requiredLicences[s];
            if ((mask & (1 << s)) == 0 || required == 0 || (held & required) != 0) continue;
            if (unmet[..missing].Contains(required)) continue; // FoodSale and Catering need the same licence once
            unmet[missing++] = required;
        }
        (counts[LicenceMissingFactor], points[LicenceMissingFactor]) = (missing, missing * _missingLicencePoints);

        for (var f = SpotCheckFailedFactor; f <= LicenceMissingFactor; f++)
            if (points[f] > _factorCap) points[f] = _factorCap;

        // Supervision gap: full years since the last inspection (or opening), beyond the normal cycle.
        var since = lastInspected > profile.OpenedOn.DayNumber ? DateOnly.FromDayNumber(lastInspected) : profile.OpenedOn;
        var overdue = FullYears(since, asOf) - _graceYears;
        if (overdue > 0)
        {
            counts[InspectionOverdueFactor] = overdue;
            points[InspectionOverdueFactor] = Math.Min(overdue * _overduePointsPerYear, _overdueCap);
        }

        var listed = 0;
        double sum = 0;
        for (var f = 0; f < FactorCount; f++)
        {
            points[f] = Math.Round(points[f], 1, MidpointRounding.AwayFromZero);
            if (points[f] == 0) continue;
            listed++;
            sum += points[f];
        }
        RiskContribution[] contributions = listed == 0 ? [] : new RiskContribution[listed];
        for (int f = 0, n = 0; f < FactorCount; f++)
            if (points[f] != 0) contributions[n++] = new RiskContribution(FactorNames[f], counts[f], points[f]);

        var score = Math.Min(Math.Round(sum, 1, MidpointRounding.AwayFromZero), RiskAssessment.MaxScore);
        var cls = score >= _thresholdD ? RiskClass.D : score >= _thresholdC ? RiskClass.C : score >= _thresholdB ? RiskClass.B : RiskClass.A;
        var food = score >= _foodHigh ? FoodRiskLevel.High : score >= _foodMedium ? FoodRiskLevel.Medium : FoodRiskLevel.Low;
        return new RiskAssessment(score, cls, food, contributions);
    }

    /// <summary>Whole calendar years from <paramref name="from"/> to <paramref name="to"/>; 0 when <paramref name="to"/> is earlier.</summary>
    private static int FullYears(DateOnly from, DateOnly to)
    {
        if (to <= from) return 0;
        var years = to.Year - from.Year;
        return from.AddYears(years) > to ? years - 1 : years;
    }
}
