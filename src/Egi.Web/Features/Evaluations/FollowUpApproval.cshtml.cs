using Egi.Domain.Common;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// Activities 9 and 13: the current evaluator approves (comment optional), rejects (reason required) or modifies the
/// progress the evaluado reported. «Modificar» is two steps without JavaScript, like the goals approval: edit the % and
/// narratives, then «Revisar cambios» lists each changed field before/after with a required justification
/// (keys <see cref="FieldChange.Key"/>). Anyone who is not the current evaluator gets 404.
/// </summary>
public sealed class FollowUpApprovalModel(EvaluationWorkflow workflow, EgiDbContext db) : PageModel
{
    public enum Mode
    {
        View,
        Edit,
        Review,
    }

    public EvaluationCase Case { get; private set; } = null!;
    public Evaluation Evaluation => Case.Evaluation;
    public string DependencyName { get; private set; } = "";
    public Mode Showing { get; private set; } = Mode.View;
    public int FollowUp { get; private set; }
    public IReadOnlyList<FieldChange> Changes { get; private set; } = [];

    [BindProperty]
    public Guid Version { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public List<SeProgressRow> Progress { get; set; } = [];

    [BindProperty]
    public Dictionary<string, string?> Justifications { get; set; } = [];

    public PendingAction Pending => FollowUp == 2 ? PendingAction.ApproveSelfEvaluationII : PendingAction.ApproveSelfEvaluationI;

    public EvaluationState ApprovalState => FollowUp == 2 ? EvaluationState.SelfEvaluationIIApproval : EvaluationState.SelfEvaluationIApproval;

    public bool CanAct => Evaluation.CanActNow(Case.Actor, Pending, Case.Context);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Version = Evaluation.Version;
        return Page();
    }

    public async Task<IActionResult> OnGetModifyAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Version = Evaluation.Version;
        Progress = SeForms.Rows(Evaluation, FollowUp);
        Showing = CanAct ? Mode.Edit : Mode.View;
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        var n = FollowUp;
        var evaluado = Case.Evaluado.FullName;
        var outcome = await workflow.RunAsync(Case, Version, e => e.ApproveSelfEvaluation(Case.Actor, n, Case.Context, Comment), ct);
        if (!outcome.Succeeded) return Refused(outcome);
        TempData["Mensaje"] = n == 1
            ? $"Aprobó el primer seguimiento de {evaluado}. Ahora {evaluado} debe aceptarlo."
            : $"Aprobó el segundo seguimiento de {evaluado}. Sigue la calificación de las competencias.";
        return RedirectToPage("./Details", new { id });
    }

    public async Task<IActionResult> OnPostRejectAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        var n = FollowUp;
        var evaluado = Case.Evaluado.FullName;
        var outcome = await workflow.RunAsync(Case, Version, e => e.RejectSelfEvaluation(Case.Actor, n, Reason, Case.Context), ct);
        if (!outcome.Succeeded) return Refused(outcome);
        TempData["Mensaje"] = $"Rechazó la autoevaluación de {evaluado}. Volvió a {evaluado} para que la corrija.";
        return RedirectToPage("./Details", new { id });
    }

    /// <summary>Back from the review to the form, with what was typed.</summary>
    public async Task<IActionResult> OnPostEditAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        Progress = SeForms.Align(Evaluation, Progress);
        Showing = CanAct ? Mode.Edit : Mode.View;
        return Page();
    }

    /// <summary>Step 1 → 2: checks what was typed and lists each changed field with a justification box.</summary>
    public async Task<IActionResult> OnPostReviewAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        if (Version != Evaluation.Version) return Refused(Outcome.Refused(EvaluationWorkflow.StaleMessage));
        if (!CanAct) return Page();
        Progress = SeForms.Align(Evaluation, Progress);
        var (progress, errors) = SeForms.Parse(Progress, complete: true);
        Changes = errors.Count == 0 ? SeForms.Diff(Evaluation.ProgressOf(FollowUp), progress) : [];
        if (errors.Count == 0 && Changes.Count == 0)
            errors.Add(new("Progress", "No cambió nada: si está de acuerdo con el avance reportado, use «Aprobar»."));
        if (errors.Count > 0)
        {
            ModelState.AddFieldErrors(errors, "");
            Showing = Mode.Edit;
            return Page();
        }
        Showing = Mode.Review;
        return Page();
    }

    /// <summary>Step 2: sends the modification with its justifications.</summary>
    public async Task<IActionResult> OnPostModifyAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        if (Version != Evaluation.Version) return Refused(Outcome.Refused(EvaluationWorkflow.StaleMessage));
        Progress = SeForms.Align(Evaluation, Progress);
        var (progress, parseErrors) = SeForms.Parse(Progress, complete: true);
        if (parseErrors.Count > 0)
        {
            ModelState.AddFieldErrors(parseErrors, "");
            Showing = CanAct ? Mode.Edit : Mode.View;
            return Page();
        }
        var justifications = Justifications.Where(j => !string.IsNullOrWhiteSpace(j.Value)).ToDictionary(j => j.Key, j => j.Value!);
        var n = FollowUp;
        var evaluado = Case.Evaluado.FullName;
        var before = Evaluation.ProgressOf(n);
        var outcome = await workflow.RunAsync(Case, Version, e => e.ModifySelfEvaluation(Case.Actor, n, progress, justifications, Case.Context), ct);
        if (outcome.Succeeded)
        {
            TempData["Mensaje"] = n == 1
                ? $"Envió la modificación del primer seguimiento de {evaluado}. Ahora {evaluado} verá los cambios y decidirá si los acepta."
                : $"Modificó el segundo seguimiento de {evaluado}. Sigue la calificación de las competencias.";
            return RedirectToPage("./Details", new { id });
        }
        if (outcome.Errors.Any(e => e.Message == EvaluationWorkflow.StaleMessage)) return Refused(outcome);
        ModelState.AddFieldErrors(outcome.Errors, "");
        Changes = SeForms.Diff(before, progress);
        var progressErrors = outcome.Errors.Any(e => e.Field.StartsWith("Progress", StringComparison.Ordinal));
        Showing = !CanAct ? Mode.View : progressErrors || Changes.Count == 0 ? Mode.Edit : Mode.Review;
        return Page();
    }

    private PageResult Refused(Outcome outcome)
    {
        ModelState.AddFieldErrors(outcome.Errors, "");
        if (outcome.Errors.Any(e => e.Message == EvaluationWorkflow.StaleMessage))
        {
            Showing = Mode.View;
            Version = Evaluation.Version;
        }
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var c = await workflow.LoadAsync(id, ct);
        if (c is null || !c.IsEvaluator) return false;
        Case = c;
        FollowUp = SeForms.FollowUpOf(c.Evaluation.State);
        DependencyName = await db.Dependencies.AsNoTracking().Where(d => d.Id == c.Evaluado.DependencyId).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? "";
        return true;
    }
}
