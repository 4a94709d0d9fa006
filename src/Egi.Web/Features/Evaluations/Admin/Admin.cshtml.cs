using System.Globalization;
using Egi.Domain.Common;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// Talento Humano's tools on one evaluation: reassign the evaluator, assign a Comisión Evaluadora, reopen a step for
/// this person, and escalate a step to a committee after repeated disagreement. Every action needs a reason and is
/// recorded in the evaluation's history. Anyone else gets 403.
/// </summary>
[Authorize(Policy = Policies.TalentoHumano)]
public sealed class AdminModel(EvaluationWorkflow workflow, EgiDbContext db, CurrentUser me) : PageModel
{
    public sealed class ReassignInput
    {
        public string? EvaluatorId { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class CommitteeInput
    {
        public List<string> Members { get; set; } = [];
        public string? RecorderId { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class ReopenInput
    {
        public string? Step { get; set; }
        public string? Until { get; set; }
        public string? Reason { get; set; }
    }

    public EvaluationCase Case { get; private set; } = null!;
    public Evaluation Evaluation => Case.Evaluation;
    public string DependencyName { get; private set; } = "";

    /// <summary>Servants who can be evaluators or committee members: active today, not the evaluado.</summary>
    public IReadOnlyList<Servant> Candidates { get; private set; } = [];

    /// <summary>Names of everyone the page mentions (retired people included).</summary>
    public IReadOnlyDictionary<int, string> Names { get; private set; } = new Dictionary<int, string>();

    [BindProperty]
    public Guid Version { get; set; }

    [BindProperty]
    public ReassignInput Reassign { get; set; } = new();

    [BindProperty]
    public CommitteeInput Committee { get; set; } = new();

    [BindProperty]
    public ReopenInput Reopen { get; set; } = new();

    [BindProperty]
    public CommitteeInput Escalate { get; set; } = new();

    public sealed class ReasonInput
    {
        public string? Reason { get; set; }
    }

    [BindProperty]
    public ReasonInput Waive { get; set; } = new();

    [BindProperty]
    public ReasonInput ReopenRetired { get; set; } = new();

    /// <summary>The partial whose waiver form is redisplayed with an error.</summary>
    public int? WaiveSequence { get; private set; }

    public EvaluationStep? CurrentStep => Evaluation.State.Step();
    public int DisagreementRounds => Case.Period.Settings.DisagreementRounds;
    public bool DisagreementReached => CurrentStep is { } s && Evaluation.DisagreementReached(s, Case.Period.Settings);
    public string NameOf(int id) => Names.TryGetValue(id, out var n) ? n : $"Servidor {id}";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Version = Evaluation.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostReassignAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        ModelState.Clear();
        var errors = new List<FieldError>();
        var evaluator = Servant(Reassign.EvaluatorId, "EvaluatorId", EvaluationMessages.ChooseNewEvaluator, errors);
        if (errors.Count > 0) return Show(errors, "Reassign");
        var previous = Case.Evaluator?.FullName ?? "—";
        var outcome = await workflow.RunAsync(Case, Version, e => e.ReassignEvaluator(Case.Actor, evaluator, Reassign.Reason, Case.Context), ct);
        return Done(outcome, "Reassign", EvaluationMessages.EvaluatorReassigned(Case.Evaluado.FullName, NameOf(evaluator), previous));
    }

    public async Task<IActionResult> OnPostCommitteeAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        ModelState.Clear();
        var errors = new List<FieldError>();
        var (members, recorder) = CommitteeOf(Committee, errors);
        if (errors.Count > 0) return Show(errors, "Committee");
        var outcome = await workflow.RunAsync(Case, Version, e => e.AssignCommittee(Case.Actor, members, recorder, Committee.Reason, Case.Context), ct);
        return Done(outcome, "Committee",
            EvaluationMessages.CommitteeAssigned(Case.Evaluado.FullName, members.Select(NameOf), NameOf(recorder)));
    }

    public async Task<IActionResult> OnPostReopenAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        ModelState.Clear();
        var errors = new List<FieldError>();
        EvaluationStep step = default;
        if (string.IsNullOrWhiteSpace(Reopen.Step) || !Enum.TryParse(Reopen.Step, out step) || !Enum.IsDefined(step) || int.TryParse(Reopen.Step, out _))
            errors.Add(new("Step", EvaluationMessages.ChooseStepToReopen));
        DateOnly until = default;
        if (string.IsNullOrWhiteSpace(Reopen.Until))
            errors.Add(new("Until", EvaluationMessages.ReopenUntilMissing));
        else if (!FormInput.TryParseDate(Reopen.Until, out until))
            errors.Add(new("Until", EvaluationMessages.ReopenUntilInvalid(Case.Context.Today.AddDays(10))));
        if (errors.Count > 0) return Show(errors, "Reopen");
        var outcome = await workflow.RunAsync(Case, Version, e => e.ReopenStep(Case.Actor, step, until, Reopen.Reason, Case.Context), ct);
        return Done(outcome, "Reopen", EvaluationMessages.StepReopened(step.Label(), Case.Evaluado.FullName, until));
    }

