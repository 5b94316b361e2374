using Microsoft.AspNetCore.Http.HttpResults;

namespace Wangge.Businesses;

/// <summary>
/// GET  /api/v1/businesses?grid=CODE&amp;q=TEXT&amp;page=1&amp;pageSize=50   search the caller's ledger
/// GET  /api/v1/businesses/{id}                                 one business
/// POST /api/v1/businesses                                      register a business (placed in its grid)
/// PUT  /api/v1/businesses/{id}                                 change name, address or location
/// </summary>
public static class BusinessesApi
{
    public static RouteGroupBuilder MapBusinessesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/businesses").WithTags("Businesses");
        group.MapGet("/", SearchBusinesses);
        group.MapGet("/{id:guid}", GetBusiness);
        group.MapPost("/", CreateBusiness);
        group.MapPut("/{id:guid}", ChangeBusiness);
        return group;
    }

    public static async Task<Ok<BusinessPage>> SearchBusinesses(string? grid, string? q, int? page, int? pageSize, BusinessService businesses, CancellationToken ct) =>
        TypedResults.Ok(await businesses.SearchAsync(grid, q, page ?? 1, pageSize ?? 50, ct));

    public static async Task<Ok<BusinessView>> GetBusiness(Guid id, BusinessService businesses, CancellationToken ct) =>
        TypedResults.Ok(await businesses.GetAsync(id, ct));

    public static async Task<Created<BusinessView>> CreateBusiness(BusinessInput input, BusinessService businesses, CancellationToken ct)
    {
        var created = await businesses.CreateAsync(input, ct);
        return TypedResults.Created($"/api/v1/businesses/{created.Id}", created);
    }

    public static async Task<Ok<BusinessView>> ChangeBusiness(Guid id, BusinessChange change, BusinessService businesses, CancellationToken ct) =>
        TypedResults.Ok(await businesses.ChangeAsync(id, change, ct));
}
