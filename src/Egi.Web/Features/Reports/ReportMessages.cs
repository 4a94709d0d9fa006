using Egi.Domain.Process;

namespace Egi.Web.Features.Reports;

/// <summary>
/// Every filter error and confirmation the report pages show (the stage reports, the control report, issued reports), in
/// one place. Column headers and the wording of figures stay with the report that lays them out (<c>Stage1Text</c>, <c>IssuedText</c>…).
/// </summary>
public static class ReportMessages
{
    // Filters
    public const string FilterDependencyNotFound = "La «Dependencia» elegida no existe: elija una de la lista o «Todas».";
    public const string FilterStage1StatusNotFound = "El «Estado de la etapa 1» elegido no existe: elija uno de la lista o «Todos».";
    public const string FilterEarlyWarningsInvalid = "«Solo alertas tempranas» se marca o se deja sin marcar: el valor recibido no es válido.";
    public static string SearchTooLong(int max) => $"La «Búsqueda» admite máximo {max} caracteres.";
    public static string SemesterNotFound(string period) => $"El «Semestre» debe ser uno de los de la {period} y el año siguiente: elija uno de la lista.";

    // Issued reports
    public const string ReplacedReportNotFound = "El informe que se reemplaza no existe: elija uno de la lista o «Ninguno».";
    public static string ReportJustReplaced(string number) =>
        $"El informe {number} acaba de ser reemplazado por otra persona: revise la lista de informes emitidos.";
    public static string ReportIssued(IssuedReportKind kind, string period, string number) =>
        $"Se emitió el {kind.Noun()} de la {period} ({number}): sus cifras quedan congeladas a hoy.";
}
