using Egi.Domain.Calendar;
using Egi.Domain.Process;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Egi.Web.Features.WorkPlan;

/// <summary>The annual work plan of the system for one period (activity 3 of P-TH-10).</summary>
public sealed class AnnualWorkPlan
{
    public int Id { get; set; }
    public int PeriodId { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public List<WorkPlanActivity> Activities { get; set; } = [];

    /// <summary>A plan pre-filled with the 20 activities of the procedure, dated from the period's calendar.</summary>
    public static AnnualWorkPlan PreFilled(Period period, DateTime now, string createdBy) => new()
    {
        PeriodId = period.Id,
        CreatedAt = now,
        CreatedBy = createdBy,
        Activities = ProcedureActivities.All.Select(a =>
        {
            var (start, end) = ProcedureActivities.DatesIn(a, period);
            return new WorkPlanActivity
            {
                ProcedureNumber = a.Number,
                Order = a.Number * 10,
                Name = a.Name,
                Responsible = ProcedureActivities.ProductRole(a),
                Start = start,
                End = end,
                Status = WorkPlanStatus.Pending,
                UpdatedAt = now,
            };
        }).ToList(),
    };
}

/// <summary>One activity of the work plan: one of the procedure's (with its number) or one Talento Humano added.</summary>
public sealed class WorkPlanActivity
{
    public int Id { get; set; }
    public int WorkPlanId { get; set; }

    /// <summary>The activity of P-TH-10 it stands for (1–20), or null for an activity added by hand.</summary>
    public int? ProcedureNumber { get; set; }

    public int Order { get; set; }
    public string Name { get; set; } = "";
    public string Responsible { get; set; } = "";
    public DateOnly Start { get; set; }
    public DateOnly End { get; set; }
    public WorkPlanStatus Status { get; set; }
    public int PercentDone { get; set; }
    public string? Observations { get; set; }
    public DateTime UpdatedAt { get; set; }

    public WorkPlanActivityInput ToInput() => new(Name, Responsible, Start, End, Status, PercentDone, Observations);

    public void Apply(WorkPlanActivityInput input, DateTime now)
    {
        Name = input.Name!.Trim();
        Responsible = input.Responsible!.Trim();
        Start = input.Start!.Value;
        End = input.End!.Value;
        Status = input.Status!.Value;
        PercentDone = input.PercentDone!.Value;
        Observations = string.IsNullOrWhiteSpace(input.Observations) ? null : input.Observations.Trim();
        UpdatedAt = now;
    }

    /// <summary>What the audit trail keeps of it.</summary>
    public object Snapshot() => new { ProcedureNumber, Name, Responsible, Start, End, Status = Status.Label(), PercentDone, Observations };
}

internal sealed class AnnualWorkPlanConfiguration : IEntityTypeConfiguration<AnnualWorkPlan>
{
    public void Configure(EntityTypeBuilder<AnnualWorkPlan> e)
    {
        e.ToTable("WorkPlans");
        e.HasIndex(p => p.PeriodId).IsUnique();
        e.Property(p => p.CreatedBy).HasMaxLength(256);
        e.HasOne<Period>().WithMany().HasForeignKey(p => p.PeriodId).OnDelete(DeleteBehavior.Restrict);
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
