using System.Globalization;
using Egi.Domain.Common;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// Activities 8 and 12: the evaluado reports, per goal, the cumulative % achieved and a narrative of the progress.
/// Only the evaluado opens this page (anyone else gets 404); outside «Autoevaluación I/II» it explains why nothing can
/// be changed. «Guardar borrador» keeps an incomplete report; «Enviar al jefe» asks the domain to check every rule.
/// The % is read as text, so "abc" or "120" get a Spanish message next to the field and nothing is saved.
/// </summary>
[UploadLimit(UploadKind.Evidence)]
public sealed class SelfEvaluationModel(EvaluationWorkflow workflow, EgiDbContext db, IFileStore files, TimeProvider clock, CurrentUser me,
    Microsoft.Extensions.Options.IOptionsSnapshot<UploadOptions> uploads) : PageModel
{
    [BindProperty]
    public int EvidenceGoal { get; set; }

    [BindProperty]
    public IFormFile? EvidenceFile { get; set; }

    [BindProperty]
    public string? EvidenceUrl { get; set; }

    public string? EvidenceAdded { get; private set; }

    /// <summary>
    /// «Adjuntar evidencia»: checks the file by content and size (period settings) or the link (http/https), stores it and
    /// attaches it through the evaluation (which decides who, when and to which goal, and checks the version the person
    /// saw), then redisplays the form with everything typed kept.
    /// </summary>
    public async Task<IActionResult> OnPostUploadAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        Progress = FollowUpForms.Align(Evaluation, Progress);
        // Asked before the file is even read: a closed period, another person, a step not in course, a goal that does not exist.
        if (Evaluation.EvidenceRefused(Case.Actor, EvidenceGoal, Case.Context) is { } refused) return EvidenceRefused(refused);
        // A page saved by someone else since it was shown: refused before anything is stored (checked again on save).
        if (Evaluation.Version != Version) return EvidenceRefused(Outcome.Stale(EvaluationMessages.StaleEvaluation));
        var who = me.DisplayName;
        var now = clock.GetUtcNow().UtcDateTime;
        var url = (EvidenceUrl ?? "").Trim();
        if (EvidenceFile is null && url.Length == 0)
        {
            ModelState.AddModelError(nameof(EvidenceFile), EvaluationMessages.EvidenceMissing);
            return Page();
        }
        var items = new List<EvidenceItem>();
        if (url.Length > 0)
        {
            if (EvidenceRules.CheckUrl(url) is { } bad)
            {
                ModelState.AddModelError(nameof(EvidenceUrl), bad);
                return Page();
            }
            items.Add(EvidenceItem.Link(EvidenceGoal, url, who, now));
        }
        if (EvidenceFile is { } file)
        {
            var settings = Case.Period.Settings;
            // The period's limit, never above what the server accepts (the settings screen refuses more).
            var maxMb = Math.Min(settings.MaxEvidenceSizeMb, uploads.Value.EvidenceMaxMb);
            var name = EvidenceRules.DisplayName(file.FileName);
            if (file.Length > UploadOptions.Mb(maxMb))
            {
                ModelState.AddModelError(nameof(EvidenceFile), EvaluationMessages.EvidenceTooLarge(name, maxMb, file.Length));
                return Page();
            }
            await using var content = file.OpenReadStream();
            if (EvidenceRules.Check(name, content, settings) is { } problem)
            {
                ModelState.AddModelError(nameof(EvidenceFile), problem);
                return Page();
            }
            items.Add(await EvidenceRules.StoreAsync(files, id, EvidenceGoal, name, content, who, now, ct));
        }
        var outcome = await workflow.RunAsync(Case, Version, e =>
            items.Select(item => e.AttachEvidence(Case.Actor, item, Case.Context)).FirstOrDefault(o => !o.Succeeded) ?? Outcome.Ok, ct);
        if (!outcome.Succeeded) return EvidenceRefused(outcome);
        foreach (var item in items.Where(i => i.Kind == EvidenceKind.File))
            db.Audit("Cargar evidencia", AuditEntities.Evidence, item.Id.ToString(CultureInfo.InvariantCulture),
                $"Cargó «{item.OriginalName}» ({FileSizeText.Of(item.Size)}, SHA-256 {item.Sha256}) {AuditEntities.EvidenceOf(id)} seguimiento {item.FollowUp}, meta {item.GoalNumber})");
        await db.SaveChangesAsync(ct);
        Version = Evaluation.Version;
        EvidenceAdded = EvaluationMessages.EvidenceAdded(EvidenceGoal);
        EvidenceUrl = null;
        return Page();
    }

    private PageResult EvidenceRefused(Outcome refused)
    {
        foreach (var e in refused.Errors)
            ModelState.AddModelError(e.Field switch
            {
                nameof(EvidenceItem.GoalNumber) => nameof(EvidenceGoal),
                nameof(EvidenceItem.Url) => nameof(EvidenceUrl),
                _ => "",
            }, e.Message);
        if (refused.IsStale)
        {
            Stale = true;
            Version = Evaluation.Version;
        }
        return Page();
    }

    public EvaluationCase Case { get; private set; } = null!;
    public Evaluation Evaluation => Case.Evaluation;
    public EvaluationSummary Summary { get; private set; } = null!;

    /// <summary>1 or 2: the follow-up of the current state.</summary>
    public int FollowUp { get; private set; }

    public bool CanEdit { get; private set; }

    /// <summary>Why the self-evaluation came back (the evaluator's rejection or the evaluado's «no aceptar»).</summary>
    public EvaluationEvent? CameBack { get; private set; }

    public bool Stale { get; private set; }

    [BindProperty]
    public Guid Version { get; set; }

    [BindProperty]
    public List<FollowUpProgressRow> Progress { get; set; } = [];

    public EvaluationState SelfState => FollowUp == 2 ? EvaluationState.SelfEvaluationII : EvaluationState.SelfEvaluationI;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Version = Evaluation.Version;
        Progress = FollowUpForms.Rows(Evaluation, FollowUp);
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(int id, CancellationToken ct) => RunAsync(id, submit: false, ct);

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken ct) => RunAsync(id, submit: true, ct);

    private async Task<IActionResult> RunAsync(int id, bool submit, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        Progress = FollowUpForms.Align(Evaluation, Progress);
        if (!CanEdit) return Page();
        var (progress, parseErrors) = FollowUpForms.Parse(Progress, submit);
        if (parseErrors.Count > 0)
        {
            ModelState.AddFieldErrors(parseErrors, "");
            return Page();
        }
        var followUp = FollowUp;
        var evaluator = Case.Evaluator?.FullName ?? "su evaluador";
        var outcome = await workflow.RunAsync(Case, Version,
            e => submit
                ? e.SubmitSelfEvaluation(Case.Actor, followUp, progress, Case.Context)
                : e.SaveSelfEvaluation(Case.Actor, followUp, progress, Case.Context), ct);
        if (outcome.Succeeded)
        {
            TempData["Mensaje"] = submit
                ? EvaluationMessages.SelfEvaluationSent(FollowUpForms.Ordinal(followUp), evaluator)
                : EvaluationMessages.SelfEvaluationDraftSaved;
            return submit ? RedirectToPage("/Evaluations/Details", new { id }) : RedirectToPage("./SelfEvaluation", new { id });
        }
        ModelState.AddFieldErrors(outcome.Errors, "");
        if (outcome.IsStale)
        {
            Stale = true;
            Version = Evaluation.Version;
        }
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var c = await workflow.LoadAsync(id, ct);
        if (c is null || !c.IsEvaluado) return false;
        Case = c;
        Summary = await EvaluationSummary.LoadAsync(db, c, ct);
        FollowUp = FollowUpForms.FollowUpOf(c.Evaluation.State);
        var pending = FollowUp == 2 ? PendingAction.SelfEvaluateII : PendingAction.SelfEvaluateI;
        CanEdit = c.Evaluation.CanActNow(c.Actor, pending, c.Context);
        var self = SelfState;
        CameBack = c.Evaluation.State == self
            && c.Evaluation.History.Where(h => h.To == self && h.From != h.To).OrderBy(h => h.Sequence).LastOrDefault()
                is { Action: EvaluationAction.Reject or EvaluationAction.NotAccept } last ? last : null;
        return true;
    }
}
/// <summary>One goal's row of a follow-up form: typed as text so bad input gets a Spanish message, never a crash.</summary>
public sealed class FollowUpProgressRow
{
    public int GoalNumber { get; set; }
    public string? AchievedPercent { get; set; }
    public string? Narrative { get; set; }

