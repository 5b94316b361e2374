using Wangge.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NetTopologySuite.Features;
using Wangge.Core.Common;
using Wangge.Geo.Io;
using Wangge.Hosting;

namespace Wangge.Grids;

/// <summary>
/// GET  /api/v1/grids?parent=CODE            children of a grid (or the caller's top grids)
/// GET  /api/v1/grids/map?parent=CODE        the same as GeoJSON features with borders, for the map
/// POST /api/v1/grids                        create one grid (code, name, parent, border) through the topology check
/// GET  /api/v1/grids/{code}                 one grid with its border (ETag: its version)
/// PUT  /api/v1/grids/{code}                 rename or redraw one grid (If-Match), through the same check
/// GET  /api/v1/grids/{code}/history         the grid's border versions
/// GET  /api/v1/grids/{code}/staff           who is responsible for the grid, now and before
/// POST /api/v1/grids/{code}/staff           assign a person to the grid (a new one, or personId of someone rostered)
/// GET  /api/v1/grids/{code}/candidates      people on the station's rosters, to assign without retyping them
/// POST /api/v1/grids/staff/{id}/end         end an assignment
/// GET  /api/v1/grids/staffing               staffing problems of every bottom grid in scope
/// GET  /api/v1/grids/moves?grid=CODE        businesses re-placed by border changes
/// GET  /api/v1/grids/unplaced               businesses outside every grid
/// POST /api/v1/grids/check                  check a border file (multipart "file"); nothing is saved
/// POST /api/v1/grids/import                 check and, if clean, save a border file whole
/// GET  /api/v1/grids/export?root=&amp;format=   current borders as GeoJSON or a zipped Shapefile
/// POST /api/v1/grids/plan                   propose N balanced, contiguous grids under a parent
/// POST /api/v1/grids/plan/staff             what adopting a proposal does to the staff (who is carried where, grids left leaderless)
/// POST /api/v1/grids/plan/adopt             adopt a (possibly edited) proposal as new borders (carryStaff: true moves the staff too)
/// </summary>
public static class GridsApi
{
    public static RouteGroupBuilder MapGridsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/grids").WithTags("Grids").WithEntityTags();
        group.MapPost("/", CreateGrid).RequireAuthorization(Policies.EditGrids);
        group.MapGet("/", ListGrids);
        group.MapGet("/map", GridMap);
        group.MapGet("/staffing", ListStaffingIssues);
        group.MapGet("/moves", ListMoves);
        group.MapGet("/unplaced", ListUnplaced);
        group.MapGet("/export", ExportGrids);
        group.MapPost("/check", CheckBorders).DisableAntiforgery().RequireAuthorization(Policies.EditGrids);
        group.MapPost("/import", ImportBorders).DisableAntiforgery().RequireAuthorization(Policies.EditGrids);
        group.MapPost("/plan", PlanGrids).RequireAuthorization(Policies.EditGrids);
        group.MapPost("/plan/staff", PlanStaff).RequireAuthorization(Policies.EditGrids);
        group.MapPost("/plan/adopt", AdoptPlan).RequireAuthorization(Policies.EditGrids);
        group.MapPost("/staff/{id:guid}/end", EndAssignment).RequireAuthorization(Policies.EditGrids);
        group.MapGet("/{code}", GetGrid);
        group.MapPut("/{code}", ChangeGrid).RequireAuthorization(Policies.EditGrids);
        group.MapGet("/{code}/history", GridHistory);
        group.MapGet("/{code}/staff", ListStaff);
        group.MapGet("/{code}/candidates", ListCandidates);
        group.MapPost("/{code}/staff", AssignStaff).RequireAuthorization(Policies.EditGrids);
        return group;
    }

    public static async Task<Ok<IReadOnlyList<GridSummary>>> ListGrids(string? parent, GridQueries grids, CancellationToken ct) =>
        TypedResults.Ok(await grids.ListAsync(parent, ct));

    public static async Task<Ok<FeatureCollection>> GridMap(string? parent, GridQueries grids, CancellationToken ct) =>
        TypedResults.Ok(await grids.MapAsync(parent, ct));

    public static async Task<Ok<GridDetail>> GetGrid(string code, GridEditor editor, CancellationToken ct) =>
        TypedResults.Ok(await editor.DetailAsync(code, ct));

    public static async Task<Results<Created<GridDetail>, UnprocessableEntity<GridImportReport>>> CreateGrid(GridInput input, GridEditor editor, CancellationToken ct)
    {
        var result = await editor.CreateAsync(input, ct);
        return result.Grid is { } grid ? TypedResults.Created($"/api/v1/grids/{grid.Code}", grid) : TypedResults.UnprocessableEntity(result.Report);
    }

    public static async Task<Results<Ok<GridDetail>, UnprocessableEntity<GridImportReport>>> ChangeGrid(string code, GridChange change, GridEditor editor,
        HttpRequest request, CancellationToken ct)
    {
        var result = await editor.ChangeAsync(code, change with { Version = EntityTags.Expected(request, change.Version) }, ct);
        return result.Grid is { } grid ? TypedResults.Ok(grid) : TypedResults.UnprocessableEntity(result.Report);
    }

    public static async Task<Ok<IReadOnlyList<BorderVersionView>>> GridHistory(string code, GridRecords records, CancellationToken ct) =>
        TypedResults.Ok(await records.HistoryAsync(code, ct));

    public static async Task<Ok<IReadOnlyList<StaffView>>> ListStaff(string code, GridRecords records, CancellationToken ct) =>
        TypedResults.Ok(await records.StaffAsync(code, ct));

    public static async Task<Ok<IReadOnlyList<RosterPerson>>> ListCandidates(string code, GridRecords records, CancellationToken ct) =>
        TypedResults.Ok(await records.CandidatesAsync(code, ct));

    public static async Task<Created<StaffView>> AssignStaff(string code, StaffInput input, GridRecords records, CancellationToken ct)
    {
        var created = await records.AssignAsync(code, input, ct);
        return TypedResults.Created($"/api/v1/grids/{code}/staff", created);
    }

    public static async Task<Ok<StaffView>> EndAssignment(Guid id, EndInput input, GridRecords records, CancellationToken ct) =>
        TypedResults.Ok(await records.EndAsync(id, input.On, ct));

    public sealed record EndInput(DateOnly? On);

    public static async Task<Ok<IReadOnlyList<StaffingIssue>>> ListStaffingIssues(GridQueries grids, JurisdictionClock clock, CancellationToken ct) =>
        TypedResults.Ok(await grids.StaffingIssuesAsync(clock.Today, ct));

    public static async Task<Ok<IReadOnlyList<MoveView>>> ListMoves(string? grid, GridRecords records, CancellationToken ct) =>
        TypedResults.Ok(await records.MovesAsync(grid, ct));

    public static async Task<Ok<IReadOnlyList<Businesses.BusinessView>>> ListUnplaced(GridRecords records, CancellationToken ct) =>
        TypedResults.Ok(await records.UnplacedAsync(ct));

    public static async Task<IResult> ExportGrids(string? root, BorderFormat? format, GridExport export, HttpContext http, CancellationToken ct)
    {
        var f = format ?? BorderFormat.GeoJson;
        // The code goes into a header: a line break or a non-ASCII character there would be a 500, not a refusal.
        if (root is not null) root = Core.Grids.GridCode.Parse(root, "root").Value;
        http.Response.ContentType = f == BorderFormat.GeoJson ? "application/geo+json" : "application/zip";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"grids{(root is null ? "" : "-" + root)}.{(f == BorderFormat.GeoJson ? "geojson" : "zip")}\"";
        await export.WriteAsync(http.Response.Body, root, f, ct);
        return Results.Empty;
    }

    public static Task<IResult> CheckBorders(IFormFile file, [AsParameters] ImportQuery query, GridImport import,
        Microsoft.Extensions.Options.IOptions<Imports.ImportOptions> limits, CancellationToken ct)
    {
        Imports.UploadCheck.Refuse(file, limits.Value);
        return RunImport(file, query, import, save: false, ct);
    }

    public static Task<IResult> ImportBorders(IFormFile file, [AsParameters] ImportQuery query, GridImport import,
        Microsoft.Extensions.Options.IOptions<Imports.ImportOptions> limits, CancellationToken ct)
    {
        Imports.UploadCheck.Refuse(file, limits.Value);
        return RunImport(file, query, import, save: true, ct);
    }

    /// <param name="Repair">Make each border valid and each family a clean coverage first, listing every change (issue 11 §3).</param>
    public sealed record ImportQuery(BorderFormat? Format, InputCrs? Crs, string? Mapping, string? Parent, DateOnly? ValidFrom, string? Reason, bool? Repair);

    /// <summary>Uploads go to a temporary file first: border files can be hundreds of megabytes and are read twice.</summary>
    private static async Task<IResult> RunImport(IFormFile file, ImportQuery q, GridImport import, bool save, CancellationToken ct)
    {
        var temp = Path.GetTempFileName();
        try
        {
            await using (var copy = File.Create(temp)) await file.CopyToAsync(copy, ct);
            await using var stream = File.OpenRead(temp);
            GridImportReport report;
            try
            {
                report = await import.RunAsync(stream, file.FileName,
                    new GridImportSettings(q.Format, q.Crs ?? InputCrs.Wgs84, q.Mapping, q.Parent, q.ValidFrom, q.Reason, save, q.Repair ?? false), ct);
            }
            catch (BorderFileException e)
            {
                throw new RuleViolation("border_file_unusable", $"The border file {file.FileName} cannot be read: {e.Message}", "file", cause: e)
                    { Arguments = [file.FileName] };
            }
            return report.Problems.Count > 0 ? TypedResults.UnprocessableEntity(report) : TypedResults.Ok(report);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public static async Task<Ok<PlanProposal>> PlanGrids(PlanRequest request, GridPlanner planner, CancellationToken ct) =>
        TypedResults.Ok(await planner.ProposeAsync(request, ct));

    public static async Task<Ok<StaffPlan>> PlanStaff(AdoptRequest request, GridPlanner planner, CancellationToken ct) =>
        TypedResults.Ok(await planner.StaffPlanAsync(request, ct));

    public static async Task<Ok<GridImportReport>> AdoptPlan(AdoptRequest request, GridPlanner planner, CancellationToken ct) =>
        TypedResults.Ok(await planner.AdoptAsync(request, ct));
}
