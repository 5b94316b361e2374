using Wangge.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Wangge.Businesses.Import;
using Wangge.Core.Businesses;
using Wangge.Core.Common;
using Wangge.Core.Risk;
using Wangge.Hosting;

namespace Wangge.Businesses;

/// <summary>
/// The ledger of market entities, scoped to the caller's part of the grid:
/// GET  /api/v1/businesses?grid&amp;q&amp;sector&amp;keyIndustry&amp;riskClass&amp;status&amp;licence&amp;page&amp;pageSize
/// GET  /api/v1/businesses/{id}                 POST /api/v1/businesses          PUT /api/v1/businesses/{id}
/// POST /api/v1/businesses/{id}/close          GET  /api/v1/businesses/{id}/history   GET …/{id}/as-of?at=
/// GET  /api/v1/businesses/{id}/risk            GET  …/{id}/risk/history         PUT|DELETE …/{id}/risk/override
/// GET|POST /api/v1/businesses/{id}/events      POST /api/v1/businesses/import   GET /api/v1/businesses/imports/{runId}
/// A business answers with its version as ETag; PUT and close need it back in If-Match (see docs/security.md).
/// </summary>
public static class BusinessesApi
{
    public static RouteGroupBuilder MapBusinessesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/businesses").WithTags("Businesses").WithEntityTags();
        group.MapGet("/", SearchBusinesses);
        group.MapGet("/{id:guid}", GetBusiness);
        group.MapPost("/", CreateBusiness).RequireAuthorization(Policies.RecordLedger);
        group.MapPut("/{id:guid}", ChangeBusiness).RequireAuthorization(Policies.RecordLedger);
        group.MapPost("/{id:guid}/close", CloseBusiness).RequireAuthorization(Policies.RecordLedger);
        group.MapGet("/{id:guid}/history", BusinessHistory);
        group.MapGet("/{id:guid}/as-of", BusinessAsOf);
        group.MapGet("/{id:guid}/risk", GetRisk);
        group.MapGet("/{id:guid}/risk/history", RiskHistory);
        group.MapPut("/{id:guid}/risk/override", OverrideRisk).RequireAuthorization(Policies.ManageLedger);
        group.MapDelete("/{id:guid}/risk/override", ClearOverride).RequireAuthorization(Policies.ManageLedger);
        group.MapGet("/{id:guid}/events", ListEvents);
        group.MapPost("/{id:guid}/events", RecordEvent).RequireAuthorization(Policies.RecordLedger);
        group.MapPost("/import", ImportBusinesses).DisableAntiforgery().RequireAuthorization(Policies.ManageLedger);
        group.MapGet("/imports/{runId:guid}", GetImport);
        return group;
    }

    public static async Task<Ok<BusinessPage>> SearchBusinesses([AsParameters] SearchQuery q, BusinessService businesses, CancellationToken ct) =>
        TypedResults.Ok(await businesses.SearchAsync(new BusinessFilter(q.Grid, q.Q, q.Sector, q.KeyIndustry, q.RiskClass, q.Status, q.Licence, q.Unplaced),
            q.Page ?? 1, q.PageSize ?? 50, ct));

    public sealed record SearchQuery(string? Grid, string? Q, Sector? Sector, bool? KeyIndustry, RiskClass? RiskClass, BusinessStatus? Status,
        LicenceState? Licence, int? Page, int? PageSize, bool? Unplaced = null);

    public static async Task<Ok<BusinessView>> GetBusiness(Guid id, BusinessService businesses, CancellationToken ct) =>
        TypedResults.Ok(await businesses.GetAsync(id, ct));

    public static async Task<Created<BusinessView>> CreateBusiness(BusinessInput input, BusinessService businesses, CancellationToken ct)
    {
        var created = await businesses.CreateAsync(input, ct);
        return TypedResults.Created($"/api/v1/businesses/{created.Id}", created);
    }

    public static async Task<Ok<BusinessView>> ChangeBusiness(Guid id, BusinessInput input, HttpRequest request, BusinessService businesses,
        CancellationToken ct) =>
        TypedResults.Ok(await businesses.ChangeAsync(id, EntityTags.Expected(request, input.Version), input, ct));

    public static async Task<Ok<BusinessView>> CloseBusiness(Guid id, CloseInput input, HttpRequest request, BusinessService businesses,
        CancellationToken ct) =>
        TypedResults.Ok(await businesses.CloseAsync(id, EntityTags.Expected(request, input.Version), input, ct));

    public static async Task<Ok<IReadOnlyList<BusinessVersionView>>> BusinessHistory(Guid id, BusinessService businesses, CancellationToken ct) =>
        TypedResults.Ok(await businesses.HistoryAsync(id, ct));

    public static async Task<Results<Ok<BusinessSnapshot>, NotFound>> BusinessAsOf(Guid id, DateTimeOffset? at, BusinessService businesses, CancellationToken ct)
    {
        var snapshot = await businesses.AsOfAsync(id, at ?? throw RuleViolation.Invalid("at", "required", "'at' is required (ISO 8601)."), ct);
        return snapshot is null ? TypedResults.NotFound() : TypedResults.Ok(snapshot);
    }

    public static async Task<Ok<RiskView>> GetRisk(Guid id, RiskService risk, CancellationToken ct) => TypedResults.Ok(await risk.GetAsync(id, ct));

    public static async Task<Ok<IReadOnlyList<RiskRatingView>>> RiskHistory(Guid id, RiskService risk, CancellationToken ct) =>
        TypedResults.Ok(await risk.HistoryAsync(id, ct));

    public static async Task<Ok<RiskView>> OverrideRisk(Guid id, RiskOverrideInput input, RiskService risk, CancellationToken ct) =>
        TypedResults.Ok(await risk.OverrideAsync(id, input, ct));

    public static async Task<Ok<RiskView>> ClearOverride(Guid id, RiskService risk, CancellationToken ct) =>
        TypedResults.Ok(await risk.ClearOverrideAsync(id, ct));

    public static async Task<Ok<IReadOnlyList<SupervisionEventView>>> ListEvents(Guid id, RiskService risk, CancellationToken ct) =>
        TypedResults.Ok(await risk.EventsAsync(id, ct));

    public static async Task<Created<SupervisionEventView>> RecordEvent(Guid id, SupervisionEventInput input, RiskService risk, CancellationToken ct)
    {
        var recorded = await risk.RecordAsync(id, input, "api", ct);
        return TypedResults.Created($"/api/v1/businesses/{id}/events", recorded);
    }

    public sealed record ImportQuery(string? Encoding, bool? Gcj02, string? Sheet, string? Format);

    /// <summary>
    /// A ledger file (CSV or XLSX; or format=lives with a zip of LIVES CSV files), with an optional mapping
    /// file. Answers 200 when every row was saved, 422 with the report when some rows were refused.
    /// </summary>
    public static async Task<IResult> ImportBusinesses(IFormFile file, IFormFile? mapping, [AsParameters] ImportQuery q,
        BusinessImporter importer, LivesImporter lives, Microsoft.Extensions.Options.IOptions<Imports.ImportOptions> limits, CancellationToken ct)
    {
        Imports.UploadCheck.Refuse(file, limits.Value);
        var mappingJson = await Imports.UploadCheck.ReadMappingAsync(mapping, ct);
        // Only the extension of the name goes into the temporary path, and only if it is a plain one.
        var extension = Path.GetExtension(file.FileName) is { Length: <= 8 } e && e.Skip(1).All(char.IsAsciiLetterOrDigit) ? e : "";
        var temp = Path.Combine(Path.GetTempPath(), $"wangge-import-{Guid.NewGuid():N}{extension}");
        try
        {
            await using (var copy = File.Create(temp)) await file.CopyToAsync(copy, ct);
            var report = string.Equals(q.Format, "lives", StringComparison.OrdinalIgnoreCase)
                ? await lives.ImportZipAsync(temp, file.FileName, ct)
                : await importer.ImportAsync(temp, file.FileName, new BusinessImportOptions(mappingJson, q.Encoding, q.Gcj02 ?? false, q.Sheet), null, ct);
            var shown = report with { Problems = report.Problems.Take(MaxProblemsShown).ToList() };
            return report.Rejected > 0 ? TypedResults.UnprocessableEntity(shown) : TypedResults.Ok(shown);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>The first problems travel with the answer; all of them are kept with the run (GET imports/{runId}).</summary>
    public const int MaxProblemsShown = 1000;

    public static async Task<Ok<ImportReport>> GetImport(Guid runId, int? maxProblems, BusinessImporter importer, CancellationToken ct) =>
        TypedResults.Ok(await importer.ReportAsync(runId, Math.Clamp(maxProblems ?? MaxProblemsShown, 0, 100_000), ct));
}
