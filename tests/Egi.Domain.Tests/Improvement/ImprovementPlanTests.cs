using Egi.Domain.Improvement;

namespace Egi.Domain.Tests.Improvement;

/// <summary>Activities 18–20: the plan's workflow, who may do what, and the validation of aspects and follow-ups.</summary>
public class ImprovementPlanTests
{
    private static readonly DateTime Now = new(2027, 2, 1, 15, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2027, 2, 1);
    private static readonly PlanActor Servant = new(21, "Camila");
    private static readonly PlanActor Boss = new(18, "Felipe");
    private static readonly PlanActor OtherBoss = new(5, "Carlos");
    private static readonly PlanActor Th = new(null, "Talento Humano", IsTalentoHumano: true);
    private static readonly int[] GoalNumbers = [1, 2];
    private static readonly string[] Competencies = ["Trabajo en equipo", "Aprendizaje continuo"];

    private static ImprovementPlan NewPlan() => ImprovementPlan.Create(1, 21, 7, 18, ["Nivel Satisfactorio (86,03)"], Now);

    private static PlanAspect Aspect(int? goal = 1, string? competency = null, DateOnly? start = null, DateOnly? end = null) => new()
    {
        GoalNumber = goal,
        Competency = competency,
        Aspect = "Oportunidad de los informes",
        Actions = "Planear las entregas con dos semanas de anticipación",
        ExpectedResult = "Informes entregados a tiempo",
        Responsible = "Camila",
        StartDate = start ?? new DateOnly(2027, 2, 1),
        EndDate = end ?? new DateOnly(2027, 3, 31),
        Resources = "Ninguno",
    };

    private static ImprovementPlan Sent()
    {
        var p = NewPlan();
        Assert.True(p.MarkFormatSent(Th, Now).Succeeded);
        return p;
    }

    private static ImprovementPlan Agreed()
    {
        var p = Sent();
        Assert.True(p.SaveAspects(Boss, [Aspect(), Aspect(null, "Trabajo en equipo")], GoalNumbers, Competencies, Now).Succeeded);
        Assert.True(p.Confirm(Boss, Now).Succeeded);
        Assert.True(p.Confirm(Servant, Now).Succeeded);
        return p;
    }

    [Fact]
    public void The_plan_goes_from_required_to_closed_through_each_status()
    {
        var p = NewPlan();
        Assert.Equal(PlanStatus.Required, p.Status);
        Assert.True(p.MarkFormatSent(Th, Now).Succeeded);
        Assert.Equal(PlanStatus.FormatSent, p.Status);
        Assert.True(p.SaveAspects(Servant, [Aspect()], GoalNumbers, Competencies, Now).Succeeded);
        Assert.Equal(PlanStatus.Filling, p.Status);
        Assert.True(p.Confirm(Boss, Now).Succeeded);
        Assert.Equal(PlanStatus.Filling, p.Status);
        Assert.True(p.Confirm(Servant, Now).Succeeded);
        Assert.Equal(PlanStatus.Agreed, p.Status);
        Assert.True(p.AddFollowUp(Boss, Today, 60, "Dos informes a tiempo", Today, Now).Succeeded);
        Assert.Equal(PlanStatus.FollowUp, p.Status);
        Assert.Equal(60, p.Progress);
        Assert.False(p.Close(Boss, Now).Succeeded);
        Assert.True(p.AddFollowUp(Servant, Today, 100, "Todos a tiempo", Today, Now).Succeeded);
        Assert.True(p.Close(Boss, Now).Succeeded);
        Assert.Equal(PlanStatus.Closed, p.Status);
        Assert.Equal("Cerrado", p.Status.Label());
    }

    [Fact]
    public void An_end_date_before_the_start_is_refused_naming_the_aspect_and_the_field()
    {
        var p = Sent();
        var o = p.SaveAspects(Boss, [Aspect(start: new(2027, 3, 1), end: new(2027, 2, 28))], GoalNumbers, Competencies, Now);
        var e = Assert.Single(o.Errors);
        Assert.Equal("Aspects[0].EndDate", e.Field);
        Assert.Equal("Aspecto 1: la «Fecha de fin» (28/02/2027) debe ser igual o posterior a la «Fecha de inicio» (01/03/2027).", e.Message);
        Assert.Empty(p.Aspects);
        Assert.Equal(PlanStatus.FormatSent, p.Status);
        Assert.True(p.SaveAspects(Boss, [Aspect(start: new(2027, 3, 1), end: new(2027, 3, 1))], GoalNumbers, Competencies, Now).Succeeded); // same day is fine
    }

