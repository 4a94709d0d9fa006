using System.Globalization;
using System.Text.Json;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// The evaluation page: who, which period, the state and on whom it waits, the current goals, the rounds, the
/// history as a timeline and every version of the goals. Anyone who may not see the evaluation gets 404
/// (<see cref="EvaluationWorkflow.LoadAsync"/>); the buttons are only the actions the signed-in person can take now.
/// </summary>
public sealed class DetailsModel(EvaluationWorkflow workflow, EgiDbContext db) : PageModel
{
    public EvaluationCase Case { get; private set; } = null!;
    public Evaluation Evaluation => Case.Evaluation;
    public EvaluationSummary Summary { get; private set; } = null!;
    public IReadOnlyList<AvailableAction> Actions { get; private set; } = [];
    public PartialEvaluationsView Partials { get; private set; } = null!;

    /// <summary>Every piece of evidence of the evaluation: each follow-up version shows those it was sent with.</summary>
    public IReadOnlyList<EvidenceItem> Evidence { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var c = await workflow.ReadAsync(id, ct);
        if (c is null) return NotFound();
        Case = c;
        Summary = await EvaluationSummary.LoadAsync(db, c, ct);
        Actions = EvaluationView.ActionsFor(c);
        Partials = await PartialEvaluationsView.LoadAsync(db, c, ct);
        Evidence = await EvidenceList.ItemsAsync(db, id, ct);
        return Page();
    }
}

/// <summary>A link to what the signed-in person can do now on an evaluation.</summary>
public sealed record AvailableAction(string Text, string Url, string Hint);

/// <summary>What the summary at the top of the evaluado's pages shows (partial _EvaluationSummary).</summary>
public sealed record EvaluationSummary(EvaluationCase Case, string DependencyName, IReadOnlyList<string> CommitteeMembers, IReadOnlyList<string> EscalationMembers, string? EscalationRecorder)
{
    public Evaluation Evaluation => Case.Evaluation;

    public static async Task<EvaluationSummary> LoadAsync(EgiDbContext db, EvaluationCase c, CancellationToken ct)
    {
        var e = c.Evaluation;
        // Names are read only when there is a Comisión Evaluadora (most evaluations have none: no query).
        var ids = e.CommitteeMemberIds.Concat(e.EscalationMemberIds).Concat(e.EscalationRecorderId is { } recorder ? [recorder] : Array.Empty<int>()).Distinct().ToList();
        var names = ids.Count == 0
            ? []
            : await db.Servants.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.FirstNames + " " + s.LastNames, ct);
        string Name(int id) => names.TryGetValue(id, out var n) ? n.Trim() : $"Servidor {id}";
        return new EvaluationSummary(c, c.EvaluadoDependency,
            e.CommitteeMemberIds.Select(Name).ToList(),
            e.EscalationMemberIds.Select(Name).ToList(),
            e.EscalationRecorderId is { } r ? Name(r) : null);
    }

    /// <summary>On whom the evaluation waits, by name.</summary>
    public string WaitingOnText => Evaluation.WaitingOn switch
    {
        WaitingOn.Evaluado => $"{Case.Evaluado.FullName} (evaluado)",
        WaitingOn.Evaluator when Evaluation.EscalatedStep is not null => $"la Comisión Evaluadora (registra {EscalationRecorder ?? "—"})",
        WaitingOn.Evaluator when Evaluation.IsCommittee => $"la Comisión Evaluadora (registra {Case.Evaluator?.FullName ?? "—"})",
        WaitingOn.Evaluator => $"{Case.Evaluator?.FullName ?? "el evaluador"} (evaluador)",
        _ => "nadie: la evaluación está cerrada",
    };

    /// <summary>Whether the current step can be done today, in words (null when the evaluation is closed).</summary>
    public (bool Open, string Text)? Window
    {
        get
        {
            if (Evaluation.State.Step() is not { } step) return null;
            var ctx = Case.Context;
            var w = Case.Period.Window(step.Stage());
            if (ctx.Period.IsOpen(step.Stage(), ctx.Today)) return (true, EvaluationMessages.WindowOpen(w));
            var reopened = Evaluation.Reopenings.Where(r => r.Step == step && r.Until >= ctx.Today).Select(r => (DateOnly?)r.Until).Max();
            if (reopened is { } until) return (true, EvaluationMessages.StepReopenedUntil(until, w));
            if (Evaluation.IsStepOpen(step, ctx) && Evaluation.OwnGoalsWindow(ctx.Period, ctx.EvaluadoHireDate) is { } own)
                return (true, EvaluationMessages.OwnGoalWindow(own, ctx.Period.Settings.NewServantGoalWorkingDays));
            if (ctx.Today < w.Start) return (false, EvaluationMessages.WindowNotYetOpen(w));
            return (false, EvaluationMessages.WindowClosed(w));
        }
    }
}

/// <summary>Formats and small decisions shared by the evaluado's pages, the evaluation page and «Mis pendientes».</summary>
public static class EvaluationView
{
    private static readonly JsonSerializerOptions Json = new();

