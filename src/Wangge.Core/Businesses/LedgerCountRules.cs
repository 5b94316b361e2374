using System.Linq.Expressions;

namespace Wangge.Core.Businesses;

/// <summary>
/// What each count of the ledger means, once, for the home page, the ledger, the grid page and the exports alike
/// (one label, one count). <b>在营</b> (operating) is a business whose registration status is
/// <see cref="BusinessStatus.Operating"/>: a suspended (停业) business is on the ledger but not in operation.
/// Key firms and risk classes count the businesses under supervision: every one that is not closed (注销), since a
/// suspended key firm may reopen tomorrow and its grid team must still know it.
/// </summary>
public static class LedgerCountRules
{
    public static bool IsOperating(BusinessStatus status) => status == BusinessStatus.Operating;

    public static bool IsSupervised(BusinessStatus status) => status != BusinessStatus.Closed;

    public static bool IsKeyFirm(BusinessStatus status, bool keyIndustry) => keyIndustry && IsSupervised(status);

    /// <summary><see cref="IsOperating"/> as a query the database runs.</summary>
    public static Expression<Func<Business, bool>> Operating { get; } = b => b.Status == BusinessStatus.Operating;

    /// <summary><see cref="IsKeyFirm"/> as a query the database runs.</summary>
    public static Expression<Func<Business, bool>> KeyFirm { get; } = b => b.KeyIndustry && b.Status != BusinessStatus.Closed;
}
