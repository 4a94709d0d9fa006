using Egi.Domain.Calendar;
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

/// <summary>A plan's values as a person enters them, not yet checked.</summary>
public sealed record PlanValues(PlanKind? Kind, int? DependencyId, string? Name, string? Description);

/// <summary>An item's values as a person enters them (or a row of an import), not yet checked.</summary>
public sealed record PlanItemValues(string? Code, string? Name, string? Description, int? ResponsibleDependencyId);

/// <summary>
/// An institutional plan of one period: the Plan Nacional de Desarrollo, the Plan Estratégico Institucional, or the
/// plan de acción of one dependencia; a list of items the goals link to. The plan and its items change only through
/// it: each change is checked (<see cref="Validate"/>, <see cref="PlanItem.Validate"/>, a code once per plan), an item or
/// a plan a goal links to is not deleted, and every change is refused while the plan's period is closed (SPEC §3).
/// </summary>
public sealed class InstitutionalPlan
{
    public const int NameMax = 200;
    public const int DescriptionMax = 2000;

    private InstitutionalPlan()
    {
    }

    public int Id { get; private set; }
    public int PeriodId { get; private set; }
    public PlanKind Kind { get; private set; }

    /// <summary>The dependencia of a plan de acción; null for the PND and the PEI.</summary>
    public int? DependencyId { get; private set; }

    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";
    public List<PlanItem> Items { get; private set; } = [];

