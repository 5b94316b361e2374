using System.Linq.Expressions;
using Wangge.Core.Common;

namespace Wangge.Core.Businesses;

/// <summary>Licences and registrations the grid team checks on a visit (domain §6, daily check content).</summary>
public enum LicenceKind
{
    /// <summary>食品生产许可证</summary>
    FoodProduction,
    /// <summary>食品经营许可证</summary>
    FoodBusiness,
    /// <summary>小作坊/小餐饮登记证 — registration of small workshops and eateries.</summary>
    SmallFoodRegistration,
    /// <summary>工业产品生产许可证</summary>
    IndustrialProduct,
    /// <summary>特种设备使用登记证</summary>
    SpecialEquipmentUse,
    /// <summary>化妆品生产许可证</summary>
    Cosmetics,
    /// <summary>卫生许可证 (drinking water)</summary>
    Hygiene,
    /// <summary>计量器具 certificates</summary>
    Metrology,
    Other,
}

public enum LicenceState
{
    Valid,
    ExpiringSoon,
    Expired,
}

/// <summary>A licence a business holds; part of the business record and of its versions.</summary>
public sealed class Licence
{
    public const int MaxNumberLength = 64;
    public const int MaxScopeLength = 500;
    /// <summary>No licence runs longer than this from today (the longest, special-equipment registrations, have no expiry at all).</summary>
    public const int MaxYearsValid = 50;

    private Licence() { }

    public Licence(LicenceKind kind, string number, string? scope, DateOnly? issuedOn, DateOnly? expiresOn)
    {
        TextRules.Check(number, "licences.number");
        TextRules.Check(scope, "licences.scope");
        var n = number?.Trim() ?? "";
        if (TextRules.IsBlank(n)) throw RuleViolation.Invalid("licences.number", "licence_number_required", "A licence needs its number.");
        if (n.Length > MaxNumberLength) throw RuleViolation.Invalid("licences.number", "licence_number_too_long", $"A licence number has at most {MaxNumberLength} characters.");
        if (scope is { Length: > MaxScopeLength }) throw RuleViolation.Invalid("licences.scope", "licence_scope_too_long", $"A licence scope has at most {MaxScopeLength} characters.");
        if (issuedOn is { } i && expiresOn is { } e && e < i)
            throw RuleViolation.Invalid("licences.expiresOn", "licence_expires_before_issued", "A licence cannot expire before it was issued.");
        Kind = kind;
        Number = n;
        Scope = string.IsNullOrWhiteSpace(scope) ? null : scope.Trim();
        IssuedOn = issuedOn;
        ExpiresOn = expiresOn;
    }

    public LicenceKind Kind { get; private set; }
    public string Number { get; private set; } = "";
    public string? Scope { get; private set; }
    public DateOnly? IssuedOn { get; private set; }
    public DateOnly? ExpiresOn { get; private set; }

    /// <summary>
    /// The order a ledger lists a business's licences in (kind, number, dates, scope); also their equality, every
    /// field counted, so two lists of the same licences in different orders are the same once ordered.
    /// </summary>
    public static readonly LicenceLedgerOrder LedgerOrder = new();

    /// <summary>How many days ahead an expiry is flagged so that renewal (which takes weeks) can start.</summary>
    public const int ExpiringSoonDays = 60;

    public LicenceState StateOn(DateOnly day) => IsExpired(this, day) ? LicenceState.Expired
        : IsDue(this, day) ? LicenceState.ExpiringSoon
        : LicenceState.Valid;

    /// <summary>Expired on a day: its last valid day is before it. A licence without an end date never expires.</summary>
    public static Expression<Func<Licence, DateOnly, bool>> ExpiredRule { get; } = (l, day) => l.ExpiresOn < day;

    /// <summary>
    /// Due for renewal on a day: it ends within <see cref="ExpiringSoonDays"/> of it, or has ended (every expired licence is
    /// due). Queries inline both rules (<see cref="Business.LicenceStateIs"/>); <see cref="StateOn"/> runs them compiled.
    /// </summary>
    public static Expression<Func<Licence, DateOnly, bool>> DueRule { get; } = (l, day) => l.ExpiresOn <= day.AddDays(ExpiringSoonDays);

    private static readonly Func<Licence, DateOnly, bool> IsExpired = ExpiredRule.Compile();
    private static readonly Func<Licence, DateOnly, bool> IsDue = DueRule.Compile();
}

/// <summary>See <see cref="Licence.LedgerOrder"/>.</summary>
public sealed class LicenceLedgerOrder : IComparer<Licence>, IEqualityComparer<Licence>
{
    internal LicenceLedgerOrder() { }

    public int Compare(Licence? x, Licence? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var c = x.Kind.CompareTo(y.Kind);
        if (c == 0) c = string.CompareOrdinal(x.Number, y.Number);
        if (c == 0) c = Nullable.Compare(x.IssuedOn, y.IssuedOn);
        if (c == 0) c = Nullable.Compare(x.ExpiresOn, y.ExpiresOn);
        if (c == 0) c = string.CompareOrdinal(x.Scope, y.Scope);
        return c;
    }

    public bool Equals(Licence? x, Licence? y) => Compare(x, y) == 0;

    public int GetHashCode(Licence l) => HashCode.Combine(l.Kind, l.Number, l.IssuedOn, l.ExpiresOn, l.Scope);
}
