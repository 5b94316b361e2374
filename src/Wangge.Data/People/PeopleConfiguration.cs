using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Wangge.Core.Grids;
using Wangge.Core.People;

namespace Wangge.Data.People;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.HasKey(u => u.Id);
        b.Property(u => u.UserName).HasMaxLength(User.MaxUserNameLength).IsRequired();
        b.Property(u => u.DisplayName).HasMaxLength(User.MaxDisplayNameLength).IsRequired();
        b.Property(u => u.Role).HasConversion<string>().HasMaxLength(32);
        b.Property(u => u.ScopePathValue).HasMaxLength(400);
        b.Property(u => u.PasswordHash).HasMaxLength(200);
        b.Property(u => u.SecurityStamp).HasMaxLength(User.SecurityStampLength).IsRequired();
        b.Ignore(u => u.Scope);
        b.HasIndex(u => u.UserName).IsUnique();
        b.HasOne<Department>().WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.HasKey(s => s.Id);
        b.HasIndex(s => s.UserId);
        b.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.HasKey(d => d.Id);
        b.Property(d => d.Code).HasMaxLength(32).IsRequired();
        b.Property(d => d.Name).HasMaxLength(100).IsRequired();
        b.HasIndex(d => d.Code).IsUnique();
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.HasKey(p => p.Id);
        b.Property(p => p.Name).HasMaxLength(50).IsRequired();
        b.Property(p => p.Post).HasMaxLength(50).IsRequired();
        b.Property(p => p.Phone).HasMaxLength(20);
        b.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class GridAssignmentConfiguration : IEntityTypeConfiguration<GridAssignment>
{
    public void Configure(EntityTypeBuilder<GridAssignment> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.Role).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.ScopePathValue).HasMaxLength(400).IsRequired();
        b.HasIndex(a => a.ScopePathValue);
        b.HasIndex(a => new { a.GridId, a.To });
        // An assignment changes in place only when it ends: the UPDATE says "WHERE to IS NULL", so of two concurrent ends
        // (or two new leaders ending the old one) one is saved and the other refused, on either database.
        b.Property(a => a.To).IsConcurrencyToken();
        b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Grid>().WithMany().HasForeignKey(a => a.GridId).OnDelete(DeleteBehavior.Restrict);
    }
}
