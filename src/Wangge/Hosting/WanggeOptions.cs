namespace Wangge.Hosting;

/// <summary>
/// Settings of one Wangge process, bound from the "Wangge" section of appsettings, WANGGE_* environment
/// variables and command-line arguments (later sources win). See appsettings.example.json.
/// </summary>
public sealed class WanggeOptions
{
    public const string Section = "Wangge";

    /// <summary>SQLite file path or connection string, or a PostgreSQL connection string (<c>Host=…</c>).</summary>
    public string Db { get; set; } = "wangge.db";

    /// <summary>True when started by <c>wangge demo</c>: demo accounts may keep their published password.</summary>
    public bool DemoMode { get; set; }

    /// <summary>Lifetime of API bearer tokens.</summary>
    public int TokenLifetimeMinutes { get; set; } = 480;

    /// <summary>Login attempts allowed per client address per minute, across UI and API.</summary>
    public int LoginAttemptsPerMinute { get; set; } = 20;

    /// <summary>
    /// Mark the sign-in cookie Secure even on plain-HTTP requests: set it when a proxy terminates TLS in front
    /// of Wangge. Without it the cookie is Secure whenever the request came over HTTPS.
    /// </summary>
    public bool SecureCookies { get; set; }

    /// <summary>
    /// The jurisdiction's time zone: an IANA id or a fixed offset such as <c>+08:00</c>. Every date-only rule and
    /// every "today" is the date in this zone (read by <see cref="Core.Common.JurisdictionClock"/>).
    /// </summary>
    public string TimeZone { get; set; } = Core.Common.JurisdictionClock.DefaultZoneId;

    /// <summary>Map tile URL template; empty draws borders on a plain background (no network needed).</summary>
    public string TileUrl { get; set; } = "";

    public string TileAttribution { get; set; } = "";
}
