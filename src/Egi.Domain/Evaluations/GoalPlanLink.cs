namespace Egi.Domain.Evaluations;

/// <summary>
/// One current goal of an evaluation and the institutional plan item it serves, if any (SPEC §7): the rows that tell
/// which items have goals, how many and from whom, and how many goals serve no item, without reading the goals of every
/// evaluation of the period. Derived from <see cref="Evaluation.Goals"/> (<see cref="Evaluation.GoalPlanLinks"/>) and
/// stored again by every save that changes an evaluation's goals, in the same transaction.
/// </summary>
public sealed class GoalPlanLink
{
    public int EvaluationId { get; set; }

    /// <summary>The goal's place among the evaluation's goals (0, 1, …), in the order of their numbers.</summary>
    public int Position { get; set; }

    public int GoalNumber { get; set; }
    public int PeriodId { get; set; }
    public int EvaluadoId { get; set; }

    /// <summary>Null for a goal that serves no plan item.</summary>
    public int? PlanItemId { get; set; }
}

public sealed partial class Evaluation
{
    /// <summary>One <see cref="GoalPlanLink"/> per current goal, in the order of their numbers (the evaluation's id must be set).</summary>
    public IEnumerable<GoalPlanLink> GoalPlanLinks() =>
        OrderedGoals.Select((g, i) => new GoalPlanLink
        {
            EvaluationId = Id,
            Position = i,
            GoalNumber = g.Number,
            PeriodId = PeriodId,
            EvaluadoId = EvaluadoId,
            PlanItemId = g.PlanItemId,
        });
}
