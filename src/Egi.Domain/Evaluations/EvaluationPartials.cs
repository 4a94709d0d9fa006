using Egi.Domain.Common;

namespace Egi.Domain.Evaluations;

/// <summary>
/// Change of evaluator and retiro (SPEC §4): evaluator tenures, partial evaluations and closing by retirement.
/// <para>
/// The evaluation moves to the new evaluator at once, with its history, so nobody is blocked; the outgoing evaluator
/// is left a pending <see cref="PartialEvaluation"/> covering their tenure (from its start — or the start of the period
/// or the hire date — to the change date) and keeps access to the evaluation only to read it and record that partial,
/// until it is recorded. Talento Humano can record it on their behalf or waive it with a reason. The new evaluator's
/// tenure starts the day after the change date. When the evaluado retires, the evaluation is closed
/// (<see cref="EvaluationState.ClosedByRetirement"/>) and the current evaluator owes the partial up to the retirement
/// date; reinstating the servant does not reopen it: Talento Humano reopens it with a reason.
/// </para>
/// </summary>
public sealed partial class Evaluation
{
    /// <summary>Who evaluated from when to when. Empty until the first change: then the current evaluator since the start.</summary>
    public List<EvaluatorTenure> Tenures { get; set; } = [];

    public List<PartialEvaluation> Partials { get; set; } = [];

    public bool HasPendingPartial(int servantId) => Partials.Any(p => p.Status == PartialStatus.Pending && p.EvaluatorId == servantId);

    /// <summary>The pending partial the servant owes on this evaluation (the oldest, if several).</summary>
    public PartialEvaluation? PendingPartialOf(int servantId) =>
        Partials.Where(p => p.Status == PartialStatus.Pending && p.EvaluatorId == servantId).OrderBy(p => p.Sequence).FirstOrDefault();

    public PartialEvaluation? Partial(int sequence) => Partials.FirstOrDefault(p => p.Sequence == sequence);

    /// <summary>
    /// Ends the current evaluator's tenure at <paramref name="coverage"/>'s change date and, when the goals are agreed and
    /// the tenure covered at least one day, leaves them a pending partial. When <paramref name="newEvaluatorId"/> is null
    /// the evaluator stays (they retired: Talento Humano assigns the next one, whose tenure starts the day after).
    /// </summary>
    private void HandOver(int? newEvaluatorId, List<int> committeeMembers, PartialCause cause, Coverage coverage, DateTime now)
    {
        var outgoing = EvaluatorId;
        if (newEvaluatorId == outgoing)
        {
            CommitteeMemberIds = committeeMembers;
            return;
        }
        if (Tenures.Count == 0)
            Tenures.Add(new EvaluatorTenure { EvaluatorId = outgoing, IsCommittee = IsCommittee, From = coverage.Start });
        var current = Tenures[^1];
        if (current.To is null)
        {
            Tenures[^1] = current with { To = coverage.Change, EndCause = cause };
            if (State.GoalsAgreed() && !IsClosed && outgoing != EvaluadoId && coverage.Change >= current.From)
            {
                Partials.Add(new PartialEvaluation
                {
                    Sequence = Partials.Count + 1,
                    EvaluatorId = outgoing,
                    From = current.From,
                    To = coverage.Change,
                    PeriodEnd = coverage.PeriodEnd,
                    Cause = cause,
                    Status = PartialStatus.Pending,
                    CreatedAt = now,
                });
            }
        }
        if (newEvaluatorId is { } next)
        {
            var from = (Tenures[^1].To ?? coverage.Change).AddDays(1);
            Tenures.Add(new EvaluatorTenure { EvaluatorId = next, IsCommittee = committeeMembers.Count > 0, From = from });
            EvaluatorId = next;
            CommitteeMemberIds = committeeMembers;
        }
    }

