using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Wangge.Imports;

/// <summary>
/// Lets an upload of up to <see cref="ImportOptions.MaxUploadMegabytes"/> reach the import and check endpoints, which
/// refuse larger files naming the setting; every other request keeps the server's default body limit (30 MB).
/// </summary>
public static class UploadLimits
{
    /// <summary>Room for the multipart envelope and a mapping file beside the file itself.</summary>
    private const long Envelope = 2 << 20;

    public static IServiceCollection AddUploadLimits(this IServiceCollection services)
    {
        services.AddOptions<FormOptions>().Configure<IOptions<ImportOptions>>((form, limits) =>
            form.MultipartBodyLengthLimit = limits.Value.MaxUploadBytes + Envelope);
        return services;
    }

    public static IApplicationBuilder UseUploadLimits(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (HttpMethods.IsPost(http.Request.Method) && IsUpload(http.Request.Path)
                && http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                size.MaxRequestBodySize = http.RequestServices.GetRequiredService<IOptions<ImportOptions>>().Value.MaxUploadBytes + Envelope;
            return next(http);
        });

    private static bool IsUpload(PathString path) =>
        path.StartsWithSegments("/api/v1/businesses/import") || path.StartsWithSegments("/api/v1/grids/import")
        || path.StartsWithSegments("/api/v1/grids/check");
}
