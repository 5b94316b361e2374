using Microsoft.Extensions.Localization;
using Wangge.Resources;

namespace Wangge.Grids;

/// <summary>
/// The reasons Wangge itself writes on a border version or a business move, kept as these fixed words (which older
/// databases hold too) and shown in the page's language; a reason a user typed is shown as typed.
/// </summary>
public static class BorderReasons
{
    public const string DemoDistrict = "demo district";
    public const string Import = "border import";
    public const string PlanAdopted = "districting plan adopted";

    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        [DemoDistrict] = "BorderReason.DemoDistrict",
        [Import] = "BorderReason.Import",
        [PlanAdopted] = "BorderReason.PlanAdopted",
    };

    public static string Text(IStringLocalizer<SharedResource> t, string? reason) =>
        reason is not null && Keys.TryGetValue(reason, out var key) ? t[key].Value : reason ?? "";
}
