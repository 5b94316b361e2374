using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Wangge.Resources;

namespace Wangge.Grids;

/// <summary>The words for a repair's changes (issue 11 §3), one wording for the import page, the API's readers and the CLI.</summary>
public static class RepairText
{
    public static string Kind(IStringLocalizer t, string kind)
    {
        var text = t[$"Repair_Kind_{kind}"];
        return text.ResourceNotFound ? kind : text.Value;
    }

    public static string Describe(IStringLocalizer t, ImportRepair r) =>
        t[$"Repair_{r.Kind}", r.Code, r.OtherCode ?? "", r.AreaM2.ToString("N1", CultureInfo.CurrentCulture), Place(t, r.Lon, r.Lat)].Value;

    public static string Ring(IStringLocalizer t, RingRepair r) =>
        t["Repair_Ring", r.Code, r.Name, r.AreaChangeM2.ToString("N2", CultureInfo.CurrentCulture)].Value;

    public static string Place(IStringLocalizer t, double lon, double lat) => t["Repair_Place", lon, lat].Value;

    /// <summary>The resources in English, for the command line, which runs without the web host's localization.</summary>
    public static IStringLocalizer English()
    {
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        return new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)
            .Create(typeof(SharedResource));
    }
}
