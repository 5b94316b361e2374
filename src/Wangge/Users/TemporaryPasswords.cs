using System.Security.Cryptography;

namespace Wangge.Users;

/// <summary>
/// Passwords an administrator hands over once (a new account, a reset). Drawn from letters and digits that read
/// aloud and copy from a screen without mix-ups (no 0/O, 1/l/I), long enough for about 70 bits.
/// </summary>
public static class TemporaryPasswords
{
    public const int Length = 12;
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);
}
