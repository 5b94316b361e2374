using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Wangge.Core.Businesses;
using Wangge.Core.Grids;
using Wangge.Core.Imports;
using Wangge.Core.Risk;

namespace Wangge.Data.Businesses;

internal sealed class BusinessConfiguration : IEntityTypeConfiguration<Business>
{
    public void Configure(EntityTypeBuilder<Business> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.CreditCode).HasMaxLength(CreditCode.Length).IsRequired();
        b.Property(x => x.CodeKind).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Name).HasMaxLength(Business.MaxNameLength).IsRequired();
        b.Property(x => x.Address).HasMaxLength(Business.MaxAddressLength).IsRequired();
        b.Property(x => x.LegalRepresentative).HasMaxLength(Business.MaxPersonLength);
        b.Property(x => x.ContactPerson).HasMaxLength(Business.MaxPersonLength);
        b.Property(x => x.ContactPhone).HasMaxLength(Business.MaxPhoneLength);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.Sector).HasConversion<string>().HasMaxLength(48);
        b.Property(x => x.Scale).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        // The computed rating lives in a narrow table of its own: a rule change rewrites it for every business, and
        // rewriting 50-byte rows costs a fifth of rewriting whole ledger rows (measured on a million: 1 s against 4.7 s).
        b.OwnsOne(x => x.Rating, r =>
        {
            r.ToTable("business_ratings");
            r.WithOwner().HasForeignKey("BusinessId");
            r.Property(x => x.Class).HasConversion<string>().HasMaxLength(2);
            r.Property(x => x.FoodLevel).HasConversion<string>().HasMaxLength(8);
        });
        b.Navigation(x => x.Rating).IsRequired();
        b.Ignore(x => x.RiskScore);
        b.Ignore(x => x.RiskClass);
        b.Ignore(x => x.FoodRisk);
        b.Ignore(x => x.RatedAt);
        b.Property(x => x.OverrideClass).HasConversion<string>().HasMaxLength(2);
        b.Property(x => x.OverrideReason).HasMaxLength(RiskOverride.MaxReasonLength);
        b.Property(x => x.OverrideBy).HasMaxLength(100);
        b.Property(x => x.ScopePathValue).HasMaxLength(400).IsRequired();
        b.Ignore(x => x.Sectors);
        b.Ignore(x => x.Override);
        b.HasIndex(x => x.CreditCode).IsUnique();
        b.HasIndex(x => x.ScopePathValue);
        // Only the unplaced are looked up by grid (placement runs, the home page's count); businesses of a grid are
        // found by scope path. A full index on grid_id cost 2.2 s of a million-row import for lookups nobody makes.
        b.HasIndex(x => x.GridId).HasFilter("grid_id IS NULL").HasDatabaseName("ix_businesses_unplaced");
        b.HasOne<Grid>().WithMany().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.Licences, l =>
        {
            l.ToTable("business_licences");
            l.WithOwner().HasForeignKey("BusinessId");
            l.Property<int>("Id");
            l.HasKey("Id");
            l.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            l.Property(x => x.Number).HasMaxLength(Licence.MaxNumberLength).IsRequired();
            l.Property(x => x.Scope).HasMaxLength(Licence.MaxScopeLength);
            l.HasIndex(x => x.ExpiresOn);
        });
        b.Navigation(x => x.Licences).HasField("_licences").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class BusinessVersionConfiguration : IEntityTypeConfiguration<BusinessVersion>
{
    public void Configure(EntityTypeBuilder<BusinessVersion> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Actor).HasMaxLength(100).IsRequired();
        b.Property(x => x.Change).HasMaxLength(32).IsRequired();
        b.Property(x => x.Snapshot).IsRequired();
        b.Property(x => x.Name).HasMaxLength(Business.MaxNameLength).IsRequired();
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ScopePathValue).HasMaxLength(400).IsRequired();
        b.HasIndex(x => new { x.BusinessId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.ScopePathValue, x.ValidFrom });
        // No foreign key to businesses (see docs/decisions/004-history-without-foreign-keys.md): a version is written
        // only in the transaction that writes its business, businesses are never deleted, and the key's per-row lock
        // on the business was a quarter of the database's work in a bulk import.
    }
}

internal sealed class SupervisionEventConfiguration : IEntityTypeConfiguration<SupervisionEvent>
{
    public void Configure(EntityTypeBuilder<SupervisionEvent> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Reference).HasMaxLength(SupervisionEvent.MaxReferenceLength);
        b.Property(x => x.Note).HasMaxLength(SupervisionEvent.MaxNoteLength);
        b.Property(x => x.Source).HasMaxLength(24).IsRequired();
        b.Property(x => x.RecordedBy).HasMaxLength(100).IsRequired();
        b.HasIndex(x => new { x.BusinessId, x.OccurredOn });
        // Re-importing another system's history must not count its events twice.
        b.HasIndex(x => new { x.BusinessId, x.Source, x.Reference }).IsUnique();
        b.HasOne<Business>().WithMany().HasForeignKey(x => x.BusinessId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RiskRatingConfiguration : IEntityTypeConfiguration<RiskRating>
{
    public void Configure(EntityTypeBuilder<RiskRating> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Class).HasConversion<string>().HasMaxLength(2);
        b.Property(x => x.EffectiveClass).HasConversion<string>().HasMaxLength(2);
        b.Property(x => x.FoodLevel).HasConversion<string>().HasMaxLength(8);
        b.Property(x => x.Trigger).HasConversion<string>().HasMaxLength(24);
        b.Property(x => x.Factors).IsRequired();
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.Actor).HasMaxLength(100).IsRequired();
        b.HasIndex(x => new { x.BusinessId, x.RatedAt });
        // No foreign key to businesses, for the reasons given on versions above; here the key also locked (and so
        // rewrote) the page of every business whose class a rule change moved.
    }
}

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Kind).HasMaxLength(24).IsRequired();
        b.Property(x => x.FileName).HasMaxLength(260).IsRequired();
        b.Property(x => x.FileSha256).HasMaxLength(64).IsRequired();
        b.Property(x => x.Actor).HasMaxLength(100).IsRequired();
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Failure).HasMaxLength(2000);
        b.Property(x => x.ScopePathValue).HasMaxLength(400).IsRequired();
        b.HasIndex(x => new { x.Kind, x.FileSha256 });
    }
}

internal sealed class ImportProblemConfiguration : IEntityTypeConfiguration<ImportProblem>
{
    public void Configure(EntityTypeBuilder<ImportProblem> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Field).HasMaxLength(48).IsRequired();
        b.Property(x => x.Code).HasMaxLength(64).IsRequired();
        b.Property(x => x.Message).HasMaxLength(500).IsRequired();
        b.Property(x => x.Arguments).HasMaxLength(500);
        b.HasIndex(x => new { x.RunId, x.Line });
        b.HasOne<ImportRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
