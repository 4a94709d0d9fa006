namespace Egi.Web.Features.Account;

/// <summary>Every form error, confirmation and refusal the sign-in and password pages show, in one place.</summary>
public static class AccountMessages
{
    // Sign-in and password forms
    public const string CurrentPasswordMissing = "Escriba su contraseña actual.";
    public const string NewPasswordMissing = "Escriba la nueva contraseña.";
    public const string ConfirmationMismatch = "La confirmación no coincide con la nueva contraseña.";
    public const string PasswordChanged = "Su contraseña se cambió.";
    public const string EmailMissing = "Escriba su correo institucional.";
    public const string EmailInvalid = "Escriba un correo válido, por ejemplo nombre.apellido@entidad.gov.co.";
    public const string EmailTooLong = "El correo institucional admite hasta 256 caracteres.";
    public const string PasswordMissing = "Escriba su contraseña.";
    public const string SignInFailed = "El correo o la contraseña no son correctos. Tras 5 intentos fallidos la cuenta se bloquea durante 15 minutos.";
    public const string PasswordSaved = "Su contraseña quedó guardada. Ya puede iniciar sesión.";
    public const string PasswordLocked = "Su cuenta de EGI está bloqueada, así que su contraseña no se puede crear ni cambiar por ahora. Pida ayuda a Talento Humano.";

    // Sign-in with the institutional account (OpenID Connect): the heading and the explanation of each refusal
    public const string ProviderUnreachableTitle = "El proveedor de identidad no responde";
    public const string ProviderUnreachable = "EGI no pudo comunicarse con el proveedor de la cuenta institucional. Intente de nuevo en unos minutos; si el problema continúa, informe a la mesa de ayuda de tecnología.";
    public const string SignInIncompleteTitle = "No se pudo completar el ingreso";
    public const string SignInIncomplete = "El ingreso con la cuenta institucional no llegó completo o ya venció. Vuelva a la página de inicio de sesión e intente de nuevo.";
    public const string AccountNotIdentifiedTitle = "No se pudo identificar su cuenta";
    public const string EmailNotVerifiedTitle = "Correo sin verificar";
    public const string NoEgiAccountTitle = "Su cuenta institucional no tiene acceso a EGI";
    public const string AccountLockedTitle = "Cuenta bloqueada";
    public const string AccountLocked = "Su cuenta de EGI está bloqueada, así que no puede ingresar por ahora, tampoco con la cuenta institucional. Pida ayuda a Talento Humano.";
    public const string AccountInactiveTitle = "Cuenta inactiva";
    public const string LinkMismatchTitle = "Cuenta institucional distinta";
    public static string SubjectLinkedElsewhere(bool byEmail, string value) =>
        $"Su cuenta institucional ya está vinculada a otra cuenta de EGI, no a la que corresponde a su {What(byEmail)} {value}. " +
        "No se inició ninguna sesión. Pida a Talento Humano que revise la vinculación en «Cuentas y roles».";
    public static string AccountLinkedToAnotherSubject(bool byEmail, string value) =>
        $"La cuenta de EGI que corresponde a su {What(byEmail)} {value} ya está vinculada a otra cuenta institucional. " +
        "No se inició ninguna sesión. Si su cuenta institucional cambió, pida a Talento Humano que desvincule la anterior en «Cuentas y roles».";
    public const string SignInCancelledTitle = "Ingreso cancelado";
    public const string SignInCancelled = "El proveedor de identidad no autorizó el ingreso (se canceló o se negó el permiso). No se inició ninguna sesión en EGI.";
    public static string ClaimMissing(bool byEmail) =>
        $"Su cuenta institucional no informó su {What(byEmail)}, que EGI necesita para reconocerle. Pida a la mesa de ayuda de tecnología que lo incluya en la configuración del proveedor de identidad.";
    public static string EmailNotVerified(string email) =>
        $"Su cuenta institucional tiene el correo {email} sin verificar, así que EGI no puede reconocerle con él. Pida a la mesa de ayuda de tecnología que lo verifique.";
    public static string NoEgiAccount(bool byEmail, string value) =>
        $"Se identificó con el {What(byEmail)} {value}, pero en EGI no hay ninguna cuenta con ese dato. No se creó ninguna cuenta: " +
        "Talento Humano registra a los servidores en el directorio y les da acceso. Si usted debe tener acceso, pídalo a Talento Humano indicando ese dato.";
    public static string AccountInactive(DateOnly? retired) =>
        $"Según el directorio, su retiro de la entidad fue el {retired:dd/MM/yyyy}, así que su cuenta ya no da acceso a EGI. Si es un error, comuníquese con Talento Humano.";
    public const string ProviderResponseInvalid =
        "La respuesta del proveedor de identidad no era válida o había vencido, así que EGI no inició ninguna sesión. " +
        "Vuelva a la página de inicio de sesión e intente de nuevo; si el problema continúa, informe a la mesa de ayuda de tecnología.";

    private static string What(bool byEmail) => byEmail ? "correo institucional" : "número de documento";
}
