using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using Wangge.Components.Shared;
using Wangge.Core.Common;
using Wangge.Resources;

namespace Wangge.Hosting;

/// <summary>
/// The language of a refusal's <c>detail</c>. A client that asks for Chinese — the pages' culture cookie or query, or an
/// Accept-Language that prefers zh — reads the sentence the pages show; any other client reads the domain's English
/// sentence, which scripts and API documentation quote. The <c>code</c> and <c>field</c> never change with the language.
/// </summary>
public static class ProblemLanguage
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    public static string Detail(HttpContext http, RuleViolation v)
    {
        if (!AsksForChinese(http)) return v.Message;
        http.Response.Headers.ContentLanguage = "zh-CN";
        var before = CultureInfo.CurrentUICulture;
        // The request's culture does not flow back out to the exception handler: say it in Chinese explicitly.
        CultureInfo.CurrentUICulture = Chinese;
        try { return Refusals.Explain(http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>(), v); }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    public static bool AsksForChinese(HttpContext http)
    {
        if (http.Features.Get<IRequestCultureFeature>() is { Provider: not null } chosen)
            return chosen.RequestCulture.UICulture.TwoLetterISOLanguageName == "zh";
        if (!StringWithQualityHeaderValue.TryParseList(http.Request.Headers.AcceptLanguage, out var languages) || languages.Count == 0) return false;
        var first = languages.OrderByDescending(l => l.Quality ?? 1).First().Value.Value ?? "";
        return first.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
    }
}
