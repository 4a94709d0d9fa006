using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using static Egi.Domain.Tests.Evaluations.Kit;

namespace Egi.Domain.Tests.Evaluations;

/// <summary>SPEC §4 "Change of evaluator" and "Retiro": tenures, partial evaluations, closing by retirement.</summary>
public class PartialEvaluationTests
{
    private static readonly DateOnly ChangeDay = new(2026, 4, 30);

    private static List<PartialGoal> PartialFor(Evaluation e, int achieved = 40, string observation = "Avance conforme al cronograma hasta la fecha.") =>
        e.OrderedGoals.Select(g => new PartialGoal { GoalNumber = g.Number, AchievedPercent = achieved, Observation = observation }).ToList();

    /// <summary>Agreed goals (50/30/20), in the first self-evaluation, reassigned from Bruno to Carla on 30/04/2026.</summary>
    private static Evaluation Reassigned()
    {
        var e = At(EvaluationState.SelfEvaluationI);
        AssertOk(e.ReassignEvaluator(TalentoHumano, OtherJefeId, "Bruno pasa a otra dependencia", On(ChangeDay)));
        return e;
    }

    /// <summary>Continues the happy path with Carla as evaluator up to Finalizada (II at 95 %, competencies Siempre).</summary>
    private static void FinishWithOtherJefe(Evaluation e, Period? period = null)
    {
        AssertOk(e.SubmitSelfEvaluation(Evaluado, 1, ProgressFor(e, 60), OnFollowUpIDay(period)));
        AssertOk(e.ApproveSelfEvaluation(OtherJefe, 1, OnFollowUpIDay(period)));
        AssertOk(e.AcceptSelfEvaluation(Evaluado, OnFollowUpIDay(period)));
        AssertOk(e.SubmitSelfEvaluation(Evaluado, 2, ProgressFor(e, 95), OnFollowUpIIDay(period)));
        AssertOk(e.ApproveSelfEvaluation(OtherJefe, 2, OnFollowUpIIDay(period)));
        AssertOk(e.RateCompetencies(OtherJefe, Scores(4), Applicable, OnFollowUpIIDay(period)));
        AssertOk(e.AcceptFinal(Evaluado, OnFollowUpIIDay(period)));
    }

    // ------------------------------------------------------------------ change of evaluator

    [Fact]
    public void Reassigning_after_the_goals_are_agreed_leaves_a_pending_partial_for_the_outgoing_jefe()
    {
        var e = Reassigned();

        Assert.Equal(OtherJefeId, e.EvaluatorId);
        var p = Assert.Single(e.Partials);
        Assert.Equal((1, JefeId, PartialStatus.Pending), (p.Sequence, p.EvaluatorId, p.Status));
        Assert.Equal((new DateOnly(2026, 1, 1), ChangeDay, new DateOnly(2026, 12, 31)), (p.From, p.To, p.PeriodEnd));
        Assert.Equal(PartialCause.Reassignment, p.Cause);
        Assert.Equal(120, p.CoveredDays); // 31 + 28 + 31 + 30
        Assert.Equal(
            [
                new EvaluatorTenure { EvaluatorId = JefeId, From = new(2026, 1, 1), To = ChangeDay, EndCause = PartialCause.Reassignment },
                new EvaluatorTenure { EvaluatorId = OtherJefeId, From = new(2026, 5, 1) },
            ], e.Tenures);

        // The outgoing jefe can read the evaluation and record the partial, nothing else.
        Assert.True(e.CanView(Jefe));
        Assert.Equal(PendingAction.RecordPartial, e.PendingFor(Jefe));
        Assert.True(e.CanActNow(Jefe, PendingAction.RecordPartial, On(new DateOnly(2026, 8, 1))));
        Assert.False(e.IsCurrentEvaluator(Jefe));
        // The new jefe is the evaluator at once: nobody waits for the partial.
        AssertOk(e.SubmitSelfEvaluation(Evaluado, 1, ProgressFor(e, 60), OnFollowUpIDay()));
        AssertRefusedUnchanged(e, x => x.ApproveSelfEvaluation(Jefe, 1, OnFollowUpIDay()), "Solo el evaluador de esta evaluación puede hacer esto.");
        AssertOk(e.ApproveSelfEvaluation(OtherJefe, 1, OnFollowUpIDay()));
        Assert.Equal(PendingAction.None, e.PendingFor(OtherJefe));
    }

