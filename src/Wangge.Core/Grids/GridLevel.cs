namespace Wangge.Core.Grids;

/// <summary>
/// What a level of the hierarchy is. Levels are named by what they are, not numbered, because sources
/// number them in opposite directions ([004-2] counts villages as level 1). They are declared top-down, so a
/// parent's level compares below its child's; the database stores the name, so the order may grow.
/// </summary>
public enum GridLevelKind
{
    /// <summary>A province's bureau (省局), GB/T 2260 province.</summary>
    Province = 0,
    /// <summary>A city bureau over its counties (市局, [004-1]), GB/T 2260 prefecture-level city.</summary>
    City = 1,
    /// <summary>The county or district bureau's whole jurisdiction (区/县局).</summary>
    District = 2,
    /// <summary>A zone around a workstation (片区/工作站).</summary>
    Zone = 3,
    /// <summary>A town, street or station area (镇/街/所).</summary>
    Street = 4,
    /// <summary>A village or residents' community (村/社区).</summary>
    Village = 5,
    /// <summary>A bottom grid (网格/监管格); every business is placed in exactly one.</summary>
    Grid = 6,
}