    [Fact]
    public void At_least_one_aspect_and_each_linked_to_a_goal_or_competency_of_the_evaluation()
    {
        var p = Sent();
        Assert.Equal("Aspects", Assert.Single(p.SaveAspects(Boss, [new PlanAspect(), new PlanAspect()], GoalNumbers, Competencies, Now).Errors).Field);
        var o = p.SaveAspects(Boss, [Aspect(goal: 3), Aspect(null, "Liderazgo efectivo"), Aspect(goal: null)], GoalNumbers, Competencies, Now);
        Assert.Equal(["Aspects[0].Link", "Aspects[1].Link", "Aspects[2].Link"], o.Errors.Select(e => e.Field));
        Assert.Contains("la meta 3 no existe", o.Errors[0].Message);
        Assert.Contains("«Liderazgo efectivo» no fue calificada", o.Errors[1].Message);
        var missing = p.SaveAspects(Boss, [Aspect() with { Actions = " " }], GoalNumbers, Competencies, Now);
        Assert.Equal("Aspecto 1: escriba «Acciones».", Assert.Single(missing.Errors).Message);
    }

    [Fact]
    public void Editing_after_one_confirmation_withdraws_it_and_after_agreement_is_refused()
    {
        var p = Sent();
        Assert.True(p.SaveAspects(Boss, [Aspect()], GoalNumbers, Competencies, Now).Succeeded);
        Assert.True(p.Confirm(Boss, Now).Succeeded);
        Assert.True(p.SaveAspects(Servant, [Aspect(), Aspect(2)], GoalNumbers, Competencies, Now).Succeeded);
        Assert.Null(p.BossConfirmedAt);
        Assert.True(p.Confirm(Servant, Now).Succeeded);
        Assert.Equal(PlanStatus.Filling, p.Status);
        Assert.True(p.Confirm(Boss, Now).Succeeded);
        Assert.Equal(PlanStatus.Agreed, p.Status);
        var refused = p.SaveAspects(Boss, [Aspect()], GoalNumbers, Competencies, Now);
        Assert.Contains("«Concertado»", refused.ToString());
        Assert.Equal(2, p.Aspects.Count);
    }

    [Fact]
    public void Only_the_boss_the_servant_and_talento_humano_act_and_only_boss_and_servant_confirm()
    {
        var p = Sent();
        Assert.False(p.SaveAspects(OtherBoss, [Aspect()], GoalNumbers, Competencies, Now).Succeeded);
        Assert.True(p.SaveAspects(Th, [Aspect()], GoalNumbers, Competencies, Now).Succeeded);
        Assert.False(p.Confirm(Th, Now).Succeeded);
        Assert.False(p.Confirm(OtherBoss, Now).Succeeded);
        Assert.True(p.CanView(Boss) && p.CanView(Servant) && p.CanView(Th));
        Assert.False(p.CanView(OtherBoss));
        Assert.False(NewPlan().MarkFormatSent(Boss, Now).Succeeded);
    }

    [Fact]
    public void Follow_up_is_checked_and_overdue_aspects_are_those_past_their_end_below_100()
    {
        var p = Agreed();
        var o = p.AddFollowUp(Boss, Today.AddDays(1), 120, "", Today, Now);
        Assert.Equal(["Date", "Percent", "Observations"], o.Errors.Select(e => e.Field));
        Assert.Empty(p.FollowUps);
        var later = new DateOnly(2027, 4, 1);
        Assert.Equal(2, p.OverdueAspects(later).Count);
        Assert.Empty(p.OverdueAspects(new DateOnly(2027, 3, 31)));
        Assert.True(p.AddFollowUp(Servant, Today, 100, "Completo", Today, Now).Succeeded);
        Assert.Empty(p.OverdueAspects(later));
        Assert.False(p.AddFollowUp(OtherBoss, Today, 50, "x", Today, Now).Succeeded);
    }

    [Fact]
    public void Talento_humano_removes_and_adds_people_with_a_reason()
    {
        var p = NewPlan();
        Assert.Equal("Reason", Assert.Single(p.Exclude(Th, " ", Now).Errors).Field);
        Assert.False(p.Exclude(Boss, "x", Now).Succeeded);
        Assert.True(p.Exclude(Th, "Se retiró de la entidad", Now).Succeeded);
        Assert.True(p.Excluded);
        Assert.False(p.MarkFormatSent(Th, Now).Succeeded);
        Assert.True(p.Include(Th, "Revisión del caso", Now).Succeeded);
        Assert.False(p.Excluded);
        Assert.Equal("Revisión del caso", p.ManualReason);
        Assert.Equal(["Nivel Satisfactorio (86,03)"], p.Reasons);

        var manual = ImprovementPlan.Create(1, 30, 8, 18, [], Now);
        Assert.True(manual.Include(Th, "Solicitud del jefe", Now).Succeeded);
        Assert.True(manual.AddedManually);
        Assert.Equal(["Incluido por Talento Humano: Solicitud del jefe"], manual.Reasons);
        Assert.False(Agreed().Exclude(Th, "tarde", Now).Succeeded);
    }
}