    /// <summary>
    /// The directory changed the evaluado's jefe inmediato (or moved them to another dependencia with another jefe):
    /// the new jefe becomes the evaluator today and the outgoing one owes a partial evaluation. Done by Talento Humano
    /// through the directory; <paramref name="cause"/> is one of <see cref="PartialCause"/>.
    /// </summary>
    public Outcome ChangeEvaluatorFromDirectory(Actor actor, int newEvaluatorId, PartialCause cause, EvaluationContext ctx)
    {
        if (PeriodClosed(ctx) is { } closed) return closed;
        if (!actor.IsTalentoHumano) return Outcome.Refused("Solo Talento Humano cambia el jefe inmediato en el directorio.");
        if (IsClosed) return Outcome.Refused($"La evaluación está «{State.Label()}»: no se reasigna.");
        if (newEvaluatorId == EvaluadoId) return Outcome.Refused("El evaluado no puede ser su propio evaluador.", "EvaluatorId");
        if (newEvaluatorId == EvaluatorId && !IsCommittee) return Outcome.Refused("Esa persona ya es el evaluador.", "EvaluatorId");
        HandOver(newEvaluatorId, [], cause, Coverage.Of(ctx), ctx.Now);
        return Record(actor, ActorRole.TalentoHumano, EvaluationAction.ChangeEvaluator, cause.Label(), ctx.Now);
    }

    /// <summary>
    /// The evaluator retired on <paramref name="retirementDate"/>: their tenure ends that day and they owe a partial
    /// evaluation (which Talento Humano will usually record on their behalf or waive). They stay as evaluator until
    /// Talento Humano assigns the next one (directory or reassignment), whose tenure starts the next day.
    /// </summary>
    public Outcome EvaluatorRetired(Actor actor, DateOnly retirementDate, EvaluationContext ctx)
    {
        if (PeriodClosed(ctx) is { } closed) return closed;
        if (!actor.IsTalentoHumano) return Outcome.Refused("Solo Talento Humano registra retiros.");
        if (NotYetRetired(retirementDate, ctx) is { } early) return early;
        if (IsClosed) return Outcome.Refused($"La evaluación está «{State.Label()}».");
        if (Tenures.Count > 0 && Tenures[^1].To is not null) return Outcome.Refused("El periodo del evaluador actual ya está cerrado.");
        HandOver(null, CommitteeMemberIds, PartialCause.EvaluatorRetired, Coverage.Of(ctx).At(retirementDate), ctx.Now);
        return Record(actor, ActorRole.TalentoHumano, EvaluationAction.ChangeEvaluator, $"{PartialCause.EvaluatorRetired.Label()} el {retirementDate:dd/MM/yyyy}", ctx.Now);
    }

    /// <summary>
    /// Retiro of the evaluado: the evaluation is closed (<see cref="EvaluationState.ClosedByRetirement"/>) and, when the
    /// goals were agreed, the current evaluator owes a partial evaluation up to the retirement date.
    /// </summary>
    public Outcome CloseByRetirement(Actor actor, DateOnly retirementDate, EvaluationContext ctx)
    {
        if (PeriodClosed(ctx) is { } closed) return closed;
        if (!actor.IsTalentoHumano) return Outcome.Refused("Solo Talento Humano registra retiros.");
        if (NotYetRetired(retirementDate, ctx) is { } early) return early;
        return CloseFor(actor, retirementDate, PartialCause.EvaluadoRetired, $"Fecha de retiro: {retirementDate:dd/MM/yyyy}", ctx);
    }

    /// <summary>
    /// The evaluado stays in the entity but is no longer evaluated by EGI from today — their vinculación changed (to
    /// carrera administrativa after a concurso, to a temporary post…) or they became a gerente público: for EGI it is a
    /// retiro of the appointment it evaluated. The evaluation is closed (<see cref="EvaluationState.ClosedByRetirement"/>)
    /// and, when the goals were agreed, the current evaluator owes a partial evaluation up to today
    /// (<see cref="PartialCause.NoLongerEvaluated"/>); <paramref name="reason"/> (the directory's, e.g. «Carrera
    /// administrativa: no se evalúa…») goes into the history. Talento Humano can reopen it as any closed by retiro.
    /// </summary>
    public Outcome CloseAsNoLongerEvaluated(Actor actor, string reason, EvaluationContext ctx)
    {
        if (PeriodClosed(ctx) is { } closed) return closed;
        if (!actor.IsTalentoHumano) return Outcome.Refused("Solo Talento Humano cambia la vinculación de un servidor.");
        return CloseFor(actor, ctx.Today, PartialCause.NoLongerEvaluated, $"Deja de evaluarse en EGI desde el {ctx.Today:dd/MM/yyyy}. {reason}", ctx);
    }

