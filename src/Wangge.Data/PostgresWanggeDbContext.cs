using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Wangge.Core.Common;
using Wangge.Geo;

namespace Wangge.Data;

/// <summary>PostgreSQL with PostGIS: geometry is real PostGIS geometry in WGS-84 (SRID 4326).</summary>
public sealed class PostgresWanggeDbContext(DbContextOptions<PostgresWanggeDbContext> options, ICallerAccessor callers, TimeProvider clock,
    Wangge.Core.Audit.AuditKey auditKey) : WanggeDbContext(options, callers, clock, auditKey)
{
    public override bool IsPostgres => true;

    public override WanggeDbContext CreateSibling() => new PostgresWanggeDbContext(options, Callers, Clock, AuditKey);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("postgis");
        base.OnModelCreating(modelBuilder);
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties().Where(p => typeof(Geometry).IsAssignableFrom(p.ClrType)).ToList())
            {
                property.SetColumnType($"geometry({property.ClrType.Name},{Wgs84.Srid})");
                // Borders are queried spatially on PostgreSQL and need a GiST index. Business points are not: placement
                // and map drill-down work in process from the grid, and keeping a GiST index current cost half the time
                // of loading a million businesses (bench/Wangge.Bench.Ledger), so points go without one.
                if (property.ClrType == typeof(Point)) continue;
                var index = entity.AddIndex(property);
                index.SetDatabaseName($"ix_{entity.GetTableName()}_{property.GetColumnName()}_gist");
                index.SetMethod("gist");
            }
    }
}
