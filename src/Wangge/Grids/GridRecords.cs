using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Wangge.Businesses;
using Wangge.Core.Common;
using Wangge.Core.Grids;
using Wangge.Core.People;
using Wangge.Data;
using Wangge.Data.Common;

namespace Wangge.Grids;

public sealed record BorderVersionView(DateOnly ValidFrom, DateOnly? ValidTo, string Reason, double AreaKm2, Geometry Border);
public sealed record StaffView(Guid Id, string PersonName, string Post, string? Phone, AssignmentRole Role, DateOnly From, DateOnly? To, int Months);
/// <summary>
/// An assignment to make: a new person by name and post, or (<see cref="PersonId"/>) someone already on a roster the caller
/// can see, so that one person keeps one record across the grids they serve.
/// </summary>
public sealed record StaffInput(string? PersonName, string? Post, string? Phone, AssignmentRole? Role, DateOnly? From, Guid? PersonId = null);
/// <summary>Someone on a roster near a grid: a candidate to assign there without typing their name again.</summary>
public sealed record RosterPerson(Guid Id, string Name, string Post, string? Phone);
public sealed record MoveView(Guid BusinessId, string BusinessName, string? FromGrid, string? ToGrid, DateTimeOffset At, string Reason);

/// <summary>A grid's records: border history, roster, and the businesses moved by border changes.</summary>
public sealed class GridRecords(WanggeDbContext db, GridQueries grids, BusinessService businesses, JurisdictionClock clock)
{
    private DateOnly Today => clock.Today;

    public async Task<IReadOnlyList<BorderVersionView>> HistoryAsync(string code, CancellationToken ct)
    {
        var grid = await grids.GetAsync(code, ct);
        var versions = await db.GridBorderVersions.AsNoTracking().Where(v => v.GridId == grid.Id).OrderByDescending(v => v.ValidFrom).ToListAsync(ct);
        return versions.Select(v => new BorderVersionView(v.ValidFrom, v.ValidTo, v.Reason,
            Geo.Geodesy.EllipsoidArea.Km2(v.Border), v.Border)).ToList();
    }

    /// <summary>Current assignments first, then past ones: leader changes stay on record with name and post.</summary>
    public async Task<IReadOnlyList<StaffView>> StaffAsync(string code, CancellationToken ct)
    {
        var grid = await grids.GetAsync(code, ct);
        var rows = await db.GridAssignments.AsNoTracking().Where(a => a.GridId == grid.Id)
            .Join(db.People, a => a.PersonId, p => p.Id, (a, p) => new { a, p }).ToListAsync(ct);
        return rows.OrderBy(r => r.a.To is null ? 0 : 1).ThenBy(r => r.a.Role).ThenByDescending(r => r.a.From)
            .Select(r => View(r.a, r.p)).ToList();
    }

    public async Task<StaffView> AssignAsync(string code, StaffInput input, CancellationToken ct)
    {
        var grid = await grids.GetForWriteAsync(code, "code", ct);
        var role = input.Role ?? throw RuleViolation.Invalid("role", "required", "'role' is required.");
        if (!Enum.IsDefined(role)) throw RuleViolation.Invalid("role", "role_unknown", $"'role' is one of {string.Join(", ", Enum.GetNames<AssignmentRole>())}.");
        var person = input.PersonId is { } personId ? await RosteredPersonAsync(personId, ct, input) : NewPerson(input);
        var from = GridAssignment.CheckedDay(input.From ?? Today, "from", Today);
        var current = await db.GridAssignments.Where(a => a.GridId == grid.Id && a.To == null).ToListAsync(ct);
        if (current.Any(a => a.PersonId == person.Id && a.Role == role))
            throw RuleViolation.Conflict("personId", "person_already_assigned", $"{person.Name} already holds this duty on grid {grid.Code}.");
        // A grid has one leader at a time: naming a new one ends the old one's term the same day.
        if (role == AssignmentRole.Leader)
            foreach (var old in current.Where(a => a.Role == AssignmentRole.Leader))
                old.End(from);
        var assignment = new GridAssignment(Guid.CreateVersion7(), person.Id, grid.Id, grid.Scope, role, from);
        db.GridAssignments.Add(assignment);
        await db.SaveChangesAsync(ct);
        return View(assignment, person);
    }

