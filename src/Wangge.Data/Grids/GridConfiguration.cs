using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Wangge.Core.Grids;

namespace Wangge.Data.Grids;

internal sealed class GridConfiguration : IEntityTypeConfiguration<Grid>
{
    public void Configure(EntityTypeBuilder<Grid> b)
    {
        b.HasKey(g => g.Id);
        b.Property(g => g.Code).HasMaxLength(GridCode.MaxLength).IsRequired();
        b.Property(g => g.Name).HasMaxLength(Grid.MaxNameLength).IsRequired();
        b.Property(g => g.ScopePathValue).HasMaxLength(400).IsRequired();
        b.Property(g => g.Level).HasConversion<string>().HasMaxLength(16);
        b.Ignore(g => g.Scope);
        b.HasIndex(g => new { g.Code, g.ValidFrom }).IsUnique();
        b.HasIndex(g => g.ScopePathValue);
        b.HasIndex(g => g.ParentId);
        b.HasOne<Grid>().WithMany().HasForeignKey(g => g.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BaseAreaConfiguration : IEntityTypeConfiguration<BaseArea>
{
    public void Configure(EntityTypeBuilder<BaseArea> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.Code).HasMaxLength(12).IsRequired();
        b.Property(a => a.Name).HasMaxLength(100).IsRequired();
        b.Property(a => a.ScopePathValue).HasMaxLength(400).IsRequired();
        b.HasIndex(a => a.Code).IsUnique();
        b.HasIndex(a => a.ScopePathValue);
        b.HasOne<Grid>().WithMany().HasForeignKey(a => a.StreetGridId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Grid>().WithMany().HasForeignKey(a => a.GridId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GridBorderVersionConfiguration : IEntityTypeConfiguration<GridBorderVersion>
{
    public void Configure(EntityTypeBuilder<GridBorderVersion> b)
    {
        b.HasKey(v => v.Id);
        b.Property(v => v.ScopePathValue).HasMaxLength(400).IsRequired();
        b.Property(v => v.Reason).HasMaxLength(GridBorderVersion.MaxReasonLength).IsRequired();
        b.HasIndex(v => new { v.GridId, v.ValidFrom });
        // A border version is closed in place once, when a new one replaces it: of two concurrent imports redrawing the
        // same grid, only one closes it, so a grid never has two open versions.
        b.Property(v => v.ValidTo).IsConcurrencyToken();
        b.HasIndex(v => v.ScopePathValue);
        b.HasOne<Grid>().WithMany().HasForeignKey(v => v.GridId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BusinessMoveConfiguration : IEntityTypeConfiguration<BusinessMove>
{
    public void Configure(EntityTypeBuilder<BusinessMove> b)
    {
        b.HasKey(m => m.Id);
        b.Property(m => m.ScopePathValue).HasMaxLength(400).IsRequired();
        b.Property(m => m.Reason).HasMaxLength(200).IsRequired();
        b.HasIndex(m => m.ScopePathValue);
        b.HasIndex(m => new { m.BusinessId, m.At });
        b.HasOne<Wangge.Core.Businesses.Business>().WithMany().HasForeignKey(m => m.BusinessId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Grid>().WithMany().HasForeignKey(m => m.FromGridId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Grid>().WithMany().HasForeignKey(m => m.ToGridId).OnDelete(DeleteBehavior.Restrict);
    }
}
