using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Wangge.Core.Businesses;
using Wangge.Core.Grids;

namespace Wangge.Data.Businesses;

internal sealed class BusinessConfiguration : IEntityTypeConfiguration<Business>
{
    public void Configure(EntityTypeBuilder<Business> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.CreditCode).HasMaxLength(CreditCode.Length).IsRequired();
        b.Property(x => x.Name).HasMaxLength(Business.MaxNameLength).IsRequired();
        b.Property(x => x.Address).HasMaxLength(Business.MaxAddressLength).IsRequired();
        b.Property(x => x.LegalRepresentative).HasMaxLength(50);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.Sector).HasConversion<string>().HasMaxLength(48);
        b.Property(x => x.Scale).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.ScopePathValue).HasMaxLength(400).IsRequired();
        b.HasIndex(x => x.CreditCode).IsUnique();
        b.HasIndex(x => x.ScopePathValue);
        b.HasIndex(x => x.GridId);
        b.HasOne<Grid>().WithMany().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Restrict);
    }
}
