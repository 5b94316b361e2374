namespace Wangge.Hosting;

/// <summary>
/// A setting that keeps Wangge from starting. The person who wrote it reads one line naming the setting and
/// exits non-zero; a stack trace would only hide which line of the configuration is wrong.
/// </summary>
public sealed class SettingError(string setting, string message) : Exception($"{setting}: {message}")
{
    /// <summary>The exit code of a process that refused its configuration (1 is any other failure).</summary>
    public const int ExitCode = 2;

    public string Setting { get; } = setting;
}