    public static FollowUpProgressRow From(GoalProgress p) => new()
    {
        GoalNumber = p.GoalNumber,
        AchievedPercent = p.AchievedPercent.ToString(CultureInfo.InvariantCulture),
        Narrative = p.Narrative,
    };
}

/// <summary>Model of the partial _FollowUpProgressTable: the goals with the progress reported at a follow-up.</summary>
public sealed record FollowUpProgressTable(string Caption, IReadOnlyList<Goal> Goals, IReadOnlyList<GoalProgress> Progress, bool ShowAgreed);

/// <summary>Reading and comparing the follow-up forms (self-evaluation and approval).</summary>
public static class FollowUpForms
{
    /// <summary>The follow-up (1 or 2) of the evaluation's current state.</summary>
    public static int FollowUpOf(EvaluationState state) => state.Step()?.FollowUpNumber() ?? 1;

    public static string Ordinal(int followUp) => followUp == 2 ? "segundo" : "primer";

    /// <summary>One row per goal, in goal order, with what is saved for the follow-up (empty when nothing yet).</summary>
    public static List<FollowUpProgressRow> Rows(Evaluation e, int followUp)
    {
        var saved = e.ProgressOf(followUp).ToDictionary(p => p.GoalNumber);
        return e.OrderedGoals
            .Select(g => saved.TryGetValue(g.Number, out var p) ? FollowUpProgressRow.From(p) : new FollowUpProgressRow { GoalNumber = g.Number })
            .ToList();
    }