    public async Task<IActionResult> OnPostEscalateAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        ModelState.Clear();
        var errors = new List<FieldError>();
        var (members, recorder) = CommitteeOf(Escalate, errors);
        if (errors.Count > 0) return Show(errors, "Escalate");
        var step = CurrentStep;
        var outcome = await workflow.RunAsync(Case, Version, e => e.EscalateToCommittee(Case.Actor, members, recorder, Escalate.Reason, Case.Context), ct);
        return Done(outcome, "Escalate",
            EvaluationMessages.StepEscalated(step?.Label(), Case.Evaluado.FullName, NameOf(recorder)));
    }

    /// <summary>Waives a pending partial evaluation with a reason (e.g. the outgoing boss left the entity).</summary>
    public async Task<IActionResult> OnPostWaiveAsync(int id, int seq, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        ModelState.Clear();
        WaiveSequence = seq;
        var outgoing = Evaluation.Partial(seq) is { } p ? NameOf(p.EvaluatorId) : "—";
        var outcome = await workflow.RunAsync(Case, Version, e => e.WaivePartial(Case.Actor, seq, Waive.Reason, Case.Context.Now, Case.Period), ct);
        return Done(outcome, "Waive", EvaluationMessages.PartialEvaluationWaived(outgoing));
    }

    /// <summary>Reopens an evaluation closed by retirement (the servant was reinstated), with a reason.</summary>
    public async Task<IActionResult> OnPostReopenRetiredAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        ModelState.Clear();
        var outcome = await workflow.RunAsync(Case, Version, e => e.ReopenAfterRetirement(Case.Actor, ReopenRetired.Reason, Case.Context), ct);
        return Done(outcome, "ReopenRetired", EvaluationMessages.RetiredEvaluationReopened(Case.Evaluado.FullName, Evaluation.State));
    }

    private (List<int> Members, int Recorder) CommitteeOf(CommitteeInput input, List<FieldError> errors)
    {
        var members = new List<int>();
        foreach (var text in input.Members.Where(m => !string.IsNullOrWhiteSpace(m)).Distinct())
        {
            var m = Servant(text, "Members", EvaluationMessages.ChooseMembers, errors);
            if (m > 0) members.Add(m);
        }
        var recorder = string.IsNullOrWhiteSpace(input.RecorderId)
            ? Missing(errors, "RecorderId", EvaluationMessages.ChooseRecorder)
            : Servant(input.RecorderId, "RecorderId", EvaluationMessages.ChooseRecorderFromList, errors);
        return (members, recorder);
    }

    private static int Missing(List<FieldError> errors, string field, string message)
    {
        errors.Add(new(field, message));
        return 0;
    }

    /// <summary>An active servant chosen in a select; anything else (empty, not a number, retired, unknown) is an error by field.</summary>
    private int Servant(string? text, string field, string message, List<FieldError> errors)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && Candidates.Any(s => s.Id == id)) return id;
        if (id == Evaluation.EvaluadoId && id > 0)
            errors.Add(new(field, EvaluationMessages.EvaluadoCannotEvaluateSelf));
        else if (errors.All(e => e.Field != field))
            errors.Add(new(field, message));
        return 0;
    }

    private PageResult Show(IEnumerable<FieldError> errors, string prefix)
    {
        ModelState.AddFieldErrors(errors, prefix);
        return Page();
    }

    private IActionResult Done(Outcome outcome, string prefix, string message)
    {
        if (!outcome.Succeeded)
        {
            if (outcome.IsStale) Version = Evaluation.Version;
            return Show(outcome.Errors, prefix);
        }
        TempData["Mensaje"] = message;
        return RedirectToPage("./Admin", new { id = Evaluation.Id });
    }

    /// <summary>Loads the evaluation; null when the page may go on, else the refusal (404 unknown, 403 one's own).</summary>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var c = await workflow.LoadAsync(id, ct);
        if (c is null) return NotFound();
        // Nobody administers their own evaluation, not even a member of Talento Humano: another member does it.
        if (c.IsEvaluado) return Forbid();
        Case = c;
        var today = me.Today;
        var servants = await db.Servants.AsNoTracking().ToListAsync(ct);
        Names = servants.ToDictionary(s => s.Id, s => s.FullName);
        Candidates = servants
            .Where(s => !s.IsRetired(today) && s.Id != c.Evaluation.EvaluadoId)
            .OrderBy(s => s.LastNames).ThenBy(s => s.FirstNames).ToList();
        DependencyName = await db.Dependencies.AsNoTracking().Where(d => d.Id == c.Evaluado.DependencyId).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? "";
        return null;
    }
}