    [Fact]
    public void Before_the_goals_are_agreed_a_change_records_the_tenure_but_no_partial()
    {
        var e = At(EvaluationState.GoalApproval);
        AssertOk(e.ReassignEvaluator(TalentoHumano, OtherJefeId, "Cambio de jefe", OnGoalDay()));
        Assert.Empty(e.Partials);
        Assert.Equal(2, e.Tenures.Count);
        Assert.False(e.CanView(Jefe));
        Assert.Equal(PendingAction.None, e.PendingFor(Jefe));
    }

    [Fact]
    public void A_tenure_of_a_new_servant_starts_at_the_hire_date()
    {
        var e = At(EvaluationState.SelfEvaluationI);
        AssertOk(e.ReassignEvaluator(TalentoHumano, OtherJefeId, "Cambio", On(ChangeDay, hireDate: new DateOnly(2026, 3, 2))));
        Assert.Equal(new DateOnly(2026, 3, 2), e.Partials.Single().From);
    }

    [Fact]
    public void Assigning_a_committee_leaves_a_partial_but_the_same_recorder_continuing_does_not()
    {
        var e = At(EvaluationState.SelfEvaluationI);
        AssertOk(e.AssignCommittee(TalentoHumano, [Member40, Member41], Member40, "Conflicto de interés", On(ChangeDay)));
        Assert.Equal(JefeId, e.Partials.Single().EvaluatorId);
        Assert.Equal(PartialCause.Committee, e.Partials.Single().Cause);
        Assert.True(e.Tenures[^1].IsCommittee);

        AssertOk(e.ReassignEvaluator(TalentoHumano, Member40, "Vuelve a un solo evaluador", On(ChangeDay.AddDays(10))));
        Assert.Single(e.Partials);
        Assert.Equal(Member40, e.EvaluatorId);
        Assert.False(e.IsCommittee);
    }

    [Fact]
    public void The_directory_changes_the_evaluator_only_through_Talento_Humano_and_only_on_open_evaluations()
    {
        var e = At(EvaluationState.SelfEvaluationI);
        AssertRefusedUnchanged(e, x => x.ChangeEvaluatorFromDirectory(Jefe, OtherJefeId, PartialCause.BossChange, On(ChangeDay)), "Solo Talento Humano");
        AssertRefusedUnchanged(e, x => x.ChangeEvaluatorFromDirectory(TalentoHumano, JefeId, PartialCause.BossChange, On(ChangeDay)), "Esa persona ya es el evaluador.");
        AssertRefusedUnchanged(e, x => x.ChangeEvaluatorFromDirectory(TalentoHumano, EvaluadoId, PartialCause.BossChange, On(ChangeDay)), "propio evaluador");

        AssertOk(e.ChangeEvaluatorFromDirectory(TalentoHumano, OtherJefeId, PartialCause.DependencyChange, On(ChangeDay)));
        Assert.Equal(OtherJefeId, e.EvaluatorId);
        Assert.Equal(PartialCause.DependencyChange, e.Partials.Single().Cause);
        var h = e.History[^1];
        Assert.Equal((EvaluationAction.ChangeEvaluator, PartialCause.DependencyChange.Label()), (h.Action, h.Comment));

        var closed = At(EvaluationState.Finalized);
        AssertRefusedUnchanged(closed, x => x.ChangeEvaluatorFromDirectory(TalentoHumano, OtherJefeId, PartialCause.BossChange, On(ChangeDay)), "no se reasigna");
    }

