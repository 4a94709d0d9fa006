using Egi.Domain.Evaluations;
using Egi.Domain.Planning;
using Egi.Domain.Tests.Evaluations;

namespace Egi.Domain.Tests.Planning;

/// <summary>SPEC §4 and §7: a goal links to an item of its own period's plans; a period setting makes the link required.</summary>
public sealed class PlanLinkTests
{
    private static readonly Dictionary<int, string> Items2026 = new() { [11] = "PEI 1.1 — Planes indicativos", [12] = "Plan de acción EN-01 — Plan de expansión" };

    private static EvaluationContext Ctx(bool required = false) =>
        Kit.OnGoalDay(Kit.NewPeriod(s => s.RequirePlanLink = required)) with { PlanItems = PlanItemLookup.Of(Items2026) };

    private static List<Goal> Linked(params int?[] items) =>
        Kit.Goals503020().Select((g, i) => g with { PlanItemId = i < items.Length ? items[i] : null }).ToList();

    [Fact]
    public void An_item_of_the_periods_plans_is_accepted_and_kept_with_the_goal()
    {
        var e = Kit.NewEvaluation();
        Kit.AssertOk(e.SubmitGoals(Kit.Evaluado, Linked(11, 12, null), Ctx()));
        Assert.Equal([11, 12, null], e.OrderedGoals.Select(g => g.PlanItemId));
    }

    [Fact]
    public void An_item_of_another_period_is_refused_naming_the_goal_and_the_field_and_nothing_changes()
    {
        var e = Kit.NewEvaluation();
        Kit.AssertRefusedUnchanged(e, x => x.SubmitGoals(Kit.Evaluado, Linked(11, 99), Ctx()),
            "Meta 2: el «Ítem del plan institucional» elegido no es de los planes de la vigencia 2026");
        var errors = Goal.ValidateSet(Kit.Numbered(Linked(99)), Ctx(), complete: false);
        Assert.Equal("Goals[0].PlanItemId", Assert.Single(errors).Field);
        // Also on a draft, and when the evaluator modifies the goals.
        Kit.AssertRefused(e.SaveGoals(Kit.Evaluado, Linked(99), Ctx()), "no es de los planes de la vigencia 2026");
        var approval = Kit.At(EvaluationState.GoalApproval);
        Kit.AssertRefused(approval.ModifyGoals(Kit.Jefe, approval.OrderedGoals.Select(g => g with { PlanItemId = 99 }).ToList(),
            new Dictionary<string, string> { ["1.PlanItemId"] = "x", ["2.PlanItemId"] = "x", ["3.PlanItemId"] = "x" }, Ctx()), "Meta 1: el «Ítem del plan institucional»");
    }

    [Fact]
    public void With_the_setting_on_every_goal_must_name_its_item_before_it_is_sent_but_a_draft_may_wait()
    {
        var e = Kit.NewEvaluation();
        Kit.AssertRefusedUnchanged(e, x => x.SubmitGoals(Kit.Evaluado, Linked(11, 12, null), Ctx(required: true)),
            "Meta 3: elija el «Ítem del plan institucional»");
        Kit.AssertOk(e.SaveGoals(Kit.Evaluado, Linked(11), Ctx(required: true)));
        Kit.AssertOk(e.SubmitGoals(Kit.Evaluado, Linked(11, 12, 12), Ctx(required: true)));
        Assert.Equal(EvaluationState.GoalApproval, e.State);
    }

    [Fact]
    public void With_the_setting_off_the_link_is_optional_and_the_default_is_off()
    {
        Assert.False(Egi.Domain.Calendar.PeriodSettings.Defaults().RequirePlanLink);
        Assert.True(Egi.Domain.Calendar.PeriodSettings.Sources.ContainsKey(nameof(Egi.Domain.Calendar.PeriodSettings.RequirePlanLink)));
        Kit.AssertOk(Kit.NewEvaluation().SubmitGoals(Kit.Evaluado, Linked(), Ctx()));
    }

    [Fact]
    public void Required_while_the_period_has_no_plans_says_that_planeacion_has_not_registered_them()
    {
        var ctx = Ctx(required: true) with { PlanItems = PlanItemLookup.Of(new Dictionary<int, string>()) };
        Kit.AssertRefused(Kit.NewEvaluation().SubmitGoals(Kit.Evaluado, Linked(), ctx), "Planeación aún no ha registrado planes");
    }

