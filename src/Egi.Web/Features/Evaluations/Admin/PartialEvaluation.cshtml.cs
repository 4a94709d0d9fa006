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
/// The partial evaluation (evaluación parcial, SPEC §4): the outgoing evaluator — or Talento Humano on their behalf —
/// records for every agreed goal the % achieved up to the change date and an observation, plus a general comment.
/// Anyone who may not see the evaluation gets 404; anyone who sees it but does not owe this partial (the new jefe, the
/// evaluado, Consulta) gets 403.
/// </summary>
public sealed class PartialEvaluationModel(EvaluationWorkflow workflow, EgiDbContext db) : PageModel
{
    public sealed class Row
    {
        public int GoalNumber { get; set; }
        public string? AchievedPercent { get; set; }
        public string? Observation { get; set; }
    }

    public EvaluationCase Case { get; private set; } = null!;
    public Evaluation Evaluation => Case.Evaluation;
    public PartialEvaluation Owed { get; private set; } = null!;
    public string DependencyName { get; private set; } = "";
    public string OutgoingName { get; private set; } = "";

    /// <summary>True when Talento Humano records on behalf of the outgoing evaluator.</summary>
    public bool OnBehalf { get; private set; }

    [BindProperty]
    public Guid Version { get; set; }

    [BindProperty]
    public List<Row> Goals { get; set; } = [];

    [BindProperty]
    public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, int? seq, CancellationToken ct)
    {
        if (await LoadAsync(id, seq, ct) is { } refused) return refused;
        Version = Evaluation.Version;
        Goals = Evaluation.OrderedGoals.Select(g => new Row { GoalNumber = g.Number }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int? seq, CancellationToken ct)
    {
        if (await LoadAsync(id, seq, ct) is { } refused) return refused;
        ModelState.Clear();
        var byGoal = Goals.Where(r => r is not null).GroupBy(r => r.GoalNumber).ToDictionary(g => g.Key, g => g.First());
        Goals = Evaluation.OrderedGoals.Select(g => byGoal.TryGetValue(g.Number, out var r) ? r : new Row { GoalNumber = g.Number }).ToList();
        var (goals, errors) = Parse(Goals);
        if (errors.Count > 0)
        {
            ModelState.AddFieldErrors(errors, "");
            return Page();
        }
        var sequence = Owed.Sequence;
        var evaluado = Case.Evaluado.FullName;
        var outcome = await workflow.RunAsync(Case, Version, e => e.RecordPartial(Case.Actor, sequence, goals, Comment, Case.Context.Now, Case.Period), ct);
        if (outcome.Succeeded)
        {
            TempData["Mensaje"] = EvaluationMessages.PartialEvaluationRecorded(evaluado, Owed.From, Owed.To);
            return OnBehalf ? RedirectToPage("/Evaluations/Admin/Admin", new { id }) : Redirect("/Pending");
        }
        foreach (var e in outcome.Errors) ModelState.AddModelError(e.Field, e.Message);
        if (outcome.IsStale) Version = Evaluation.Version;
        return Page();
    }

    /// <summary>Reads the rows: the % must be a whole number from 0 to 100 (the domain checks the rest).</summary>
    public static (List<PartialGoal> Goals, List<FieldError> Errors) Parse(IReadOnlyList<Row> rows)
    {
        var goals = new List<PartialGoal>();
        var errors = new List<FieldError>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var text = (r.AchievedPercent ?? "").Trim();
            var key = $"Goals[{i}].{nameof(PartialGoal.AchievedPercent)}";
            if (text.Length == 0)
            {
                errors.Add(new(key, EvaluationMessages.PartialPercentMissing(r.GoalNumber)));
                continue;
            }
            if (!FormInput.TryParseInt(text, out var percent))
            {
                errors.Add(new(key, EvaluationMessages.PartialPercentNotWhole(r.GoalNumber, text.Length > 20 ? text[..20] : text)));
                continue;
            }
            goals.Add(new PartialGoal { GoalNumber = r.GoalNumber, AchievedPercent = percent, Observation = r.Observation ?? "" });
        }
        return (goals, errors);
    }

    public string Invalid(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? "true" : "false";

    public string Percent(int goalNumber) =>
        Evaluation.Progress.Where(p => p.GoalNumber == goalNumber).OrderByDescending(p => p.FollowUp).Select(p => $"{p.AchievedPercent.ToString(CultureInfo.InvariantCulture)} %").FirstOrDefault()
        ?? "(sin reportar)";

    private async Task<IActionResult?> LoadAsync(int id, int? seq, CancellationToken ct)
    {
        var c = await workflow.LoadAsync(id, ct);
        if (c is null) return NotFound();
        var e = c.Evaluation;
        var mine = c.Actor.ServantId is { } me && !c.IsEvaluado ? e.PendingPartialOf(me) : null;
        PartialEvaluation? partial;
        if (mine is not null && (seq is null || seq == mine.Sequence))
            partial = mine;
        else if (c.Actor.IsTalentoHumano && !c.IsEvaluado)
        {
            partial = seq is { } s ? e.Partial(s) : e.Partials.FirstOrDefault(p => p.Status == PartialStatus.Pending);
            if (partial is null || partial.Status != PartialStatus.Pending) return NotFound();
            OnBehalf = true;
        }
        else return Forbid();
        Case = c;
        Owed = partial;
        DependencyName = await db.Dependencies.AsNoTracking().Where(d => d.Id == c.Evaluado.DependencyId).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? "";
        OutgoingName = await db.Servants.AsNoTracking().Where(s => s.Id == partial.EvaluatorId).Select(s => s.FirstNames + " " + s.LastNames).FirstOrDefaultAsync(ct) ?? "";
        return null;
    }
}
