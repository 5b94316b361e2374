using Wangge.Core.Common;

namespace Wangge.Core.Grids;

/// <summary>
/// A business re-placed from one grid to another (or into or out of every grid) when borders changed or
/// the business moved. Scoped at the nearest node above both grids, so the people responsible for either
/// side's parent see the move.
/// </summary>
public sealed class BusinessMove : IScoped
{
    private BusinessMove() { }

    public BusinessMove(Guid id, Guid businessId, Grid? from, Grid? to, ScopePath jurisdiction, DateTimeOffset at, string reason)
    {
        Id = id;
        BusinessId = businessId;
        FromGridId = from?.Id;
        ToGridId = to?.Id;
        ScopePathValue = CommonAncestor(from?.Scope ?? jurisdiction, to?.Scope ?? jurisdiction).Value;
        At = at;
        Reason = reason;
    }

    public Guid Id { get; private set; }
    public Guid BusinessId { get; private set; }
    public Guid? FromGridId { get; private set; }
    public Guid? ToGridId { get; private set; }
    public string ScopePathValue { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
    public string Reason { get; private set; } = "";

    public static ScopePath CommonAncestor(ScopePath a, ScopePath b)
    {
        var codes = a.Codes.Zip(b.Codes).TakeWhile(p => p.First == p.Second).Select(p => p.First).ToList();
        if (codes.Count == 0) return a.Codes.Count > 0 ? ScopePath.Root(a.Codes[0]) : ScopePath.None;
        var path = ScopePath.Root(codes[0]);
        foreach (var c in codes.Skip(1)) path = path.Child(c);
        return path;
    }
}