    public static IReadOnlyList<FieldChange> ChangesOf(EvaluationVersion v) =>
        JsonSerializer.Deserialize<List<FieldChange>>(v.ChangesJson, Json) ?? [];

    public static IReadOnlyList<GoalProgress> ProgressOf(EvaluationVersion v) =>
        JsonSerializer.Deserialize<List<GoalProgress>>(v.ContentJson, Json) ?? [];

    /// <summary>What the signed-in person may do now. Consulta and anyone else who only reads get nothing.</summary>
    public static IReadOnlyList<AvailableAction> ActionsFor(EvaluationCase c)
    {
        var e = c.Evaluation;
        var actions = new List<AvailableAction>();
        // A closed period is read-only: nothing to do on its evaluations (Talento Humano still reads the administration page).
        switch (c.Period.IsClosed ? PendingAction.None : e.PendingFor(c.Actor))
        {
            case PendingAction.FormulateGoals:
                actions.Add(new("Formular mis metas", $"/Evaluations/Goals/{e.Id}", "Registre sus metas, guarde el borrador y envíelas a su jefe para aprobación."));
                break;
            case PendingAction.AcceptGoals:
                actions.Add(new("Revisar y aceptar mis metas", $"/Evaluations/Acceptance/{e.Id}", "Vea lo que aprobó o cambió su evaluador y acéptelo o no."));
                break;
            case PendingAction.ApproveGoals:
                actions.Add(new("Revisar las metas (aprobar, rechazar o modificar)", $"/Evaluations/Approval/{e.Id}", "Las metas esperan su aprobación."));
                break;
            case PendingAction.SelfEvaluateI or PendingAction.SelfEvaluateII:
                actions.Add(new(EvaluationLinks.ActionText(e.PendingFor(c.Actor)), $"/Evaluations/SelfEvaluation/{e.Id}", "Reporte el % logrado y el relato del avance de cada meta, guarde el borrador y envíelo a su jefe."));
                break;
            case PendingAction.ApproveSelfEvaluationI or PendingAction.ApproveSelfEvaluationII:
                actions.Add(new("Revisar el seguimiento (aprobar, rechazar o modificar)", $"/Evaluations/FollowUpApproval/{e.Id}", "La autoevaluación espera su aprobación."));
                break;
            case PendingAction.AcceptSelfEvaluationI:
                actions.Add(new("Revisar y aceptar mi primer seguimiento", $"/Evaluations/FollowUpAcceptance/{e.Id}", "Vea lo que aprobó o cambió su evaluador y acéptelo o no."));
                break;
            case PendingAction.RateCompetencies:
                actions.Add(new("Calificar las competencias", $"/Evaluations/Competencies/{e.Id}", "Califique cada competencia comportamental en la escala de la vigencia."));
                break;
            case PendingAction.AcceptFinal:
                actions.Add(new("Revisar y aceptar mi resultado final", $"/Evaluations/FinalAcceptance/{e.Id}", "Vea su calificación final y acéptela o no."));
                break;
            case PendingAction.CommitteeDecision:
                actions.Add(new("Registrar la decisión de la Comisión Evaluadora", $"/Evaluations/Committee/{e.Id}", "El paso fue escalado: la comisión decide."));
                break;
            case PendingAction.RecordPartial:
                actions.Add(new("Registrar la evaluación parcial", $"/Evaluations/Partial/{e.Id}", "Usted dejó de ser el evaluador: registre el avance de cada meta hasta la fecha del cambio."));
                break;
        }
        if (c.Actor.IsTalentoHumano && !c.IsEvaluado)
        {
            actions.Add(new("Administrar (Talento Humano)", $"/Evaluations/Admin/{e.Id}", "Reasignar evaluador, asignar comisión, reabrir un paso o escalar un desacuerdo."));
            actions.Add(new("Línea de tiempo de auditoría", $"/Audit?evaluacion={e.Id}",
                "Cada cambio guardado en esta evaluación y cada evidencia cargada o descargada: quién, con qué rol, cuándo y desde qué IP."));
        }
        return actions;
    }

    /// <summary>Every error message in the model state, general ones first (for the summary with role="alert").</summary>
    public static IReadOnlyList<string> AllErrors(ModelStateDictionary state) =>
        state.OrderBy(kv => kv.Key.Length == 0 ? 0 : kv.Key == "Goals" ? 1 : 2)
            .SelectMany(kv => kv.Value is { } entry ? entry.Errors.Select(e => e.ErrorMessage) : []).Distinct().ToList();
}

/// <summary>Model of the partial _GoalsTable: goals as a read-only table with its caption.</summary>
public sealed record GoalsTable(string Caption, IReadOnlyList<Goal> Goals);

/// <summary>Model of the partial _ChangesTable: what the evaluator changed, before/after with the justification.</summary>
public sealed record ChangesTable(string Caption, IReadOnlyList<FieldChange> Changes);
