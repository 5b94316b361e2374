using NetTopologySuite.Geometries;
using Wangge.Core.Common;

namespace Wangge.Core.Grids;

/// <summary>
/// One border a grid had over a period. Borders are redrawn, never overwritten: the grid keeps its identity
/// (and so its staff and businesses) while each border it ever had stays on record.
/// </summary>
public sealed class GridBorderVersion : IScoped
{
    public const int MaxReasonLength = 200;

    private GridBorderVersion() { }

    public GridBorderVersion(Guid id, Grid grid, MultiPolygon border, DateOnly validFrom, string reason)
    {
        Id = id;
        GridId = grid.Id;
        ScopePathValue = grid.ScopePathValue;
        Border = border;
        ValidFrom = validFrom;
        Reason = string.IsNullOrWhiteSpace(reason) ? "" : reason.Trim()[..Math.Min(reason.Trim().Length, MaxReasonLength)];
    }

    public Guid Id { get; private set; }
    public Guid GridId { get; private set; }
    public string ScopePathValue { get; private set; } = "";
    public MultiPolygon Border { get; private set; } = MultiPolygon.Empty;
    public DateOnly ValidFrom { get; private set; }
    /// <summary>Exclusive end; null for the border in force.</summary>
    public DateOnly? ValidTo { get; private set; }
    public string Reason { get; private set; } = "";

    public void Close(DateOnly on)
    {
        if (on < ValidFrom) throw RuleViolation.Invalid("validFrom", "border_version_order", "A border cannot end before it starts.");
        ValidTo = on;
    }
}
