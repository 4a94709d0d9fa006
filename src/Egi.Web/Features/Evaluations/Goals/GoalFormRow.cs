using System.Globalization;
using Egi.Domain.Common;
using Egi.Domain.Evaluations;
using Egi.Web.Features.Shared;

namespace Egi.Web.Features.Evaluations;

/// <summary>One goal row of the formulation form, as typed: text, so whatever was typed comes back on an error.</summary>
public sealed class GoalFormRow
{
    /// <summary>0 for a goal the person adds; the goal's number when editing existing goals.</summary>
    public int Number { get; set; }

    public string? Description { get; set; }
    public string? Weight { get; set; }
    public string? ExpectedEvidence { get; set; }
    public string? AgreedFirstFollowUpPercent { get; set; }

    /// <summary>yyyy-MM-dd (what a date input sends) or dd/MM/yyyy (what a person types).</summary>
    public string? DueDate { get; set; }

    /// <summary>The institutional plan item the goal serves (a <c>&lt;select&gt;</c> of the period's plan items).</summary>
    public int? PlanItemId { get; set; }

    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(Weight) && string.IsNullOrWhiteSpace(ExpectedEvidence)
        && string.IsNullOrWhiteSpace(AgreedFirstFollowUpPercent) && string.IsNullOrWhiteSpace(DueDate) && PlanItemId is null;

    public static GoalFormRow From(Goal g) => new()
    {
        Number = g.Number,
        Description = g.Description,
        Weight = g.Weight == 0 ? "" : g.Weight.ToString(CultureInfo.InvariantCulture),
        ExpectedEvidence = g.ExpectedEvidence,
        AgreedFirstFollowUpPercent = g.AgreedFirstFollowUpPercent.ToString(CultureInfo.InvariantCulture),
        DueDate = g.DueDate is { } d ? DateText.Iso(d) : "",
        PlanItemId = g.PlanItemId,
    };

    /// <summary>
    /// Reads the typed rows. What cannot be read gets a Spanish message keyed "Goals[i].Field" (the domain's keys).
    /// A blank weight or % reads as 0 in a draft; when <paramref name="complete"/> a blank % is asked for (0 is a valid answer).
    /// With <paramref name="keepNumbers"/> the goals keep the numbers posted (the evaluator edits existing goals), else 1, 2, 3…
    /// <paramref name="planItems"/> (the items the goals name, with their labels) gives each linked goal the label it is saved with.
    /// </summary>
    public static (List<Goal> Goals, List<FieldError> Errors) Parse(IReadOnlyList<GoalFormRow> rows, bool complete, bool keepNumbers = false,
        PlanItemLookup? planItems = null)
    {
        var goals = new List<Goal>();
        var errors = new List<FieldError>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var key = $"Goals[{i}]";
            var n = i + 1;
            var weight = 0;
            if (!string.IsNullOrWhiteSpace(r.Weight) && !FormInput.TryParseInt(r.Weight, out weight))
                errors.Add(new($"{key}.{nameof(Goal.Weight)}", EvaluationMessages.GoalWeightNotWhole(n, r.Weight.Trim())));
            var agreed = 0;
            if (string.IsNullOrWhiteSpace(r.AgreedFirstFollowUpPercent))
            {
                if (complete)
                    errors.Add(new($"{key}.{nameof(Goal.AgreedFirstFollowUpPercent)}", EvaluationMessages.AgreedPercentMissing(n)));
            }
            else if (!FormInput.TryParseInt(r.AgreedFirstFollowUpPercent, out agreed))
                errors.Add(new($"{key}.{nameof(Goal.AgreedFirstFollowUpPercent)}", EvaluationMessages.AgreedPercentNotWhole(n, r.AgreedFirstFollowUpPercent.Trim())));
            DateOnly? due = null;
            if (!string.IsNullOrWhiteSpace(r.DueDate))
            {
                if (FormInput.TryParseDate(r.DueDate, out var d)) due = d;
                else errors.Add(new($"{key}.{nameof(Goal.DueDate)}", EvaluationMessages.GoalDueDateInvalid(n)));
            }
            goals.Add(new Goal
            {
                Number = keepNumbers ? r.Number : n,
                Description = (r.Description ?? "").Trim(),
                Weight = weight,
                ExpectedEvidence = (r.ExpectedEvidence ?? "").Trim(),
                AgreedFirstFollowUpPercent = agreed,
                DueDate = due,
                PlanItemId = r.PlanItemId,
                PlanItemLabel = r.PlanItemId is { } item ? planItems?.Labels.GetValueOrDefault(item) : null,
            });
        }
        return (goals, errors);
    }
}
