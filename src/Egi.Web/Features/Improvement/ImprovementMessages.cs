using System.Globalization;

namespace Egi.Web.Features.Improvement;

/// <summary>Every confirmation and form error the improvement-plan pages show, in one place.</summary>
public static class ImprovementMessages
{
    public const string ImportCancelled = "Importación cancelada: no se guardó ningún cambio.";
    public const string PlanAgreed = "Plan concertado: el jefe y el servidor lo confirmaron.";
    public const string ConfirmedWaitingOther = "Usted confirmó el plan. Falta la confirmación de la otra parte.";
    public const string FollowUpDateInvalid = "La «Fecha» del seguimiento no es una fecha válida (dd/mm/aaaa).";
    public const string FollowUpPercentInvalid = "El «Avance (%)» debe ser un número entero entre 0 y 100.";
    public static string AspectDateInvalid(int aspect, string label) => $"Aspecto {aspect}: la «{label}» no es una fecha válida (dd/mm/aaaa).";
    public const string ChoosePlans = "Seleccione al menos un plan para enviarle el recordatorio.";
    public const string NoReminderSent = "No se envió ningún recordatorio: los planes elegidos están cerrados o retirados.";
    public static string RemindersSent(int n) => $"Se enviaron {n.ToString(CultureInfo.InvariantCulture)} recordatorio(s) de planes de mejoramiento.";
    public const string NoFormatToSend = "No hay formatos por enviar: todas las personas de la lista ya lo recibieron.";
    public static string FormatsSent(int n) =>
        $"Se envió el formato de mejoramiento individual de {n.ToString(CultureInfo.InvariantCulture)} persona(s) a cada servidor y su jefe.";
    public const string ChoosePersonFromList = "Elija una persona de la lista.";
    public const string ChooseCandidate = "Elija en «Persona» a alguien con evaluación finalizada en la vigencia o con resultado de la EDL del año.";
    public static string RemovedFromPlans(string servant, string period) => $"Se retiró a {servant} de los planes de mejoramiento de la {period}.";
    public static string AddedToPlans(string servant, string period) => $"Se agregó a {servant} a los planes de mejoramiento de la {period}.";
}
