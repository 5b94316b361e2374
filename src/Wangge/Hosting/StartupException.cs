namespace Wangge.Hosting;

/// <summary>
/// A setting or an installed file that stops the process before it does anything: shown as one line naming the
/// setting or file, with exit code 2, never as a stack trace (see <see cref="StartupErrors"/> and <see cref="WanggeCli.RunAsync"/>).
/// </summary>
public sealed class StartupException(string message) : Exception(message);

/// <summary>Turns a startup failure of any verb into one line on standard error.</summary>
public static class StartupErrors
{
    public const int ExitCode = 2;

    /// <summary>The line to print for <paramref name="e"/>, or null when it is not a startup failure.</summary>
    public static string? Describe(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is StartupException s) return $"error: {s.Message}";
            if (x is Microsoft.Extensions.Options.OptionsValidationException v) return $"error: {string.Join(" ", v.Failures)}";
        }
        return null;
    }
}
