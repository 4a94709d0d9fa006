using Egi.Domain.Process;

namespace Egi.Web.Features.Control;

/// <summary>
/// Every confirmation and form error of the control points and the reminders register, the Spanish labels of what a
/// reminder stores as codes (its role and origin), and the audit names the feature writes, in one place.
/// </summary>
public static class ControlMessages
{
    // Control points: sending reminders
    public const string ChooseRecipients = "Seleccione al menos una persona de la lista para enviarle el recordatorio.";
    public static string RemindersSent(int sent) => sent == 1
        ? "Se envió 1 recordatorio. Queda en el registro de recordatorios."
        : $"Se enviaron {sent} recordatorios. Quedan en el registro de recordatorios.";
    public const string StageNotFound = "La «Etapa» elegida no existe: elija una de la lista.";

    // Reminders register: its filters
    public const string FilterPeriodNotFound = "La «Vigencia» elegida no existe: elija una de la lista o «Todas».";
    public const string FilterStageNotFound = "La «Etapa» elegida no existe: elija una de la lista o «Todas».";
    public const string FilterOriginNotFound = "El «Origen» elegido no existe: elija Manual, Automático o «Todos».";
    public static string FilterDateInvalid(string label) => $"La fecha «{label}» debe tener el formato dd/mm/aaaa.";
    public const string FilterToBeforeFrom = "La fecha «Hasta» debe ser igual o posterior a «Desde».";

    /// <summary>The Spanish name of the role a person is reminded as (the stored <see cref="ReminderRole"/> is a code).</summary>
    public static string RoleLabel(ReminderRole role) => role switch
    {
        ReminderRole.Evaluado => "Evaluado",
        ReminderRole.Evaluator => "Evaluador",
        ReminderRole.Committee => "Comisión evaluadora",
        ReminderRole.HumanResources => "Talento Humano",
        _ => role.ToString(),
    };

    public static string OriginLabel(ReminderOrigin o) => o == ReminderOrigin.Automatic ? "Automático" : "Manual";

    // What the audit trail stores (persisted: never reword)
    public const string SystemSender = ReminderRecord.SystemSender;
    public const string AuditEntity = "Recordatorio";
    public const string ControlAuditEntity = "Puntos de control";
    public const string SendAction = "Enviar recordatorios";
}
