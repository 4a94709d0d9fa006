namespace Egi.Domain.Evaluations;

/// <summary>Who acts on an evaluation: a person of the directory (ServantId) and/or Talento Humano.</summary>
public sealed record Actor(string UserId, int? ServantId, string Name, bool IsTalentoHumano = false);

/// <summary>What the evaluation needs to know of its period and servant to apply the window rules.</summary>
public sealed record EvaluationContext(DateOnly Today, DateTime Now, Calendar.Period Period, DateOnly EvaluadoHireDate)
{
    /// <summary>The items of the period's institutional plans the goals being saved name (see <see cref="PlanItemLookup"/>); null: not checked.</summary>
    public PlanItemLookup? PlanItems { get; init; }
}

/// <summary>
/// What a save of goals checks their links against: the items of the period's plans among those the goals name (id →
/// label; an id absent is not of the period) and whether the period has any item at all (a goal that must name one,
/// while it has none, is told that Planeación has not registered the plans). A large entity's plans have hundreds of
/// items: a save reads only those its goals name.
/// </summary>
public sealed record PlanItemLookup(IReadOnlyDictionary<int, string> Labels, bool PeriodHasItems)
{
    /// <summary>The lookup of every item of a period.</summary>
    public static PlanItemLookup Of(IReadOnlyDictionary<int, string> all) => new(all, all.Count > 0);
}
