using System.Text.Json;
using Egi.Domain.Calendar;
using Egi.Domain.Common;

namespace Egi.Domain.Evaluations;

/// <summary>
/// One evaluation per evaluado per period: the single state machine of SPEC §4 (activities 4–15).
/// Every transition is a method that checks who acts, the state, the window and the rules, and either
/// changes state (recording the step in <see cref="History"/>) or returns a Spanish reason. Nothing else
/// changes <see cref="State"/>.
/// </summary>
public sealed partial class Evaluation
{
    private static readonly JsonSerializerOptions Json = new();

    public int Id { get; set; }
    public int PeriodId { get; set; }
    public int EvaluadoId { get; set; }

    /// <summary>The servant who records as evaluator: the jefe inmediato, or the recorder of a comisión evaluadora.</summary>
    public int EvaluatorId { get; set; }

    /// <summary>When not empty, the evaluator is a Comisión Evaluadora: all members listed, <see cref="EvaluatorId"/> records.</summary>
    public List<int> CommitteeMemberIds { get; set; } = [];

    public EvaluationState State { get; private set; } = EvaluationState.GoalFormulation;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token: changes on every save, so a stale save is refused.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<Goal> Goals { get; set; } = [];
    public List<GoalProgress> Progress { get; set; } = [];
    public List<CompetencyScore> Competencies { get; set; } = [];
    public List<EvaluationEvent> History { get; set; } = [];
    public List<EvaluationVersion> Versions { get; set; } = [];
    public List<StepReopening> Reopenings { get; set; } = [];

    /// <summary>A step escalated to a Comisión Evaluadora after repeated disagreement; its recorder decides.</summary>
    public EvaluationStep? EscalatedStep { get; set; }
    public List<int> EscalationMemberIds { get; set; } = [];
    public int? EscalationRecorderId { get; set; }

