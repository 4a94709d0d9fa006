namespace Egi.Web.Features.ApiKeys;

/// <summary>Every form error and confirmation the API keys page shows, in one place.</summary>
public static class ApiKeyMessages
{
    public const string NameMissing = "Escriba el «Nombre» de la clave: para qué sistema o proceso es (por ejemplo: Nómina, sincronización nocturna).";
    public static string NameTooLong(int max) => $"El «Nombre» admite máximo {max} caracteres.";
    public static string NameTaken(string name) => $"Ya hay una clave activa llamada «{name}»: elija otro nombre para distinguirlas en la auditoría.";
    public const string ScopesMissing = "Marque al menos uno de los «Permisos» de la lista.";
    public const string ExpiryMissing = "Escriba la fecha en que «Vence» la clave (dd/mm/aaaa).";
    public static string ExpiryOutOfRange(DateOnly latest) => $"La fecha de vencimiento debe estar entre mañana y el {latest:dd/MM/yyyy} (máximo dos años).";
    public static string Revoked(string name) => $"Se revocó la clave «{name}»: desde ahora sus llamadas se rechazan.";
}
