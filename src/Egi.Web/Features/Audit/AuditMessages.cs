namespace Egi.Web.Features.Audit;

/// <summary>
/// Every form error the audit search shows, in one place. The audit trail's own words (actions, entities, details) are
/// stored as written and stay with the code that writes them; the labels of changed fields live in <see cref="AuditChanges"/>.
/// </summary>
public static class AuditMessages
{
    public static string ToBeforeFrom(DateOnly from, DateOnly to) =>
        $"La fecha «Hasta» ({to:dd/MM/yyyy}) no puede ser anterior a la fecha «Desde» ({from:dd/MM/yyyy}).";
    public static string EvaluationInvalid(string typed) => $"«{typed}» no es el número de una evaluación: abra la línea de tiempo desde la página de la evaluación.";
    public const string SearchTextTooLong = "El texto a buscar admite máximo 200 caracteres.";
    public static string DateInvalid(string label, string typed) => $"La fecha «{label}» no es válida: «{typed}». Escríbala como dd/mm/aaaa, por ejemplo 24/11/2026.";
}
