using Egi.Domain.Common;

namespace Egi.Domain.Evaluations;

/// <summary>A goal (meta y objetivo) as agreed or proposed (SPEC §4).</summary>
public sealed record Goal
{
    public int Number { get; init; }
    public string Description { get; init; } = "";
    public int Weight { get; init; }
    public string ExpectedEvidence { get; init; } = "";

    /// <summary>Porcentaje de cumplimiento pactado para el primer seguimiento (0–100).</summary>
    public int AgreedFirstFollowUpPercent { get; init; }

    public DateOnly? DueDate { get; init; }

    /// <summary>The institutional plan item it serves (PND, PEI or plan de acción line of the period, SPEC §7).</summary>
    public int? PlanItemId { get; init; }

    /// <summary>
    /// How the plan item read when the goal was saved ("PEI 2.1 — Name"): the versions keep what the people saw,
    /// even if Planeación renames the item later. Not a field of its own: it follows <see cref="PlanItemId"/>.
    /// </summary>
    public string? PlanItemLabel { get; init; }

    public const int DescriptionMax = 1000;
    public const int EvidenceMax = 500;

    /// <summary>The fields a goal has, with their Spanish names (for messages and change justifications).</summary>
    public static IReadOnlyList<(string Field, string Label)> Fields { get; } =
    [
        (nameof(Description), "Descripción"),
        (nameof(Weight), "Peso"),
        (nameof(ExpectedEvidence), "Evidencia esperada"),
        (nameof(AgreedFirstFollowUpPercent), "% pactado para el primer seguimiento"),
        (nameof(DueDate), "Fecha de cumplimiento"),
        (nameof(PlanItemId), "Ítem del plan institucional"),
    ];

    public static string FieldLabel(string field) => Fields.FirstOrDefault(f => f.Field == field).Label ?? field;

