using Microsoft.AspNetCore.Http.HttpResults;
using Wangge.Core.Businesses;
using Wangge.Core.Risk;

namespace Wangge.Businesses;

/// <summary>
/// The ledger rolled up by node, the "4 familiar, 6 clear" profile of a grid, and the printable ledger:
/// GET /api/v1/ledger?grid&amp;sector&amp;keyIndustry&amp;riskClass&amp;status&amp;licence   (default: the caller's top node)
/// GET /api/v1/ledger/{code}/profile
/// GET /api/v1/ledger/{code}/export?format=xlsx|csv                                   (ledger-CODE.xlsx / .csv)
/// </summary>
public static class LedgerApi
{
    public static RouteGroupBuilder MapLedgerApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/ledger").WithTags("Ledger");
        group.MapGet("/", GetLedger);
        group.MapGet("/{code}/profile", GetGridProfile);
        group.MapGet("/{code}/export", ExportLedger);
        return group;
    }

    public sealed record LedgerQuery(string? Grid, Sector? Sector, bool? KeyIndustry, RiskClass? RiskClass, BusinessStatus? Status, LicenceState? Licence);

    public static async Task<Ok<LedgerRollup>> GetLedger([AsParameters] LedgerQuery q, LedgerQueries ledger, CancellationToken ct) =>
        TypedResults.Ok(await ledger.RollupAsync(q.Grid, new BusinessFilter(null, null, q.Sector, q.KeyIndustry, q.RiskClass, q.Status, q.Licence), ct));

    public static async Task<Ok<GridProfile>> GetGridProfile(string code, LedgerQueries ledger, CancellationToken ct) =>
        TypedResults.Ok(await ledger.ProfileAsync(code, ct));

    /// <summary>The grid's ledger as the grid team prints it: XLSX with a summary sheet and one sheet per bottom grid, or one CSV.</summary>
    public static async Task<FileStreamHttpResult> ExportLedger(string code, string? format, LedgerQueries ledger, CancellationToken ct)
    {
        var file = await ledger.ExportAsync(code, format, ct);
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }
}
