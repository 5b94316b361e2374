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