    [Fact]
    public void A_lookup_of_the_named_items_only_refuses_an_unknown_item_as_not_of_the_period_not_as_plans_missing()
    {
        // A save reads only the items its goals name: none found, while the period has others.
        var ctx = Ctx(required: true) with { PlanItems = new PlanItemLookup(new Dictionary<int, string>(), PeriodHasItems: true) };
        Kit.AssertRefused(Kit.NewEvaluation().SubmitGoals(Kit.Evaluado, Linked(99, 11, 12), ctx), "Meta 1: el «Ítem del plan institucional» elegido no es de los planes de la vigencia 2026");
        var errors = Goal.ValidateSet(Kit.Numbered(Linked()), ctx, complete: true);
        Assert.Contains(errors, e => e.Message.Contains("Meta 1: elija el «Ítem del plan institucional»", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Message.Contains("Planeación", StringComparison.Ordinal));
    }

    [Fact]
    public void A_change_of_item_is_a_change_the_evaluator_justifies_shown_by_its_label_and_a_rename_is_not_a_change()
    {
        var before = new Goal { Number = 1, PlanItemId = 11, PlanItemLabel = "PEI 1.1 — Planes indicativos" };
        var renamed = before with { PlanItemLabel = "PEI 1.1 — Planes indicativos de expansión" };
        Assert.Empty(FieldChange.Diff([before], [renamed]));
        var change = Assert.Single(FieldChange.Diff([before], [before with { PlanItemId = 12, PlanItemLabel = "Plan de acción EN-01 — Plan de expansión" }]));
        Assert.Equal(nameof(Goal.PlanItemId), change.Field);
        Assert.Equal("PEI 1.1 — Planes indicativos", change.Before);
        Assert.Equal("Plan de acción EN-01 — Plan de expansión", change.After);
        Assert.Equal("Ítem del plan institucional", change.FieldLabel);
    }
}

/// <summary>The rules of a plan and of its items.</summary>
public sealed class InstitutionalPlanRulesTests
{
    private static string? Name(int id) => id == 5 ? "Subdirección de Energía" : null;

    [Fact]
    public void One_pnd_and_one_pei_per_period_and_one_plan_de_accion_per_dependencia()
    {
        var period = InstitutionalPlanTests.NewPeriod();
        var others = new[]
        {
            InstitutionalPlan.Create(period, new(PlanKind.Strategic, null, "PEI", null), [], Name).Plan!,
            InstitutionalPlan.Create(period, new(PlanKind.Action, 5, "PA", null), [], Name).Plan!,
        };
        Assert.Contains(InstitutionalPlan.Validate(PlanKind.Strategic, null, "PEI", "", others, Name), e => e.Message.Contains("Ya existe un Plan Estratégico Institucional", StringComparison.Ordinal));
        Assert.Contains(InstitutionalPlan.Validate(PlanKind.Action, 5, "PA", "", others, Name), e => e.Message.Contains("ya tiene un plan de acción", StringComparison.Ordinal));
        Assert.Empty(InstitutionalPlan.Validate(PlanKind.NationalDevelopment, null, "PND", "", others, Name));
    }

    [Fact]
    public void A_plan_de_accion_needs_its_dependencia_and_the_pnd_has_none()
    {
        Assert.Equal("DependencyId", Assert.Single(InstitutionalPlan.Validate(PlanKind.Action, null, "PA", "", [], Name)).Field);
        Assert.Equal("DependencyId", Assert.Single(InstitutionalPlan.Validate(PlanKind.NationalDevelopment, 5, "PND", "", [], Name)).Field);
        Assert.Equal(["Kind", "Name"], InstitutionalPlan.Validate(null, null, " ", "", [], Name).Select(e => e.Field));
    }

    [Fact]
    public void An_item_needs_a_code_unique_in_its_plan_and_a_name()
    {
        var errors = PlanItem.Validate("1.1", "", "", null, c => c == "1.1", _ => true);
        Assert.Contains(errors, e => e.Field == "Code" && e.Message.Contains("Ya existe otro ítem con el código «1.1»", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "Name");
        Assert.Empty(PlanItem.Validate(" 2 ", "Objetivo", "", null, _ => false, _ => true));
    }
}