    /// <summary>
    /// A new plan of <paramref name="period"/>; null with the reasons when its values are refused or the period is
    /// closed.
    /// </summary>
    /// <param name="others">The period's plans (one plan of each kind, one plan de acción per dependencia).</param>
    /// <param name="dependencyName">The name of a dependencia, or null when there is none with that id.</param>
    public static (InstitutionalPlan? Plan, Outcome Outcome) Create(Period period, PlanValues values, IEnumerable<InstitutionalPlan> others,
        Func<int, string?> dependencyName)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(values);
        if (period.ReadOnlyRefusal() is { } closed) return (null, closed);
        var errors = Validate(values.Kind, values.DependencyId, values.Name, values.Description, others, dependencyName);
        if (errors.Count > 0) return (null, Outcome.From(errors));
        var plan = new InstitutionalPlan { PeriodId = period.Id };
        plan.Apply(values);
        return (plan, Outcome.Ok);
    }

    /// <summary>Changes the plan's kind, dependencia, name and description.</summary>
    /// <param name="others">The period's plans; the plan itself among them is ignored.</param>
    public Outcome Change(Period period, PlanValues values, IEnumerable<InstitutionalPlan> others, Func<int, string?> dependencyName)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(others);
        if (ReadOnly(period) is { } closed) return closed;
        var errors = Validate(values.Kind, values.DependencyId, values.Name, values.Description,
            others.Where(o => !ReferenceEquals(o, this) && (Id == 0 || o.Id != Id)), dependencyName);
        if (errors.Count > 0) return Outcome.From(errors);
        Apply(values);
        return Outcome.Ok;
    }

    /// <summary>
    /// Whether the plan may be deleted with its items: not while <paramref name="linkedGoals"/> goals link to them, nor
    /// while its period is closed. The caller removes it from the store when this succeeds.
    /// </summary>
    public Outcome CheckDeletion(Period period, int linkedGoals)
    {
        if (ReadOnly(period) is { } closed) return closed;
        return linkedGoals > 0
            ? Outcome.Refused($"No se puede eliminar el plan «{Name}»: {Goals(linkedGoals)} de la {period.Name} están vinculadas a sus ítems.")
            : Outcome.Ok;
    }

    /// <summary>Adds an item; <paramref name="added"/> is null when it is refused (its code is unique in the plan).</summary>
    /// <param name="dependencyExists">Whether there is a dependencia with that id.</param>
    public Outcome AddItem(Period period, PlanItemValues values, Func<int, bool> dependencyExists, out PlanItem? added)
    {
        ArgumentNullException.ThrowIfNull(values);
        added = null;
        if (ReadOnly(period) is { } closed) return closed;
        var errors = ItemErrors(null, values, dependencyExists);
        if (errors.Count > 0) return Outcome.From(errors);
        added = new PlanItem();
        added.Apply(values);
        Items.Add(added);
        return Outcome.Ok;
    }

    /// <summary>Changes one of its items (code, name, description, dependencia responsable).</summary>
    public Outcome ChangeItem(Period period, PlanItem item, PlanItemValues values, Func<int, bool> dependencyExists)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(values);
        if (ReadOnly(period) is { } closed) return closed;
        if (!Items.Contains(item)) return NotInPlan;
        var errors = ItemErrors(item, values, dependencyExists);
        if (errors.Count > 0) return Outcome.From(errors);
        item.Apply(values);
        return Outcome.Ok;
    }

    /// <summary>
    /// Removes one of its items (the row is deleted with the plan's next save), unless <paramref name="linkedGoals"/>
    /// goals link to it.
    /// </summary>
    public Outcome RemoveItem(Period period, PlanItem item, int linkedGoals)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (ReadOnly(period) is { } closed) return closed;
        if (!Items.Contains(item)) return NotInPlan;
        if (linkedGoals > 0)
            return Outcome.Refused($"No se puede eliminar el ítem «{item.Code} — {item.Name}»: {Goals(linkedGoals)} de la {period.Name} lo usan. " +
                "Primero esas metas deben vincularse a otro ítem; puede cambiar el nombre o la descripción del ítem en lugar de eliminarlo.");
        Items.Remove(item);
        return Outcome.Ok;
    }

    /// <summary>
    /// Applies an import checked against this plan's items (<see cref="PlanItemImport.Plan"/>): creates its new items and
    /// updates the existing ones, or nothing while the period is closed. An import with errors, or one planned against
    /// items this plan does not hold, is a caller's mistake.
    /// </summary>
    public Outcome ImportItems(Period period, PlanItemImportPlan import)
    {
        ArgumentNullException.ThrowIfNull(import);
        if (ReadOnly(period) is { } closed) return closed;
        if (!import.IsValid) throw new ArgumentException("Only a valid import is applied.", nameof(import));
        var byId = Items.Where(i => i.Id != 0).ToDictionary(i => i.Id);
        var updates = import.Updates.Select(u => (Item: u.ExistingId is { } id && byId.TryGetValue(id, out var item)
            ? item
            : throw new ArgumentException($"The import updates item {u.ExistingId}, which is not of plan {Id}.", nameof(import)), Row: u)).ToList();
        var codes = Items.Select(i => i.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (import.Creates.FirstOrDefault(c => codes.Contains(c.Code)) is { } taken)
            throw new ArgumentException($"The import creates item «{taken.Code}», which plan {Id} holds already.", nameof(import));
        foreach (var (item, row) in updates) item.Apply(row.Values);
        foreach (var row in import.Creates)
        {
            var created = new PlanItem();
            created.Apply(row.Values);
            Items.Add(created);
        }
        return Outcome.Ok;
    }

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

    private void Apply(PlanValues values)
    {
        Kind = values.Kind!.Value;
        DependencyId = values.DependencyId;
        Name = values.Name!.Trim();
        Description = (values.Description ?? "").Trim();
    }

    private List<FieldError> ItemErrors(PlanItem? item, PlanItemValues values, Func<int, bool> dependencyExists)
    {
        var others = Items.Where(i => !ReferenceEquals(i, item)).Select(i => PlanItem.NormalizeCode(i.Code)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return PlanItem.Validate(values.Code, values.Name, values.Description, values.ResponsibleDependencyId, others.Contains, dependencyExists).ToList();
    }

    /// <summary>
    /// SPEC §3: a closed period is read-only, its institutional plans too — every change is refused first while the
    /// plan's period is closed (Talento Humano may reopen the period). <paramref name="period"/> is the plan's own.
    /// </summary>
    private Outcome? ReadOnly(Period period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.ReadOnlyRefusalOf(PeriodId, "institutional plan");
    }

    private static Outcome NotInPlan => Outcome.Refused("El ítem ya no existe en este plan.");

    private static string Goals(int n) => n == 1 ? "1 meta" : $"{n} metas";
}

/// <summary>One line of a plan (a programa, objetivo estratégico or actividad): what a goal says it serves.</summary>
public sealed class PlanItem
{
    public const int CodeMax = 30;
    public const int NameMax = 300;
    public const int DescriptionMax = 2000;

    internal PlanItem()
    {
    }

    /// <summary>The store's identity (given by the database when the plan is saved).</summary>
    public int Id { get; set; }

    public int PlanId { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";
    public int? ResponsibleDependencyId { get; private set; }

    /// <summary>The values the item was saved with (an edit form's starting point, an import's comparison).</summary>
    public PlanItemValues ToValues() => new(Code, Name, Description, ResponsibleDependencyId);

    internal void Apply(PlanItemValues values)
    {
        Code = NormalizeCode(values.Code);
        Name = values.Name!.Trim();
        Description = (values.Description ?? "").Trim();
        ResponsibleDependencyId = values.ResponsibleDependencyId;
    }

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
