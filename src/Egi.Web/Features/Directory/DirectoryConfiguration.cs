using Egi.Domain.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Egi.Web.Features.Directory;

/// <summary>The dependencias: a tree by ParentId, unique code.</summary>
internal sealed class DependencyConfiguration : IEntityTypeConfiguration<Dependency>
{
    public void Configure(EntityTypeBuilder<Dependency> e)
    {
        e.Property(d => d.Code).HasMaxLength(20);
        e.Property(d => d.Name).HasMaxLength(200);
        e.HasIndex(d => d.Code).IsUnique();
        // The stored tree order (Dependency.TreePosition): the reports' lists walk the dependencias in this index's order.
        e.HasIndex(d => d.TreePosition);
        e.HasOne<Dependency>().WithMany().HasForeignKey(d => d.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The directory of servants: unique document, boss, search and sort keys.</summary>
internal sealed class ServantConfiguration : IEntityTypeConfiguration<Servant>
{
    public void Configure(EntityTypeBuilder<Servant> e)
    {
        e.Property(s => s.DocumentNumber).HasMaxLength(15);
        e.HasIndex(s => s.DocumentNumber).IsUnique();
        e.Property(s => s.FirstNames).HasMaxLength(100);
        e.Property(s => s.LastNames).HasMaxLength(100);
        e.Property(s => s.Email).HasMaxLength(254);
        e.HasIndex(s => s.Email);
        e.Property(s => s.JobTitle).HasMaxLength(150);
        e.Property(s => s.JobCode).HasMaxLength(10);
        e.Property(s => s.JobGrade).HasMaxLength(10);
        e.HasOne<Dependency>().WithMany().HasForeignKey(s => s.DependencyId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Servant>().WithMany().HasForeignKey(s => s.BossId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(s => s.BossId);
        e.Property(s => s.SearchText).HasMaxLength(Servant.SearchTextMax);
        e.Property(s => s.SortKey).HasMaxLength(200);
        e.HasIndex(s => s.SortKey);
        e.HasIndex(s => s.RetirementDate);
        // The servants without an evaluation, counted per dependencia on each read of a report's totals
        // (DependencyTallies.NotEvaluated): the eligibility columns beside the dependencia, so the count reads this index
        // instead of every servant's row.
        e.HasIndex(s => new { s.DependencyId, s.EmploymentType, s.IsPublicManager, s.RetirementDate });
        // The reports' list order inside a dependencia («apellidos, nombres», then document): with the dependencias'
        // TreePosition index, SQLite reads a whole report in order without sorting it, so its .xlsx streams from the first row.
        e.HasIndex(s => new { s.DependencyId, s.SortKey, s.DocumentNumber });
        e.Ignore(s => s.FullName);
        e.Ignore(s => s.Job);
    }
}
