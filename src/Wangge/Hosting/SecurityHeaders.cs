using Microsoft.Extensions.Options;

namespace Wangge.Hosting;

/// <summary>
/// Browser-side limits sent with every answer, pages and API alike: no script but the app's own files (so a name
/// that slips into markup as HTML still cannot run), no framing, no MIME sniffing, no full URLs to other sites.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<WanggeOptions> options)
{
    /// <summary>
    /// script-src has neither 'unsafe-inline' nor 'unsafe-eval': Blazor Server and the map modules need neither.
    /// Styles keep 'unsafe-inline' because MudBlazor and Leaflet position and colour elements with style attributes.
    /// </summary>
    public static string Policy(string? tileUrl)
    {
        var tiles = TileSource(tileUrl);
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
               $"img-src 'self' data:{(tiles is null ? "" : " " + tiles)}; font-src 'self' data:; connect-src 'self'; " +
               "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";
    }

    private readonly string _policy = Policy(options.Value.TileUrl);

    public Task InvokeAsync(HttpContext http)
    {
        // Set when the answer starts, so error pages and answers rewritten by the exception handler carry them too.
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = _policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            // Origin only, not the page's path, to other sites: tile servers ask for a referrer, grid codes stay here.
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return Task.CompletedTask;
        });
        return next(http);
    }

    /// <summary>
    /// The origin of a tile URL template for img-src: "https://{s}.tile.example.org/{z}/{x}/{y}.png" gives
    /// "https://*.tile.example.org"; a template with placeholders elsewhere in the host allows its scheme only.
    /// </summary>
    public static string? TileSource(string? tileUrl)
    {
        if (string.IsNullOrWhiteSpace(tileUrl)) return null;
        var scheme = tileUrl.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0) return null;
        var hostEnd = tileUrl.IndexOf('/', scheme + 3);
        var host = (hostEnd < 0 ? tileUrl[(scheme + 3)..] : tileUrl[(scheme + 3)..hostEnd]);
        if (host.StartsWith("{s}.", StringComparison.Ordinal)) host = "*" + host[3..];
        if (host.Length == 0 || host.Any(c => c is '{' or '}' or ';' or ',' or '\'' || char.IsWhiteSpace(c)))
            return tileUrl[..(scheme + 1)];
        return tileUrl[..(scheme + 3)] + host;
    }
}
