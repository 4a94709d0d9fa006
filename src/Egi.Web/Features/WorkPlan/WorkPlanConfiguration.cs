using Egi.Domain.Calendar;
using Egi.Domain.Process;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Egi.Web.Features.WorkPlan;

/// <summary>The annual work plan (aggregate <see cref="AnnualWorkPlan"/> in Egi.Domain) and its activities.</summary>
internal sealed class AnnualWorkPlanConfiguration : IEntityTypeConfiguration<AnnualWorkPlan>
{
    public void Configure(EntityTypeBuilder<AnnualWorkPlan> e)
    {
        e.ToTable("WorkPlans");
        e.HasIndex(p => p.PeriodId).IsUnique();
        e.Property(p => p.CreatedBy).HasMaxLength(AnnualWorkPlan.CreatedByMax);
        e.HasOne<Period>().WithMany().HasForeignKey(p => p.PeriodId).OnDelete(DeleteBehavior.Restrict);
        e.Ignore(p => p.OrderedActivities);
        e.HasMany(p => p.Activities).WithOne().HasForeignKey(a => a.WorkPlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkPlanActivityConfiguration : IEntityTypeConfiguration<WorkPlanActivity>
{
    public void Configure(EntityTypeBuilder<WorkPlanActivity> e)
    {
        e.ToTable("WorkPlanActivities");
        e.HasIndex(a => new { a.WorkPlanId, a.Order });
        e.Property(a => a.Name).HasMaxLength(WorkPlanRules.NameMax);
        e.Property(a => a.Responsible).HasMaxLength(WorkPlanRules.ResponsibleMax);
        e.Property(a => a.Observations).HasMaxLength(WorkPlanRules.ObservationsMax);
    }
}
