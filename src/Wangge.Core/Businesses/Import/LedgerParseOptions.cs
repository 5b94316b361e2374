namespace Wangge.Core.Businesses.Import;

/// <summary>
/// How to read the rows of one file. <paramref name="AsOf"/> is the import date: no opening, status or issue date
/// may lie more than a day after it. <paramref name="CoordinatesAreGcj02"/> says the file's coordinates are GCJ-02
/// (a row's own 坐标系/crs cell still wins); they are converted to WGS-84 by <paramref name="Gcj02ToWgs84"/>, which the
/// host supplies from Wangge.Geo (the domain does no coordinate arithmetic of its own). The defaults fill an empty kind
/// or scale cell.
/// </summary>
public sealed record LedgerParseOptions(
    DateOnly AsOf,
    bool CoordinatesAreGcj02 = false,
    BusinessKind DefaultKind = BusinessKind.Enterprise,
    BusinessScale DefaultScale = BusinessScale.Small,
    Func<double, double, (double Lon, double Lat)>? Gcj02ToWgs84 = null);
