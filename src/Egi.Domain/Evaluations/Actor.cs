namespace Egi.Domain.Evaluations;

/// <summary>Who acts on an evaluation: a person of the directory (ServantId) and/or Talento Humano.</summary>
public sealed record Actor(string UserId, int? ServantId, string Name, bool IsTalentoHumano = false);

/// <summary>What the evaluation needs to know of its period and servant to apply the window rules.</summary>
public sealed record EvaluationContext(DateOnly Today, DateTime Now, Calendar.Period Period, DateOnly EvaluadoHireDate)
{
    /// <summary>The items of the period's institutional plans a goal may link to (id → label); null: not checked.</summary>
    public IReadOnlyDictionary<int, string>? PlanItems { get; init; }
}
