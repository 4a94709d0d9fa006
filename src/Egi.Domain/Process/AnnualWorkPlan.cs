using Egi.Domain.Calendar;
using Egi.Domain.Common;

namespace Egi.Domain.Process;

/// <summary>
/// The annual work plan of the system for one period (activity 3 of P-TH-10): the procedure's 20 activities, dated from
/// the period's calendar, and those Talento Humano adds. Its rows change only through it: each row is checked by
/// <see cref="WorkPlanRules.Validate"/> (dates in order, status and % consistent), a new row goes after the last one,
/// and a row of another plan is never touched.
/// </summary>
public sealed class AnnualWorkPlan
{
    private AnnualWorkPlan()
    {
    }

    public int Id { get; private set; }
    public int PeriodId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public List<WorkPlanActivity> Activities { get; private set; } = [];

    public const int CreatedByMax = 256;

    /// <summary>
    /// A plan pre-filled with the 20 activities of the procedure, dated from the period's calendar; null with the reason
    /// while the period is closed (SPEC §3: read-only, its work plan too).
    /// </summary>
    public static (AnnualWorkPlan? Plan, Outcome Outcome) PreFilled(Period period, DateTime now, string createdBy)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (period.ReadOnlyRefusal() is { } closed) return (null, closed);
        return (new()
        {
            PeriodId = period.Id,
            CreatedAt = now,
            CreatedBy = createdBy.Length <= CreatedByMax ? createdBy : createdBy[..CreatedByMax],
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
        }, Outcome.Ok);
    }

    public IReadOnlyList<WorkPlanActivity> OrderedActivities => Activities.OrderBy(a => a.Order).ThenBy(a => a.Id).ToList();

    /// <summary>Adds an activity after the last one; <paramref name="added"/> is null when the input is refused.</summary>
    public Outcome AddActivity(Period period, WorkPlanActivityInput input, DateTime now, out WorkPlanActivity? added)
    {
        ArgumentNullException.ThrowIfNull(input);
        added = null;
        if (ReadOnly(period) is { } closed) return closed;
        var errors = WorkPlanRules.Validate(input);
        if (errors.Count > 0) return Outcome.From(errors);
        added = new WorkPlanActivity { Order = (Activities.Count == 0 ? 0 : Activities.Max(x => x.Order)) + 10 };
        added.Apply(input, now);
        Activities.Add(added);
        return Outcome.Ok;
    }

    /// <summary>Changes one of its activities (name, responsible, dates, status, % and observations).</summary>
    public Outcome ChangeActivity(Period period, WorkPlanActivity activity, WorkPlanActivityInput input, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(input);
        if (ReadOnly(period) is { } closed) return closed;
        if (!Activities.Contains(activity)) return NotInPlan;
        var errors = WorkPlanRules.Validate(input);
        if (errors.Count > 0) return Outcome.From(errors);
        activity.Apply(input, now);
        return Outcome.Ok;
    }

    /// <summary>Removes one of its activities (the row is deleted with the plan's next save).</summary>
    public Outcome RemoveActivity(Period period, WorkPlanActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (ReadOnly(period) is { } closed) return closed;
        return Activities.Remove(activity) ? Outcome.Ok : NotInPlan;
    }

    /// <summary>
    /// SPEC §3: a closed period is read-only, its work plan too — every change is refused first while the plan's period is
    /// closed (Talento Humano may reopen the period). <paramref name="period"/> is the plan's own.
    /// </summary>
    private Outcome? ReadOnly(Period period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.ReadOnlyRefusalOf(PeriodId, "work plan");
    }

    private static Outcome NotInPlan => Outcome.Refused("La actividad no pertenece al plan de trabajo de esta vigencia.");
}

/// <summary>One activity of the work plan: one of the procedure's (with its number) or one Talento Humano added.</summary>
public sealed class WorkPlanActivity
{
    internal WorkPlanActivity()
    {
    }

    public int Id { get; private set; }
    public int WorkPlanId { get; private set; }

    /// <summary>The activity of P-TH-10 it stands for (1–20), or null for an activity added by hand.</summary>
    public int? ProcedureNumber { get; internal set; }

    public int Order { get; internal set; }
    public string Name { get; internal set; } = "";
    public string Responsible { get; internal set; } = "";
    public DateOnly Start { get; internal set; }
    public DateOnly End { get; internal set; }
    public WorkPlanStatus Status { get; internal set; }
    public int PercentDone { get; internal set; }
    public string? Observations { get; internal set; }
    public DateTime UpdatedAt { get; internal set; }

    public WorkPlanActivityInput ToInput() => new(Name, Responsible, Start, End, Status, PercentDone, Observations);

    internal void Apply(WorkPlanActivityInput input, DateTime now)
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
