using Egi.Web.Features.Shared;

namespace Egi.Web.Features.Directory;

/// <summary>Every confirmation and form error the directory pages show (servants, dependencias, invitations, import), in one place.</summary>
public static class DirectoryMessages
{
    public static string AlreadyHasPassword(string person) => $"{person} ya creó su contraseña: no necesita invitación.";
    public static string InvitationResent(string email) => $"Se envió de nuevo la invitación a {email}.";
    public static string DependencySaved(string code, string name) => $"Se guardaron los cambios de «{code} — {name}».";
    public static string DependencyCreated(string code, string name) => $"Se creó la dependencia «{code} — {name}».";
    public const string ImportCancelled = "Importación cancelada: no se guardó ningún cambio.";
    public const string RetirementDateMissing = "El campo «Fecha de retiro» es obligatorio (dd/mm/aaaa).";
    public static string RetirementDateInvalid(string typed) =>
        $"La «Fecha de retiro» «{(typed.Length > 40 ? typed[..40] : typed)}» no es una fecha válida. Escríbala como dd/mm/aaaa.";
    public static string RetirementBeforeHire(DateOnly hired) => $"La «Fecha de retiro» no puede ser anterior a la fecha de ingreso ({DateText.Date(hired)}).";
    public static string ReasonTooLong(int max) => $"El campo «Motivo» admite máximo {max} caracteres.";
    public static string RetirementRecorded(string servant, DateOnly date, int reports) =>
        $"Se registró el retiro de {servant} desde el {DateText.Date(date)}."
        + (reports > 0 ? $" {reports} persona(s) la tienen como jefe inmediato: reasígneles un jefe." : "");
    public static string NothingToReinstate(string servant) => $"{servant} no tiene fecha de retiro: no había nada que reintegrar.";
    public static string Reinstated(string servant) => $"Se reintegró a {servant}: ya no tiene fecha de retiro.";
    public const string EvaluationStillClosedByRetirement =
        " Su evaluación sigue «Cerrada por retiro»: si corresponde, reábrala con un motivo desde «Administrar» en la evaluación.";
    public static string ServantCreated(string servant, string document) => $"Se creó el servidor {servant} ({document}).";
    public static string ServantSaved(string servant) => $"Se guardaron los cambios de {servant}.";
    public const string EvaluationOpened = " Se abrió su evaluación en la vigencia abierta.";
    public const string AccountNotSaved = "Los datos del servidor se guardaron, pero su cuenta de acceso no se pudo crear o actualizar: ";
    public const string ServantNotSaved = "Revise los campos marcados: el servidor no se guardó.";
}
