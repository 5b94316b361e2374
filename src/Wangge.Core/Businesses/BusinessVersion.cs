using Wangge.Core.Common;

namespace Wangge.Core.Businesses;

/// <summary>
/// One version of a ledger entry: who changed it, when, and what it said from then on. The ledger at a past
/// date is, per business, the latest version that began on or before it. Versions keep the grid the business
/// was in at the time, so a past ledger is scoped as it was then.
/// </summary>
public sealed class BusinessVersion : IScoped
{
    private BusinessVersion() { }

    public BusinessVersion(Guid businessId, int number, DateTimeOffset validFrom, string actor, string change,
        string snapshot, BusinessStatus status, Guid? gridId, string scopePathValue, string name)
    {
        Id = Guid.CreateVersion7();
        BusinessId = businessId;
        Number = number;
        ValidFrom = validFrom;
        Actor = actor;
        Change = change;
        Snapshot = snapshot;
        Status = status;
        GridId = gridId;
        ScopePathValue = scopePathValue;
        Name = name;
    }

    public Guid Id { get; private set; }
    public Guid BusinessId { get; private set; }
    public int Number { get; private set; }
    public DateTimeOffset ValidFrom { get; private set; }
    public string Actor { get; private set; } = "";
    /// <summary>created, changed, closed, imported, placed…</summary>
    public string Change { get; private set; } = "";
    /// <summary>The <see cref="BusinessSnapshot"/> as JSON.</summary>
    public string Snapshot { get; private set; } = "";
    public BusinessStatus Status { get; private set; }
    public Guid? GridId { get; private set; }
    public string Name { get; private set; } = "";
    public string ScopePathValue { get; private set; } = "";
}
