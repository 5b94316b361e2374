namespace Wangge.Core.Grids;

/// <summary>
/// What a level of the hierarchy is. Levels are named by what they are, not numbered, because sources
/// number them in opposite directions ([004-2] counts villages as level 1).
/// </summary>
public enum GridLevelKind
{
    /// <summary>The county or district bureau's whole jurisdiction (区/县局).</summary>
    District = 0,
    /// <summary>A zone around a workstation (片区/工作站).</summary>
    Zone = 1,
    /// <summary>A town, street or station area (镇/街/所).</summary>
    Street = 2,
    /// <summary>A bottom grid (网格/监管格); every business is placed in exactly one.</summary>
    Grid = 3,
}
