using Egi.Domain.Calendar;
using Egi.Domain.Common;
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

    /// <summary>The plans' period (id 1), open.</summary>
    private static readonly Period Vigencia = OpenPeriod();

    private static Period OpenPeriod()
    {
        var period = Period.CreateWithDefaults(2026);
        period.Id = 1;
        Assert.True(period.Open().Succeeded);
        return period;
    }
    private static readonly string[] Competencies = ["Trabajo en equipo", "Aprendizaje continuo"];

    private static ImprovementPlan NewPlan() => Created(ImprovementPlan.Create(Vigencia, 21, 7, 18, ["Nivel Satisfactorio (86,03)"], Now));

    /// <summary>Each change is refused with <paramref name="message"/> alone and leaves its plan as it was.</summary>
    private static void AllRefused(IEnumerable<(string What, ImprovementPlan Plan, Func<Outcome> Change)> attempts, string message)
    {
        foreach (var (what, plan, change) in attempts)
        {
            var before = (plan.Status, plan.UpdatedAt, plan.FollowUps.Count, plan.Aspects.Count, plan.Excluded);
            var outcome = change();
            Assert.False(outcome.Succeeded, what);
            Assert.Equal(message, Assert.Single(outcome.Errors).Message);
            Assert.Equal(before, (plan.Status, plan.UpdatedAt, plan.FollowUps.Count, plan.Aspects.Count, plan.Excluded));
        }
    }

    private static ImprovementPlan Created((ImprovementPlan? Plan, Outcome Outcome) creation)
    {
        Assert.True(creation.Outcome.Succeeded, creation.Outcome.ToString());
        return creation.Plan!;
    }

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
        Assert.True(p.MarkFormatSent(Vigencia, Th, Now).Succeeded);
        return p;
    }

    private static ImprovementPlan Agreed()
    {
        var p = Sent();
        Assert.True(p.SaveAspects(Vigencia, Boss, [Aspect(), Aspect(null, "Trabajo en equipo")], GoalNumbers, Competencies, Now).Succeeded);
        Assert.True(p.Confirm(Vigencia, Boss, Now).Succeeded);
        Assert.True(p.Confirm(Vigencia, Servant, Now).Succeeded);
        return p;
    }

    [Fact]
    public void The_plan_goes_from_required_to_closed_through_each_status()
    {
        var p = NewPlan();
        Assert.Equal(PlanStatus.Required, p.Status);
        Assert.True(p.MarkFormatSent(Vigencia, Th, Now).Succeeded);
        Assert.Equal(PlanStatus.FormatSent, p.Status);
        Assert.True(p.SaveAspects(Vigencia, Servant, [Aspect()], GoalNumbers, Competencies, Now).Succeeded);
        Assert.Equal(PlanStatus.Filling, p.Status);
        Assert.True(p.Confirm(Vigencia, Boss, Now).Succeeded);
        Assert.Equal(PlanStatus.Filling, p.Status);
        Assert.True(p.Confirm(Vigencia, Servant, Now).Succeeded);
        Assert.Equal(PlanStatus.Agreed, p.Status);
        Assert.True(p.AddFollowUp(Vigencia, Boss, Today, 60, "Dos informes a tiempo", Today, Now).Succeeded);
        Assert.Equal(PlanStatus.FollowUp, p.Status);
        Assert.Equal(60, p.Progress);
        Assert.False(p.Close(Vigencia, Boss, Now).Succeeded);
        Assert.True(p.AddFollowUp(Vigencia, Servant, Today, 100, "Todos a tiempo", Today, Now).Succeeded);
        Assert.True(p.Close(Vigencia, Boss, Now).Succeeded);
        Assert.Equal(PlanStatus.Closed, p.Status);
        Assert.Equal("Cerrado", p.Status.Label());
    }

    [Fact]
    public void An_end_date_before_the_start_is_refused_naming_the_aspect_and_the_field()
    {
        var p = Sent();
        var o = p.SaveAspects(Vigencia, Boss, [Aspect(start: new(2027, 3, 1), end: new(2027, 2, 28))], GoalNumbers, Competencies, Now);
        var e = Assert.Single(o.Errors);
        Assert.Equal("Aspects[0].EndDate", e.Field);
        Assert.Equal("Aspecto 1: la «Fecha de fin» (28/02/2027) debe ser igual o posterior a la «Fecha de inicio» (01/03/2027).", e.Message);
        Assert.Empty(p.Aspects);
        Assert.Equal(PlanStatus.FormatSent, p.Status);
        Assert.True(p.SaveAspects(Vigencia, Boss, [Aspect(start: new(2027, 3, 1), end: new(2027, 3, 1))], GoalNumbers, Competencies, Now).Succeeded); // same day is fine
    }

    [Fact]
    public void At_least_one_aspect_and_each_linked_to_a_goal_or_competency_of_the_evaluation()
    {
        var p = Sent();
        Assert.Equal("Aspects", Assert.Single(p.SaveAspects(Vigencia, Boss, [new PlanAspect(), new PlanAspect()], GoalNumbers, Competencies, Now).Errors).Field);
        var o = p.SaveAspects(Vigencia, Boss, [Aspect(goal: 3), Aspect(null, "Liderazgo efectivo"), Aspect(goal: null)], GoalNumbers, Competencies, Now);
        Assert.Equal(["Aspects[0].Link", "Aspects[1].Link", "Aspects[2].Link"], o.Errors.Select(e => e.Field));
        Assert.Contains("la meta 3 no existe", o.Errors[0].Message);
        Assert.Contains("«Liderazgo efectivo» no fue calificada", o.Errors[1].Message);
        var missing = p.SaveAspects(Vigencia, Boss, [Aspect() with { Actions = " " }], GoalNumbers, Competencies, Now);
        Assert.Equal("Aspecto 1: escriba «Acciones».", Assert.Single(missing.Errors).Message);
    }

    [Fact]
    public void Editing_after_one_confirmation_withdraws_it_and_after_agreement_is_refused()
    {
        var p = Sent();
        Assert.True(p.SaveAspects(Vigencia, Boss, [Aspect()], GoalNumbers, Competencies, Now).Succeeded);
        Assert.True(p.Confirm(Vigencia, Boss, Now).Succeeded);
        Assert.True(p.SaveAspects(Vigencia, Servant, [Aspect(), Aspect(2)], GoalNumbers, Competencies, Now).Succeeded);
        Assert.Null(p.BossConfirmedAt);
        Assert.True(p.Confirm(Vigencia, Servant, Now).Succeeded);
        Assert.Equal(PlanStatus.Filling, p.Status);
        Assert.True(p.Confirm(Vigencia, Boss, Now).Succeeded);
        Assert.Equal(PlanStatus.Agreed, p.Status);
        var refused = p.SaveAspects(Vigencia, Boss, [Aspect()], GoalNumbers, Competencies, Now);
        Assert.Contains("«Concertado»", refused.ToString());
        Assert.Equal(2, p.Aspects.Count);
    }

    [Fact]
    public void Only_the_boss_the_servant_and_talento_humano_act_and_only_boss_and_servant_confirm()
    {
        var p = Sent();
        Assert.False(p.SaveAspects(Vigencia, OtherBoss, [Aspect()], GoalNumbers, Competencies, Now).Succeeded);
        Assert.True(p.SaveAspects(Vigencia, Th, [Aspect()], GoalNumbers, Competencies, Now).Succeeded);
        Assert.False(p.Confirm(Vigencia, Th, Now).Succeeded);
        Assert.False(p.Confirm(Vigencia, OtherBoss, Now).Succeeded);
        Assert.True(p.CanView(Boss) && p.CanView(Servant) && p.CanView(Th));
        Assert.False(p.CanView(OtherBoss));
        Assert.False(NewPlan().MarkFormatSent(Vigencia, Boss, Now).Succeeded);
    }

    [Fact]
    public void Follow_up_is_checked_and_overdue_aspects_are_those_past_their_end_below_100()
    {
        Assert.False(NewPlan().IsLate(Today)); // no format sent yet: nothing asked of anyone
        Assert.True(Sent().IsLate(Today)); // sent and not agreed yet
        var p = Agreed();
        Assert.False(p.IsLate(new DateOnly(2027, 3, 31)));
        Assert.True(p.IsLate(new DateOnly(2027, 4, 1)));
        var o = p.AddFollowUp(Vigencia, Boss, Today.AddDays(1), 120, "", Today, Now);
        Assert.Equal(["Date", "Percent", "Observations"], o.Errors.Select(e => e.Field));
        Assert.Empty(p.FollowUps);
        var later = new DateOnly(2027, 4, 1);
        Assert.Equal(2, p.OverdueAspects(later).Count);
        Assert.Empty(p.OverdueAspects(new DateOnly(2027, 3, 31)));
        Assert.True(p.AddFollowUp(Vigencia, Servant, Today, 100, "Completo", Today, Now).Succeeded);
        Assert.Empty(p.OverdueAspects(later));
        Assert.False(p.IsLate(later));
        Assert.False(p.AddFollowUp(Vigencia, OtherBoss, Today, 50, "x", Today, Now).Succeeded);
    }

    [Fact]
    public void Talento_humano_removes_and_adds_people_with_a_reason()
    {
        var p = NewPlan();
        Assert.Equal("Reason", Assert.Single(p.Exclude(Vigencia, Th, " ", Now).Errors).Field);
        Assert.False(p.Exclude(Vigencia, Boss, "x", Now).Succeeded);
        Assert.True(p.Exclude(Vigencia, Th, "Se retiró de la entidad", Now).Succeeded);
        Assert.True(p.Excluded);
        Assert.False(p.MarkFormatSent(Vigencia, Th, Now).Succeeded);
        Assert.True(p.Include(Vigencia, Th, "Revisión del caso", Now).Succeeded);
        Assert.False(p.Excluded);
        Assert.Equal("Revisión del caso", p.ManualReason);
        Assert.Equal(["Nivel Satisfactorio (86,03)"], p.Reasons);

        var manual = Created(ImprovementPlan.Create(Vigencia, 30, 8, 18, [], Now));
        Assert.True(manual.Include(Vigencia, Th, "Solicitud del jefe", Now).Succeeded);
        Assert.True(manual.AddedManually);
        Assert.Equal(["Incluido por Talento Humano: Solicitud del jefe"], manual.Reasons);
        Assert.False(Agreed().Exclude(Vigencia, Th, "tarde", Now).Succeeded);
    }

    /// <summary>
    /// SPEC §3: a closed period is read-only, its improvement plans too. No plan is created for it; each change is refused
    /// first (before who may make it), with the period's message, and leaves the plan as it was; reopened, the period's
    /// plans change again.
    /// </summary>
    [Fact]
    public void Every_change_to_a_plan_of_a_closed_period_is_refused_and_the_plan_stays_as_it_was()
    {
        var period = OpenPeriod();
        var sent = NewPlan();
        Assert.True(sent.MarkFormatSent(period, Th, Now).Succeeded);
        var agreed = Agreed();
        Assert.True(agreed.AddFollowUp(period, Boss, Today, 100, "Completo", Today, Now).Succeeded);
        var required = NewPlan();
        var excluded = NewPlan();
        Assert.True(excluded.Exclude(period, Th, "Se retiró", Now).Succeeded);
        Assert.True(period.Close().Succeeded);

        var message = $"La «{period.Name}» está cerrada: es de solo lectura y no admite cambios. Talento Humano puede reabrirla con un motivo.";
        var (none, created) = ImprovementPlan.Create(period, 30, 8, 18, ["Nivel Satisfactorio (86,03)"], Now);
        Assert.Null(none);
        Assert.Equal(message, Assert.Single(created.Errors).Message);
        var attempts = new (string What, ImprovementPlan Plan, Func<Outcome> Change)[]
        {
            ("send the format", required, () => required.MarkFormatSent(period, Th, Now)),
            ("save the aspects", sent, () => sent.SaveAspects(period, Servant, [Aspect()], GoalNumbers, Competencies, Now)),
            ("confirm", agreed, () => agreed.Confirm(period, Boss, Now)),
            ("add a follow-up", agreed, () => agreed.AddFollowUp(period, Servant, Today, 100, "Completo", Today, Now)),
            ("close", agreed, () => agreed.Close(period, Boss, Now)),
            ("exclude", required, () => required.Exclude(period, Th, "Motivo", Now)),
            ("include", excluded, () => excluded.Include(period, Th, "Motivo", Now)),
        };
        AllRefused(attempts, message);

        Assert.True(period.Reopen("Corrección del plan", "Talento Humano", Now).Succeeded);
        Assert.True(agreed.Close(period, Boss, Now.AddHours(1)).Succeeded);
        Assert.Equal(PlanStatus.Closed, agreed.Status);
    }

    /// <summary>
    /// SPEC §3: outside the «Mejoramiento individual» window (01/01–30/06 of the next year by default) a plan's steps are
    /// closed, before it opens as after it ends; Talento Humano reopens them for one person until a day, with a reason.
    /// </summary>
    [Fact]
    public void Outside_the_stages_window_a_plans_steps_are_closed_until_talento_humano_reopens_them_for_the_person()
    {
        var late = new DateTime(2027, 7, 2, 15, 0, 0, DateTimeKind.Utc);
        var lateDay = new DateOnly(2027, 7, 2);
        var required = NewPlan();
        var sent = Sent();
        var filled = Sent();
        Assert.True(filled.SaveAspects(Vigencia, Boss, [Aspect()], GoalNumbers, Competencies, Now).Succeeded);
        var agreed = Agreed();
        Assert.True(agreed.AddFollowUp(Vigencia, Servant, Today, 100, "Completo", Today, Now).Succeeded);
        var early = NewPlan();
        var message = "La etapa «Mejoramiento individual» está cerrada (ventana del 01/01/2027 al 30/06/2027). "
            + "Solo Talento Humano puede reabrirla para esta persona, con un motivo.";
        var attempts = new (string What, ImprovementPlan Plan, Func<Outcome> Change)[]
        {
            ("send the format", required, () => required.MarkFormatSent(Vigencia, Th, late)),
            ("save the aspects", sent, () => sent.SaveAspects(Vigencia, Servant, [Aspect()], GoalNumbers, Competencies, late)),
            ("confirm", filled, () => filled.Confirm(Vigencia, Boss, late)),
            ("add a follow-up", agreed, () => agreed.AddFollowUp(Vigencia, Servant, lateDay, 100, "Completo", lateDay, late)),
            ("close", agreed, () => agreed.Close(Vigencia, Boss, late)),
            ("send the format before the window", early, () => early.MarkFormatSent(Vigencia, Th, new DateTime(2026, 12, 1, 15, 0, 0, DateTimeKind.Utc))),
        };
        AllRefused(attempts, message);
        Assert.Equal(message, agreed.WindowClosedReason(Vigencia, lateDay));
        Assert.Null(agreed.WindowClosedReason(Vigencia, new DateOnly(2027, 6, 30)));

        // Only Talento Humano reopens, with a reason and a last day not before today; a closed plan has nothing to reopen.
        Assert.Contains("Solo Talento Humano", Assert.Single(agreed.ReopenWindow(Vigencia, Boss, "Incapacidad", lateDay, lateDay, late).Errors).Message, StringComparison.Ordinal);
        Assert.Equal(["Reason", "Until"], agreed.ReopenWindow(Vigencia, Th, " ", null, lateDay, late).Errors.Select(e => e.Field));
        Assert.Equal("Until", Assert.Single(agreed.ReopenWindow(Vigencia, Th, "Incapacidad", lateDay.AddDays(-1), lateDay, late).Errors).Field);
        Assert.Equal("Reason", Assert.Single(agreed.ReopenWindow(Vigencia, Th, new string('x', 2001), lateDay, lateDay, late).Errors).Field);
        Assert.Null(agreed.ReopenedUntil);
        Assert.True(agreed.ReopenWindow(Vigencia, Th, " Incapacidad médica en junio ", new DateOnly(2027, 7, 31), lateDay, late).Succeeded);
        Assert.Equal((new DateOnly(2027, 7, 31), "Incapacidad médica en junio", "Talento Humano", late),
            (agreed.ReopenedUntil!.Value, agreed.ReopenReason, agreed.ReopenedBy, agreed.ReopenedAt!.Value));

        // Reopened for this person only, until that day.
        Assert.True(agreed.Close(Vigencia, Boss, late).Succeeded);
        Assert.False(required.MarkFormatSent(Vigencia, Th, late).Succeeded);
        Assert.Contains("El plan está «Cerrado»", Assert.Single(agreed.ReopenWindow(Vigencia, Th, "Otra vez", lateDay, lateDay, late).Errors).Message, StringComparison.Ordinal);
        Assert.True(sent.ReopenWindow(Vigencia, Th, "Ingreso tardío del jefe", new DateOnly(2027, 7, 31), lateDay, late).Succeeded);
        var after = new DateTime(2027, 8, 2, 15, 0, 0, DateTimeKind.Utc);
        var again = sent.SaveAspects(Vigencia, Servant, [Aspect()], GoalNumbers, Competencies, after);
        Assert.Contains("La reapertura para esta persona venció el 31/07/2027.", Assert.Single(again.Errors).Message, StringComparison.Ordinal);
        Assert.True(sent.SaveAspects(Vigencia, Servant, [Aspect()], GoalNumbers, Competencies, late).Succeeded);
    }

    /// <summary>
    /// The lists say of each plan whether its steps are open in the window, open for the person only, or closed; Talento
    /// Humano's reminder reaches a plan only while its steps are open, and never a plan closed or removed.
    /// </summary>
    [Fact]
    public void A_plans_window_state_says_open_reopened_for_the_person_or_closed_and_only_open_plans_are_reminded()
    {
        var inside = new DateOnly(2027, 3, 1);
        var lateDay = new DateOnly(2027, 7, 2);
        var late = new DateTime(2027, 7, 2, 15, 0, 0, DateTimeKind.Utc);
        var sent = Sent();
        Assert.Equal(PlanWindowState.Closed, sent.WindowState(Vigencia, new DateOnly(2026, 12, 31)));
        Assert.Equal(PlanWindowState.Open, sent.WindowState(Vigencia, new DateOnly(2027, 1, 1)));
        Assert.Equal(PlanWindowState.Open, sent.WindowState(Vigencia, new DateOnly(2027, 6, 30)));
        Assert.Equal(PlanWindowState.Closed, sent.WindowState(Vigencia, lateDay));
        Assert.True(sent.CanBeReminded(Vigencia, inside));
        Assert.False(sent.CanBeReminded(Vigencia, lateDay));

        Assert.True(sent.ReopenWindow(Vigencia, Th, "Incapacidad del jefe", new DateOnly(2027, 7, 31), lateDay, late).Succeeded);
        Assert.Equal(PlanWindowState.ReopenedForPerson, sent.WindowState(Vigencia, lateDay));
        Assert.Equal(PlanWindowState.ReopenedForPerson, sent.WindowState(Vigencia, new DateOnly(2027, 7, 31)));
        Assert.Equal(PlanWindowState.Closed, sent.WindowState(Vigencia, new DateOnly(2027, 8, 1)));
        Assert.Equal(PlanWindowState.Open, sent.WindowState(Vigencia, inside)); // the window's own days stay «in the window»
        Assert.True(sent.CanBeReminded(Vigencia, lateDay));
        Assert.False(sent.CanBeReminded(Vigencia, new DateOnly(2027, 8, 1)));

        var agreed = Agreed();
        Assert.True(agreed.CanBeReminded(Vigencia, inside));
        Assert.True(agreed.AddFollowUp(Vigencia, Servant, Today, 100, "Completo", Today, Now).Succeeded);
        Assert.True(agreed.Close(Vigencia, Boss, Now).Succeeded);
        Assert.False(agreed.CanBeReminded(Vigencia, inside));
        var removed = Sent();
        Assert.True(removed.Exclude(Vigencia, Th, "Se retiró de la entidad", Now).Succeeded);
        Assert.False(removed.CanBeReminded(Vigencia, inside));
    }

    [Fact]
    public void A_plan_is_changed_only_with_its_own_period()
    {
        var other = Period.CreateWithDefaults(2027);
        other.Id = 2;
        Assert.Throws<ArgumentException>(() => NewPlan().MarkFormatSent(other, Th, Now));
    }
}
