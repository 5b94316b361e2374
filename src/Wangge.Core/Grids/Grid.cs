using NetTopologySuite.Geometries;
using Wangge.Core.Common;

namespace Wangge.Core.Grids;

/// <summary>One area of the grid tree with its border (WGS-84).</summary>
public sealed class Grid : IScoped, IVersioned
{
    public const int MaxNameLength = 100;

    private Grid() { }

    public Grid(Guid id, GridCode code, string name, GridLevelKind level, Grid? parent, MultiPolygon border, DateOnly validFrom)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw RuleViolation.Invalid("name", "grid_name_required", "A grid needs a name.");
        if (name.Trim().Length > MaxNameLength)
            throw RuleViolation.Invalid("name", "grid_name_too_long", $"A grid's name has at most {MaxNameLength} characters.");
        // The top of a tree is a bureau's whole area: a province, a city or a district, whichever the jurisdiction is.
        if (parent is null && level > GridLevelKind.District)
            throw RuleViolation.Invalid("parentCode", "grid_parent_required", "Only a bureau's area (province, city or district) has no parent.");
        if (parent is not null && parent.Level >= level)
            throw RuleViolation.Invalid("level", "grid_level_order", $"A {level} cannot sit under a {parent.Level}.");
        Id = id;
        Code = code.Value;
        Name = name.Trim();
        Level = level;
        ParentId = parent?.Id;
        ScopePathValue = (parent is null ? ScopePath.Root(code.Value) : parent.Scope.Child(code.Value)).Value;
        Border = border;
        ValidFrom = validFrom;
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public GridLevelKind Level { get; private set; }
    public Guid? ParentId { get; private set; }
    public string ScopePathValue { get; private set; } = "";
    public MultiPolygon Border { get; private set; } = MultiPolygon.Empty;
    /// <summary>Area in km², computed once from the border on an equal-area approximation.</summary>
    public double AreaKm2 { get; set; }
    /// <summary>Workload figure used to balance grids (weighted business count).</summary>
    public double Workload { get; set; }
    /// <summary>Advanced by every saved change (name, border, end); a writer names the version it read.</summary>
    public int Version { get; private set; } = 1;
    public DateOnly ValidFrom { get; private set; }
    /// <summary>Exclusive end of validity; null while current.</summary>
    public DateOnly? ValidTo { get; private set; }

    public ScopePath Scope => ScopePath.Parse(ScopePathValue);

    /// <summary>Puts a new border in force; the caller records it as a <see cref="GridBorderVersion"/>.</summary>
    public void ReplaceBorder(MultiPolygon border, double areaKm2)
    {
        if (border.IsEmpty) throw RuleViolation.Invalid("border", "grid_border_empty", $"Grid {Code} needs a border.");
        Border = border;
        AreaKm2 = areaKm2;
    }

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw RuleViolation.Invalid("name", "grid_name_required", "A grid needs a name.");
        if (name.Trim().Length > MaxNameLength)
            throw RuleViolation.Invalid("name", "grid_name_too_long", $"A grid's name has at most {MaxNameLength} characters.");
        Name = name.Trim();
    }

    /// <summary>Ends the grid (merged away by a redistricting); its records stay.</summary>
    public void End(DateOnly on) => ValidTo = on;
}
