namespace Wangge.Core.Businesses;

/// <summary>A licence as stated by an import row or an API call, before it becomes part of a record.</summary>
public sealed record LicenceFacts(LicenceKind Kind, string Number, string? Scope, DateOnly? IssuedOn, DateOnly? ExpiresOn);

/// <summary>
/// Everything a ledger entry states about a business, already parsed and validated field by field: what an
/// import row, an API call and a version snapshot have in common. Location is WGS-84 (GCJ-02 is converted
/// before it gets here).
/// </summary>
public sealed record BusinessFacts(
    LedgerCode Code,
    string Name,
    BusinessKind Kind,
    Sector Sector,
    SectorSet Sectors,
    BusinessScale Scale,
    bool KeyIndustry,
    string Address,
    double Lon,
    double Lat,
    string? LegalRepresentative,
    string? ContactPerson,
    string? ContactPhone,
    BusinessStatus Status,
    DateOnly OpenedOn,
    DateOnly? StatusSince,
    IReadOnlyList<LicenceFacts> Licences);
