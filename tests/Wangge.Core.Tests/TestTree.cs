using NetTopologySuite.Geometries;
using Wangge.Core.Grids;

namespace Wangge.Core.Tests;

/// <summary>
/// A small grid tree shaped like Baiyun's (district → zone → street → bottom grid). Borders are empty
/// because the domain rules under test never look at geometry.
/// </summary>
internal static class TestTree
{
    public static readonly DateOnly ValidFrom = new(2024, 1, 1);

    public static Grid District() => Make("440111", "白云区", GridLevelKind.District, null);

    public static Grid Zone(Grid district) => Make("Z1", "北部片区", GridLevelKind.Zone, district);

    public static Grid Street(Grid zone) => Make("440111007", "太和镇", GridLevelKind.Street, zone);

    public static Grid Bottom(Grid street) => Make("44011100701", "太和第1网格", GridLevelKind.Grid, street);

    /// <summary>District → zone → street → bottom grid, ordered top-down: index 0 is the district.</summary>
    public static Grid[] Chain()
    {
        var district = District();
        var zone = Zone(district);
        var street = Street(zone);
        return [district, zone, street, Bottom(street)];
    }

    public static Grid Make(string code, string name, GridLevelKind level, Grid? parent) =>
        new(Guid.NewGuid(), GridCode.Parse(code), name, level, parent, MultiPolygon.Empty, ValidFrom);
}
