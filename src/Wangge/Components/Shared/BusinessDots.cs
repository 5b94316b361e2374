using Microsoft.Extensions.Localization;
using Wangge.Businesses;
using Wangge.Resources;

namespace Wangge.Components.Shared;

/// <summary>Businesses as the map module's dots (wwwroot/js/map.js <c>setBusinesses</c>): plain values, never markup.</summary>
public static class BusinessDots
{
    public static IReadOnlyList<object> Of(IEnumerable<BusinessView> businesses, IStringLocalizer<SharedResource> t) =>
        businesses.Select(b => (object)new
        {
            id = b.Id, lon = b.Lon, lat = b.Lat, name = b.Name, riskClass = b.RiskClass.ToString(), status = t[$"Status.{b.Status}"].Value,
        }).ToList();

    /// <summary>The module's own words, passed once when the map is created.</summary>
    public static object Texts(IStringLocalizer<SharedResource> t) => new { openBusiness = t["Map_OpenBusiness"].Value };
}
