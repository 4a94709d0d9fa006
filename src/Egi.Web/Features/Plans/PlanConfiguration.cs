using Egi.Domain.Directory;
using Egi.Domain.Planning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Egi.Web.Features.Plans;

/// <summary>Institutional plans of a period (SPEC §7), each with its items.</summary>
public sealed class InstitutionalPlanConfiguration : IEntityTypeConfiguration<InstitutionalPlan>
{
    public void Configure(EntityTypeBuilder<InstitutionalPlan> e)
    {
        e.ToTable("InstitutionalPlans");
        e.Property(x => x.Name).HasMaxLength(InstitutionalPlan.NameMax);
        e.Property(x => x.Description).HasMaxLength(InstitutionalPlan.DescriptionMax);
        e.Property(x => x.Kind).HasConversion<int>();
        e.HasIndex(x => new { x.PeriodId, x.Kind, x.DependencyId });
        e.HasOne<Egi.Domain.Calendar.Period>().WithMany().HasForeignKey(x => x.PeriodId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Dependency>().WithMany().HasForeignKey(x => x.DependencyId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Items).WithOne().HasForeignKey(i => i.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PlanItemConfiguration : IEntityTypeConfiguration<PlanItem>
{
    public void Configure(EntityTypeBuilder<PlanItem> e)
    {
        e.ToTable("PlanItems");
        e.Property(x => x.Code).HasMaxLength(PlanItem.CodeMax);
        e.Property(x => x.Name).HasMaxLength(PlanItem.NameMax);
        e.Property(x => x.Description).HasMaxLength(PlanItem.DescriptionMax);
        e.HasIndex(x => new { x.PlanId, x.Code }).IsUnique();
        e.HasOne<Dependency>().WithMany().HasForeignKey(x => x.ResponsibleDependencyId).OnDelete(DeleteBehavior.Restrict);
    }
}
