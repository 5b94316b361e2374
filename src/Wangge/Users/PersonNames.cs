using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Wangge.Core.People;
using Wangge.Data;
using Wangge.Resources;

namespace Wangge.Users;

/// <summary>A person as pages show them: the name and the post (the person's own, else the account's role).</summary>
public sealed record PersonLabel(string Name, string? Post, Role Role);

/// <summary>
/// Turns the user names that records keep (who changed a business, recorded an event, overrode a class) into the
/// name and post people know each other by ("王芳 · 网格长"). Accounts and people are not scoped, so a record made by a
/// bureau leader still names them to an inspector.
/// </summary>
public sealed class PersonNames(WanggeDbContext db)
{
    public async Task<IReadOnlyDictionary<string, PersonLabel>> OfAsync(IEnumerable<string?> userNames, CancellationToken ct)
    {
        var names = userNames.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0) return new Dictionary<string, PersonLabel>();
        var users = await db.Users.AsNoTracking().Where(u => names.Contains(u.UserName))
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Role }).ToListAsync(ct);
        var ids = users.Select(u => (Guid?)u.Id).ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.UserId))
            .Select(p => new { p.UserId, p.Name, p.Post }).ToListAsync(ct);
        return users.ToDictionary(u => u.UserName, u =>
        {
            var person = people.FirstOrDefault(p => p.UserId == u.Id);
            return new PersonLabel(person?.Name ?? u.DisplayName, string.IsNullOrWhiteSpace(person?.Post) ? null : person.Post, u.Role);
        }, StringComparer.Ordinal);
    }

    /// <summary>
    /// "Name · post" for a known account; a display name that already ends with its post in brackets ("王芳（分局局长）",
    /// as the demo names its accounts) as it is; anything else (a system actor, a deleted account) as recorded.
    /// </summary>
    public static string Text(IStringLocalizer<SharedResource> t, IReadOnlyDictionary<string, PersonLabel> labels, string? userName)
    {
        if (userName is null || !labels.TryGetValue(userName, out var l)) return userName ?? "";
        if (l.Post is null && (l.Name.EndsWith('）') || l.Name.EndsWith(')'))) return l.Name;
        return $"{l.Name} · {l.Post ?? t[$"Role.{l.Role}"].Value}";
    }
}
