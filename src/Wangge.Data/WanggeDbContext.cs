using Microsoft.EntityFrameworkCore;
using Wangge.Core.Audit;
using Wangge.Core.Businesses;
using Wangge.Core.Common;
using Wangge.Core.Grids;
using Wangge.Core.People;
using Wangge.Core.Imports;
using Wangge.Core.Risk;
using Wangge.Data.Audit;
using Wangge.Data.Businesses;
using Wangge.Data.Common;

namespace Wangge.Data;

/// <summary>
/// The one EF Core model. Provider-specific subclasses carry their own migrations; everything about
/// scope and audit is decided here, once, so no endpoint can forget it.
/// </summary>
public abstract class WanggeDbContext : DbContext
{
    private readonly ICallerAccessor _callers;

    protected WanggeDbContext(DbContextOptions options, ICallerAccessor callers, TimeProvider clock, AuditKey auditKey) : base(options)
    {
        _callers = callers;
        Clock = clock;
        AuditKey = auditKey;
    }

    public TimeProvider Clock { get; }

    /// <summary>Keys the audit chain; it comes from outside the database (decision 005).</summary>
    public AuditKey AuditKey { get; }

    protected ICallerAccessor Callers => _callers;

    public DbSet<Grid> Grids => Set<Grid>();
    public DbSet<BaseArea> BaseAreas => Set<BaseArea>();
    public DbSet<GridBorderVersion> GridBorderVersions => Set<GridBorderVersion>();
    public DbSet<BusinessMove> BusinessMoves => Set<BusinessMove>();
    public DbSet<Business> Businesses => Set<Business>();
    public DbSet<BusinessVersion> BusinessVersions => Set<BusinessVersion>();
    public DbSet<SupervisionEvent> SupervisionEvents => Set<SupervisionEvent>();
    public DbSet<RiskRating> RiskRatings => Set<RiskRating>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<ImportProblem> ImportProblems => Set<ImportProblem>();
    public DbSet<User> Users => Set<User>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<GridAssignment> GridAssignments => Set<GridAssignment>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();

    public Caller Caller => _callers.Current;

    /// <summary>
    /// Set by bulk imports: rows they create are audited through the batch's checkpoint (an audited
    /// <see cref="ImportRun"/> change naming the lines and counts) instead of one audit entry each.
    /// </summary>
    public bool AuditCreatedLedgerRowsAsBatch { get; set; }

    /// <summary>
    /// The versions a bulk batch wrote, by EF or by COPY, not yet in the log: the next save appends one entry with their
    /// digest instead of an entry each (decision 005).
    /// </summary>
    public BulkDigest BulkVersions { get; private set; } = new();

    /// <summary>Adds a version a bulk batch writes in the current transaction to the digest its save will log.</summary>
    public void RecordBulkVersion(Guid id, Guid businessId, int number, ReadOnlySpan<byte> snapshotUtf8)
    {
        if (!ReferenceEquals(BulkVersions.Transaction, Database.CurrentTransaction))
            BulkVersions = new BulkDigest { Transaction = Database.CurrentTransaction };
        BulkVersions.Add(id, businessId, number, snapshotUtf8);
    }

    /// <summary>
    /// The prefix every scoped row's path must start with. EF reads this member per query, so one model
    /// serves every caller. A caller without a grid node gets a prefix no path has.
    /// </summary>
    protected string ScopePrefix => Caller.SeesAll ? "" : Caller.Scope.IsNone ? "#" : Caller.Scope.Value;

    public abstract bool IsPostgres { get; }

    /// <summary>
    /// Another context for the same caller on a connection of its own, so that a second transaction can run
    /// beside this one (an import writes one batch while the database is still taking the previous one).
    /// </summary>
    public abstract WanggeDbContext CreateSibling();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WanggeDbContext).Assembly,
            t => t.Namespace is not null && !t.Namespace.Contains("Migrations", StringComparison.Ordinal));
        ApplyScopeFilter<Grid>(modelBuilder);
        ApplyScopeFilter<BaseArea>(modelBuilder);
        ApplyScopeFilter<Business>(modelBuilder);
        ApplyScopeFilter<GridAssignment>(modelBuilder);
        ApplyScopeFilter<GridBorderVersion>(modelBuilder);
        ApplyScopeFilter<BusinessMove>(modelBuilder);
        ApplyScopeFilter<BusinessVersion>(modelBuilder);
        ApplyScopeFilter<ImportRun>(modelBuilder);
        Versioning.Configure(modelBuilder);
        SnakeCaseNames.Apply(modelBuilder);
    }

    private void ApplyScopeFilter<T>(ModelBuilder modelBuilder) where T : class, IScoped =>
        modelBuilder.Entity<T>().HasQueryFilter(e => e.ScopePathValue.StartsWith(ScopePrefix));

    /// <summary>
    /// Audits a set-based write made outside the change tracker (a bulk re-rating, a COPY) by one entry that
    /// summarises it, inside the caller's transaction.
    /// </summary>
    public async Task AuditBulkAsync(string entityType, string key, string action, object summary, CancellationToken ct)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(summary, AuditRecorder.Json);
        await AuditRecorder.LockHeadAsync(this, ct);
        AuditRecorder.Append(this, [new TrackedChange(null, entityType, key, action, null, json)]);
        await base.SaveChangesAsync(true, ct);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SaveAuditedAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            // Another writer saved first (or a row this save expected was already gone): the caller is refused with
            // the version to reload, and nothing of this save is written.
            throw await Versioning.RefusalAsync(this, e, cancellationToken);
        }
    }

    private async Task<int> SaveAuditedAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        ChangeTracker.DetectChanges();
        Versioning.Advance(this);
        var changes = AuditRecorder.Collect(this);
        var versions = VersionRecorder.Pending(this);
        if (changes.Count == 0 && versions.Count == 0 && BulkVersions.Rows == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        ScopeGuard.Check(Caller, changes);

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            // Appending to the audit chain takes its lock first; versions are numbered under it.
            await AuditRecorder.LockHeadAsync(this, cancellationToken);
            await VersionRecorder.AppendAsync(this, versions, cancellationToken);
            AuditRecorder.CollectVersions(this, changes);
            var written = await base.SaveChangesAsync(true, cancellationToken);
            // Entries are made after the rows are saved, so they record the keys and values the database assigned
            // (a new licence's id, not EF's temporary one) and the after-state reconciles with the stored row.
            if (changes.Count > 0)
            {
                AuditRecorder.Append(this, changes);
                await base.SaveChangesAsync(true, cancellationToken);
            }
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return written;
        }
        finally
        {
            // Saved into the log, or rolled back with the rows it describes: either way it is done with.
            BulkVersions = new BulkDigest();
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }
}
