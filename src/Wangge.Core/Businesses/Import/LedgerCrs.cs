namespace Wangge.Core.Businesses.Import;

/// <summary>The coordinate system of a ledger row's longitude and latitude. The ledger itself stores WGS-84 only.</summary>
public enum LedgerCrs
{
    /// <summary>WGS-84 (GPS, and CGCS2000, which differs by centimetres).</summary>
    Wgs84,
    /// <summary>GCJ-02 ("Mars coordinates"), what AMap and Tencent maps show and what a point picked on them is.</summary>
    Gcj02,
}
