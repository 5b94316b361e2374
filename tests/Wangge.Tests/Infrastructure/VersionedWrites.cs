using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Wangge.Tests.Infrastructure;

/// <summary>Writes the way a well-behaved client makes them: read the record's ETag, send it back in If-Match.</summary>
public static class VersionedWrites
{
    /// <summary>The ETag of <paramref name="record"/> (e.g. /api/v1/businesses/{id}) as the client reads it now.</summary>
    public static async Task<EntityTagHeaderValue> ETagOfAsync(this HttpClient client, string record, CancellationToken ct)
    {
        using var response = await client.GetAsync(record, ct);
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag ?? throw new InvalidOperationException($"{record} answered without an ETag.");
    }

    /// <summary>PUT <paramref name="body"/> to <paramref name="record"/> over the version it is at now.</summary>
    public static async Task<HttpResponseMessage> PutCurrentAsync(this HttpClient client, string record, object body, CancellationToken ct) =>
        await client.SendWithIfMatchAsync(HttpMethod.Put, record, body, await client.ETagOfAsync(record, ct), ct);

    /// <summary>POST <paramref name="body"/> to <paramref name="record"/>/<paramref name="action"/> over the version the record is at now.</summary>
    public static async Task<HttpResponseMessage> PostCurrentAsync(this HttpClient client, string record, string action, object body, CancellationToken ct) =>
        await client.SendWithIfMatchAsync(HttpMethod.Post, $"{record}/{action}", body, await client.ETagOfAsync(record, ct), ct);

    public static Task<HttpResponseMessage> SendWithIfMatchAsync(this HttpClient client, HttpMethod method, string url, object body,
        EntityTagHeaderValue? tag, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        if (tag is not null) request.Headers.IfMatch.Add(tag);
        return client.SendAsync(request, ct);
    }
}