    private Person NewPerson(StaffInput input)
    {
        var person = new Person(Guid.CreateVersion7(), Require.Present(input.PersonName, "personName", 50),
            Require.Present(input.Post, "post", 50), input.Phone is null ? null : Require.Present(input.Phone, "phone", 20));
        db.People.Add(person);
        return person;
    }

    /// <summary>A person the caller may name: one with an assignment in the caller's part of the grid (assignments are scoped, people are not).</summary>
    private async Task<Person> RosteredPersonAsync(Guid personId, CancellationToken ct, StaffInput input)
    {
        // A person on the roster keeps their own name, post and phone: a request that also gives them would be ignored silently.
        foreach (var (value, field) in new[] { (input.PersonName, "personName"), (input.Post, "post"), (input.Phone, "phone") })
            if (value is not null && !TextRules.IsBlank(value))
                throw RuleViolation.Invalid(field, "person_known", $"'{field}' is the rostered person's own; leave it out when naming the person by personId.");
        if (!await db.GridAssignments.AnyAsync(a => a.PersonId == personId, ct)) throw RuleViolation.NotFound($"Person {personId}");
        return await db.People.SingleAsync(p => p.Id == personId, ct);
    }

    /// <summary>People currently on a roster of the grid's station (its parent's part of the grid), to pick from when assigning.</summary>
    public async Task<IReadOnlyList<RosterPerson>> CandidatesAsync(string code, CancellationToken ct)
    {
        var grid = await grids.GetAsync(code, ct);
        var parent = grid.ParentId is { } parentId ? await db.Grids.AsNoTracking().FirstOrDefaultAsync(g => g.Id == parentId, ct) : null;
        var prefix = (parent ?? grid).ScopePathValue;
        var personIds = db.GridAssignments.Where(a => a.To == null && a.ScopePathValue.StartsWith(prefix)).Select(a => a.PersonId);
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).OrderBy(p => p.Name).Take(500).ToListAsync(ct);
        return people.Select(p => new RosterPerson(p.Id, p.Name, p.Post, p.Phone)).ToList();
    }

    public async Task<StaffView> EndAsync(Guid assignmentId, DateOnly? on, CancellationToken ct)
    {
        var assignment = await db.GridAssignments.FindForWriteAsync(assignmentId, $"Assignment {assignmentId}", ct);
        assignment.End(GridAssignment.CheckedDay(on ?? Today, "on", Today));
        await db.SaveChangesAsync(ct);
        var person = await db.People.SingleAsync(p => p.Id == assignment.PersonId, ct);
        return View(assignment, person);
    }

    public async Task<IReadOnlyList<MoveView>> MovesAsync(string? gridCode, CancellationToken ct)
    {
        var query = db.BusinessMoves.AsNoTracking();
        if (gridCode is not null)
        {
            var grid = await grids.GetAsync(gridCode, ct, "grid");
            query = query.Where(m => m.FromGridId == grid.Id || m.ToGridId == grid.Id);
        }
        var moves = await query.OrderByDescending(m => m.At).Take(1000).ToListAsync(ct);
        var businessIds = moves.Select(m => m.BusinessId).Distinct().ToList();
        var names = await db.Businesses.Unscoped(UnscopedReason.ReferencedLabels).Where(b => businessIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var gridIds = moves.SelectMany(m => new[] { m.FromGridId, m.ToGridId }).OfType<Guid>().Distinct().ToList();
        var codes = await db.Grids.Unscoped(UnscopedReason.ReferencedLabels).Where(g => gridIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Code, ct);
        return moves.Select(m => new MoveView(m.BusinessId, names.GetValueOrDefault(m.BusinessId, ""),
            m.FromGridId is { } f ? codes.GetValueOrDefault(f) : null, m.ToGridId is { } t ? codes.GetValueOrDefault(t) : null, m.At, m.Reason)).ToList();
    }

    public async Task<IReadOnlyList<BusinessView>> UnplacedAsync(CancellationToken ct)
    {
        var ids = await db.Businesses.AsNoTracking().Where(b => b.GridId == null).OrderBy(b => b.Name).Select(b => b.Id).Take(1000).ToListAsync(ct);
        var views = new List<BusinessView>(ids.Count);
        foreach (var id in ids) views.Add(await businesses.GetAsync(id, ct));
        return views;
    }

    private StaffView View(GridAssignment a, Person p) =>
        new(a.Id, p.Name, p.Post, p.Phone, a.Role, a.From, a.To, StaffingRules.MonthsBetween(a.From, a.To ?? Today));
}
