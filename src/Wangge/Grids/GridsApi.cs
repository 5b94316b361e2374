using Microsoft.AspNetCore.Http.HttpResults;
using NetTopologySuite.Features;

namespace Wangge.Grids;

/// <summary>
/// GET /api/v1/grids?parent=CODE        children of a grid (or the caller's top grids)
/// GET /api/v1/grids/map?parent=CODE    the same as GeoJSON features with borders, for the map
/// GET /api/v1/grids/{code}             one grid
/// </summary>
public static class GridsApi
{
    public static RouteGroupBuilder MapGridsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/grids").WithTags("Grids");
        group.MapGet("/", ListGrids);
        group.MapGet("/map", GridMap);
        group.MapGet("/{code}", GetGrid);
        return group;
    }

    public static async Task<Ok<IReadOnlyList<GridSummary>>> ListGrids(string? parent, GridQueries grids, CancellationToken ct) =>
        TypedResults.Ok(await grids.ListAsync(parent, ct));

    public static async Task<Ok<FeatureCollection>> GridMap(string? parent, GridQueries grids, CancellationToken ct) =>
        TypedResults.Ok(await grids.MapAsync(parent, ct));

    public static async Task<Ok<GridDetail>> GetGrid(string code, GridQueries grids, CancellationToken ct)
    {
        var g = await grids.GetAsync(code, ct);
        return TypedResults.Ok(new GridDetail(g.Id, g.Code, g.Name, g.Level.ToString(), g.AreaKm2, g.Workload, g.ValidFrom, g.ValidTo, g.Border));
    }

    public sealed record GridDetail(Guid Id, string Code, string Name, string Level, double AreaKm2, double Workload,
        DateOnly ValidFrom, DateOnly? ValidTo, NetTopologySuite.Geometries.MultiPolygon Border);
}
