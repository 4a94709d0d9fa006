namespace Egi.Web.Data.Migrations;

/// <summary>
/// Data conversion for the kinds of the outbox (issue 13, notifications): "OutboxMessages"."Kind" stored a Spanish label
/// or an ad-hoc name ("Invitación", "ImprovementPlan"); it now stores the name of a <c>Notifications.MailKind</c>. The
/// table is frozen on purpose: it is what the application wrote before the change. Plain UPDATEs that both providers
/// run; values already a code are left as they are, so running them twice changes nothing.
/// </summary>
public static class MailKindCodesSql
{
    public static readonly IReadOnlyList<(string Old, string Code)> Codes =
    [
        ("Invitación", "Invitation"),
        ("Restablecer contraseña", "PasswordReset"),
        ("Cambio de correo", "EmailChanged"),
        ("Evaluación", "EvaluationUpdate"),
        ("Desacuerdo", "Disagreement"),
        ("Evaluación parcial", "PartialOwed"),
        ("Recordatorio de cierre", "StageClosing"),
        ("Recordatorio", "ControlReminder"),
        ("ImprovementPlan", "ImprovementPlanUpdate"),
        ("Citación a sesión", "SessionInvitation"),
        ("Vigencia reabierta", "PeriodReopened"),
    ];

    public static IEnumerable<string> Up() =>
        Codes.Select(c => $"UPDATE \"OutboxMessages\" SET \"Kind\" = '{c.Code}' WHERE \"Kind\" = '{c.Old.Replace("'", "''", StringComparison.Ordinal)}';");

    public static IEnumerable<string> Down() =>
        Codes.Select(c => $"UPDATE \"OutboxMessages\" SET \"Kind\" = '{c.Old.Replace("'", "''", StringComparison.Ordinal)}' WHERE \"Kind\" = '{c.Code}';");
}
