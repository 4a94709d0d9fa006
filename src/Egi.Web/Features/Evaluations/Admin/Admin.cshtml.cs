using System.Globalization;
using Egi.Domain.Common;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
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
public sealed class AdminModel(EvaluationWorkflow workflow, ServantChoices choices, CurrentUser me) : PageModel
{
    public sealed class ReassignInput
    {
        public string? EvaluatorId { get; set; }

        /// <summary>What was typed in the picker's search box (resolved when nothing was chosen in the list).</summary>
        public string? EvaluatorSearch { get; set; }

        public string? Reason { get; set; }
    }

    public sealed class CommitteeInput
    {
        public List<string> Members { get; set; } = [];
        public string? MembersSearch { get; set; }
        public string? RecorderId { get; set; }
        public string? RecorderSearch { get; set; }
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
    public string DependencyName => Case.EvaluadoDependency;

    /// <summary>What the pickers suggest: active servants of the evaluado's dependencia (not the evaluado), jefes first.</summary>
    public IReadOnlyList<ServantChoice> Suggestions { get; private set; } = [];

    /// <summary>Everyone the page mentions or the form chose, by id (retired people included): their names, and whether each may be chosen.</summary>
    public Dictionary<int, ServantChoice> People { get; private set; } = [];

    /// <summary>What a search typed without choosing matched, by the field it was typed for (shown in that list when it matched several).</summary>
    public Dictionary<string, IReadOnlyList<ServantChoice>> Found { get; } = [];

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
    public string NameOf(int id) => People.TryGetValue(id, out var p) ? p.FullName : $"Servidor {id}";

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
        var evaluator = string.IsNullOrWhiteSpace(Reassign.EvaluatorId) && !string.IsNullOrWhiteSpace(Reassign.EvaluatorSearch)
            ? await ResolveAsync(Reassign.EvaluatorSearch, "EvaluatorId", "Nuevo evaluador", errors, ct)
            : Servant(Reassign.EvaluatorId, "EvaluatorId", EvaluationMessages.ChooseNewEvaluator, errors);
        if (evaluator > 0) (Reassign.EvaluatorId, Reassign.EvaluatorSearch) = (Value(evaluator), null);
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
        var (members, recorder) = await CommitteeOfAsync(Committee, errors, ct);
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
        var (members, recorder) = await CommitteeOfAsync(Escalate, errors, ct);
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

    private async Task<(List<int> Members, int Recorder)> CommitteeOfAsync(CommitteeInput input, List<FieldError> errors, CancellationToken ct)
    {
        var members = new List<int>();
        foreach (var text in input.Members.Where(m => !string.IsNullOrWhiteSpace(m)).Distinct())
        {
            var m = Servant(text, "Members", EvaluationMessages.ChooseMembers, errors);
            if (m > 0) members.Add(m);
        }
        // A member typed in the search box and not chosen in the list is added.
        if (!string.IsNullOrWhiteSpace(input.MembersSearch)
            && await ResolveAsync(input.MembersSearch, "Members", "Integrantes", errors, ct) is > 0 and var found)
        {
            if (!members.Contains(found)) members.Add(found);
            input.Members.Add(Value(found));
            input.MembersSearch = null;
        }
        var recorder = !string.IsNullOrWhiteSpace(input.RecorderId)
            ? Servant(input.RecorderId, "RecorderId", EvaluationMessages.ChooseRecorderFromList, errors)
            : string.IsNullOrWhiteSpace(input.RecorderSearch)
                ? Missing(errors, "RecorderId", EvaluationMessages.ChooseRecorder)
                : await ResolveAsync(input.RecorderSearch, "RecorderId", "Quién registra", errors, ct);
        if (recorder > 0) (input.RecorderId, input.RecorderSearch) = (Value(recorder), null);
        return (members, recorder);
    }

    /// <summary>
    /// What was typed in a picker's search box without choosing: the servant it names (their document, or the only one it
    /// matches), or 0 and an error by field; when it matched several, they are listed in that field's list.
    /// </summary>
    private async Task<int> ResolveAsync(string typed, string field, string label, List<FieldError> errors, CancellationToken ct)
    {
        var (match, error, found) = await choices.ResolveAsync(typed, label, Evaluation.EvaluadoId, me.Today, ct);
        if (match is null)
        {
            errors.Add(new(field, error!));
            Found[field] = found;
            return 0;
        }
        People[match.Id] = match;
        return match.Id;
    }

    private static string Value(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static int Missing(List<FieldError> errors, string field, string message)
    {
        errors.Add(new(field, message));
        return 0;
    }

    /// <summary>An active servant chosen in a list (not the evaluado); anything else (empty, not a number, retired, unknown) is an error by field.</summary>
    private int Servant(string? text, string field, string message, List<FieldError> errors)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && id != Evaluation.EvaluadoId && People.TryGetValue(id, out var chosen) && !chosen.Retired) return id;
        if (id == Evaluation.EvaluadoId && id > 0)
            errors.Add(new(field, EvaluationMessages.EvaluadoCannotEvaluateSelf));
        else if (errors.All(e => e.Field != field))
            errors.Add(new(field, message));
        return 0;
    }

    /// <summary>The form whose errors the page shows again (its pickers list what their search matched).</summary>
    public string? PostedForm { get; private set; }

    private PageResult Show(IEnumerable<FieldError> errors, string prefix)
    {
        PostedForm = prefix;
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
        var e = c.Evaluation;
        // Two bounded queries whatever the size of the entity: the people the page names or the form chose, and the
        // suggestions (the evaluado's dependencia). Anyone else is found by the pickers' search.
        var posted = ServantPicker.IdsOf(new[] { Reassign.EvaluatorId, Committee.RecorderId, Escalate.RecorderId }.Concat(Committee.Members).Concat(Escalate.Members));
        var mentioned = e.CommitteeMemberIds.Concat(e.EscalationMemberIds).Concat(e.Partials.Select(p => p.EvaluatorId))
            .Concat(e.EvaluatorId is { } r ? [r] : []).Concat(e.EscalationRecorderId is { } er ? [er] : []);
        People = new Dictionary<int, ServantChoice>(await choices.ByIdsAsync(mentioned.Concat(posted), today, ct));
        Suggestions = await choices.OfDependencyAsync(c.Evaluado.DependencyId, e.EvaluadoId, today, onlyJefes: false, ct);
        return null;
    }
}
