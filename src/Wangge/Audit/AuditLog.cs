using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wangge.Core.Common;
using Wangge.Core.People;
using Wangge.Data;

namespace Wangge.Audit;

/// <summary>
/// Reading the audit log from the audit-log page. The system administrator reads all of it. A bureau leader and a station
/// chief — who answer for the people of their area and administer their accounts — read what those people did and what
/// was done to their accounts; the log holds no place of its own, so it is scoped by who acted, never by what they touched.
/// </summary>
public sealed class AuditLog(WanggeDbContext db)
{
    public const int PageSize = 50;


    public async Task<AuditPage> ReadAsync(AuditFilter filter, int page, CancellationToken ct)
    {
        var caller = db.Caller;
        if (!AccountRules.MayAdminister(caller)) throw RuleViolation.Forbidden("You may not read the audit log.");
        var entries = db.AuditEntries.AsNoTracking();
        var people = await PeopleAsync(caller, ct);
        if (!caller.SeesAll && caller.Role != Role.SystemAdmin)
        {
            var names = people.Keys.ToList();
            var ids = people.Values.Select(p => p.Id.ToString()).ToList();
            entries = entries.Where(e => names.Contains(e.Actor) || (e.EntityType == nameof(User) && ids.Contains(e.EntityKey)));
        }
        if (!string.IsNullOrWhiteSpace(filter.Person))
        {
            var person = filter.Person.Trim();
            var matching = people.Where(p => p.Key.Contains(person.ToLowerInvariant()) || p.Value.DisplayName.Contains(person))
                .Select(p => p.Key).ToList();
            entries = entries.Where(e => e.Actor == person || matching.Contains(e.Actor));
        }
        if (!string.IsNullOrWhiteSpace(filter.Type)) entries = entries.Where(e => e.EntityType == filter.Type);
        if (!string.IsNullOrWhiteSpace(filter.Record))
        {
            var record = filter.Record.Trim();
            entries = entries.Where(e => e.EntityKey == record || (e.After != null && e.After.Contains(record)) || (e.Before != null && e.Before.Contains(record)));
        }
        // Entries hold UTC instants; SQLite compares the stored form, which only orders instants of one offset.
        if (filter.From is { } from)
        {
            var start = from.ToUniversalTime();
            entries = entries.Where(e => e.At >= start);
        }
        if (filter.Until is { } until)
        {
            var end = until.ToUniversalTime();
            entries = entries.Where(e => e.At < end);
        }

        var total = await entries.CountAsync(ct);
        var rows = await entries.OrderByDescending(e => e.Sequence).Skip(Math.Max(0, page) * PageSize).Take(PageSize).ToListAsync(ct);
        var byId = people.Values.ToDictionary(p => p.Id.ToString(), p => p.DisplayName);
        return new AuditPage(total, rows.Select(e => new AuditRow(e.Sequence, e.At, e.Actor,
            people.TryGetValue(e.Actor, out var p) ? p.DisplayName : null, people.TryGetValue(e.Actor, out var q) ? q.Role : null,
            e.Address, e.EntityType, e.EntityKey, RecordName(e, byId), e.Action, e.Before, e.After)).ToList());
    }

    /// <summary>What a reader calls the record: an account's or a person's name, the name the entry's values hold, else nothing (the key is shown).</summary>
    private static string? RecordName(Core.Audit.AuditEntry entry, Dictionary<string, string> people)
    {
        if (entry.EntityType == nameof(User) && people.TryGetValue(entry.EntityKey, out var account)) return account;
        if ((entry.After ?? entry.Before) is not { } json) return null;
        try
        {
            using var values = JsonDocument.Parse(json);
            if (values.RootElement.ValueKind != JsonValueKind.Object) return null;
            foreach (var name in NameProperties)
                if (values.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } text)
                    return text;
            if (values.RootElement.TryGetProperty("UserId", out var user) && user.ValueKind == JsonValueKind.String
                && people.TryGetValue(user.GetString()!, out var holder))
                return holder;
        }
        catch (JsonException)
        {
        }
        return null;
    }

    private static readonly string[] NameProperties = ["DisplayName", "Name", "FileName", "UserName"];

    /// <summary>The record types the log holds, for the filter's list.</summary>
    public async Task<IReadOnlyList<string>> TypesAsync(CancellationToken ct) =>
        await db.AuditEntries.AsNoTracking().Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);

    /// <summary>The accounts the caller answers for, by user name (the log's actor).</summary>
    private async Task<Dictionary<string, (Guid Id, string DisplayName, Role Role)>> PeopleAsync(Caller caller, CancellationToken ct)
    {
        var users = db.Users.AsNoTracking();
        if (!caller.SeesAll && caller.Role != Role.SystemAdmin)
        {
            var prefix = caller.Scope.Value;
            users = users.Where(u => u.ScopePathValue != "" && u.ScopePathValue.StartsWith(prefix));
        }
        return await users.ToDictionaryAsync(u => u.UserName, u => (u.Id, u.DisplayName, u.Role), ct);
    }
}

/// <summary>What the log is narrowed to: who acted (user or display name), which record (type, key or a value it held), and a time range [From, Until).</summary>
public sealed record AuditFilter(string? Person = null, string? Type = null, string? Record = null, DateTimeOffset? From = null, DateTimeOffset? Until = null);

public sealed record AuditPage(int Total, IReadOnlyList<AuditRow> Rows);

public sealed record AuditRow(long Sequence, DateTimeOffset At, string Actor, string? ActorName, Role? ActorRole, string? Address,
    string EntityType, string EntityKey, string? RecordName, string Action, string? Before, string? After);