    /// <summary>
    /// Puts the posted rows back in goal order (one per goal, whatever was posted) so the domain's "Progress[i]" keys land
    /// on the right row.
    /// </summary>
    public static List<FollowUpProgressRow> Align(Evaluation e, IEnumerable<FollowUpProgressRow>? posted)
    {
        var byGoal = (posted ?? []).Where(r => r is not null).GroupBy(r => r.GoalNumber).ToDictionary(g => g.Key, g => g.First());
        return e.OrderedGoals.Select(g => byGoal.TryGetValue(g.Number, out var r) ? r : new FollowUpProgressRow { GoalNumber = g.Number }).ToList();
    }

    /// <summary>
    /// Reads the rows. The % must be a whole number from 0 to 100; in a draft an untouched row (no % and no narrative)
    /// is left out, and a narrative without % counts as 0 %.
    /// </summary>
    public static (List<GoalProgress> Progress, List<FieldError> Errors) Parse(IReadOnlyList<FollowUpProgressRow> rows, bool complete)
    {
        var progress = new List<GoalProgress>();
        var errors = new List<FieldError>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var narrative = (r.Narrative ?? "").Trim();
            var percentText = (r.AchievedPercent ?? "").Trim();
            var key = $"Progress[{i}].{nameof(GoalProgress.AchievedPercent)}";
            var percent = 0;
            if (percentText.Length == 0)
            {
                if (complete) errors.Add(new(key, EvaluationMessages.PercentMissing(r.GoalNumber)));
                else if (narrative.Length == 0) continue;
            }
            else if (!FormInput.TryParseInt(percentText, out percent))
            {
                errors.Add(new(key, EvaluationMessages.PercentNotWhole(r.GoalNumber, percentText)));
                continue;
            }
            else if (percent is < 0 or > 100)
            {
                errors.Add(new(key, EvaluationMessages.PercentOutOfRange(r.GoalNumber, percent)));
                continue;
            }
            progress.Add(new GoalProgress { GoalNumber = r.GoalNumber, AchievedPercent = percent, Narrative = narrative });
        }
        return (progress, errors);
    }

    /// <summary>Every changed field (% logrado, relato) between what the evaluado reported and what the evaluator typed.</summary>
    public static List<FieldChange> Diff(IReadOnlyList<GoalProgress> before, IReadOnlyList<GoalProgress> after)
    {
        var saved = before.ToDictionary(p => p.GoalNumber);
        var changes = new List<FieldChange>();
        foreach (var p in after.OrderBy(p => p.GoalNumber))
        {
            saved.TryGetValue(p.GoalNumber, out var b);
            if (b?.AchievedPercent != p.AchievedPercent)
                changes.Add(new(p.GoalNumber, nameof(GoalProgress.AchievedPercent), b?.AchievedPercent.ToString(CultureInfo.InvariantCulture),
                    p.AchievedPercent.ToString(CultureInfo.InvariantCulture), ""));
            if ((b?.Narrative ?? "") != p.Narrative.Trim())
                changes.Add(new(p.GoalNumber, nameof(GoalProgress.Narrative), b?.Narrative, p.Narrative.Trim(), ""));
        }
        return changes;
    }
}