    private Outcome CloseFor(Actor actor, DateOnly date, PartialCause cause, string comment, EvaluationContext ctx)
    {
        if (IsClosed) return Outcome.Refused($"La evaluación ya está «{State.Label()}».");
        var coverage = Coverage.Of(ctx).At(date);
        if (Tenures.Count == 0 || Tenures[^1].To is null) HandOver(null, CommitteeMemberIds, cause, coverage, ctx.Now);
        EscalatedStep = null;
        return MoveTo(EvaluationState.ClosedByRetirement, actor, ActorRole.TalentoHumano, EvaluationAction.CloseByRetirement, comment, ctx.Now);
    }

    /// <summary>A retiro is scheduled: it takes effect on its date, never before (the daily job applies it that day).</summary>
    private static Outcome? NotYetRetired(DateOnly retirementDate, EvaluationContext ctx) => retirementDate > ctx.Today
        ? Outcome.Refused($"El retiro es el {retirementDate:dd/MM/yyyy}: la evaluación no cambia antes de esa fecha; ese día se aplica el retiro.")
        : null;

    /// <summary>
    /// Talento Humano reopens an evaluation closed by retirement (the servant was reinstated), with a reason: it goes back
    /// to the step where it was closed, and the current evaluator's tenure starts again the next day.
    /// </summary>
    public Outcome ReopenAfterRetirement(Actor actor, string? reason, EvaluationContext ctx)
    {
        if (PeriodClosed(ctx) is { } closed) return closed;
        if (!actor.IsTalentoHumano) return Outcome.Refused("Solo Talento Humano puede reabrir una evaluación cerrada por retiro.");
        if (IsEvaluado(actor)) return OwnEvaluation;
        if (State != EvaluationState.ClosedByRetirement) return Outcome.Refused($"La evaluación está «{State.Label()}»: solo se reabre una cerrada por retiro.");
        if (Reason(reason, "de la reapertura") is { } noReason) return noReason;
        var closing = History.LastOrDefault(h => h.Action == EvaluationAction.CloseByRetirement);
        var back = closing?.From ?? EvaluationState.GoalFormulation;
        if (Tenures.Count > 0 && Tenures[^1].To is { } to)
            Tenures.Add(new EvaluatorTenure { EvaluatorId = EvaluatorId, IsCommittee = IsCommittee, From = (to < ctx.Today ? ctx.Today : to.AddDays(1)) });
        return MoveTo(back, actor, ActorRole.TalentoHumano, EvaluationAction.ReopenAfterRetirement, reason!.Trim(), ctx.Now);
    }

