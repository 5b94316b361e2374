namespace Wangge.Core.People;

/// <summary>
/// Failed sign-ins of one account from one address, and how long that pair must wait before its next try.
/// Keyed by the pair rather than the account, so an attacker guessing from one address slows only
/// themselves: the real user signing in from another address is never held up (OWASP Authentication Cheat
/// Sheet, "account lockout": lock per source to avoid denial of service). Unknown user names count the same
/// way as real ones, so the back-off tells nothing about which names exist.
/// </summary>
public sealed record SignInBackoff(int Failures, DateTimeOffset LastFailureAt)
{
    /// <summary>Failures a pair may make before it must wait: enough for a few typing mistakes.</summary>
    public const int FreeFailures = 5;

    /// <summary>The first wait; each further failure doubles it, up to <see cref="MaxDelay"/>.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);

    /// <summary>A pair that has not failed for this long starts again from nothing.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    public static SignInBackoff None { get; } = new(0, DateTimeOffset.MinValue);

    /// <summary>
    /// The pair after one more failure. A try made while waiting counts too, so an attacker who keeps trying
    /// keeps waiting longer.
    /// </summary>
    public SignInBackoff After(DateTimeOffset failedAt) =>
        IsForgotten(failedAt) ? new SignInBackoff(1, failedAt) : new SignInBackoff(Failures + 1, failedAt);

    public bool IsForgotten(DateTimeOffset now) => Failures == 0 || now - LastFailureAt >= ForgetAfter;

    /// <summary>When the pair may try again; null while it still has free failures.</summary>
    public DateTimeOffset? WaitUntil
    {
        get
        {
            if (Failures < FreeFailures) return null;
            var doublings = Math.Min(Failures - FreeFailures, 16);
            var delay = TimeSpan.FromTicks(Math.Min(FirstDelay.Ticks << doublings, MaxDelay.Ticks));
            return LastFailureAt + delay;
        }
    }

    /// <summary>Whether a try now is refused without regard to the password.</summary>
    public bool MustWait(DateTimeOffset now) => !IsForgotten(now) && WaitUntil is { } until && now < until;
}
