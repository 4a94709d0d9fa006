namespace Egi.Domain.Scoring;

/// <summary>How partial evaluations (change of evaluator) enter the final rating: a period setting.</summary>
public enum PartialEvaluationRule
{
    /// <summary>(default) The goals component uses the last evaluator's second follow-up; partials are shown, informative.</summary>
    LastEvaluator = 0,

    /// <summary>
    /// The goals component is the average of each evaluator's goals score (each recorded partial, and the last
    /// evaluator's second follow-up) weighted by the calendar days of the period each one covered.
    /// </summary>
    WeightedByTime = 1,
}

public static class PartialEvaluationRuleExtensions
{
    public static string Label(this PartialEvaluationRule rule) => rule switch
    {
        PartialEvaluationRule.LastEvaluator => "Seguimiento del último evaluador (las parciales son informativas)",
        PartialEvaluationRule.WeightedByTime => "Promedio de los evaluadores ponderado por los días que cubrió cada uno",
        _ => rule.ToString(),
    };
}
