using Egi.Domain.Common;

namespace Egi.Domain.Planning;

/// <summary>The kinds of institutional plan that feed the goals (SPEC §7, activity 1 of P-TH-10).</summary>
public enum PlanKind
{
    /// <summary>Plan Nacional de Desarrollo.</summary>
    NationalDevelopment = 1,

    /// <summary>Plan Estratégico Institucional.</summary>
    Strategic = 2,

    /// <summary>Plan de acción of one dependencia.</summary>
    Action = 3,
}

public static class PlanKindText
{
    public static string Label(this PlanKind kind) => kind switch
    {
        PlanKind.NationalDevelopment => "Plan Nacional de Desarrollo",
        PlanKind.Strategic => "Plan Estratégico Institucional",
        PlanKind.Action => "Plan de acción",
        _ => kind.ToString(),
    };

    public static string Short(this PlanKind kind) => kind switch
    {
        PlanKind.NationalDevelopment => "PND",
        PlanKind.Strategic => "PEI",
        PlanKind.Action => "Plan de acción",
        _ => kind.ToString(),
    };
}

/// <summary>
/// An institutional plan of one period: the Plan Nacional de Desarrollo, the Plan Estratégico Institucional, or the
/// plan de acción of one dependencia; a list of items the goals link to.
/// </summary>
public sealed class InstitutionalPlan
{
    public const int NameMax = 200;
    public const int DescriptionMax = 2000;

    public int Id { get; set; }
    public int PeriodId { get; set; }
    public PlanKind Kind { get; set; }

    /// <summary>The dependencia of a plan de acción; null for the PND and the PEI.</summary>
    public int? DependencyId { get; set; }

    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public List<PlanItem> Items { get; set; } = [];

    /// <summary>
    /// Checks a plan before it is saved: a name, a dependencia exactly for a plan de acción, and one plan of each
    /// kind per period (one plan de acción per dependencia).
    /// </summary>
    /// <param name="others">The other plans of the same period.</param>
    public static IReadOnlyList<FieldError> Validate(PlanKind? kind, int? dependencyId, string? name, string? description,
        IEnumerable<InstitutionalPlan> others, Func<int, string?> dependencyName)
    {
        var errors = new List<FieldError>();
        if (kind is null || !Enum.IsDefined(kind.Value))
            errors.Add(new("Kind", "Elija el «Tipo de plan»: Plan Nacional de Desarrollo, Plan Estratégico Institucional o Plan de acción."));
        if (string.IsNullOrWhiteSpace(name)) errors.Add(new("Name", "El campo «Nombre del plan» es obligatorio."));
        else if (name.Trim().Length > NameMax) errors.Add(new("Name", $"El campo «Nombre del plan» admite máximo {NameMax} caracteres."));
        if ((description ?? "").Trim().Length > DescriptionMax)
            errors.Add(new("Description", $"El campo «Descripción» admite máximo {DescriptionMax} caracteres."));
        if (kind == PlanKind.Action)
        {
            if (dependencyId is null)
                errors.Add(new("DependencyId", "Un plan de acción es de una dependencia: elija la «Dependencia»."));
            else if (dependencyName(dependencyId.Value) is null)
                errors.Add(new("DependencyId", "La «Dependencia» elegida no existe."));
            else if (others.Any(o => o.Kind == PlanKind.Action && o.DependencyId == dependencyId))
                errors.Add(new("DependencyId", $"La dependencia «{dependencyName(dependencyId.Value)}» ya tiene un plan de acción en esta vigencia: agregue los ítems a ese plan."));
        }
        else if (kind is { } k && Enum.IsDefined(k))
        {
            if (dependencyId is not null)
                errors.Add(new("DependencyId", $"El {k.Label()} es de toda la entidad: deje la «Dependencia» vacía (solo los planes de acción son de una dependencia)."));
            if (others.Any(o => o.Kind == k))
                errors.Add(new("Kind", $"Ya existe un {k.Label()} en esta vigencia: agregue los ítems a ese plan."));
        }
        return errors;
    }
}

/// <summary>One line of a plan (a programa, objetivo estratégico or actividad): what a goal says it serves.</summary>
public sealed class PlanItem
{
    public const int CodeMax = 30;
    public const int NameMax = 300;
    public const int DescriptionMax = 2000;

    public int Id { get; set; }
    public int PlanId { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public int? ResponsibleDependencyId { get; set; }

    /// <summary>How the item is shown in lists: "PEI 2.1 — Name".</summary>
    public static string Label(PlanKind kind, string code, string name) => $"{kind.Short()} {code} — {name}";

    public static string NormalizeCode(string? code) => (code ?? "").Trim();

    /// <summary>Field rules of an item, and its code unique within its plan (without regard to case).</summary>
    public static IReadOnlyList<FieldError> Validate(string? code, string? name, string? description, int? responsibleDependencyId,
        Func<string, bool> codeTakenByOther, Func<int, bool> dependencyExists)
    {
        var errors = new List<FieldError>();
        var c = NormalizeCode(code);
        if (c.Length == 0) errors.Add(new("Code", "El campo «Código» es obligatorio (por ejemplo: 2.1)."));
        else if (c.Length > CodeMax) errors.Add(new("Code", $"El campo «Código» admite máximo {CodeMax} caracteres."));
        else if (codeTakenByOther(c)) errors.Add(new("Code", $"Ya existe otro ítem con el código «{c}» en este plan: cada código va una sola vez."));
        if (string.IsNullOrWhiteSpace(name)) errors.Add(new("Name", "El campo «Nombre» del ítem es obligatorio."));
        else if (name.Trim().Length > NameMax) errors.Add(new("Name", $"El campo «Nombre» admite máximo {NameMax} caracteres."));
        if ((description ?? "").Trim().Length > DescriptionMax)
            errors.Add(new("Description", $"El campo «Descripción» admite máximo {DescriptionMax} caracteres."));
        if (responsibleDependencyId is { } d && !dependencyExists(d))
            errors.Add(new("ResponsibleDependencyId", "La «Dependencia responsable» elegida no existe."));
        return errors;
    }
}
