namespace Wangge.Tests.Infrastructure;

/// <summary>Files of the repository itself (tools' npm packages, shipped data), found upwards from the test binaries.</summary>
internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Wangge.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Wangge.slnx not found above " + AppContext.BaseDirectory);
    }
}
