using Egi.Domain.Evaluations;

namespace Egi.Web.Features.Shared;

/// <summary>A change the evaluator made to a goal, as a person reads it (the evaluation's pages and the activity records).</summary>
public static class GoalChangeText
{
    /// <summary>A goal field's value: percentages with «%», empty as «(vacío)».</summary>
    public static string Show(string field, string? value) => value switch
    {
        null or "" => "(vacío)",
        _ when field is nameof(Goal.Weight) or nameof(Goal.AgreedFirstFollowUpPercent) or nameof(GoalProgress.AchievedPercent) => $"{value} %",
        _ => value,
    };

    /// <summary>The before of a change: a goal that did not exist reads «(meta nueva)».</summary>
    public static string Before(FieldChange c) => c.Field == FieldChange.WholeGoal && c.Before is null ? "(meta nueva)" : Show(c.Field, c.Before);

    public static string After(FieldChange c) => c.Field == FieldChange.WholeGoal && c.After is null ? "(meta eliminada)" : Show(c.Field, c.After);
}