    [Fact]
    public void When_the_evaluator_retires_the_partial_is_owed_to_the_retirement_date_and_the_next_evaluator_starts_the_day_after()
    {
        var e = At(EvaluationState.SelfEvaluationI);
        var retired = new DateOnly(2026, 3, 31);
        AssertRefusedUnchanged(e, x => x.EvaluatorRetired(Jefe, retired, On(ChangeDay)), "Solo Talento Humano");
        AssertOk(e.EvaluatorRetired(TalentoHumano, retired, On(ChangeDay)));
        Assert.Equal(JefeId, e.EvaluatorId);
        var p = e.Partials.Single();
        Assert.Equal((retired, PartialCause.EvaluatorRetired), (p.To, p.Cause));
        AssertRefusedUnchanged(e, x => x.EvaluatorRetired(TalentoHumano, retired, On(ChangeDay)), "ya está cerrado");

        // Talento Humano then sets the new jefe in the directory: no second partial for the same tenure.
        AssertOk(e.ChangeEvaluatorFromDirectory(TalentoHumano, OtherJefeId, PartialCause.BossChange, On(ChangeDay)));
        Assert.Single(e.Partials);
        Assert.Equal(new DateOnly(2026, 4, 1), e.Tenures[^1].From);
        Assert.Equal(OtherJefeId, e.EvaluatorId);
    }

    // ------------------------------------------------------------------ recording, on behalf, waiving

    [Fact]
    public void The_outgoing_jefe_records_the_partial_once_and_then_loses_access()
    {
        var e = Reassigned();
        var goals = PartialFor(e, 40, "  Entregó el informe de marzo.  ");
        var now = new DateTime(2026, 5, 4, 15, 0, 0, DateTimeKind.Utc);

        AssertOk(e.RecordPartial(Jefe, 1, goals, "  Buen desempeño en el primer cuatrimestre  ", now));

        var p = e.Partials.Single();
        Assert.Equal((PartialStatus.Recorded, "Buen desempeño en el primer cuatrimestre", "Bruno Jefe", false, now),
            (p.Status, p.Comment, p.RecordedBy, p.RecordedOnBehalf, p.RecordedAt));
        Assert.Equal([(1, 50, 40), (2, 30, 40), (3, 20, 40)], p.Goals.Select(g => (g.GoalNumber, g.Weight, g.AchievedPercent)));
        Assert.All(p.Goals, g => Assert.Equal("Entregó el informe de marzo.", g.Observation));
        Assert.Equal(40m, new ScoringPolicy(NewPeriod().Settings).PartialGoalsScore(p)); // 50×40 + 30×40 + 20×40 = 4000 / 100
        var h = e.History[^1];
        Assert.Equal((EvaluationAction.RecordPartial, ActorRole.Evaluator, "Bruno Jefe"), (h.Action, h.Role, h.ActorName));
        Assert.Equal(e.State, h.To);

        Assert.False(e.CanView(Jefe));
        Assert.Equal(PendingAction.None, e.PendingFor(Jefe));
        AssertRefusedUnchanged(e, x => x.RecordPartial(Jefe, 1, goals, null, now), "ya está «Registrada»");
    }

