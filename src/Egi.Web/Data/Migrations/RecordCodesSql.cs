namespace Egi.Web.Data.Migrations;

/// <summary>
/// Data conversion of issue 15 item 1 (no persisted display text): three columns stored a Spanish label that the code
/// matched on and now store a stable code — the role a person was reminded as ("ReminderRecords"."RecipientRole",
/// <c>Egi.Domain.Process.ReminderRole</c>), how an invitee's attendance was recorded ("SessionInvitees"."AttendanceSource",
/// <c>Egi.Domain.Process.AttendanceSource</c>) and the scheduled job of each run ("ScheduledJobRuns"."Job",
/// <c>IScheduledJob.Code</c>). The tables are frozen on purpose: they are what the application wrote before the change.
/// Plain UPDATEs that both providers run; values already a code are left as they are, so running them twice changes
/// nothing.
/// </summary>
public static class RecordCodesSql
{
    /// <summary>Table, column, the label written before and the code that replaces it.</summary>
    public static readonly IReadOnlyList<(string Table, string Column, string Old, string Code)> Codes =
    [
        ("ReminderRecords", "RecipientRole", "Evaluado", "Evaluado"),
        ("ReminderRecords", "RecipientRole", "Evaluador", "Evaluator"),
        ("ReminderRecords", "RecipientRole", "Comisión evaluadora", "Committee"),
        ("ReminderRecords", "RecipientRole", "Talento Humano", "HumanResources"),
        ("SessionInvitees", "AttendanceSource", "Pantalla", "OnScreen"),
        ("SessionInvitees", "AttendanceSource", "Lista importada", "ImportedList"),
        ("SessionInvitees", "AttendanceSource", "Demostración", "Demonstration"),
        ("ScheduledJobRuns", "Job", "Recordatorio de cierre de etapa", "StageClosingReminder"),
        ("ScheduledJobRuns", "Job", "Retiros programados", "ScheduledRetirements"),
    ];

    public static IEnumerable<string> Up() =>
        Codes.Where(c => c.Old != c.Code).Select(c => Update(c.Table, c.Column, from: c.Old, to: c.Code));

    public static IEnumerable<string> Down() =>
        Codes.Where(c => c.Old != c.Code).Select(c => Update(c.Table, c.Column, from: c.Code, to: c.Old));

    private static string Update(string table, string column, string from, string to) =>
        $"UPDATE \"{table}\" SET \"{column}\" = '{Quote(to)}' WHERE \"{column}\" = '{Quote(from)}';";

    private static string Quote(string s) => s.Replace("'", "''", StringComparison.Ordinal);
}
