using System.Globalization;
using Egi.Domain.Calendar;

namespace Egi.Web.Features.Improvement;

/// <summary>Every confirmation, refusal and form error the improvement-plan pages and the EDL import show, in one place.</summary>
public static class ImprovementMessages
{
    public const string ImportCancelled = "Importación cancelada: no se guardó ningún cambio.";
    public const string PlanAgreed = "Plan concertado: el jefe y el servidor lo confirmaron.";
    public const string ConfirmedWaitingOther = "Usted confirmó el plan. Falta la confirmación de la otra parte.";
    public const string FollowUpDateInvalid = "La «Fecha» del seguimiento no es una fecha válida (dd/mm/aaaa).";
    public static string FormatsOutsideWindow(string start, string end) =>
        $"La etapa «Mejoramiento individual» está cerrada (ventana del {start} al {end}): los formatos se envían dentro de ella. "
        + "Para enviarlos fuera de esas fechas, ajuste la ventana en el calendario de la vigencia.";
    public const string ReopenUntilInvalid = "«Abierta hasta» no es una fecha válida (dd/mm/aaaa).";
    public static string Reopened(string until) => $"Etapa de mejoramiento reabierta para esta persona hasta el {until}.";
    public const string FollowUpPercentInvalid = "El «Avance (%)» debe ser un número entero entre 0 y 100.";
    public static string AspectDateInvalid(int aspect, string label) => $"Aspecto {aspect}: la «{label}» no es una fecha válida (dd/mm/aaaa).";
    public const string ChoosePlans = "Seleccione al menos un plan para enviarle el recordatorio.";

    /// <summary>The list's header: the period's «Mejoramiento individual» window and what it means today.</summary>
    public static string StageWindow(Period period, DateOnly today)
    {
        var w = period.Window(Stage.Improvement);
        var state = today < w.Start ? "aún no abre"
            : today > w.End ? "está cerrada: solo se diligencian y se recuerdan los planes que Talento Humano reabra para la persona (desde el plan)"
            : "está abierta";
        return $"Etapa «{Stage.Improvement.Label()}» de la {period.Name}: del {w.Start:dd/MM/yyyy} al {w.End:dd/MM/yyyy}; hoy {state}.";
    }

    public const string NoReminderSent = "No se envió ningún recordatorio: los planes elegidos están cerrados, retirados o fuera de la ventana de la etapa «Mejoramiento individual».";
    public static string RemindersSent(int n) => $"Se enviaron {n.ToString(CultureInfo.InvariantCulture)} recordatorio(s) de planes de mejoramiento.";
    public const string NoFormatToSend = "No hay formatos por enviar: todas las personas de la lista ya lo recibieron.";
    public static string FormatsSent(int n) =>
        $"Se envió el formato de mejoramiento individual de {n.ToString(CultureInfo.InvariantCulture)} persona(s) a cada servidor y su jefe.";
    public const string ChoosePersonFromList = "Elija una persona de la lista.";
    public const string ChooseCandidate = "Elija en «Persona» a alguien con evaluación finalizada en la vigencia o con resultado de la EDL del año.";
    public static string RemovedFromPlans(string servant, string period) => $"Se retiró a {servant} de los planes de mejoramiento de la {period}.";
    public static string AddedToPlans(string servant, string period) => $"Se agregó a {servant} a los planes de mejoramiento de la {period}.";

    // The plan page
    public const string StalePlan = "Otra persona modificó este plan mientras usted lo tenía abierto. Recargue la página para ver los cambios y vuelva a intentarlo.";
    public const string AspectsSaved = "Se guardaron los aspectos del plan. Ahora el jefe y el servidor deben confirmarlo.";
    public static string FollowUpRecorded(int progress) => $"Se registró el seguimiento con avance del {progress} %.";
    public const string PlanClosed = "El plan de mejoramiento quedó cerrado.";

    // EDL results import
    public const string EdlFileMissing = "Elija el archivo .xlsx o .csv con los resultados de la EDL que desea importar.";
    public const string EdlImportConcurrentChange =
        "No se pudo guardar la importación: otra persona importó resultados de la EDL al mismo tiempo. Cargue el archivo de nuevo para ver los cambios actuales.";
    public static string EdlImportApplied(string fileName, int created, int replaced, int unchanged) =>
        $"Importación de «{fileName}» aplicada. Resultados de la EDL nuevos: {created.ToString(CultureInfo.InvariantCulture)}; " +
        $"reemplazados: {replaced.ToString(CultureInfo.InvariantCulture)}; sin cambios: {unchanged.ToString(CultureInfo.InvariantCulture)}.";

    /// <summary>The notes of the EDL results import template («Instrucciones»).</summary>
    public static IReadOnlyList<string> EdlTemplateNotes { get; } =
    [
        "La primera fila lleva los encabezados; cada fila siguiente es el resultado de un servidor de carrera administrativa en un año. Las columnas pueden ir en cualquier orden; las demás columnas que exporte el aplicativo de la EDL (nombre, cargo…) se ignoran.",
        "Borre las filas de ejemplo antes de importar los resultados.",
        "El servidor debe estar en el directorio con vinculación «Carrera administrativa»: la EDL aplica a los servidores de carrera.",
        "Si un servidor ya tiene resultado de ese año, el del archivo lo reemplaza. Los resultados que no estén en el archivo no se modifican.",
        "Nada se guarda si alguna fila tiene errores: corríjalos y vuelva a cargar el archivo.",
        "Como CSV, guarde desde Excel con «CSV (delimitado por comas)» o «CSV UTF-8»; se aceptan «;», «,» o tabulador.",
    ];
}