    /// <summary>
    /// The stored facts the annual report reads: how many partials are recorded and owed, and the goals score of the last
    /// recorded one by the last day it covers (not by when it was recorded); a waived one counts as neither.
    /// </summary>
    [Fact]
    public void The_facts_keep_the_partials_recorded_and_owed_and_the_goals_score_of_the_last_one()
    {
        var period = NewPeriod();
        var e = Reassigned(); // Bruno owes the partial up to 30/04
        e.RefreshFacts(period, OldHireDate);
        Assert.Equal((0, 1, (decimal?)null), (e.Facts.RecordedPartials, e.Facts.PendingPartials, e.Facts.LastPartialScore));

        // Carla hands over on 31/07 to a committee recorded by Elena: Carla owes hers, up to 31/07.
        AssertOk(e.ReassignEvaluator(TalentoHumano, Member40, "Carla sale a licencia", On(new DateOnly(2026, 7, 31))));
        var now = new DateTime(2026, 8, 10, 15, 0, 0, DateTimeKind.Utc);
        AssertOk(e.RecordPartial(OtherJefe, 2, PartialFor(e, 70), null, now));
        e.RefreshFacts(period, OldHireDate);
        Assert.Equal((1, 1, (decimal?)70.00m), (e.Facts.RecordedPartials, e.Facts.PendingPartials, e.Facts.LastPartialScore));

        // Bruno records his later, but it covers the earlier months: the last partial is still Carla's.
        AssertOk(e.RecordPartial(Jefe, 1, PartialFor(e, 40), null, now.AddDays(5)));
        e.RefreshFacts(period, OldHireDate);
        Assert.Equal((2, 0, (decimal?)70.00m), (e.Facts.RecordedPartials, e.Facts.PendingPartials, e.Facts.LastPartialScore));

        // A waived partial is neither recorded nor owed.
        var w = Reassigned();
        AssertOk(w.WaivePartial(TalentoHumano, 1, "El jefe se retiró de la entidad", now));
        w.RefreshFacts(period, OldHireDate);
        Assert.Equal((0, 0, (decimal?)null), (w.Facts.RecordedPartials, w.Facts.PendingPartials, w.Facts.LastPartialScore));
    }

    [Fact]
    public void Recording_a_partial_is_refused_to_anyone_else_and_with_bad_input()
    {
        var e = Reassigned();
        var now = DateTime.UtcNow;
        var ok = PartialFor(e);
        AssertRefusedUnchanged(e, x => x.RecordPartial(OtherJefe, 1, ok, null, now), "Solo el evaluador saliente");
        AssertRefusedUnchanged(e, x => x.RecordPartial(Evaluado, 1, ok, null, now), "Solo el evaluador saliente");
        AssertRefusedUnchanged(e, x => x.RecordPartial(CommitteeMember40, 1, ok, null, now), "Solo el evaluador saliente");
        AssertRefusedUnchanged(e, x => x.RecordPartial(Jefe, 2, ok, null, now), "No existe esa evaluación parcial.");
        AssertRefusedUnchanged(e, x => x.RecordPartial(Jefe, 1, ok.Take(2).ToList(), null, now), "Meta 3: escriba el % logrado a la fecha");
        AssertRefusedUnchanged(e, x => x.RecordPartial(Jefe, 1, ok.Select(g => g with { AchievedPercent = 101 }).ToList(), null, now), "debe estar entre 0 y 100");
        AssertRefusedUnchanged(e, x => x.RecordPartial(Jefe, 1, ok.Select(g => g with { Observation = " " }).ToList(), null, now), "escriba la observación");
        AssertRefusedUnchanged(e, x => x.RecordPartial(Jefe, 1, [.. ok, new PartialGoal { GoalNumber = 9, AchievedPercent = 1, Observation = "x" }], null, now), "La meta 9 no existe");
        AssertRefusedUnchanged(e, x => x.RecordPartial(Jefe, 1, ok, new string('x', 2001), now), "comentario general admite máximo 2000");

        var errors = e.RecordPartial(Jefe, 1, ok.Select(g => g with { Observation = "" }).ToList(), null, now).Errors;
        Assert.Equal(["Goals[0].Observation", "Goals[1].Observation", "Goals[2].Observation"], errors.Select(x => x.Field));
    }

