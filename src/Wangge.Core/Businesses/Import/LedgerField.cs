namespace Wangge.Core.Businesses.Import;

/// <summary>
/// The columns a ledger import file can have. One licence per row is the usual case; a row can carry several by
/// listing them in every licence column separated by ';' (or '；'), the n-th entry of each column belonging to the
/// n-th licence (see <see cref="LedgerRowParser"/>).
/// </summary>
public enum LedgerField
{
    Code,
    Name,
    Kind,
    Sectors,
    Scale,
    KeyIndustry,
    LegalRepresentative,
    Address,
    Lon,
    Lat,
    Crs,
    Status,
    OpenedOn,
    StatusSince,
    ContactPerson,
    ContactPhone,
    LicenceKind,
    LicenceNumber,
    LicenceScope,
    LicenceIssuedOn,
    LicenceExpiresOn,
}

public static class LedgerFieldNames
{
    private static readonly string[] Names = Enum.GetNames<LedgerField>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]).ToArray();

    /// <summary>The number of ledger fields, for arrays indexed by field.</summary>
    public static int Count => Names.Length;

    /// <summary>The camelCase name a problem report, a mapping file and the API use: <c>openedOn</c>, <c>licenceNumber</c>.</summary>
    public static string FieldName(this LedgerField field) => Names[(int)field];
}
