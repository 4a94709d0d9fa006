using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Process;

namespace Egi.Domain.Tests.Process;

public class ProcedureActivitiesTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void The_catalogue_has_the_twenty_activities_in_order()
    {
        Assert.Equal(Enumerable.Range(1, 20), ProcedureActivities.All.Select(a => a.Number));
        Assert.All(ProcedureActivities.All, a => Assert.False(string.IsNullOrWhiteSpace(a.Name)));
        Assert.Equal("Calificar competencias comportamentales.", ProcedureActivities.Of(14).Name);
        Assert.Equal("Coordinación de Planeación", ProcedureActivities.Of(1).Responsible);
        Assert.Equal("Jefe inmediato", ProcedureActivities.Of(5).Responsible);
        Assert.Equal("Evaluado", ProcedureActivities.Of(15).Responsible);
        Assert.Contains("2028-19", ProcedureActivities.Of(16).Responsible);
        Assert.Throws<ArgumentOutOfRangeException>(() => ProcedureActivities.Of(21));
    }

    [Theory]
    [InlineData(4, Stage.GoalSetting)]
    [InlineData(6, Stage.GoalSetting)]
    [InlineData(7, Stage.Stage1Consolidation)]
    [InlineData(10, Stage.FirstFollowUp)]
    [InlineData(11, Stage.Stage2Consolidation)]
    [InlineData(14, Stage.SecondFollowUp)]
    [InlineData(16, Stage.AnnualConsolidation)]
    [InlineData(19, Stage.Improvement)]
    public void Activities_of_the_workflow_belong_to_the_stage_that_lists_them(int number, Stage stage)
    {
        Assert.Equal(stage, ProcedureActivities.Of(number).Stage);
        var bounds = stage.Activities().Split('–').Select(int.Parse).ToArray();
        Assert.InRange(number, bounds[0], bounds[^1]);
    }

    [Fact]
    public void Dates_come_from_the_windows_of_the_period()
    {
        var period = Period.CreateWithDefaults(2027);
        var custom = period.Windows.Select(w => w.Stage == Stage.FirstFollowUp ? w with { Start = D(2027, 5, 3), End = D(2027, 7, 15) } : w).ToList();
        Assert.Empty(period.SetWindows(custom));

        Assert.Equal((D(2027, 1, 1), D(2027, 3, 31)), ProcedureActivities.DatesIn(ProcedureActivities.Of(4), period));
        Assert.Equal((D(2027, 5, 3), D(2027, 7, 15)), ProcedureActivities.DatesIn(ProcedureActivities.Of(9), period));
        Assert.Equal((D(2028, 1, 1), D(2028, 2, 29)), ProcedureActivities.DatesIn(ProcedureActivities.Of(12), period));
        Assert.Equal((D(2028, 1, 1), D(2028, 6, 30)), ProcedureActivities.DatesIn(ProcedureActivities.Of(20), period));
    }

    [Fact]
    public void Activities_without_a_stage_follow_the_frequency_of_the_procedure()
    {
        var period = Period.CreateWithDefaults(2027);
        // 1: «primer bimestre»; 2 and 3: the first month of goal setting; 17: the whole calendar.
        Assert.Equal((D(2027, 1, 1), D(2027, 2, 28)), ProcedureActivities.DatesIn(ProcedureActivities.Of(1), period));
        Assert.Equal((D(2027, 1, 1), D(2027, 1, 31)), ProcedureActivities.DatesIn(ProcedureActivities.Of(2), period));
        Assert.Equal((D(2027, 1, 1), D(2027, 1, 31)), ProcedureActivities.DatesIn(ProcedureActivities.Of(3), period));
        Assert.Equal((D(2027, 1, 1), D(2028, 6, 30)), ProcedureActivities.DatesIn(ProcedureActivities.Of(17), period));
        Assert.Equal((D(2028, 1, 1), D(2028, 2, 29)), ProcedureActivities.DatesIn(ProcedureActivities.Of(1), Period.CreateWithDefaults(2028)));
    }

    [Fact]
    public void The_first_month_of_goal_setting_moves_with_its_window()
    {
        var period = Period.CreateWithDefaults(2027);
        Assert.Empty(period.SetWindows(period.Windows.Select(w => w.Stage == Stage.GoalSetting ? w with { Start = D(2027, 2, 15), End = D(2027, 3, 1) } : w).ToList()));
        Assert.Equal((D(2027, 2, 15), D(2027, 3, 1)), ProcedureActivities.DatesIn(ProcedureActivities.Of(3), period));
    }

    [Fact]
    public void Live_progress_counts_the_evaluations_past_each_step()
    {
        EvaluationState[] states =
        [
            EvaluationState.GoalFormulation, EvaluationState.GoalAcceptance, EvaluationState.SelfEvaluationI,
            EvaluationState.SelfEvaluationIIApproval, EvaluationState.Finalized, EvaluationState.ClosedByRetirement,
        ];
        // Five counted (the retired one is left out).
        Assert.Equal(80m, ProcedureActivities.PercentPast(4, states));
        Assert.Equal(80m, ProcedureActivities.PercentPast(5, states));
        Assert.Equal(60m, ProcedureActivities.PercentPast(6, states));   // goals agreed
        Assert.Equal(60m, ProcedureActivities.PercentPast(7, states));   // past stage 1
        Assert.Equal(40m, ProcedureActivities.PercentPast(8, states));
        Assert.Equal(40m, ProcedureActivities.PercentPast(11, states));
        Assert.Equal(40m, ProcedureActivities.PercentPast(12, states));
        Assert.Equal(20m, ProcedureActivities.PercentPast(14, states));
        Assert.Equal(20m, ProcedureActivities.PercentPast(16, states));  // finalized
        Assert.Null(ProcedureActivities.PercentPast(3, states));
        Assert.Null(ProcedureActivities.PercentPast(17, states));
        Assert.Null(ProcedureActivities.PercentPast(4, [EvaluationState.ClosedByRetirement]));

        // The same from the tally per state the database groups.
        (EvaluationState, int)[] tally = [(EvaluationState.GoalFormulation, 10), (EvaluationState.Finalized, 3), (EvaluationState.ClosedByRetirement, 7)];
        Assert.Equal((3, 13), ProcedureActivities.CountPast(16, tally));
        Assert.Equal((3, 13), ProcedureActivities.CountPast(5, tally));
        Assert.Null(ProcedureActivities.CountPast(17, tally));
    }

    [Fact]
    public void Improvement_activities_count_the_required_plans_by_status()
    {
        Egi.Domain.Improvement.PlanStatus[] plans =
        [
            Egi.Domain.Improvement.PlanStatus.Required, Egi.Domain.Improvement.PlanStatus.FormatSent,
            Egi.Domain.Improvement.PlanStatus.Agreed, Egi.Domain.Improvement.PlanStatus.Closed,
        ];
        Assert.Equal(75m, ProcedureActivities.PercentOfPlans(18, plans));
        Assert.Equal(50m, ProcedureActivities.PercentOfPlans(19, plans));
        Assert.Equal(25m, ProcedureActivities.PercentOfPlans(20, plans));
        Assert.Null(ProcedureActivities.PercentOfPlans(20, []));
        Assert.Null(ProcedureActivities.PercentOfPlans(16, plans));
        Assert.Equal((5, 9), ProcedureActivities.CountPlans(19, [(Egi.Domain.Improvement.PlanStatus.Required, 4), (Egi.Domain.Improvement.PlanStatus.Agreed, 2), (Egi.Domain.Improvement.PlanStatus.Closed, 3)]));
    }

    [Fact]
    public void Percent_rounds_half_up_to_one_decimal() =>
        Assert.Equal([33.3m, 66.7m, 0.1m], new[] { ProcedureActivities.Percent(1, 3), ProcedureActivities.Percent(2, 3), ProcedureActivities.Percent(1, 1000) }.Select(p => p!.Value));

    [Fact]
    public void Work_plan_activities_are_checked_with_messages_that_name_the_field()
    {
        var ok = new WorkPlanActivityInput("Sesión de cierre", "Talento Humano", D(2027, 1, 1), D(2027, 1, 31), WorkPlanStatus.InProgress, 40, null);
        Assert.Empty(WorkPlanRules.Validate(ok));
        Assert.Contains(WorkPlanRules.Validate(ok with { Name = " " }), e => e.Field == "Name" && e.Message.Contains("«Actividad»"));
        Assert.Contains(WorkPlanRules.Validate(ok with { End = D(2026, 12, 31) }), e => e.Field == "End" && e.Message.Contains("31/12/2026"));
        Assert.Contains(WorkPlanRules.Validate(ok with { PercentDone = 101 }), e => e.Field == "PercentDone");
        Assert.Contains(WorkPlanRules.Validate(ok with { PercentDone = null }), e => e.Field == "PercentDone");
        Assert.Contains(WorkPlanRules.Validate(ok with { Status = WorkPlanStatus.Done }), e => e.Message.Contains("Terminada"));
        Assert.Empty(WorkPlanRules.Validate(ok with { Status = WorkPlanStatus.Done, PercentDone = 100 }));
        Assert.Contains(WorkPlanRules.Validate(ok with { Status = (WorkPlanStatus)9 }), e => e.Field == "Status");
    }
}
