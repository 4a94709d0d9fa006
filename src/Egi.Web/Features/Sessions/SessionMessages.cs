using Egi.Web.Features.Shared;

namespace Egi.Web.Features.Sessions;

/// <summary>Every confirmation and form error the session pages show (scheduling, invitations, attendance), in one place.</summary>
public static class SessionMessages
{
    // Scheduling and invitations
    public static string Scheduled(string topic, int invitees) =>
        $"Se programó la sesión «{topic}» con {invitees} invitados. Envíe las citaciones cuando esté lista.";
    public const string SavedResendInvitations = "Se guardaron los cambios. Envíe las citaciones para que los invitados vean la información nueva en su calendario.";
    public const string Saved = "Se guardaron los cambios de la sesión.";
    public const string DependencyNotFound = "La «Dependencia» elegida no existe.";
    public static string DateInvalid(string? typed) => $"La «Fecha» «{typed}» no es válida: escríbala como dd/mm/aaaa.";
    public static string StartTimeInvalid(string? typed) => $"La «Hora de inicio» «{typed}» no es válida: escríbala como hh:mm (24 horas).";
    public static string EndTimeInvalid(string? typed) => $"La «Hora de fin» «{typed}» no es válida: escríbala como hh:mm (24 horas).";
    public static string InvitationsSent(int sent) => sent == 0
        ? "Todos los invitados ya tenían la citación vigente: no se envió nada nuevo."
        : $"Se enviaron {sent} citaciones con el archivo de calendario (.ics).";
    public static string Cancelled(string topic, int notified) => notified == 0
        ? $"Se canceló la sesión «{topic}»."
        : $"Se canceló la sesión «{topic}» y se avisó a {notified} invitados (el archivo adjunto la quita de su calendario).";

    // Attendance
    public static string AttendanceSaved(int attended, int invitees) => $"Se guardó la asistencia: {attended} de {invitees} invitados asistieron.";
    public const string AttendanceFileMissing = "Elija el archivo de la lista de asistencia (.xlsx o .csv).";
    public static string AttendanceImported(string? fileName, int attended, int changed) =>
        $"Se importó la lista «{fileName}»: {attended} asistentes ({changed} nuevos en el registro).";
    public const string AttendanceImportCancelled = "Importación cancelada: no se registró ninguna asistencia.";
    public static string AttendanceBeforeEnd(DateOnly date, TimeOnly end) =>
        $"La sesión es el {ProcessPeriod.Date(date)} a las {ProcessPeriod.Time(end)}: la lista de asistencia se carga cuando termine.";

    /// <summary>The notes of the attendance list template («Instrucciones»).</summary>
    public static IReadOnlyList<string> AttendanceTemplateNotes(string topic, DateOnly date) =>
    [
        $"Lista de asistencia de «{topic}» ({ProcessPeriod.Date(date)}): una fila por invitado. Escriba Sí en «Asistió» para quienes asistieron.",
        "También sirve la lista firmada, exportada a Excel: basta la columna «Número de documento» (o «Cédula»); sin «Asistió», cada fila cuenta como asistente.",
        "Solo se registran invitados de la sesión; una lista nunca quita una asistencia ya registrada.",
        "Nada se registra si alguna fila tiene errores: corríjalos y vuelva a cargar el archivo.",
    ];
}
