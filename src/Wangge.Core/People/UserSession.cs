namespace Wangge.Core.People;

/// <summary>
/// A browser sign-in, kept on the server so that it can be ended there: the cookie names its session, and a
/// cookie whose session row is gone (signed out, revoked, expired, account deleted) is refused.
/// </summary>
public sealed class UserSession
{
    /// <summary>
    /// The longest a session lives, however active: the cookie slides with use, the row does not, so a stolen
    /// cookie kept warm still dies within this time.
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);

    private UserSession() { }

    public UserSession(Guid id, Guid userId, DateTimeOffset startedAt)
    {
        Id = id;
        UserId = userId;
        StartedAt = startedAt;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }

    public bool IsExpired(DateTimeOffset now) => now - StartedAt >= MaxAge;
}
