using Microsoft.Extensions.Caching.Memory;
using Wangge.Core.People;

namespace Wangge.Auth;

/// <summary>
/// The failed sign-ins of each (user name, address) pair, held in this process's memory only. They are kept
/// out of the database on purpose: a failure is anonymous (nobody has proved who they are), and writing
/// each one would let anyone flood the audit chain and the disk, and would make a failure on a real account
/// do more work than one on an unknown name. The price is that a restart forgets them and each server
/// counts its own — the same as the per-address rate limit beside them, which bounds how fast any address
/// can try at all.
/// </summary>
public sealed class SignInBackoffs(TimeProvider clock) : IDisposable
{
    /// <summary>Bounds the memory an attacker trying many names from many addresses can take.</summary>
    public const int MaxPairs = 100_000;

    private readonly MemoryCache _pairs = new(new MemoryCacheOptions { SizeLimit = MaxPairs });
    private readonly Lock _gate = new();

    public bool MustWait(string userName, string? address) =>
        Get(userName, address).MustWait(clock.GetUtcNow());

    public void RecordFailure(string userName, string? address)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var next = Get(userName, address).After(now);
            _pairs.Set(Key(userName, address), next, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = SignInBackoff.ForgetAfter });
        }
    }

    public void RecordSuccess(string userName, string? address) => _pairs.Remove(Key(userName, address));

    /// <summary>Unlocks an account: an administrator's new password or enabling forgets its waits from every address.</summary>
    public void Forget(string userName)
    {
        foreach (var key in _pairs.Keys.OfType<(string User, string Address)>().Where(k => k.User == userName).ToList())
            _pairs.Remove(key);
    }

    private SignInBackoff Get(string userName, string? address) =>
        _pairs.TryGetValue(Key(userName, address), out SignInBackoff? pair) && pair is not null ? pair : SignInBackoff.None;

    private static (string, string) Key(string userName, string? address) => (userName, address ?? "");

    public void Dispose() => _pairs.Dispose();
}
