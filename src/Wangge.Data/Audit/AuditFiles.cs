using Microsoft.Data.Sqlite;
using Npgsql;
using Wangge.Core.Audit;

namespace Wangge.Data.Audit;

/// <summary>
/// Where a database's audit key and anchors live when configuration names no other place: beside the data. For a
/// SQLite file that is the file's directory; a PostgreSQL database has no file, so the working directory, named after
/// the server and database. Decision 005 says why a deployment should configure both elsewhere.
/// </summary>
public sealed record AuditFiles(string KeyFile, string AnchorFile)
{
    public const string KeySuffix = ".audit-key";
    public const string AnchorSuffix = ".audit-anchors";

    public static AuditFiles Beside(WanggeDatabase database)
    {
        var stem = database.IsPostgres
            ? Path.Combine(Environment.CurrentDirectory, Sanitise($"wangge-{new NpgsqlConnectionStringBuilder(database.ConnectionString).Host}-{new NpgsqlConnectionStringBuilder(database.ConnectionString).Database}"))
            : Path.GetFullPath(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource);
        return new AuditFiles(stem + KeySuffix, stem + AnchorSuffix);
    }

    private static string Sanitise(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));

    /// <summary>
    /// Reads the key file, or creates it with a fresh key when it does not exist yet. Creation goes through a temporary
    /// file moved into place, so two processes starting at once end up with the same key.
    /// </summary>
    public static AuditKey LoadOrCreateKey(string path, Action<string>? created = null)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var w = new StreamWriter(temporary, System.Text.Encoding.ASCII, options)) w.WriteLine(AuditKey.GenerateText());
            try
            {
                File.Move(temporary, path, overwrite: false);
                created?.Invoke(path);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }
        return AuditKey.Parse(File.ReadAllText(path));
    }

    /// <summary>The message for a key made on first use: who reads the console must know it exists and where.</summary>
    public static void Announce(string path) =>
        Console.Error.WriteLine($"Wangge: no audit key was configured, so one was generated in {path}. Without it the audit log cannot be " +
            "verified; with it anyone can forge entries. Keep a copy off this machine, keep it where the database's users cannot read it, " +
            "and name it in Wangge:Audit:KeyFile (see docs/decisions/005-keyed-audit-with-anchors.md).");
}
