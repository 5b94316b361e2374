using Wangge.Core.Businesses;
using Wangge.Core.Risk;

namespace Wangge.Demo;

public sealed partial class DemoDistrict
{
    /// <summary>The risk score reads three years of history (domain §5), so the demo records that much.</summary>
    public const int HistoryYears = 3;
    /// <summary>Source and recorder of every generated event.</summary>
    public const string DemoSource = "demo";

    /// <summary>
    /// Routine inspections a year and the share of them that finds a problem, by line of work: the riskier the
    /// sector, the more often the grid team calls (producers two or three times a year, shops every year or two).
    /// </summary>
    private static readonly Dictionary<Sector, (double PerYear, double Fails)> Inspections = new()
    {
        [Sector.FoodProduction] = (2.0, 0.10),
        [Sector.DrinkingWater] = (1.5, 0.09),
        [Sector.Catering] = (0.8, 0.10),
        [Sector.SpecialEquipmentUse] = (0.8, 0.08),
        [Sector.Cosmetics] = (0.8, 0.08),
        [Sector.FoodSale] = (0.6, 0.08),
        [Sector.IndustrialProductsUnderLicence] = (0.6, 0.08),
        [Sector.LeatherGoods] = (0.5, 0.06),
        [Sector.MeasuringInstruments] = (0.5, 0.06),
        [Sector.Garments] = (0.5, 0.06),
        [Sector.AudioVideo] = (0.5, 0.06),
        [Sector.Retail] = (0.5, 0.06),
    };

    /// <summary>Official spot checks (监督抽检) a year: every producer about once, food shops now and then.</summary>
    private static readonly Dictionary<Sector, double> SpotChecksPerYear = new()
    {
        [Sector.FoodProduction] = 1.0,
        [Sector.DrinkingWater] = 1.0,
        [Sector.FoodSale] = 0.3,
    };

    private const double SpotCheckFails = 0.08;
    private const double ViolationShare = 0.02;
    /// <summary>Half of the violations end in a penalty: about 1 % of businesses.</summary>
    private const double PenaltyAfterViolation = 0.5;
    /// <summary>Complaints fall mostly on businesses that serve consumers; overall about 3 % of businesses.</summary>
    private const double ComplaintShareConsumerFacing = 0.045, ComplaintShareOther = 0.012;
    /// <summary>About 0.5 % of businesses miss a rectification deadline after a failed inspection.</summary>
    private const double RectificationMissedAfterFailure = 0.03;

    private static readonly Sector[] ConsumerFacing = [Sector.Catering, Sector.FoodSale, Sector.Retail, Sector.MeasuringInstruments];

    private static readonly string[] InspectionFindings =
        ["索证索票记录不全", "从业人员健康证明过期", "经营场所卫生状况不达标", "进货查验记录缺失", "超范围经营", "许可证未在显著位置悬挂", "设备维护保养记录缺失", "标签标识不规范"];
    private static readonly string[] SpotCheckFindings =
        ["抽检不合格：菌落总数超标", "抽检不合格：大肠菌群超标", "抽检不合格：过氧化值超标", "抽检不合格：二氧化硫残留量超标", "抽检不合格：苯甲酸超量使用"];
    private static readonly string[] ViolationFindings =
        ["经营超过保质期的食品", "未按规定进行进货查验", "使用未经检验的特种设备", "生产不符合标准的产品", "无证经营"];
    private static readonly string[] ComplaintFindings =
        ["消费者投诉：食品变质", "消费者投诉：价格欺诈", "消费者投诉：计量不足", "消费者投诉：就餐后身体不适", "群众举报：油烟噪音扰民"];

