using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Wangge.Core.Common;
using Wangge.Geo;

namespace Wangge.Data;

/// <summary>
/// The embedded default. SQLite has no spatial types here, so geometry is stored as WKB and all spatial
/// work happens in process with NetTopologySuite; times are stored as sortable integers.
/// </summary>
public sealed class SqliteWanggeDbContext(DbContextOptions<SqliteWanggeDbContext> options, ICallerAccessor callers, TimeProvider clock,
    Wangge.Core.Audit.AuditKey auditKey) : WanggeDbContext(options, callers, clock, auditKey)
{
    public override bool IsPostgres => false;

    public override WanggeDbContext CreateSibling() => new SqliteWanggeDbContext(options, Callers, Clock, AuditKey);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // SQLite keeps the history tables' foreign keys (decision 004): its checks are cheap index probes in process,
        // and dropping a key there means rebuilding the table. Named as the shared model names its keys.
        modelBuilder.Entity<Wangge.Core.Businesses.BusinessVersion>().HasOne<Wangge.Core.Businesses.Business>().WithMany()
            .HasForeignKey(x => x.BusinessId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_business_versions_businesses_business_id");
        modelBuilder.Entity<Wangge.Core.Risk.RiskRating>().HasOne<Wangge.Core.Businesses.Business>().WithMany()
            .HasForeignKey(x => x.BusinessId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_risk_ratings_businesses_business_id");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<Point>().HaveConversion<WkbConverter<Point>, GeometryComparer<Point>>();
        configurationBuilder.Properties<MultiPolygon>().HaveConversion<WkbConverter<MultiPolygon>, GeometryComparer<MultiPolygon>>();
    }

    internal sealed class WkbConverter<T>() : ValueConverter<T, byte[]>(
        g => new WKBWriter().Write(g),
        b => (T)new WKBReader(Wgs84.Factory.GeometryServices).Read(b)) where T : Geometry;

    internal sealed class GeometryComparer<T>() : Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<T>(
        (a, b) => a == null ? b == null : b != null && a.EqualsExact(b),
        g => g.GetHashCode(),
        g => (T)g.Copy()) where T : Geometry;
}
