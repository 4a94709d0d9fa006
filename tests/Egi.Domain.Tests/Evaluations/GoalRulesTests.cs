using Egi.Domain.Evaluations;
using static Egi.Domain.Tests.Evaluations.Kit;

namespace Egi.Domain.Tests.Evaluations;

/// <summary>The rules a set of goals must meet (SPEC §4 "Goals"): drafts may be incomplete, a submission may not.</summary>
public class GoalRulesTests
{
    [Fact]
    public void Saving_a_draft_keeps_incomplete_goals_without_changing_state_or_history()
    {
        var e = NewEvaluation();
        var versionBefore = e.Version;
        List<Goal> draft =
        [
            new() { Description = "  Elaborar el plan de compras  ", Weight = 40 },
            new() { Description = "", Weight = 0 },
        ];

        AssertOk(e.SaveGoals(Evaluado, draft, On(GoalDay, hour: 9)));

        Assert.Equal(EvaluationState.GoalFormulation, e.State);
        Assert.Empty(e.History);
        Assert.Empty(e.Versions);
        Assert.Equal(2, e.Goals.Count);
        Assert.Equal("Elaborar el plan de compras", e.OrderedGoals[0].Description);
        Assert.Equal([1, 2], e.OrderedGoals.Select(g => g.Number));
        Assert.NotEqual(versionBefore, e.Version);
        Assert.Equal(GoalDay.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc), e.UpdatedAt);
    }

    [Fact]
    public void Saving_an_empty_draft_is_allowed_but_submitting_no_goals_is_not()
    {
        var e = NewEvaluation();
        AssertOk(e.SaveGoals(Evaluado, [], OnGoalDay()));
        AssertRefusedUnchanged(e, x => x.SubmitGoals(Evaluado, [], OnGoalDay()), "Debe registrar al menos 1 meta.");
    }

    [Fact]
    public void Submitting_the_saved_incomplete_draft_is_refused_with_every_missing_field()
    {
        var e = NewEvaluation();
        List<Goal> draft = [new() { Description = "Elaborar el plan de compras", Weight = 100 }];
        AssertOk(e.SaveGoals(Evaluado, draft, OnGoalDay()));

        var outcome = e.SubmitGoals(Evaluado, draft, OnGoalDay());

        Assert.False(outcome.Succeeded);
        Assert.Equal(
            [
                ("Goals[0].ExpectedEvidence", "Meta 1: indique la evidencia esperada."),
                ("Goals[0].DueDate", "Meta 1: indique la fecha de cumplimiento (dd/mm/aaaa)."),
            ],
            outcome.Errors.Select(x => (x.Field, x.Message)));
        Assert.Equal(EvaluationState.GoalFormulation, e.State);
        Assert.Empty(e.Versions);
    }

    [Fact]
    public void A_draft_still_refuses_more_goals_than_allowed_and_values_out_of_range()
    {
        var e = NewEvaluation();
        var six = Enumerable.Range(1, 6).Select(i => new Goal { Description = $"Meta {i}" }).ToList();
        AssertRefusedUnchanged(e, x => x.SaveGoals(Evaluado, six, OnGoalDay()), "Puede registrar máximo 5 metas (tiene 6).");
        AssertRefusedUnchanged(e, x => x.SaveGoals(Evaluado, [new() { Weight = 101 }], OnGoalDay()), "Meta 1: el peso debe ser un número entero entre 1 y 100.");
        AssertRefusedUnchanged(e, x => x.SaveGoals(Evaluado, [new() { Weight = -5 }], OnGoalDay()), "Meta 1: el peso debe ser un número entero entre 1 y 100.");
        AssertRefusedUnchanged(e, x => x.SaveGoals(Evaluado, [new() { AgreedFirstFollowUpPercent = 120 }], OnGoalDay()),
            "Meta 1: el porcentaje pactado para el primer seguimiento debe estar entre 0 y 100.");
        AssertRefusedUnchanged(e, x => x.SaveGoals(Evaluado, [new() { DueDate = new DateOnly(2027, 1, 15) }], OnGoalDay()),
            "Meta 1: la fecha de cumplimiento debe estar dentro de la vigencia 2026.");
    }

    [Theory]
    [InlineData(new[] { 50, 30, 10 }, 90)]
    [InlineData(new[] { 50, 30, 30 }, 110)]
    [InlineData(new[] { 99 }, 99)]
    public void Weights_that_do_not_add_up_to_100_are_refused(int[] weights, int sum)
    {
        var e = NewEvaluation();
        var goals = weights.Select((w, i) => G($"Meta número {i + 1}", w)).ToList();

        var outcome = e.SubmitGoals(Evaluado, goals, OnGoalDay());

        AssertRefused(outcome, "La suma de los pesos debe ser 100 %");
        AssertRefused(outcome, $"(ahora suma {sum} %)");
        Assert.Contains(outcome.Errors, x => x.Field == "Goals");
        Assert.Equal(EvaluationState.GoalFormulation, e.State);
    }

    [Fact]
    public void A_single_goal_of_100_and_five_goals_of_20_are_valid()
    {
        var one = NewEvaluation();
        AssertOk(one.SubmitGoals(Evaluado, [G("Meta única de la vigencia", 100)], OnGoalDay()));

        var five = NewEvaluation();
        AssertOk(five.SubmitGoals(Evaluado, Enumerable.Range(1, 5).Select(i => G($"Meta {i}", 20)).ToList(), OnGoalDay()));
        Assert.Equal(5, five.Goals.Count);
    }

    [Fact]
    public void Six_goals_are_too_many_with_the_default_maximum_of_five()
    {
        var e = NewEvaluation();
        var six = new[] { 20, 20, 20, 20, 10, 10 }.Select((w, i) => G($"Meta {i + 1}", w)).ToList();
        AssertRefusedUnchanged(e, x => x.SubmitGoals(Evaluado, six, OnGoalDay()), "Puede registrar máximo 5 metas (tiene 6).");
    }

    [Fact]
    public void The_goal_count_follows_the_period_settings()
    {
        var period = NewPeriod(s => { s.MinGoals = 2; s.MaxGoals = 3; });

        var e = NewEvaluation();
        AssertRefusedUnchanged(e, x => x.SubmitGoals(Evaluado, [G("Meta única", 100)], OnGoalDay(period)), "Debe registrar al menos 2 metas.");
        var four = new[] { 25, 25, 25, 25 }.Select((w, i) => G($"Meta {i + 1}", w)).ToList();
        AssertRefusedUnchanged(e, x => x.SubmitGoals(Evaluado, four, OnGoalDay(period)), "Puede registrar máximo 3 metas (tiene 4).");
        AssertOk(e.SubmitGoals(Evaluado, Goals503020(), OnGoalDay(period)));
    }

    [Fact]
    public void Every_missing_field_is_named_for_its_goal()
    {
        var e = NewEvaluation();
        List<Goal> goals =
        [
            G("Meta completa", 50),
            new() { Description = "   ", Weight = 0, ExpectedEvidence = "", DueDate = null },
        ];

        var outcome = e.SubmitGoals(Evaluado, goals, OnGoalDay());

        Assert.Equal(
            [
                ("Goals[1].Description", "Meta 2: escriba la descripción (verbo + objeto + resultado esperado)."),
                ("Goals[1].Weight", "Meta 2: el peso debe ser un número entero entre 1 y 100."),
                ("Goals[1].ExpectedEvidence", "Meta 2: indique la evidencia esperada."),
                ("Goals[1].DueDate", "Meta 2: indique la fecha de cumplimiento (dd/mm/aaaa)."),
                ("Goals", "La suma de los pesos debe ser 100 % (ahora suma 50 %)."),
            ],
            outcome.Errors.Select(x => (x.Field, x.Message)));
    }

    [Theory]
    [InlineData(2025, 12, 31)]
    [InlineData(2027, 1, 1)]
    public void A_due_date_outside_the_period_year_is_refused(int year, int month, int day)
    {
        var e = NewEvaluation();
        var goals = Goals503020();
        goals[1] = goals[1] with { DueDate = new DateOnly(year, month, day) };

        var outcome = e.SubmitGoals(Evaluado, goals, OnGoalDay());

        AssertRefused(outcome, "Meta 2: la fecha de cumplimiento debe estar dentro de la vigencia 2026.");
        Assert.Equal("Goals[1].DueDate", Assert.Single(outcome.Errors).Field);
    }

    [Fact]
    public void The_first_and_last_days_of_the_year_are_valid_due_dates()
    {
        var e = NewEvaluation();
        var goals = Goals503020();
        goals[0] = goals[0] with { DueDate = new DateOnly(2026, 1, 1) };
        goals[1] = goals[1] with { DueDate = new DateOnly(2026, 12, 31) };
        AssertOk(e.SubmitGoals(Evaluado, goals, OnGoalDay()));
    }

    [Fact]
    public void Descriptions_and_evidence_have_a_maximum_length()
    {
        var e = NewEvaluation();
        var goals = Goals503020();
        goals[0] = goals[0] with { Description = new string('a', Goal.DescriptionMax + 1) };
        goals[2] = goals[2] with { ExpectedEvidence = new string('b', Goal.EvidenceMax + 1) };

        var outcome = e.SubmitGoals(Evaluado, goals, OnGoalDay());

        AssertRefused(outcome, "Meta 1: la descripción admite máximo 1000 caracteres.");
        AssertRefused(outcome, "Meta 3: la evidencia esperada admite máximo 500 caracteres.");
    }

    [Fact]
    public void Percent_agreed_for_the_first_follow_up_may_be_0_or_100_but_not_outside()
    {
        var e = NewEvaluation();
        var goals = Goals503020();
        goals[0] = goals[0] with { AgreedFirstFollowUpPercent = -1 };
        AssertRefused(e.SubmitGoals(Evaluado, goals, OnGoalDay()), "Meta 1: el porcentaje pactado para el primer seguimiento debe estar entre 0 y 100.");

        goals[0] = goals[0] with { AgreedFirstFollowUpPercent = 100 };
        goals[1] = goals[1] with { AgreedFirstFollowUpPercent = 0 };
        AssertOk(e.SubmitGoals(Evaluado, goals, OnGoalDay()));
    }

    [Fact]
    public void Submitting_renumbers_the_goals_in_the_order_given_and_trims_the_text()
    {
        var e = NewEvaluation();
        var goals = Goals503020().Select(g => g with { Number = 9, Description = $"  {g.Description}  ", ExpectedEvidence = " Acta " }).ToList();

        AssertOk(e.SubmitGoals(Evaluado, goals, OnGoalDay()));

        Assert.Equal([1, 2, 3], e.OrderedGoals.Select(g => g.Number));
        Assert.Equal(Goals503020().Select(g => g.Description), e.OrderedGoals.Select(g => g.Description));
        Assert.All(e.OrderedGoals, g => Assert.Equal("Acta", g.ExpectedEvidence));
    }

    [Fact]
    public void A_goal_may_link_to_a_plan_item_or_not()
    {
        var e = NewEvaluation();
        var goals = Goals503020();
        goals[0] = goals[0] with { PlanItemId = 42 };
        AssertOk(e.SubmitGoals(Evaluado, goals, OnGoalDay()));
        Assert.Equal([42, null, null], e.OrderedGoals.Select(g => g.PlanItemId));
    }
}
