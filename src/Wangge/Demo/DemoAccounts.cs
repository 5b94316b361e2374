using Microsoft.EntityFrameworkCore;
using Wangge.Auth;
using Wangge.Core.Grids;
using Wangge.Core.People;
using Wangge.Data;
using Wangge.Users;

namespace Wangge.Demo;

public sealed record DemoAccount(string UserName, string Password, Role Role, string Place);

/// <summary>One account per role, all with the published demo password, each placed where its role works.</summary>
public sealed class DemoAccounts(WanggeDbContext db, UserAdministration users)
{
    public static IReadOnlyList<Department> Departments() =>
    [
        new(Guid.CreateVersion7(), "SAMR", "市场监督管理局"),
        new(Guid.CreateVersion7(), "FOOD", "食品安全办公室"),
        new(Guid.CreateVersion7(), "QUALITY", "质量技术监督"),
        new(Guid.CreateVersion7(), "SPECEQ", "特种设备安全监察"),
        new(Guid.CreateVersion7(), "CITY", "城市管理综合执法"),
        new(Guid.CreateVersion7(), "POLICE", "公安分局"),
        new(Guid.CreateVersion7(), "AGRI", "农业农村局"),
        new(Guid.CreateVersion7(), "HEALTH", "卫生健康局"),
    ];

    public async Task<IReadOnlyList<DemoAccount>> CreateAsync(DemoNames names, Grid district, Grid zone, IReadOnlyList<(DemoStreet Street, Grid Grid)> streets,
        IReadOnlyList<Grid> bottoms, IReadOnlyList<Department> departments, IReadOnlyList<GridAssignment> staff, CancellationToken ct)
    {
        // The field accounts share one busy urban grid, so a new user sees real work in every role.
        var grid = bottoms.Where(b => b.Workload > 0).OrderByDescending(b => b.Workload).ThenBy(b => b.Code)
            .First(b => streets.Any(s => !s.Street.IsTown && s.Grid.Id == b.ParentId));
        var station = streets.First(s => s.Grid.Id == grid.ParentId).Grid;
        var people = staff.Where(a => a.GridId == grid.Id).ToList();
        var plan = new (string User, Role Role, Grid? Place, AssignmentRole? Duty, string Label)[]
        {
            ("admin", Role.SystemAdmin, district, null, "系统管理员"),
            ("bureau", Role.BureauLeader, district, null, "分局局长"),
            ("station", Role.StationChief, station, null, $"{station.Name}所长"),
            ("gridleader", Role.GridLeader, grid, AssignmentRole.Leader, "网格长"),
            ("inspector", Role.Inspector, grid, AssignmentRole.Supervisor, "监管员"),
            ("coordinator", Role.Coordinator, grid, AssignmentRole.Coordinator, "协管员"),
            ("liaison", Role.DepartmentLiaison, null, null, "食安办联络员"),
        };
        var created = new List<DemoAccount>();
        foreach (var (name, role, place, duty, label) in plan)
        {
            var assignment = duty is null ? null : people.FirstOrDefault(p => p.Role == duty);
            var person = assignment is null ? null : await db.People.SingleAsync(p => p.Id == assignment.PersonId, ct);
            var display = $"{person?.Name ?? names.Person()}（{label}）";
            var user = await users.AddAsync(name, display, role, place?.Code, place is null ? "FOOD" : null, AccountService.DemoPassword, ct);
            if (person is not null) person.UserId = user.Id;
            created.Add(new DemoAccount(name, AccountService.DemoPassword, role, place is null ? departments.First(d => d.Code == "FOOD").Name : $"{place.Name} {place.Code}"));
        }
        await db.SaveChangesAsync(ct);
        return created;
    }
}
