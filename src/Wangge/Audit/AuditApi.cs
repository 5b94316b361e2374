using Wangge.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Wangge.Core.Common;

namespace Wangge.Audit;

/// <summary>
/// GET /api/v1/audit   the audit log, newest first, <see cref="AuditLog.PageSize"/> entries a page
///                     (?person=&amp;type=&amp;record=&amp;from=&amp;until=&amp;page=; from/until are instants, [from, until))
/// The roles and the scope of the audit-log page (see <see cref="AuditLog"/>).
/// </summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/audit").WithTags("Audit")
            .RequireAuthorization(Policies.ReadAudit);
        group.MapGet("/", ListAuditEntries);
        return group;
    }

    /// <summary>One page of the log: <paramref name="Page"/> counts from 1.</summary>
    public sealed record AuditEntries(int Total, int Page, int PageSize, IReadOnlyList<AuditRow> Entries);

    public static async Task<Ok<AuditEntries>> ListAuditEntries(string? person, string? type, string? record, DateTimeOffset? from,
        DateTimeOffset? until, int? page, AuditLog log, CancellationToken ct)
    {
        if (page is < 1) throw RuleViolation.Invalid("page", "page_invalid", "'page' counts from 1.");
        var read = await log.ReadAsync(new AuditFilter(person, type, record, from, until), (page ?? 1) - 1, ct);
        return TypedResults.Ok(new AuditEntries(read.Total, page ?? 1, AuditLog.PageSize, read.Rows));
    }
}
