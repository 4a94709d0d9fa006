using Egi.Domain.Calendar;
using Egi.Domain.Common;
using Egi.Domain.Evaluations;

namespace Egi.Domain.Tests.Evaluations;

/// <summary>
/// The small world the state-machine tests live in: the 2026 period with its default calendar, the people
/// who act on one evaluation, valid goal sets, and a helper that walks an evaluation to any state.
/// </summary>
public static class Kit
{
    public const int PeriodId = 7;
    public const int EvaluadoId = 10;
    public const int JefeId = 20;
    public const int OtherJefeId = 30;
    public const int Member40 = 40;
    public const int Member41 = 41;

    // ------------------------------------------------------------------ people

    public static readonly Actor Evaluado = new("u-evaluado", EvaluadoId, "Ana Evaluada");
    public static readonly Actor Jefe = new("u-jefe", JefeId, "Bruno Jefe");
    public static readonly Actor OtherJefe = new("u-otro-jefe", OtherJefeId, "Carla Otra Jefa");
    public static readonly Actor TalentoHumano = new("u-th", null, "Diana Talento Humano", IsTalentoHumano: true);
    public static readonly Actor CommitteeMember40 = new("u-40", Member40, "Elena Comisión");
    public static readonly Actor CommitteeMember41 = new("u-41", Member41, "Fabio Comisión");

    // ------------------------------------------------------------------ calendar

    /// <summary>Inside the goal window (1 Jan – 31 Mar 2026) and the first follow-up window (1 Jan – 30 Jun 2026).</summary>
    public static readonly DateOnly GoalDay = new(2026, 2, 15);

    /// <summary>Outside the goal window but inside the first follow-up window.</summary>
    public static readonly DateOnly FollowUpIDay = new(2026, 5, 15);

    /// <summary>Inside the second follow-up window (1 Jan – 28 Feb 2027), outside the other two.</summary>
    public static readonly DateOnly FollowUpIIDay = new(2027, 2, 15);

    /// <summary>An evaluado hired long ago: the new-servant rule never applies.</summary>
    public static readonly DateOnly OldHireDate = new(2015, 3, 2);

    public static Period NewPeriod(Action<PeriodSettings>? settings = null)
    {
        var period = Period.CreateWithDefaults(2026);
        period.Id = PeriodId;
        period.Status = PeriodStatus.Open;
        settings?.Invoke(period.Settings);
        return period;
    }

    private static readonly Period DefaultPeriod = NewPeriod();