    public string? ValueOf(string field) => field switch
    {
        nameof(Description) => Description,
        nameof(Weight) => Weight.ToString(System.Globalization.CultureInfo.InvariantCulture),
        nameof(ExpectedEvidence) => ExpectedEvidence,
        nameof(AgreedFirstFollowUpPercent) => AgreedFirstFollowUpPercent.ToString(System.Globalization.CultureInfo.InvariantCulture),
        nameof(DueDate) => DueDate?.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture),
        nameof(PlanItemId) => PlanItemId is null ? null : PlanItemLabel ?? $"Ítem n.º {PlanItemId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        _ => null,
    };

    /// <summary>What identifies the value of a field when comparing two versions (the plan item by its id, not its label).</summary>
    public string? KeyOf(string field) =>
        field == nameof(PlanItemId) ? PlanItemId?.ToString(System.Globalization.CultureInfo.InvariantCulture) : ValueOf(field);

    /// <summary>Field errors of one goal. Keys are "Goals[i].Field" so pages can show them next to the input.</summary>
    public IEnumerable<FieldError> Validate(int index, int periodYear, bool complete)
    {
        var key = $"Goals[{index}]";
        var n = index + 1;
        if (complete && string.IsNullOrWhiteSpace(Description))
            yield return new($"{key}.{nameof(Description)}", $"Meta {n}: escriba la descripción (verbo + objeto + resultado esperado).");
        if (Description.Length > DescriptionMax)
            yield return new($"{key}.{nameof(Description)}", $"Meta {n}: la descripción admite máximo {DescriptionMax} caracteres.");
        if (Weight < 0 || Weight > 100 || (complete && Weight == 0))
            yield return new($"{key}.{nameof(Weight)}", $"Meta {n}: el peso debe ser un número entero entre 1 y 100.");
        if (complete && string.IsNullOrWhiteSpace(ExpectedEvidence))
            yield return new($"{key}.{nameof(ExpectedEvidence)}", $"Meta {n}: indique la evidencia esperada.");
        if (ExpectedEvidence.Length > EvidenceMax)
            yield return new($"{key}.{nameof(ExpectedEvidence)}", $"Meta {n}: la evidencia esperada admite máximo {EvidenceMax} caracteres.");
        if (AgreedFirstFollowUpPercent < 0 || AgreedFirstFollowUpPercent > 100)
            yield return new($"{key}.{nameof(AgreedFirstFollowUpPercent)}", $"Meta {n}: el porcentaje pactado para el primer seguimiento debe estar entre 0 y 100.");
        if (complete && DueDate is null)
            yield return new($"{key}.{nameof(DueDate)}", $"Meta {n}: indique la fecha de cumplimiento (dd/mm/aaaa).");
        if (DueDate is { } d && d.Year != periodYear)
            yield return new($"{key}.{nameof(DueDate)}", $"Meta {n}: la fecha de cumplimiento debe estar dentro de la vigencia {periodYear}.");
    }

    /// <summary>
    /// The link to the institutional plans (SPEC §4 and §7): the item must be one of the period's plans
    /// (<paramref name="planItems"/>; null when the caller does not check it), and, when the period's setting
    /// <see cref="Calendar.PeriodSettings.RequirePlanLink"/> is on, a complete goal must have one.
    /// </summary>
    public IEnumerable<FieldError> ValidatePlanLink(int index, int periodYear, bool required, PlanItemLookup? planItems)
    {
        var key = $"Goals[{index}].{nameof(PlanItemId)}";
        var n = index + 1;
        if (PlanItemId is { } id && planItems is not null && !planItems.Labels.ContainsKey(id))
            yield return new(key, $"Meta {n}: el «Ítem del plan institucional» elegido no es de los planes de la vigencia {periodYear}. Elija un ítem de la lista.");
        else if (required && PlanItemId is null)
            yield return new(key, planItems is { PeriodHasItems: false }
                ? $"Meta {n}: la vigencia {periodYear} exige el «Ítem del plan institucional», pero Planeación aún no ha registrado planes. Avise a Talento Humano."
                : $"Meta {n}: elija el «Ítem del plan institucional» (PND, PEI o plan de acción) al que sirve la meta.");
    }

    /// <summary>All the rules of a set of goals in its evaluation's context: the period's settings, year and plan items.</summary>
    public static IReadOnlyList<FieldError> ValidateSet(IReadOnlyList<Goal> goals, EvaluationContext ctx, bool complete)
    {
        var errors = ValidateSet(goals, ctx.Period.Settings, ctx.Period.Year, complete).ToList();
        for (var i = 0; i < goals.Count; i++)
            errors.AddRange(goals[i].ValidatePlanLink(i, ctx.Period.Year, complete && ctx.Period.Settings.RequirePlanLink, ctx.PlanItems));
        return errors;
    }

    /// <summary>Rules of a whole set of goals: count within the settings and weights adding up to exactly 100.</summary>
    public static IReadOnlyList<FieldError> ValidateSet(IReadOnlyList<Goal> goals, Calendar.PeriodSettings settings, int periodYear, bool complete)
    {
        var errors = new List<FieldError>();
        if (goals.Count > settings.MaxGoals)
            errors.Add(new("Goals", $"Puede registrar máximo {settings.MaxGoals} metas (tiene {goals.Count})."));
        if (complete && goals.Count < settings.MinGoals)
            errors.Add(new("Goals", $"Debe registrar al menos {settings.MinGoals} meta{(settings.MinGoals == 1 ? "" : "s")}."));
        for (var i = 0; i < goals.Count; i++) errors.AddRange(goals[i].Validate(i, periodYear, complete));
        if (complete && goals.Count > 0 && goals.Sum(g => g.Weight) != 100)
            errors.Add(new("Goals", $"La suma de los pesos debe ser 100 % (ahora suma {goals.Sum(g => g.Weight)} %)."));
        return errors;
    }
}

/// <summary>A change the evaluator made to one field of one goal, with its justification.</summary>
public sealed record FieldChange(int GoalNumber, string Field, string? Before, string? After, string Justification)
{
    /// <summary>Field used when a whole goal is added or removed.</summary>
    public const string WholeGoal = "Goal";

    /// <summary>The Spanish name of the changed field: a goal's field, or a follow-up's (% logrado, relato del avance).</summary>
    public string FieldLabel => Field == WholeGoal ? "Meta completa" : Evaluation.ProgressFieldLabel(Field);

    /// <summary>Key of the justification of a change: "3.Weight", or "3.Goal" for an added/removed goal.</summary>
    public static string Key(int goalNumber, string field) => $"{goalNumber}.{field}";

    /// <summary>Every difference between two sets of goals, matched by goal number.</summary>
    public static IReadOnlyList<FieldChange> Diff(IReadOnlyList<Goal> before, IReadOnlyList<Goal> after)
    {
        var changes = new List<FieldChange>();
        var numbers = before.Select(g => g.Number).Union(after.Select(g => g.Number)).Order();
        foreach (var n in numbers)
        {
            var b = before.FirstOrDefault(g => g.Number == n);
            var a = after.FirstOrDefault(g => g.Number == n);
            if (b is null) changes.Add(new(n, WholeGoal, null, a!.Description, ""));
            else if (a is null) changes.Add(new(n, WholeGoal, b.Description, null, ""));
            else
            {
                foreach (var (field, _) in Goal.Fields)
                    if (b.KeyOf(field) != a.KeyOf(field)) changes.Add(new(n, field, b.ValueOf(field), a.ValueOf(field), ""));
            }
        }
        return changes;
    }
}
