namespace Egi.Web.Features.WorkPlan;

/// <summary>
/// Every confirmation and form error the annual work plan pages show, in one place (the progress each activity reads, «3 de 5
/// sesiones realizadas», is worded where it is measured, in <see cref="WorkPlanProgress"/>).
/// </summary>
public static class WorkPlanMessages
{
    public static string AlreadyExists(string period) => $"La {period} ya tiene plan de trabajo.";
    public static string Created(string period) =>
        $"Se creó el plan de trabajo de la {period} con las 20 actividades del procedimiento y las fechas del calendario de la vigencia.";
    public static string ActivityDeleted(string activity) => $"Se eliminó la actividad «{activity}» del plan de trabajo.";
    public const string ActivityAdded = "Se agregó la actividad al plan de trabajo.";
    public const string ActivitySaved = "Se guardaron los cambios de la actividad.";
    public static string StartInvalid(string? typed) => $"La «Fecha de inicio» «{typed}» no es válida: escríbala como dd/mm/aaaa.";
    public static string EndInvalid(string? typed) => $"La «Fecha de fin» «{typed}» no es válida: escríbala como dd/mm/aaaa.";
    public static string PercentInvalid(string? typed) => $"El «% de avance» «{typed}» no es un número entero entre 0 y 100.";
}
