using Egi.Domain.Common;

namespace Egi.Domain.Process;

/// <summary>The status of an activity of the annual work plan (activity 3).</summary>
public enum WorkPlanStatus
{
    Pending = 1,
    InProgress = 2,
    Done = 3,
}

/// <summary>What Talento Humano types for one activity of the work plan.</summary>
public sealed record WorkPlanActivityInput(
    string? Name,
    string? Responsible,
    DateOnly? Start,
    DateOnly? End,
    WorkPlanStatus? Status,
    int? PercentDone,
    string? Observations);

public static class WorkPlanRules
{
    public const int NameMax = 400;
    public const int ResponsibleMax = 200;
    public const int ObservationsMax = 2000;

    public static IReadOnlyList<WorkPlanStatus> Statuses { get; } = Enum.GetValues<WorkPlanStatus>();

    public static string Label(this WorkPlanStatus status) => status switch
    {
        WorkPlanStatus.Pending => "Pendiente",
        WorkPlanStatus.InProgress => "En curso",
        WorkPlanStatus.Done => "Terminada",
        _ => status.ToString(),
    };

    /// <summary>Checks one activity; the field names are those of the input.</summary>
    public static IReadOnlyList<FieldError> Validate(WorkPlanActivityInput input)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(input.Name))
            errors.Add(new(nameof(input.Name), "Escriba la «Actividad»: qué se hará."));
        else if (input.Name.Trim().Length > NameMax)
            errors.Add(new(nameof(input.Name), $"La «Actividad» admite máximo {NameMax} caracteres."));
        if (string.IsNullOrWhiteSpace(input.Responsible))
            errors.Add(new(nameof(input.Responsible), "Escriba el «Responsable» de la actividad."));
        else if (input.Responsible.Trim().Length > ResponsibleMax)
            errors.Add(new(nameof(input.Responsible), $"El «Responsable» admite máximo {ResponsibleMax} caracteres."));
        if (input.Start is null)
            errors.Add(new(nameof(input.Start), "Escriba la «Fecha de inicio» como dd/mm/aaaa."));
        if (input.End is null)
            errors.Add(new(nameof(input.End), "Escriba la «Fecha de fin» como dd/mm/aaaa."));
        if (input.Start is { } s && input.End is { } e && e < s)
            errors.Add(new(nameof(input.End), $"La «Fecha de fin» ({e:dd/MM/yyyy}) no puede ser anterior a la de inicio ({s:dd/MM/yyyy})."));
        if (input.Status is null || !Enum.IsDefined(input.Status.Value))
            errors.Add(new(nameof(input.Status), "Elija el «Estado»: Pendiente, En curso o Terminada."));
        if (input.PercentDone is null or < 0 or > 100)
            errors.Add(new(nameof(input.PercentDone), "El «% de avance» debe ser un número entero entre 0 y 100."));
        else if (input.Status == WorkPlanStatus.Done && input.PercentDone != 100)
            errors.Add(new(nameof(input.PercentDone), "Una actividad «Terminada» tiene 100 % de avance: corrija el % o el estado."));
        else if (input.Status == WorkPlanStatus.Pending && input.PercentDone > 0)
            errors.Add(new(nameof(input.PercentDone), "Una actividad «Pendiente» tiene 0 % de avance: márquela «En curso» o deje el % en 0."));
        if ((input.Observations?.Trim().Length ?? 0) > ObservationsMax)
            errors.Add(new(nameof(input.Observations), $"Las «Observaciones» admiten máximo {ObservationsMax} caracteres."));
        return errors;
    }
}