    public static Evaluation Open(int periodId, int evaluadoId, int evaluatorId, DateTime now) => new()
    {
        PeriodId = periodId,
        EvaluadoId = evaluadoId,
        EvaluatorId = evaluatorId,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public bool IsCommittee => CommitteeMemberIds.Count > 0;
    public bool IsEvaluado(Actor actor) => actor.ServantId == EvaluadoId;
    public bool IsCurrentEvaluator(Actor actor) => actor.ServantId is { } s && s == EvaluatorId && s != EvaluadoId;

    /// <summary>Who may see the evaluation: the evaluado, the evaluator, committee members, Talento Humano.</summary>
    public bool CanView(Actor actor) =>
        actor.IsTalentoHumano || IsEvaluado(actor) || IsCurrentEvaluator(actor)
        || (actor.ServantId is { } s && (CommitteeMemberIds.Contains(s) || EscalationMemberIds.Contains(s) || HasPendingPartial(s)));

    public WaitingOn WaitingOn => EscalatedStep is not null ? WaitingOn.Evaluator : State.WaitingOn();

    public IReadOnlyList<Goal> OrderedGoals => Goals.OrderBy(g => g.Number).ToList();

    public int Rounds(EvaluationStep step) => Versions.Count(v => v.Step == step && v.Kind == VersionKind.Proposal);

    /// <summary>"No aceptar" on a step since its last committee decision.</summary>
    public int NotAccepted(EvaluationStep step)
    {
        var lastDecision = History.Where(h => h.Action == EvaluationAction.CommitteeDecision && h.From.Step() == step).Select(h => h.Sequence).DefaultIfEmpty(0).Max();
        return History.Count(h => h.Sequence > lastDecision && h.Action == EvaluationAction.NotAccept && h.From.Step() == step);
    }

    /// <summary>
    /// Talento Humano must be alerted: the disagreement limit of the settings was reached on this step, the step is
    /// still in course (once the parties agree there is nothing left to escalate) and not yet escalated.
    /// </summary>
    public bool DisagreementReached(EvaluationStep step, PeriodSettings settings) =>
        State.Step() == step && NotAccepted(step) >= settings.DisagreementRounds && EscalatedStep != step;

    // ---------------------------------------------------------------- windows

    /// <summary>
    /// Is the step open today for this person? Inside the stage window; for the goals, also within their own window
    /// (<see cref="OwnGoalsWindow(Period, DateOnly)"/>: a new servant, a late entry); or reopened by Talento Humano.
    /// </summary>
    public bool IsStepOpen(EvaluationStep step, EvaluationContext ctx)
    {
        if (ctx.Period.IsOpen(step.Stage(), ctx.Today)) return true;
        if (Reopenings.Any(r => r.Step == step && r.Until >= ctx.Today)) return true;
        return step == EvaluationStep.Goals && OwnGoalsWindow(ctx.Period, ctx.EvaluadoHireDate) is { } own && own.From <= ctx.Today && ctx.Today <= own.Until;
    }

    private Outcome? WindowClosed(EvaluationStep step, EvaluationContext ctx)
    {
        if (IsStepOpen(step, ctx)) return null;
        var w = ctx.Period.Window(step.Stage());
        return Outcome.Refused($"La etapa «{w.Stage.Label()}» está cerrada (ventana del {w.Start:dd/MM/yyyy} al {w.End:dd/MM/yyyy}). Solo Talento Humano puede reabrirla para usted.");
    }

    private Outcome? Check(bool allowed, string whoMessage, EvaluationState expected)
    {
        if (!allowed) return Outcome.Refused(whoMessage);
        if (State != expected) return Outcome.Refused($"La evaluación está en «{State.Label()}»: esta acción corresponde a «{expected.Label()}».");
        if (EscalatedStep is { } escalated && escalated == expected.Step())
            return Outcome.Refused($"El paso «{escalated.Label()}» fue escalado a una Comisión Evaluadora, que decide.");
        return null;
    }

    /// <summary>A closed period is read-only (SPEC §3): no transition, reopening or change of its evaluations.</summary>
    private static Outcome? PeriodClosed(EvaluationContext ctx) => ctx.Period.ReadOnlyRefusal();

    private Outcome? AsEvaluado(Actor actor, EvaluationState expected, EvaluationContext ctx) =>
        PeriodClosed(ctx)
        ?? Check(IsEvaluado(actor), "Solo el evaluado puede hacer esto en su propia evaluación.", expected)
        ?? WindowClosed(expected.Step()!.Value, ctx);

    private Outcome? AsEvaluator(Actor actor, EvaluationState expected, EvaluationContext ctx) =>
        PeriodClosed(ctx)
        ?? Check(IsCurrentEvaluator(actor), IsEvaluado(actor)
                ? "Usted no puede aprobar, rechazar ni modificar su propia evaluación: lo hace su evaluador."
                : "Solo el evaluador de esta evaluación puede hacer esto.", expected)
        ?? WindowClosed(expected.Step()!.Value, ctx);

    private static Outcome? Reason(string? text, string what) =>
        string.IsNullOrWhiteSpace(text) ? Outcome.Refused($"Escriba el motivo {what}.", "Reason")
        : text.Trim().Length > 2000 ? Outcome.Refused("El motivo admite máximo 2000 caracteres.", "Reason") : null;

    private static Outcome? CommentTooLong(string? comment) =>
        (comment?.Trim().Length ?? 0) > 2000 ? Outcome.Refused("El comentario admite máximo 2000 caracteres.", "Comment") : null;

    // ---------------------------------------------------------------- goals (activities 4–6)

    /// <summary>Activity 4: the evaluado saves the goals as a draft, complete or not (only count and formats are checked).</summary>
    public Outcome SaveGoals(Actor actor, IReadOnlyList<Goal> goals, EvaluationContext ctx)
    {
        if (AsEvaluado(actor, EvaluationState.GoalFormulation, ctx) is { } refused) return refused;
        var numbered = Renumber(goals);
        var errors = Goal.ValidateSet(numbered, ctx, complete: false);
        if (errors.Count > 0) return Outcome.From(errors);
        Goals = numbered.ToList();
        Touch(ctx.Now);
        return Outcome.Ok;
    }

    /// <summary>Activity 4: the evaluado sends the goals for approval; every rule must hold.</summary>
    public Outcome SubmitGoals(Actor actor, IReadOnlyList<Goal> goals, EvaluationContext ctx)
    {
        if (AsEvaluado(actor, EvaluationState.GoalFormulation, ctx) is { } refused) return refused;
        var numbered = Renumber(goals);
        var errors = Goal.ValidateSet(numbered, ctx, complete: true);
        if (errors.Count > 0) return Outcome.From(errors);
        Goals = numbered.ToList();
        AddVersion(EvaluationStep.Goals, VersionKind.Proposal, actor, Goals, [], ctx.Now);
        return MoveTo(EvaluationState.GoalApproval, actor, ActorRole.Evaluado, EvaluationAction.Submit, null, ctx.Now);
    }

    /// <summary>Activity 5: the evaluator approves the goals as proposed; they go to the evaluado's acceptance.</summary>
    public Outcome ApproveGoals(Actor actor, EvaluationContext ctx, string? comment = null)
    {
        if (AsEvaluator(actor, EvaluationState.GoalApproval, ctx) is { } refused) return refused;
        if (CommentTooLong(comment) is { } tooLong) return tooLong;
        return MoveTo(EvaluationState.GoalAcceptance, actor, EvaluatorRole, EvaluationAction.Approve, Clean(comment), ctx.Now);
    }

    /// <summary>Activity 5: the evaluator rejects the goals with a reason; back to formulation.</summary>
    public Outcome RejectGoals(Actor actor, string? reason, EvaluationContext ctx)
    {
        if (AsEvaluator(actor, EvaluationState.GoalApproval, ctx) is { } refused) return refused;
        if (Reason(reason, "del rechazo") is { } noReason) return noReason;
        return MoveTo(EvaluationState.GoalFormulation, actor, EvaluatorRole, EvaluationAction.Reject, reason!.Trim(), ctx.Now);
    }

    /// <summary>
    /// Activity 5: the evaluator modifies the goals, justifying every changed field (keys from
    /// <see cref="FieldChange.Key"/>); the evaluado then sees before/after and accepts or not.
    /// </summary>
    public Outcome ModifyGoals(Actor actor, IReadOnlyList<Goal> goals, IReadOnlyDictionary<string, string> justifications, EvaluationContext ctx)
    {
        if (AsEvaluator(actor, EvaluationState.GoalApproval, ctx) is { } refused) return refused;
        var next = Goals.Select(g => g.Number).Concat(goals.Select(g => g.Number)).DefaultIfEmpty(0).Max();
        var proposed = goals
            .Select(g => (g.Number > 0 ? g : g with { Number = ++next }) with { Description = g.Description.Trim(), ExpectedEvidence = g.ExpectedEvidence.Trim() })
            .OrderBy(g => g.Number).ToList();
        var errors = Goal.ValidateSet(proposed, ctx, complete: true).ToList();
        // Goals are matched by number: two goals under one number would hide a change from the evaluado.
        var repeated = proposed.GroupBy(g => g.Number).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        foreach (var n in repeated) errors.Add(new("Goals", $"La meta {n} aparece más de una vez."));
        if (repeated.Count > 0) return Outcome.From(errors);
        var changes = FieldChange.Diff(OrderedGoals, proposed);
        if (changes.Count == 0) errors.Add(new("Goals", "No cambió ninguna meta: si está de acuerdo, use «Aprobar»."));
        var justified = new List<FieldChange>();
        foreach (var c in changes)
        {
            var key = FieldChange.Key(c.GoalNumber, c.Field);
            if (!justifications.TryGetValue(key, out var why) || string.IsNullOrWhiteSpace(why))
                errors.Add(new($"Justifications[{key}]", $"Meta {c.GoalNumber}: justifique el cambio de «{c.FieldLabel}»."));
            else justified.Add(c with { Justification = why.Trim() });
        }
        if (errors.Count > 0) return Outcome.From(errors);
        Goals = proposed;
        AddVersion(EvaluationStep.Goals, VersionKind.Modification, actor, Goals, justified, ctx.Now);
        return MoveTo(EvaluationState.GoalAcceptance, actor, EvaluatorRole, EvaluationAction.Modify, $"{justified.Count} cambio(s) justificados", ctx.Now);
    }

    /// <summary>
    /// Activity 6: the evaluado accepts; the goals are agreed and the first follow-up starts — or, for a late hire whose
    /// first follow-up had already closed, the second (<see cref="SkipFollowUpIForLateHire"/>).
    /// </summary>
    public Outcome AcceptGoals(Actor actor, EvaluationContext ctx)
    {
        if (AsEvaluado(actor, EvaluationState.GoalAcceptance, ctx) is { } refused) return refused;
        MoveTo(EvaluationState.SelfEvaluationI, actor, ActorRole.Evaluado, EvaluationAction.Accept, null, ctx.Now);
        return SkipFollowUpIForLateHire(ctx);
    }

    /// <summary>Activity 6: the evaluado does not accept, with a reason; back to formulation.</summary>
    public Outcome NotAcceptGoals(Actor actor, string? reason, EvaluationContext ctx)
    {
        if (AsEvaluado(actor, EvaluationState.GoalAcceptance, ctx) is { } refused) return refused;
        if (Reason(reason, "por el que no acepta") is { } noReason) return noReason;
        return MoveTo(EvaluationState.GoalFormulation, actor, ActorRole.Evaluado, EvaluationAction.NotAccept, reason!.Trim(), ctx.Now);
    }

    /// <summary>The changes of the last modification by the evaluator (what the evaluado must see before accepting).</summary>
    public IReadOnlyList<FieldChange> LastChanges(EvaluationStep step)
    {
        var last = Versions.Where(v => v.Step == step).OrderBy(v => v.Sequence).LastOrDefault();
        return last is null || last.Kind != VersionKind.Modification ? [] : JsonSerializer.Deserialize<List<FieldChange>>(last.ChangesJson, Json) ?? [];
    }

    public IReadOnlyList<Goal> GoalsOf(EvaluationVersion version) => JsonSerializer.Deserialize<List<Goal>>(version.ContentJson, Json) ?? [];

    // ---------------------------------------------------------------- follow-ups (activities 8–13)

    private static (EvaluationState Self, EvaluationState Approval, EvaluationState Acceptance, EvaluationStep Step) FollowUpStates(int followUp) =>
        followUp == 1
            ? (EvaluationState.SelfEvaluationI, EvaluationState.SelfEvaluationIApproval, EvaluationState.SelfEvaluationIAcceptance, EvaluationStep.FollowUpI)
            : (EvaluationState.SelfEvaluationII, EvaluationState.SelfEvaluationIIApproval, EvaluationState.FinalAcceptance, EvaluationStep.FollowUpII);

    private static Outcome? BadFollowUp(int followUp) =>
        followUp is 1 or 2 ? null : Outcome.Refused("El seguimiento debe ser 1 o 2.", "FollowUp");

    private IReadOnlyList<FieldError> ValidateProgress(int followUp, IReadOnlyList<GoalProgress> progress, bool complete)
    {
        var errors = new List<FieldError>();
        if (followUp is not (1 or 2)) errors.Add(new("", "El seguimiento debe ser 1 o 2."));
        var goalNumbers = Goals.Select(g => g.Number).ToHashSet();
        foreach (var (p, i) in progress.Select((p, i) => (p, i)))
        {
            if (!goalNumbers.Contains(p.GoalNumber)) errors.Add(new($"Progress[{i}]", $"La meta {p.GoalNumber} no existe en esta evaluación."));
            if (p.AchievedPercent < 0 || p.AchievedPercent > 100)
                errors.Add(new($"Progress[{i}].{nameof(GoalProgress.AchievedPercent)}", $"Meta {p.GoalNumber}: el porcentaje logrado debe estar entre 0 y 100."));
            if (p.Narrative.Length > GoalProgress.NarrativeMax)
                errors.Add(new($"Progress[{i}].{nameof(GoalProgress.Narrative)}", $"Meta {p.GoalNumber}: el relato admite máximo {GoalProgress.NarrativeMax} caracteres."));
            if (complete && string.IsNullOrWhiteSpace(p.Narrative))
                errors.Add(new($"Progress[{i}].{nameof(GoalProgress.Narrative)}", $"Meta {p.GoalNumber}: describa el avance logrado."));
        }
        if (progress.GroupBy(p => p.GoalNumber).Any(g => g.Count() > 1)) errors.Add(new("Progress", "Cada meta se reporta una sola vez."));
        if (complete && goalNumbers.Except(progress.Select(p => p.GoalNumber)).Any())
            errors.Add(new("Progress", "Reporte el avance de todas las metas."));
        return errors;
    }

    public IReadOnlyList<GoalProgress> ProgressOf(int followUp) => Progress.Where(p => p.FollowUp == followUp).OrderBy(p => p.GoalNumber).ToList();

    private void SetProgress(int followUp, IReadOnlyList<GoalProgress> progress) =>
        Progress = Progress.Where(p => p.FollowUp != followUp).Concat(progress.Select(p => p with { FollowUp = followUp, Narrative = p.Narrative.Trim() })).ToList();

    /// <summary>Activities 8 and 12: the evaluado saves the self-evaluation as a draft.</summary>
    public Outcome SaveSelfEvaluation(Actor actor, int followUp, IReadOnlyList<GoalProgress> progress, EvaluationContext ctx)
    {
        if (BadFollowUp(followUp) is { } bad) return bad;
        var s = FollowUpStates(followUp);
        if (AsEvaluado(actor, s.Self, ctx) is { } refused) return refused;
        var errors = ValidateProgress(followUp, progress, complete: false);
        if (errors.Count > 0) return Outcome.From(errors);
        SetProgress(followUp, progress);
        Touch(ctx.Now);
        return Outcome.Ok;
    }

    /// <summary>Activities 8 and 12: the evaluado sends the self-evaluation to the evaluator.</summary>
    public Outcome SubmitSelfEvaluation(Actor actor, int followUp, IReadOnlyList<GoalProgress> progress, EvaluationContext ctx)
    {
        if (BadFollowUp(followUp) is { } bad) return bad;
        var s = FollowUpStates(followUp);
        if (AsEvaluado(actor, s.Self, ctx) is { } refused) return refused;
        var errors = ValidateProgress(followUp, progress, complete: true);
        if (errors.Count > 0) return Outcome.From(errors);
        SetProgress(followUp, progress);
        AddVersion(s.Step, VersionKind.Proposal, actor, ProgressOf(followUp), [], ctx.Now);
        return MoveTo(s.Approval, actor, ActorRole.Evaluado, EvaluationAction.Submit, null, ctx.Now);
    }

    /// <summary>Activities 9 and 13: approve. After II the evaluator goes on to rate the competencies.</summary>
    public Outcome ApproveSelfEvaluation(Actor actor, int followUp, EvaluationContext ctx, string? comment = null)
    {
        if (BadFollowUp(followUp) is { } bad) return bad;
        var s = FollowUpStates(followUp);
        if (AsEvaluator(actor, s.Approval, ctx) is { } refused) return refused;
        if (CommentTooLong(comment) is { } tooLong) return tooLong;
        var next = followUp == 1 ? s.Acceptance : EvaluationState.CompetencyRating;
        return MoveTo(next, actor, EvaluatorRole, EvaluationAction.Approve, Clean(comment), ctx.Now);
    }

    /// <summary>Activities 9 and 13: reject with a reason; back to the self-evaluation.</summary>
    public Outcome RejectSelfEvaluation(Actor actor, int followUp, string? reason, EvaluationContext ctx)
    {
        if (BadFollowUp(followUp) is { } bad) return bad;
        var s = FollowUpStates(followUp);
        if (AsEvaluator(actor, s.Approval, ctx) is { } refused) return refused;
        if (Reason(reason, "del rechazo") is { } noReason) return noReason;
        return MoveTo(s.Self, actor, EvaluatorRole, EvaluationAction.Reject, reason!.Trim(), ctx.Now);
    }

    /// <summary>Activities 9 and 13: modify the reported progress with a justification per changed field.</summary>
    public Outcome ModifySelfEvaluation(Actor actor, int followUp, IReadOnlyList<GoalProgress> progress, IReadOnlyDictionary<string, string> justifications, EvaluationContext ctx)
    {
        if (BadFollowUp(followUp) is { } bad) return bad;
        var s = FollowUpStates(followUp);
        if (AsEvaluator(actor, s.Approval, ctx) is { } refused) return refused;
        var errors = ValidateProgress(followUp, progress, complete: true).ToList();
        var before = ProgressOf(followUp).ToDictionary(p => p.GoalNumber);
        var justified = new List<FieldChange>();
        foreach (var p in progress)
        {
            before.TryGetValue(p.GoalNumber, out var b);
            var fields = new List<(string Field, string? Before, string? After)>();
            if (b?.AchievedPercent != p.AchievedPercent) fields.Add((nameof(GoalProgress.AchievedPercent), b?.AchievedPercent.ToString(System.Globalization.CultureInfo.InvariantCulture), p.AchievedPercent.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if ((b?.Narrative ?? "") != p.Narrative.Trim()) fields.Add((nameof(GoalProgress.Narrative), b?.Narrative, p.Narrative.Trim()));
            foreach (var (field, old, now) in fields)
            {
                var key = FieldChange.Key(p.GoalNumber, field);
                if (!justifications.TryGetValue(key, out var why) || string.IsNullOrWhiteSpace(why))
                    errors.Add(new($"Justifications[{key}]", $"Meta {p.GoalNumber}: justifique el cambio de «{ProgressFieldLabel(field)}»."));
                else justified.Add(new FieldChange(p.GoalNumber, field, old, now, why.Trim()));
            }
        }
        if (errors.Count == 0 && justified.Count == 0) errors.Add(new("Progress", "No cambió nada: si está de acuerdo, use «Aprobar»."));
        if (errors.Count > 0) return Outcome.From(errors);
        SetProgress(followUp, progress);
        AddVersion(s.Step, VersionKind.Modification, actor, ProgressOf(followUp), justified, ctx.Now);
        var next = followUp == 1 ? s.Acceptance : EvaluationState.CompetencyRating;
        return MoveTo(next, actor, EvaluatorRole, EvaluationAction.Modify, $"{justified.Count} cambio(s) justificados", ctx.Now);
    }

    public static string ProgressFieldLabel(string field) => field switch
    {
        nameof(GoalProgress.AchievedPercent) => "% logrado",
        nameof(GoalProgress.Narrative) => "Relato del avance",
        _ => Goal.FieldLabel(field),
    };

    /// <summary>Activity 10: the evaluado accepts the first follow-up; the second starts.</summary>
    public Outcome AcceptSelfEvaluation(Actor actor, EvaluationContext ctx)
    {
        if (AsEvaluado(actor, EvaluationState.SelfEvaluationIAcceptance, ctx) is { } refused) return refused;
        return MoveTo(EvaluationState.SelfEvaluationII, actor, ActorRole.Evaluado, EvaluationAction.Accept, null, ctx.Now);
    }

    /// <summary>Activity 10: not accepted, with a reason; back to the self-evaluation I.</summary>
    public Outcome NotAcceptSelfEvaluation(Actor actor, string? reason, EvaluationContext ctx)
    {
        if (AsEvaluado(actor, EvaluationState.SelfEvaluationIAcceptance, ctx) is { } refused) return refused;
        if (Reason(reason, "por el que no acepta") is { } noReason) return noReason;
        return MoveTo(EvaluationState.SelfEvaluationI, actor, ActorRole.Evaluado, EvaluationAction.NotAccept, reason!.Trim(), ctx.Now);
    }

    // ---------------------------------------------------------------- competencies and final acceptance (activities 14–15)

    /// <summary>Activity 14: the evaluator rates every applicable competency on the period's scale.</summary>
    public Outcome RateCompetencies(Actor actor, IReadOnlyList<CompetencyScore> scores, IReadOnlyList<string> applicable, EvaluationContext ctx)
    {
        if (AsEvaluator(actor, EvaluationState.CompetencyRating, ctx) is { } refused) return refused;
        var errors = CompetencyErrors(scores, applicable, ctx.Period.Settings);
        if (errors.Count > 0) return Outcome.From(errors);
        Competencies = scores.Select(s => s with { Comment = Clean(s.Comment) }).ToList();
        return MoveTo(EvaluationState.FinalAcceptance, actor, EvaluatorRole, EvaluationAction.RateCompetencies, null, ctx.Now);
    }

    private static List<FieldError> CompetencyErrors(IReadOnlyList<CompetencyScore> scores, IReadOnlyList<string> applicable, PeriodSettings settings)
    {
        var scale = settings.CompetencyScale.Select(l => l.Value).ToHashSet();
        var errors = new List<FieldError>();
        if (applicable.Count == 0) errors.Add(new("Competencies", "No hay competencias que calificar para este empleo: Talento Humano debe revisar el catálogo."));
        foreach (var name in applicable.Where(a => scores.All(s => s.Competency != a)))
            errors.Add(new("Competencies", $"Califique la competencia «{name}»."));
        foreach (var s in scores.Where(s => !applicable.Contains(s.Competency)))
            errors.Add(new("Competencies", $"La competencia «{s.Competency}» no aplica a este empleo."));
        foreach (var s in scores.Where(s => !scale.Contains(s.Value)))
            errors.Add(new("Competencies", $"«{s.Competency}»: elija un valor de la escala."));
        if (scores.GroupBy(s => s.Competency).Any(g => g.Count() > 1)) errors.Add(new("Competencies", "Cada competencia se califica una sola vez."));
        if (scores.Any(s => (s.Comment?.Length ?? 0) > 2000)) errors.Add(new("Competencies", "Cada comentario admite máximo 2000 caracteres."));
        return errors;
    }

    /// <summary>Activity 15: the evaluado accepts the final result; the evaluation is finished.</summary>
    public Outcome AcceptFinal(Actor actor, EvaluationContext ctx)
    {
        if (AsEvaluado(actor, EvaluationState.FinalAcceptance, ctx) is { } refused) return refused;
        return MoveTo(EvaluationState.Finalized, actor, ActorRole.Evaluado, EvaluationAction.Accept, null, ctx.Now);
    }

    /// <summary>Activity 15: not accepted, with a reason; back to the self-evaluation II.</summary>
    public Outcome NotAcceptFinal(Actor actor, string? reason, EvaluationContext ctx)
    {
        if (AsEvaluado(actor, EvaluationState.FinalAcceptance, ctx) is { } refused) return refused;
        if (Reason(reason, "por el que no acepta") is { } noReason) return noReason;
        return MoveTo(EvaluationState.SelfEvaluationII, actor, ActorRole.Evaluado, EvaluationAction.NotAccept, reason!.Trim(), ctx.Now);
    }

    // ---------------------------------------------------------------- Talento Humano

    /// <summary>A Talento Humano professional is also an evaluado: on their own evaluation another one of Talento Humano acts.</summary>
    private static Outcome OwnEvaluation => Outcome.Refused("No puede hacerlo en su propia evaluación: lo hace otra persona de Talento Humano.");

    /// <summary>Reassigns the evaluator (delegation during leave, change of boss). History and versions stay with the evaluation.</summary>
    public Outcome ReassignEvaluator(Actor actor, int newEvaluatorId, string? reason, DateTime now) =>
        ReassignEvaluator(actor, newEvaluatorId, reason, Coverage.Approximate(now), now);

    /// <summary>
    /// Reassigns the evaluator on <see cref="EvaluationContext.Today"/>: the outgoing evaluator is left a pending partial
    /// evaluation (see <see cref="HandOver"/>).
    /// </summary>
    public Outcome ReassignEvaluator(Actor actor, int newEvaluatorId, string? reason, EvaluationContext ctx) =>
        ReassignEvaluator(actor, newEvaluatorId, reason, Coverage.Of(ctx), ctx.Now, ctx.Period);

    private Outcome ReassignEvaluator(Actor actor, int newEvaluatorId, string? reason, Coverage coverage, DateTime now, Calendar.Period? period = null)
    {
        if (period?.ReadOnlyRefusal() is { } closed) return closed;
        if (!actor.IsTalentoHumano) return Outcome.Refused("Solo Talento Humano puede reasignar el evaluador.");
        if (IsEvaluado(actor)) return OwnEvaluation;
        if (IsClosed) return Outcome.Refused($"La evaluación está «{State.Label()}»: no se reasigna.");
        if (newEvaluatorId == EvaluadoId) return Outcome.Refused("El evaluado no puede ser su propio evaluador.", "EvaluatorId");
        if (newEvaluatorId == EvaluatorId && !IsCommittee) return Outcome.Refused("Esa persona ya es el evaluador.", "EvaluatorId");
        if (Reason(reason, "de la reasignación") is { } noReason) return noReason;
        HandOver(newEvaluatorId, [], PartialCause.Reassignment, coverage, now);
        return Record(actor, ActorRole.TalentoHumano, EvaluationAction.ReassignEvaluator, reason!.Trim(), now);
    }

    /// <summary>Makes a Comisión Evaluadora (two or more servants) the evaluator; the recorder acts on behalf of all.</summary>
    public Outcome AssignCommittee(Actor actor, IReadOnlyList<int> memberIds, int recorderId, string? reason, DateTime now) =>
        AssignCommittee(actor, memberIds, recorderId, reason, Coverage.Approximate(now), now);

    /// <summary>Assigns a Comisión Evaluadora on <see cref="EvaluationContext.Today"/>; the outgoing evaluator owes a partial evaluation.</summary>
    public Outcome AssignCommittee(Actor actor, IReadOnlyList<int> memberIds, int recorderId, string? reason, EvaluationContext ctx) =>
        AssignCommittee(actor, memberIds, recorderId, reason, Coverage.Of(ctx), ctx.Now, ctx.Period);

    private Outcome AssignCommittee(Actor actor, IReadOnlyList<int> memberIds, int recorderId, string? reason, Coverage coverage, DateTime now, Calendar.Period? period = null)
    {
        if (period?.ReadOnlyRefusal() is { } closed) return closed;
        if (!actor.IsTalentoHumano) return Outcome.Refused("Solo Talento Humano puede asignar una Comisión Evaluadora.");
        if (IsEvaluado(actor)) return OwnEvaluation;
        if (IsClosed) return Outcome.Refused($"La evaluación está «{State.Label()}»: no se reasigna.");
        if (CommitteeError(memberIds, recorderId) is { } bad) return bad;
        if (Reason(reason, "de la asignación de la comisión") is { } noReason) return noReason;
        HandOver(recorderId, memberIds.Distinct().ToList(), PartialCause.Committee, coverage, now);
        return Record(actor, ActorRole.TalentoHumano, EvaluationAction.AssignCommittee, reason!.Trim(), now);
    }

    private Outcome? CommitteeError(IReadOnlyList<int> memberIds, int recorderId)
    {
        var members = memberIds.Distinct().ToList();
        if (members.Count < 2) return Outcome.Refused("La Comisión Evaluadora necesita al menos dos integrantes.", "Members");
        if (members.Contains(EvaluadoId)) return Outcome.Refused("El evaluado no puede integrar su propia comisión.", "Members");
        if (!members.Contains(recorderId)) return Outcome.Refused("Quien registra debe ser integrante de la comisión.", "RecorderId");
        return null;
    }

    /// <summary>Talento Humano reopens a closed step for this person until a date, with a reason.</summary>
    public Outcome ReopenStep(Actor actor, EvaluationStep step, DateOnly until, string? reason, EvaluationContext ctx)
    {
        if (PeriodClosed(ctx) is { } closed) return closed;
        if (!actor.IsTalentoHumano) return Outcome.Refused("Solo Talento Humano puede reabrir un paso.");
        if (IsEvaluado(actor)) return OwnEvaluation;
        if (IsClosed) return Outcome.Refused($"La evaluación está «{State.Label()}»: no se reabre.");
        if (step == EvaluationStep.FollowUpI && FollowUpIExemption is { } exemption)
            return Outcome.Refused($"El primer seguimiento no aplica a esta evaluación: «{exemption.Label()}».", "Step");
        if (until < ctx.Today) return Outcome.Refused("La fecha hasta la que se reabre no puede ser anterior a hoy.", "Until");
        if (until > ctx.Today.AddDays(90)) return Outcome.Refused("Un paso se reabre por máximo 90 días.", "Until");
        if (Reason(reason, "de la reapertura") is { } noReason) return noReason;
        Reopenings.Add(new StepReopening { Step = step, Until = until, Reason = reason!.Trim(), By = actor.Name, At = ctx.Now });
        return Record(actor, ActorRole.TalentoHumano, EvaluationAction.ReopenStep, $"{step.Label()} hasta el {until:dd/MM/yyyy}: {reason.Trim()}", ctx.Now);
    }

    /// <summary>After the disagreement limit, Talento Humano escalates the current step to a Comisión Evaluadora.</summary>
    public Outcome EscalateToCommittee(Actor actor, IReadOnlyList<int> memberIds, int recorderId, string? reason, EvaluationContext ctx)
    {
        if (PeriodClosed(ctx) is { } closed) return closed;
        if (!actor.IsTalentoHumano) return Outcome.Refused("Solo Talento Humano puede escalar a una Comisión Evaluadora.");
        if (IsEvaluado(actor)) return OwnEvaluation;
        if (State.Step() is not { } step) return Outcome.Refused($"La evaluación está «{State.Label()}»: no hay paso en desacuerdo.");
        if (EscalatedStep is not null) return Outcome.Refused("Este paso ya está en manos de una Comisión Evaluadora.");
        if (NotAccepted(step) < ctx.Period.Settings.DisagreementRounds)
            return Outcome.Refused($"Solo se escala tras {ctx.Period.Settings.DisagreementRounds} «no aceptar» en el mismo paso (van {NotAccepted(step)}).");
        if (CommitteeError(memberIds, recorderId) is { } bad) return bad;
        if (Reason(reason, "del escalamiento") is { } noReason) return noReason;
        EscalatedStep = step;
        EscalationMemberIds = memberIds.Distinct().ToList();
        EscalationRecorderId = recorderId;
        return Record(actor, ActorRole.TalentoHumano, EvaluationAction.Escalate, reason!.Trim(), ctx.Now);
    }

    /// <summary>
    /// The Comisión Evaluadora decides the escalated goals: final for the step, recorded, and the goals are agreed.
    /// </summary>
    public Outcome DecideGoalsByCommittee(Actor actor, IReadOnlyList<Goal> goals, string? decision, EvaluationContext ctx)
    {
        if (PeriodClosed(ctx) is { } closed) return closed;
        if (EscalatedStep != EvaluationStep.Goals) return Outcome.Refused("La concertación de metas no está escalada a una comisión.");
        if (actor.ServantId != EscalationRecorderId) return Outcome.Refused("Solo quien registra por la Comisión Evaluadora puede registrar su decisión.");
        if (Reason(decision, "de la decisión") is { } noReason) return noReason;
        var numbered = Renumber(goals);
        var errors = Goal.ValidateSet(numbered, ctx, complete: true);
        if (errors.Count > 0) return Outcome.From(errors);
        var changes = FieldChange.Diff(OrderedGoals, numbered).Select(c => c with { Justification = decision!.Trim() }).ToList();
        Goals = numbered.ToList();
        AddVersion(EvaluationStep.Goals, VersionKind.CommitteeDecision, actor, Goals, changes, ctx.Now);
        EscalatedStep = null;
        MoveTo(EvaluationState.SelfEvaluationI, actor, ActorRole.Committee, EvaluationAction.CommitteeDecision, decision!.Trim(), ctx.Now);
        return SkipFollowUpIForLateHire(ctx);
    }

    /// <summary>
    /// The Comisión Evaluadora decides an escalated follow-up: the progress it records is final for the step.
    /// After the first follow-up the second starts. The second follow-up's step ends with the final acceptance, so
    /// its decision finalizes the evaluation, with the competencies the committee rates (or, when it passes none,
    /// those the evaluator already rated).
    /// </summary>
    public Outcome DecideSelfEvaluationByCommittee(Actor actor, int followUp, IReadOnlyList<GoalProgress> progress, string? decision, EvaluationContext ctx,
        IReadOnlyList<CompetencyScore>? scores = null, IReadOnlyList<string>? applicable = null)
    {
        if (PeriodClosed(ctx) is { } closed) return closed;
        if (BadFollowUp(followUp) is { } bad) return bad;
        var s = FollowUpStates(followUp);
        if (EscalatedStep != s.Step) return Outcome.Refused($"El {(followUp == 1 ? "primer" : "segundo")} seguimiento no está escalado a una comisión.");
        if (actor.ServantId is null || actor.ServantId != EscalationRecorderId)
            return Outcome.Refused("Solo quien registra por la Comisión Evaluadora puede registrar su decisión.");
        if (Reason(decision, "de la decisión") is { } noReason) return noReason;
        var errors = ValidateProgress(followUp, progress, complete: true).ToList();
        if (followUp == 2)
        {
            if (scores is not null) errors.AddRange(CompetencyErrors(scores, applicable ?? [], ctx.Period.Settings));
            else if (Competencies.Count == 0) errors.Add(new("Competencies", "Califique las competencias."));
        }
        if (errors.Count > 0) return Outcome.From(errors);
        var before = ProgressOf(followUp).ToDictionary(p => p.GoalNumber);
        var why = decision!.Trim();
        var changes = new List<FieldChange>();
        foreach (var p in progress.OrderBy(p => p.GoalNumber))
        {
            before.TryGetValue(p.GoalNumber, out var b);
            if (b?.AchievedPercent != p.AchievedPercent)
                changes.Add(new(p.GoalNumber, nameof(GoalProgress.AchievedPercent), b?.AchievedPercent.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    p.AchievedPercent.ToString(System.Globalization.CultureInfo.InvariantCulture), why));
            if ((b?.Narrative ?? "") != p.Narrative.Trim()) changes.Add(new(p.GoalNumber, nameof(GoalProgress.Narrative), b?.Narrative, p.Narrative.Trim(), why));
        }
        SetProgress(followUp, progress);
        if (followUp == 2 && scores is not null) Competencies = scores.Select(c => c with { Comment = Clean(c.Comment) }).ToList();
        AddVersion(s.Step, VersionKind.CommitteeDecision, actor, ProgressOf(followUp), changes, ctx.Now);
        EscalatedStep = null;
        var next = followUp == 1 ? EvaluationState.SelfEvaluationII : EvaluationState.Finalized;
        return MoveTo(next, actor, ActorRole.Committee, EvaluationAction.CommitteeDecision, why, ctx.Now);
    }

    public bool IsClosed => State.IsClosed();

    // ---------------------------------------------------------------- helpers

    private ActorRole EvaluatorRole => IsCommittee ? ActorRole.Committee : ActorRole.Evaluator;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static IReadOnlyList<Goal> Renumber(IReadOnlyList<Goal> goals) =>
        goals.Select((g, i) => g with { Number = i + 1, Description = g.Description.Trim(), ExpectedEvidence = g.ExpectedEvidence.Trim() }).ToList();

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version = Guid.NewGuid();
    }

    private Outcome MoveTo(EvaluationState to, Actor actor, ActorRole role, EvaluationAction action, string? comment, DateTime now)
    {
        History.Add(new EvaluationEvent
        {
            Sequence = History.Count + 1,
            At = now,
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            Role = role,
            Action = action,
            From = State,
            To = to,
            Comment = comment,
        });
        State = to;
        Touch(now);
        return Outcome.Ok;
    }

    private Outcome Record(Actor actor, ActorRole role, EvaluationAction action, string? comment, DateTime now) =>
        MoveTo(State, actor, role, action, comment, now);

    private void AddVersion<T>(EvaluationStep step, VersionKind kind, Actor actor, IReadOnlyList<T> content, IReadOnlyList<FieldChange> changes, DateTime now) =>
        Versions.Add(new EvaluationVersion
        {
            Sequence = Versions.Count + 1,
            Step = step,
            Round = Versions.Count(v => v.Step == step && v.Kind == VersionKind.Proposal) + (kind == VersionKind.Proposal ? 1 : 0),
            At = now,
            ActorName = actor.Name,
            Kind = kind,
            ContentJson = JsonSerializer.Serialize(content, Json),
            ChangesJson = JsonSerializer.Serialize(changes, Json),
        });
}
