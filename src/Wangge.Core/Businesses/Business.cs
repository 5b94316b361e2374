using NetTopologySuite.Geometries;
using Wangge.Core.Common;
using Wangge.Core.Grids;

namespace Wangge.Core.Businesses;

/// <summary>A market entity (市场主体) in the ledger, placed in exactly one bottom grid.</summary>
public sealed class Business : IScoped
{
    public const int MaxNameLength = 200;
    public const int MaxAddressLength = 300;

    private Business() { }

    public Business(Guid id, CreditCode creditCode, string name, BusinessKind kind, Sector sector, BusinessScale scale,
        string address, Point location, DateOnly openedOn)
    {
        Id = id;
        CreditCode = creditCode.Value;
        Rename(name);
        Kind = kind;
        Sector = sector;
        Scale = scale;
        Address = CheckedText(address, "address", MaxAddressLength);
        Location = location;
        OpenedOn = openedOn;
        Status = BusinessStatus.Operating;
    }

    public Guid Id { get; private set; }
    public string CreditCode { get; private set; } = "";
    public string Name { get; private set; } = "";
    public BusinessKind Kind { get; private set; }
    public Sector Sector { get; private set; }
    public BusinessScale Scale { get; private set; }
    public bool KeyIndustry { get; set; }
    public string Address { get; private set; } = "";
    public string? LegalRepresentative { get; set; }
    public Point Location { get; private set; } = Point.Empty;
    public BusinessStatus Status { get; private set; }
    public DateOnly OpenedOn { get; private set; }
    public Guid? GridId { get; private set; }
    /// <summary>The bottom grid's scope path; an unplaced business sits at the district's root.</summary>
    public string ScopePathValue { get; private set; } = "";

    public void Rename(string name) => Name = CheckedText(name, "name", MaxNameLength);

    public void MoveTo(string address, Point location)
    {
        Address = CheckedText(address, "address", MaxAddressLength);
        Location = location;
    }

    public void PlaceIn(Grid grid)
    {
        if (grid.Level != GridLevelKind.Grid)
            throw RuleViolation.Invalid("gridCode", "business_needs_bottom_grid", "A business is placed in a bottom grid.");
        GridId = grid.Id;
        ScopePathValue = grid.ScopePathValue;
    }

    /// <summary>Leaves the business unplaced, visible at the jurisdiction's root until a grid takes it.</summary>
    public void Unplace(ScopePath jurisdiction)
    {
        GridId = null;
        ScopePathValue = jurisdiction.Value;
    }

    public void ChangeStatus(BusinessStatus status) => Status = status;

    private static string CheckedText(string? text, string field, int max)
    {
        var t = text?.Trim() ?? "";
        if (t.Length == 0) throw RuleViolation.Invalid(field, $"business_{field}_required", $"The business's {field} is required.");
        if (t.Length > max) throw RuleViolation.Invalid(field, $"business_{field}_too_long", $"The {field} is longer than {max} characters.");
        return t;
    }
}
