namespace Wangge.Core.People;

/// <summary>A bearer token; only its SHA-256 is stored, so a database copy cannot be replayed.</summary>
public sealed class ApiToken
{
    private ApiToken() { }

    public ApiToken(Guid id, Guid userId, string tokenHash, DateTimeOffset expiresAt)
    {
        Id = id;
        UserId = userId;
        TokenHash = tokenHash;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset ExpiresAt { get; private set; }
}