    [Fact]
    public void Talento_Humano_records_on_behalf_or_waives_with_a_reason()
    {
        var e = Reassigned();
        var now = DateTime.UtcNow;
        AssertOk(e.RecordPartial(TalentoHumano, 1, PartialFor(e, 30), "Registrado con el acta de entrega del cargo", now));
        Assert.True(e.Partials.Single().RecordedOnBehalf);
        Assert.Equal(ActorRole.TalentoHumano, e.History[^1].Role);
        Assert.Contains("en nombre del evaluador saliente", e.History[^1].Comment);

        var w = Reassigned();
        AssertRefusedUnchanged(w, x => x.WaivePartial(Jefe, 1, "no quiero", now), "Solo Talento Humano");
        AssertRefusedUnchanged(w, x => x.WaivePartial(TalentoHumano, 1, "  ", now), "Escriba el motivo");
        AssertRefusedUnchanged(w, x => x.WaivePartial(TalentoHumano, 5, "x", now), "No existe esa evaluación parcial.");
        AssertOk(w.WaivePartial(TalentoHumano, 1, "  El jefe se retiró de la entidad  ", now));
        var p = w.Partials.Single();
        Assert.Equal((PartialStatus.Waived, "El jefe se retiró de la entidad"), (p.Status, p.WaiverReason));
        AssertRefusedUnchanged(w, x => x.WaivePartial(TalentoHumano, 1, "otra vez", now), "ya está «Dispensada»");
        AssertRefusedUnchanged(w, x => x.RecordPartial(Jefe, 1, PartialFor(x), null, now), "ya está «Dispensada»");
        Assert.False(w.CanView(Jefe));
    }

    [Fact]
    public void Talento_Humano_does_not_act_on_a_partial_of_their_own_evaluation()
    {
        var e = Reassigned();
        var thEvaluado = new Actor("u-evaluado", EvaluadoId, "Ana Evaluada", IsTalentoHumano: true);
        AssertRefusedUnchanged(e, x => x.RecordPartial(thEvaluado, 1, PartialFor(x), null, DateTime.UtcNow), "propia evaluación");
        AssertRefusedUnchanged(e, x => x.WaivePartial(thEvaluado, 1, "motivo", DateTime.UtcNow), "propia evaluación");
    }

    // ------------------------------------------------------------------ retiro

    [Fact]
    public void Retirement_closes_the_evaluation_with_a_pending_partial_up_to_the_retirement_date()
    {
        var e = At(EvaluationState.SelfEvaluationII);
        var retired = new DateOnly(2026, 9, 15);
        AssertRefusedUnchanged(e, x => x.CloseByRetirement(Jefe, retired, On(retired)), "Solo Talento Humano");

        AssertOk(e.CloseByRetirement(TalentoHumano, retired, On(retired)));

        Assert.Equal(EvaluationState.ClosedByRetirement, e.State);
        Assert.True(e.IsClosed);
        var p = e.Partials.Single();
        Assert.Equal((JefeId, new DateOnly(2026, 1, 1), retired, PartialCause.EvaluadoRetired, PartialStatus.Pending), (p.EvaluatorId, p.From, p.To, p.Cause, p.Status));
        var h = e.History[^1];
        Assert.Equal((EvaluationAction.CloseByRetirement, EvaluationState.SelfEvaluationII, EvaluationState.ClosedByRetirement, "Fecha de retiro: 15/09/2026"),
            (h.Action, h.From, h.To, h.Comment));
        // The jefe is still the evaluator: the partial is theirs to record, and nothing else moves.
        Assert.Equal(PendingAction.RecordPartial, e.PendingFor(Jefe));
        Assert.Equal(PendingAction.None, e.PendingFor(Evaluado));
        AssertRefusedUnchanged(e, x => x.SubmitSelfEvaluation(Evaluado, 2, ProgressFor(x), OnFollowUpIIDay()), "Cerrada por retiro");
        AssertRefusedUnchanged(e, x => x.CloseByRetirement(TalentoHumano, retired, On(retired)), "ya está «Cerrada por retiro»");
        AssertRefusedUnchanged(e, x => x.ReassignEvaluator(TalentoHumano, OtherJefeId, "x", On(retired)), "no se reasigna");

        AssertOk(e.RecordPartial(Jefe, 1, PartialFor(e, 70), "Se retira con buen avance", DateTime.UtcNow));
        Assert.Equal(EvaluationState.ClosedByRetirement, e.State);
    }