    /// <summary>
    /// The outgoing evaluator (or Talento Humano on their behalf) records the partial evaluation: for every agreed goal
    /// the % achieved up to the change date (0–100) and an observation, and an optional general comment. Refused while
    /// <paramref name="period"/> (the evaluation's, when the caller has it) is closed.
    /// </summary>
    public Outcome RecordPartial(Actor actor, int sequence, IReadOnlyList<PartialGoal> goals, string? comment, DateTime now, Calendar.Period? period = null)
    {
        if (period?.ReadOnlyRefusal() is { } closed) return closed;
        var p = Partial(sequence);
        if (p is null) return Outcome.Refused("No existe esa evaluación parcial.");
        var isOutgoing = actor.ServantId is { } s && s == p.EvaluatorId && !IsEvaluado(actor);
        if (!isOutgoing && !actor.IsTalentoHumano)
            return Outcome.Refused("Solo el evaluador saliente (o Talento Humano en su nombre) puede registrar esta evaluación parcial.");
        if (IsEvaluado(actor)) return OwnEvaluation;
        if (p.Status != PartialStatus.Pending)
            return Outcome.Refused($"Esta evaluación parcial ya está «{PartialEvaluation.StatusLabel(p.Status)}»: no se registra de nuevo.");
        var errors = new List<FieldError>();
        var byNumber = OrderedGoals.ToDictionary(g => g.Number);
        var ordered = OrderedGoals.Select(g => goals.FirstOrDefault(x => x.GoalNumber == g.Number)).ToList();
        foreach (var x in goals.Where(x => !byNumber.ContainsKey(x.GoalNumber)))
            errors.Add(new("Goals", $"La meta {x.GoalNumber} no existe en esta evaluación."));
        if (goals.GroupBy(x => x.GoalNumber).Any(g => g.Count() > 1)) errors.Add(new("Goals", "Cada meta se evalúa una sola vez."));
        for (var i = 0; i < ordered.Count; i++)
        {
            var number = OrderedGoals[i].Number;
            if (ordered[i] is not { } x)
            {
                errors.Add(new($"Goals[{i}].{nameof(PartialGoal.AchievedPercent)}", $"Meta {number}: escriba el % logrado a la fecha (0 a 100)."));
                continue;
            }
            if (x.AchievedPercent is < 0 or > 100)
                errors.Add(new($"Goals[{i}].{nameof(PartialGoal.AchievedPercent)}", $"Meta {number}: el % logrado a la fecha debe estar entre 0 y 100."));
            if (string.IsNullOrWhiteSpace(x.Observation))
                errors.Add(new($"Goals[{i}].{nameof(PartialGoal.Observation)}", $"Meta {number}: escriba la observación del avance a la fecha."));
            else if (x.Observation.Trim().Length > PartialGoal.ObservationMax)
                errors.Add(new($"Goals[{i}].{nameof(PartialGoal.Observation)}", $"Meta {number}: la observación admite máximo {PartialGoal.ObservationMax} caracteres."));
        }
        if ((comment?.Trim().Length ?? 0) > PartialEvaluation.CommentMax)
            errors.Add(new("Comment", $"El comentario general admite máximo {PartialEvaluation.CommentMax} caracteres."));
        if (errors.Count > 0) return Outcome.From(errors);

        var recorded = new PartialEvaluation
        {
            Sequence = p.Sequence,
            EvaluatorId = p.EvaluatorId,
            From = p.From,
            To = p.To,
            PeriodEnd = p.PeriodEnd,
            Cause = p.Cause,
            CreatedAt = p.CreatedAt,
            Status = PartialStatus.Recorded,
            Goals = ordered.Select((x, i) => x! with { Weight = OrderedGoals[i].Weight, Observation = x.Observation.Trim() }).ToList(),
            Comment = Clean(comment),
            RecordedAt = now,
            RecordedBy = actor.Name,
            RecordedOnBehalf = !isOutgoing,
        };
        Partials = Partials.Select(x => x.Sequence == sequence ? recorded : x).ToList();
        var who = isOutgoing ? OutgoingRole(p) : ActorRole.TalentoHumano;
        return Record(actor, who, EvaluationAction.RecordPartial,
            $"Del {p.From:dd/MM/yyyy} al {p.To:dd/MM/yyyy}{(isOutgoing ? "" : ", en nombre del evaluador saliente")}", now);
    }

    /// <summary>Talento Humano waives a pending partial evaluation with a reason (e.g. the boss left the entity); refused while <paramref name="period"/> is closed.</summary>
    public Outcome WaivePartial(Actor actor, int sequence, string? reason, DateTime now, Calendar.Period? period = null)
    {
        if (period?.ReadOnlyRefusal() is { } closed) return closed;
        if (!actor.IsTalentoHumano) return Outcome.Refused("Solo Talento Humano puede dispensar una evaluación parcial.");
        if (IsEvaluado(actor)) return OwnEvaluation;
        var p = Partial(sequence);
        if (p is null) return Outcome.Refused("No existe esa evaluación parcial.");
        if (p.Status != PartialStatus.Pending)
            return Outcome.Refused($"Esta evaluación parcial ya está «{PartialEvaluation.StatusLabel(p.Status)}».");
        if (Reason(reason, "para dispensar la evaluación parcial") is { } noReason) return noReason;
        Partials = Partials.Select(x => x.Sequence == sequence
            ? new PartialEvaluation
            {
                Sequence = x.Sequence,
                EvaluatorId = x.EvaluatorId,
                From = x.From,
                To = x.To,
                PeriodEnd = x.PeriodEnd,
                Cause = x.Cause,
                CreatedAt = x.CreatedAt,
                Status = PartialStatus.Waived,
                WaiverReason = reason!.Trim(),
                RecordedAt = now,
                RecordedBy = actor.Name,
            }
            : x).ToList();
        return Record(actor, ActorRole.TalentoHumano, EvaluationAction.WaivePartial, reason!.Trim(), now);
    }

    private ActorRole OutgoingRole(PartialEvaluation p) =>
        Tenures.LastOrDefault(t => t.EvaluatorId == p.EvaluatorId && t.To == p.To)?.IsCommittee == true ? ActorRole.Committee : ActorRole.Evaluator;
}
