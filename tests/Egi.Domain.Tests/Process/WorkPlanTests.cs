using Egi.Domain.Calendar;
using Egi.Domain.Process;

namespace Egi.Domain.Tests.Process;

/// <summary>The annual work plan (activity 3): its rows change only through it, each checked by the work plan's rules.</summary>
public class WorkPlanTests
{
    private static readonly DateTime Now = new(2026, 1, 10, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>The plan's period (id 4), in preparation.</summary>
    private static readonly Period Vigencia = NewPeriod();

    private static Period NewPeriod()
    {
        var period = Period.CreateWithDefaults(2026);
        period.Id = 4;
        return period;
    }

    private static AnnualWorkPlan Plan(Period? period = null)
    {
        var (plan, outcome) = AnnualWorkPlan.PreFilled(period ?? Vigencia, Now, "Sandra (Talento Humano)");
        Assert.True(outcome.Succeeded, outcome.ToString());
        return plan!;
    }

    private static WorkPlanActivityInput Input(WorkPlanStatus status = WorkPlanStatus.InProgress, int percent = 40) =>
        new(" Sesión de cierre ", "Talento Humano", new(2026, 12, 1), new(2026, 12, 15), status, percent, "  ");

    [Fact]
    public void The_plan_starts_with_the_twenty_activities_in_order_pending()
    {
        var plan = Plan();
        Assert.Equal(4, plan.PeriodId);
        Assert.Equal(Enumerable.Range(1, 20).Select(n => (int?)n), plan.OrderedActivities.Select(a => a.ProcedureNumber));
        Assert.All(plan.Activities, a => Assert.Equal((WorkPlanStatus.Pending, 0), (a.Status, a.PercentDone)));
        Assert.All(plan.Activities, a => Assert.True(a.Start <= a.End));
    }

    [Fact]
    public void An_added_activity_goes_after_the_last_one_trimmed_and_by_hand()
    {
        var plan = Plan();
        Assert.True(plan.AddActivity(Vigencia, Input(), Now, out var added).Succeeded);
        Assert.NotNull(added);
        Assert.Same(added, plan.OrderedActivities[^1]);
        Assert.Equal(((int?)null, 210, "Sesión de cierre", (string?)null, 21), (added.ProcedureNumber, added.Order, added.Name, added.Observations, plan.Activities.Count));
    }

    [Fact]
    public void A_row_whose_status_and_percent_disagree_or_whose_dates_are_reversed_is_refused_and_nothing_changes()
    {
        var plan = Plan();
        var outcome = plan.AddActivity(Vigencia, Input(WorkPlanStatus.Done, 80), Now, out var added);
        Assert.Null(added);
        Assert.Contains(outcome.Errors, e => e.Field == "PercentDone" && e.Message.Contains("Terminada", StringComparison.Ordinal));
        Assert.Equal(20, plan.Activities.Count);

        var first = plan.OrderedActivities[0];
        var before = first.ToInput();
        var reversed = plan.ChangeActivity(Vigencia, first, Input() with { Start = new(2026, 12, 20) }, Now);
        Assert.Contains(reversed.Errors, e => e.Field == "End");
        Assert.Equal(before, first.ToInput());
    }

    [Fact]
    public void A_row_changes_and_is_removed_only_through_its_own_plan()
    {
        var plan = Plan();
        var other = Plan();
        var first = plan.OrderedActivities[0];
        var later = Now.AddDays(3);
        Assert.True(plan.ChangeActivity(Vigencia, first, Input(WorkPlanStatus.Done, 100), later).Succeeded);
        Assert.Equal((WorkPlanStatus.Done, 100, later), (first.Status, first.PercentDone, first.UpdatedAt));

        Assert.Contains("no pertenece", other.ChangeActivity(Vigencia, first, Input(), Now).ToString());
        Assert.Contains("no pertenece", other.RemoveActivity(Vigencia, first).ToString());
        Assert.Equal(20, other.Activities.Count);
        Assert.True(plan.RemoveActivity(Vigencia, first).Succeeded);
        Assert.DoesNotContain(first, plan.Activities);
        Assert.Contains("no pertenece", plan.RemoveActivity(Vigencia, first).ToString());
    }

    /// <summary>
    /// SPEC §3: a closed period is read-only, its work plan too: no plan is created for it, and adding, changing or
    /// removing an activity is refused first, with the period's message, the plan left as it was; reopened, it changes again.
    /// </summary>
    [Fact]
    public void A_closed_periods_work_plan_is_neither_created_nor_changed()
    {
        var period = NewPeriod();
        Assert.True(period.Open().Succeeded);
        var plan = Plan(period);
        var first = plan.OrderedActivities[0];
        var (name, status) = (first.Name, first.Status);
        Assert.True(period.Close().Succeeded);
        var message = $"La «{period.Name}» está cerrada: es de solo lectura y no admite cambios. Talento Humano puede reabrirla con un motivo.";

        var (none, created) = AnnualWorkPlan.PreFilled(period, Now, "Sandra (Talento Humano)");
        Assert.Null(none);
        Assert.Equal(message, Assert.Single(created.Errors).Message);
        var added = plan.AddActivity(period, Input(), Now, out var activity);
        Assert.Null(activity);
        foreach (var outcome in new[] { added, plan.ChangeActivity(period, first, Input(WorkPlanStatus.Done, 100), Now), plan.RemoveActivity(period, first) })
        {
            Assert.False(outcome.Succeeded);
            Assert.Equal(message, Assert.Single(outcome.Errors).Message);
        }
        Assert.Equal((20, name, status), (plan.Activities.Count, first.Name, first.Status));

        Assert.True(period.Reopen("Actualizar el plan", "Sandra", Now).Succeeded);
        Assert.True(plan.ChangeActivity(period, first, Input(WorkPlanStatus.Done, 100), Now).Succeeded);
        var other = Period.CreateWithDefaults(2027);
        other.Id = 5;
        Assert.Throws<ArgumentException>(() => plan.RemoveActivity(other, first));
    }
}