    [Fact]
    public void A_servant_no_longer_evaluated_by_egi_is_closed_today_as_a_retiro_with_the_partial_owed_up_to_today()
    {
        const string Reason = "Carrera administrativa: no se evalúa en la Evaluación de la Gestión Institucional.";
        var e = At(EvaluationState.SelfEvaluationII);
        var today = new DateOnly(2026, 8, 18);
        AssertRefusedUnchanged(e, x => x.CloseAsNoLongerEvaluated(Jefe, Reason, On(today)), "Solo Talento Humano");
        var closedPeriod = NewPeriod();
        AssertOk(closedPeriod.Close());
        AssertRefusedUnchanged(e, x => x.CloseAsNoLongerEvaluated(TalentoHumano, Reason, On(today, closedPeriod)), "está cerrada");

        AssertOk(e.CloseAsNoLongerEvaluated(TalentoHumano, Reason, On(today)));

        Assert.Equal(EvaluationState.ClosedByRetirement, e.State);
        var p = e.Partials.Single();
        Assert.Equal((JefeId, new DateOnly(2026, 1, 1), today, PartialCause.NoLongerEvaluated, PartialStatus.Pending), (p.EvaluatorId, p.From, p.To, p.Cause, p.Status));
        var h = e.History[^1];
        Assert.Equal((EvaluationAction.CloseByRetirement, EvaluationState.ClosedByRetirement,
                "Deja de evaluarse en EGI desde el 18/08/2026. Carrera administrativa: no se evalúa en la Evaluación de la Gestión Institucional."),
            (h.Action, h.To, h.Comment));
        Assert.Equal(PendingAction.RecordPartial, e.PendingFor(Jefe));
        AssertRefusedUnchanged(e, x => x.CloseAsNoLongerEvaluated(TalentoHumano, Reason, On(today)), "ya está «Cerrada por retiro»");
        // A mistaken change is undone as a retiro is: Talento Humano reopens it with a reason.
        AssertOk(e.ReopenAfterRetirement(TalentoHumano, "La vinculación se registró por error", On(today)));
        Assert.Equal(EvaluationState.SelfEvaluationII, e.State);
    }

    [Fact]
    public void A_retiro_dated_in_the_future_changes_nothing_before_its_date()
    {
        var e = At(EvaluationState.SelfEvaluationI);
        var retired = new DateOnly(2026, 5, 31);
        AssertRefusedUnchanged(e, x => x.CloseByRetirement(TalentoHumano, retired, On(new DateOnly(2026, 5, 30))), "El retiro es el 31/05/2026");
        AssertRefusedUnchanged(e, x => x.EvaluatorRetired(TalentoHumano, retired, On(new DateOnly(2026, 5, 30))), "El retiro es el 31/05/2026");
        AssertOk(e.CloseByRetirement(TalentoHumano, retired, On(retired)));
        Assert.Equal(EvaluationState.ClosedByRetirement, e.State);
        Assert.Equal(retired, e.Partials.Single().To);
    }

    [Fact]
    public void Retirement_before_the_goals_are_agreed_closes_without_a_partial()
    {
        var e = At(EvaluationState.GoalApproval);
        AssertOk(e.CloseByRetirement(TalentoHumano, new DateOnly(2026, 2, 10), OnGoalDay()));
        Assert.Equal(EvaluationState.ClosedByRetirement, e.State);
        Assert.Empty(e.Partials);
    }

    [Fact]
    public void Only_Talento_Humano_reopens_an_evaluation_closed_by_retirement_with_a_reason()
    {
        var e = At(EvaluationState.SelfEvaluationI);
        AssertRefusedUnchanged(e, x => x.ReopenAfterRetirement(TalentoHumano, "motivo", OnFollowUpIDay()), "solo se reabre una cerrada por retiro");
        AssertOk(e.CloseByRetirement(TalentoHumano, new DateOnly(2026, 5, 10), OnFollowUpIDay()));
        AssertRefusedUnchanged(e, x => x.ReopenAfterRetirement(Jefe, "motivo", OnFollowUpIDay()), "Solo Talento Humano");
        AssertRefusedUnchanged(e, x => x.ReopenAfterRetirement(TalentoHumano, "", OnFollowUpIDay()), "Escriba el motivo");
        AssertOk(e.RecordPartial(Jefe, 1, PartialFor(e), null, DateTime.UtcNow)); // recorded while closed: still reopens to the step

        AssertOk(e.ReopenAfterRetirement(TalentoHumano, "Reintegro por fallo judicial", OnFollowUpIDay()));
        Assert.Equal(EvaluationState.SelfEvaluationI, e.State);
        Assert.Equal(JefeId, e.Tenures[^1].EvaluatorId);
        Assert.Null(e.Tenures[^1].To);
        AssertOk(e.SubmitSelfEvaluation(Evaluado, 1, ProgressFor(e), OnFollowUpIDay()));
    }