    public static EvaluationContext On(DateOnly day, Period? period = null, DateOnly? hireDate = null, int hour = 10) =>
        new(day, day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc), period ?? DefaultPeriod, hireDate ?? OldHireDate);

    public static EvaluationContext OnGoalDay(Period? period = null) => On(GoalDay, period);

    public static EvaluationContext OnFollowUpIDay(Period? period = null) => On(FollowUpIDay, period);

    public static EvaluationContext OnFollowUpIIDay(Period? period = null) => On(FollowUpIIDay, period);

    /// <summary>A day on which the step of <paramref name="state"/> is open.</summary>
    public static EvaluationContext OpenDayFor(EvaluationState state, Period? period = null) => state.Step() switch
    {
        EvaluationStep.Goals => OnGoalDay(period),
        EvaluationStep.FollowUpI => OnFollowUpIDay(period),
        _ => OnFollowUpIIDay(period),
    };

    // ------------------------------------------------------------------ goals

    public static Goal G(string description, int weight, int agreedFirst = 50, DateOnly? due = null, string evidence = "Informe trimestral") => new()
    {
        Description = description,
        Weight = weight,
        ExpectedEvidence = evidence,
        AgreedFirstFollowUpPercent = agreedFirst,
        DueDate = due ?? new DateOnly(2026, 12, 15),
    };

    /// <summary>Three goals weighing 50/30/20.</summary>
    public static List<Goal> Goals503020() =>
    [
        G("Elaborar el plan anual de adquisiciones aprobado por el comité", 50, 40),
        G("Actualizar los procedimientos del proceso de contratación", 30, 50),
        G("Capacitar a los supervisores de contratos en el manual vigente", 20, 0),
    ];

    /// <summary>Three goals weighing 33/33/34.</summary>
    public static List<Goal> Goals333334() =>
    [
        G("Publicar el informe de gestión del primer semestre", 33),
        G("Depurar la base de datos de proveedores", 33),
        G("Implementar el tablero de indicadores de la dependencia", 34),
    ];

    /// <summary>The goals as the evaluation stores them (numbered 1..n).</summary>
    public static List<Goal> Numbered(IEnumerable<Goal> goals) => goals.Select((g, i) => g with { Number = i + 1 }).ToList();

    // ------------------------------------------------------------------ follow-ups and competencies

    public static List<GoalProgress> ProgressFor(Evaluation e, int achieved = 60, string narrative = "Avance según el cronograma, con actas y soportes.") =>
        e.OrderedGoals.Select(g => new GoalProgress { GoalNumber = g.Number, AchievedPercent = achieved, Narrative = narrative }).ToList();

    public static readonly string[] Applicable =
    [
        "Aprendizaje continuo", "Orientación a resultados", "Orientación al usuario y al ciudadano",
        "Compromiso con la organización", "Trabajo en equipo", "Adaptación al cambio",
    ];

    public static List<CompetencyScore> Scores(int value = 4) =>
        Applicable.Select(c => new CompetencyScore { Competency = c, Value = value }).ToList();

    // ------------------------------------------------------------------ evaluations

    public static Evaluation NewEvaluation() =>
        Evaluation.Open(PeriodId, EvaluadoId, JefeId, new DateTime(2026, 1, 2, 8, 0, 0, DateTimeKind.Utc));

    /// <summary>
    /// A new evaluation walked along the happy path (submit, approve, accept, …) until it is in <paramref name="target"/>.
    /// Every step must succeed; the goals are <see cref="Goals503020"/>.
    /// </summary>
    public static Evaluation At(EvaluationState target, Period? period = null)
    {
        var e = NewEvaluation();
        WalkTo(e, target, period);
        return e;
    }

    /// <summary>Advances <paramref name="e"/> along the happy path until it reaches <paramref name="target"/>.</summary>
    public static void WalkTo(Evaluation e, EvaluationState target, Period? period = null)
    {
        var guard = 0;
        while (e.State != target)
        {
            if (++guard > 20) throw new InvalidOperationException($"{target} cannot be reached from {e.State} along the happy path.");
            var ctx = OpenDayFor(e.State, period);
            var outcome = e.State switch
            {
                EvaluationState.GoalFormulation => e.SubmitGoals(Evaluado, Goals503020(), ctx),
                EvaluationState.GoalApproval => e.ApproveGoals(Jefe, ctx),
                EvaluationState.GoalAcceptance => e.AcceptGoals(Evaluado, ctx),
                EvaluationState.SelfEvaluationI => e.SubmitSelfEvaluation(Evaluado, 1, ProgressFor(e, 60), ctx),
                EvaluationState.SelfEvaluationIApproval => e.ApproveSelfEvaluation(Jefe, 1, ctx),
                EvaluationState.SelfEvaluationIAcceptance => e.AcceptSelfEvaluation(Evaluado, ctx),
                EvaluationState.SelfEvaluationII => e.SubmitSelfEvaluation(Evaluado, 2, ProgressFor(e, 95), ctx),
                EvaluationState.SelfEvaluationIIApproval => e.ApproveSelfEvaluation(Jefe, 2, ctx),
                EvaluationState.CompetencyRating => e.RateCompetencies(Jefe, Scores(), Applicable, ctx),
                EvaluationState.FinalAcceptance => e.AcceptFinal(Evaluado, ctx),
                _ => throw new InvalidOperationException($"No happy-path step out of {e.State}."),
            };
            AssertOk(outcome);
        }
    }

    /// <summary>Evaluado submits, jefe approves, evaluado does not accept: one "no aceptar" on the goals.</summary>
    public static void OneGoalDisagreement(Evaluation e, Period? period = null, string reason = "No estoy de acuerdo con los pesos")
    {
        var ctx = OnGoalDay(period);
        AssertOk(e.SubmitGoals(Evaluado, Goals503020(), ctx));
        AssertOk(e.ApproveGoals(Jefe, ctx));
        AssertOk(e.NotAcceptGoals(Evaluado, reason, ctx));
    }

    // ------------------------------------------------------------------ assertions

    public static void AssertOk(Outcome outcome) =>
        Assert.True(outcome.Succeeded, $"Expected success but was refused: {outcome}");

    /// <summary>The outcome is refused and one of its messages contains <paramref name="message"/>.</summary>
    public static void AssertRefused(Outcome outcome, string message)
    {
        Assert.False(outcome.Succeeded, $"Expected a refusal containing «{message}» but it succeeded.");
        Assert.Contains(outcome.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    /// <summary>What a refused transition must leave untouched.</summary>
    public sealed record Snapshot(EvaluationState State, Guid Version, int History, int Versions, string Goals, string Progress, int EvaluatorId, DateTime UpdatedAt,
        string Partials = "", string Tenures = "")
    {
        public static Snapshot Of(Evaluation e) => new(
            e.State, e.Version, e.History.Count, e.Versions.Count,
            string.Join("|", e.Goals.Select(g => g.ToString())),
            string.Join("|", e.Progress.Select(p => p.ToString())),
            e.EvaluatorId, e.UpdatedAt,
            string.Join("|", e.Partials.Select(p => $"{p.Sequence}:{p.EvaluatorId}:{p.Status}:{p.From}:{p.To}:{p.Comment}:{string.Join(",", p.Goals)}")),
            string.Join("|", e.Tenures.Select(t => t.ToString())));
    }

    /// <summary>Refused with <paramref name="message"/>, and nothing of the evaluation changed (not even its version).</summary>
    public static void AssertRefusedUnchanged(Evaluation e, Func<Evaluation, Outcome> transition, string message)
    {
        var before = Snapshot.Of(e);
        AssertRefused(transition(e), message);
        Assert.Equal(before, Snapshot.Of(e));
    }
}