    /// <summary>
    /// Three years of supervision history for every business, from its opening (or three years back) to today or the
    /// day it closed or suspended. Inspections run at the sector's pace; a few businesses are careless and account for
    /// most of the findings, so some end in classes C and D. Marks each business's last inspection.
    /// </summary>
    private static List<SupervisionEvent> RecordHistory(IReadOnlyList<Business> businesses, Random random, DateOnly today, DateTimeOffset now)
    {
        var events = new List<SupervisionEvent>(BusinessCount * 3);
        var from = today.AddYears(-HistoryYears);
        foreach (var b in businesses)
        {
            var start = b.OpenedOn > from ? b.OpenedOn : from;
            var end = b.Status == BusinessStatus.Operating ? today : b.StatusSince ?? today;
            if (end < start) continue;
            var days = end.DayNumber - start.DayNumber;
            // Most businesses keep their house in order; about one in five is careless, one in seventeen persistently
            // so, and a business that let its licence lapse is careless at least.
            var care = random.NextDouble() switch { < 0.78 => 0.5, < 0.94 => 2.0, _ => 5.0 };
            if (care < 2.0 && b.Licences.Any(l => l.StateOn(today) == LicenceState.Expired)) care = 2.0;
            var sectors = b.Sectors.ToList();
            var (perYear, fails) = sectors.Select(s => Inspections[s]).MaxBy(p => p.PerYear);
            if (b.KeyIndustry) perYear *= 1.25;

            void Add(SupervisionEventKind kind, DateOnly on, bool failed, string? note)
            {
                events.Add(new SupervisionEvent(b.Id, kind, on, failed, null, note, DemoSource, RecordedAt(on, now), DemoSource, today));
                if (kind is SupervisionEventKind.Inspection or SupervisionEventKind.SpotCheck) b.NoteInspection(on);
            }
            DateOnly Later(DateOnly on, int min, int max) => on.AddDays(random.Next(min, max + 1));

            var failures = new List<DateOnly>();
            foreach (var on in Spread(random, start, days, perYear))
            {
                var failed = random.NextDouble() < fails * care;
                Add(SupervisionEventKind.Inspection, on, failed, failed ? Pick(random, InspectionFindings) : null);
                if (!failed) continue;
                failures.Add(on);
                if (random.NextDouble() < RectificationMissedAfterFailure && Later(on, 15, 45) is var due && due <= end)
                    Add(SupervisionEventKind.RectificationMissed, due, true, "责令限期改正逾期未整改");
            }
            var spotChecks = sectors.Sum(s => SpotChecksPerYear.GetValueOrDefault(s));
            foreach (var on in Spread(random, start, days, spotChecks))
            {
                var failed = random.NextDouble() < SpotCheckFails * care;
                Add(SupervisionEventKind.SpotCheck, on, failed, failed ? Pick(random, SpotCheckFindings) : null);
                if (failed) failures.Add(on);
            }

            if (random.NextDouble() < ViolationShare * care)
            {
                // A violation is mostly established from a failed check, within days of it.
                var on = failures.Count > 0 && random.NextDouble() < 0.7
                    ? Min(Later(failures[random.Next(failures.Count)], 0, 20), end)
                    : start.AddDays(random.Next(0, days + 1));
                Add(SupervisionEventKind.Violation, on, true, Pick(random, ViolationFindings));
                if (random.NextDouble() < PenaltyAfterViolation && Later(on, 20, 90) is var decided && decided <= end)
                    Add(SupervisionEventKind.Penalty, decided, true, "警告并处罚款");
            }
            var complaints = sectors.Any(ConsumerFacing.Contains) ? ComplaintShareConsumerFacing : ComplaintShareOther;
            if (random.NextDouble() < complaints * care)
                for (var k = random.NextDouble() < 0.25 ? 2 : 1; k > 0; k--)
                    Add(SupervisionEventKind.Complaint, start.AddDays(random.Next(0, days + 1)), true, Pick(random, ComplaintFindings));
        }
        return events;
    }

    /// <summary>
    /// Visits at <paramref name="perYear"/> over <paramref name="days"/> days from <paramref name="start"/> (the last day
    /// included): evenly spaced with jitter, as a work plan spreads them; a fractional visit happens by chance.
    /// </summary>
    private static IEnumerable<DateOnly> Spread(Random random, DateOnly start, int days, double perYear)
    {
        if (perYear <= 0) yield break;
        var count = (int)Math.Floor(perYear * days / 365.0 + random.NextDouble());
        var step = (days + 1) / (double)Math.Max(count, 1);
        for (var i = 0; i < count; i++)
            yield return start.AddDays(Math.Min(days, (int)((i + random.NextDouble()) * step)));
    }

    /// <summary>Recorded the working day it happened (10:00 Beijing time), or now if that is still to come today.</summary>
    private static DateTimeOffset RecordedAt(DateOnly on, DateTimeOffset now)
    {
        var at = new DateTimeOffset(on.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);
        return at < now ? at : now;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static string Pick(Random random, string[] options) => options[random.Next(options.Length)];
}