    // ------------------------------------------------------------------ final rating rule

    [Fact]
    public void Weighted_by_time_averages_each_evaluators_goals_score_by_the_days_covered()
    {
        var weighted = NewPeriod(s => s.PartialEvaluationsInFinal = PartialEvaluationRule.WeightedByTime);
        var e = Reassigned();
        AssertOk(e.RecordPartial(Jefe, 1, PartialFor(e, 40), null, DateTime.UtcNow));
        FinishWithOtherJefe(e, weighted);

        // Default (last evaluator): goals 95, competencies 100 → 0.85 × 95 + 0.15 × 100 = 95.75, Sobresaliente.
        var last = new ScoringPolicy(NewPeriod().Settings).Score(e);
        Assert.Equal((95m, 95.75m, RatingLevel.Sobresaliente), (last.GoalsComponent, last.Final, last.Level));

        // Weighted: Bruno 01/01–30/04 = 120 days at 40; Carla 01/05–31/12 = 245 days at 95.
        // (120 × 40 + 245 × 95) / 365 = 28075 / 365 = 76.9178… → 76.92; final 0.85 × 76.9178… + 15 = 80.3801… → 80.38.
        var byTime = new ScoringPolicy(weighted.Settings).Score(e);
        Assert.Equal((76.92m, 100m, 80.38m, RatingLevel.Satisfactorio), (byTime.GoalsComponent, byTime.CompetenciesComponent, byTime.Final, byTime.Level));
    }

    [Fact]
    public void Weighted_by_time_ignores_waived_partials_and_falls_back_to_the_last_evaluator()
    {
        var weighted = NewPeriod(s => s.PartialEvaluationsInFinal = PartialEvaluationRule.WeightedByTime);
        var e = Reassigned();
        AssertOk(e.WaivePartial(TalentoHumano, 1, "El jefe salió de la entidad", DateTime.UtcNow));
        FinishWithOtherJefe(e, weighted);
        Assert.Equal(95.75m, new ScoringPolicy(weighted.Settings).Score(e).Final);
    }

    [Fact]
    public void Weighted_by_time_arithmetic()
    {
        // (100 × 50 + 265 × 80) / 365 = (5000 + 21200) / 365 = 26200 / 365 = 71.780821…
        Assert.Equal(26200m / 365m, ScoringPolicy.WeightedByTime([(100, 50m), (265, 80m)]));
        // Three evaluators: (90 × 60 + 90 × 70 + 185 × 100) / 365 = (5400 + 6300 + 18500) / 365 = 30200 / 365
        Assert.Equal(30200m / 365m, ScoringPolicy.WeightedByTime([(90, 60m), (90, 70m), (185, 100m)]));
        // Nobody covered a day (a change after 31/12): the last evaluator's score.
        Assert.Equal(88m, ScoringPolicy.WeightedByTime([(0, 40m), (0, 88m)]));
        Assert.Equal(0m, ScoringPolicy.WeightedByTime([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoringPolicy.WeightedByTime([(-1, 40m)]));
    }

    [Fact]
    public void A_partial_after_the_end_of_the_year_counts_only_the_days_of_the_period()
    {
        var p = new PartialEvaluation { From = new(2026, 7, 1), To = new(2027, 2, 10), PeriodEnd = new(2026, 12, 31) };
        Assert.Equal(184, p.CoveredDays); // 31 + 31 + 30 + 31 + 30 + 31
    }
}
