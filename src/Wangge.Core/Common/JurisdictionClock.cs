namespace Wangge.Core.Common;

/// <summary>
/// The jurisdiction's calendar and wall clock. Every date-only rule (licence expiry, overrides, rotation, deadlines,
/// "today's" defaults) is judged on the day where the grids are, not on the UTC date: between 00:00 and 08:00 in
/// Beijing the UTC date is still yesterday. Instants stay <see cref="DateTimeOffset"/> in UTC; this converts them
/// for display and for the day they fall on.
/// </summary>
public sealed class JurisdictionClock
{
    /// <summary>The zone used when none is configured: mainland China has kept UTC+8 without daylight saving since 1991.</summary>
    public const string DefaultZoneId = "Asia/Shanghai";

    private readonly TimeProvider clock;

    public JurisdictionClock(TimeProvider clock, TimeZoneInfo zone)
    {
        this.clock = clock;
        Zone = zone;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The current instant in UTC, for what is stored: events, audit entries and expiries stay instants.</summary>
    public DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    /// <summary>The current instant, in the jurisdiction's offset.</summary>
    public DateTimeOffset Now => ToLocal(clock.GetUtcNow());

    /// <summary>The jurisdiction's date now.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    /// <summary>The instant in the jurisdiction's offset (the same instant, shown as local wall-clock time).</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The jurisdiction's date on which the instant falls.</summary>
    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The first instant of the jurisdiction's day (local midnight).</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }

    /// <summary>
    /// An instant as people read it where the grids are, with the offset so that nobody takes it for UTC or for
    /// their own zone: <c>2026-12-07 07:30 (UTC+8)</c>. The one format for every created/recorded/audited time.
    /// </summary>
    public string Show(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var zone = offset.Minutes == 0 ? $"{Math.Abs(offset.Hours)}" : $"{Math.Abs(offset.Hours)}:{Math.Abs(offset.Minutes):D2}";
        return local.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + $" (UTC{sign}{zone})";
    }

    /// <summary>
    /// The zone named by an IANA id (<c>Asia/Shanghai</c>) or a fixed offset (<c>+08:00</c>). A machine without
    /// time-zone data (a slim container without tzdata) still gets China's zone, which is a fixed UTC+8.
    /// </summary>
    public static TimeZoneInfo FindZone(string? id)
    {
        id = string.IsNullOrWhiteSpace(id) ? DefaultZoneId : id.Trim();
        if (TryFixedOffset(id, out var fixedZone)) return fixedZone;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            if (ChinaZones.Contains(id))
                return TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(8), id, id);
            throw new RuleViolation("time_zone_unknown", $"Time zone '{id}' is not known on this machine: use an IANA id such as Asia/Shanghai, or an offset such as +08:00.", "timeZone");
        }
    }

    private static readonly HashSet<string> ChinaZones = new(StringComparer.OrdinalIgnoreCase)
    {
        "Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "Asia/Urumqi", "PRC", "China Standard Time",
    };

    private static bool TryFixedOffset(string id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (id.Length != 6 || id[0] is not ('+' or '-') || id[3] != ':'
            || !int.TryParse(id.AsSpan(1, 2), out var hours) || !int.TryParse(id.AsSpan(4, 2), out var minutes)
            || hours > 14 || minutes > 59)
            return false;
        var offset = new TimeSpan(hours, minutes, 0) * (id[0] == '-' ? -1 : 1);
        zone = TimeZoneInfo.CreateCustomTimeZone(id, offset, id, id);
        return true;
    }
}
