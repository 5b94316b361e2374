using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Wangge.Core.Common;

namespace Wangge.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without the app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteWanggeDbContext>
{
    public SqliteWanggeDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteWanggeDbContext>();
        WanggeDatabase.Parse("design.db").Configure(options);
        return new SqliteWanggeDbContext(options.Options, new SystemCallers(), TimeProvider.System,
            Wangge.Core.Audit.AuditKey.Parse(Wangge.Core.Audit.AuditKey.GenerateText()));
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresWanggeDbContext>
{
    public PostgresWanggeDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresWanggeDbContext>();
        WanggeDatabase.Parse("Host=localhost;Database=design").Configure(options);
        return new PostgresWanggeDbContext(options.Options, new SystemCallers(), TimeProvider.System,
            Wangge.Core.Audit.AuditKey.Parse(Wangge.Core.Audit.AuditKey.GenerateText()));
    }
}

/// <summary>A caller accessor that always answers the system caller (CLI, migrations, the demo generator).</summary>
public sealed class SystemCallers : ICallerAccessor
{
    public Caller Current { get; } = Caller.System();
}
