using Egi.Web.Features.Shared;

namespace Egi.Web.Features.Directory;

/// <summary>
/// Every confirmation, refusal and form error the directory shows (servants, dependencias, invitations, import, background jobs),
/// and the texts of its API (<see cref="Api"/>), in one place.
/// </summary>
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
    public static string EvaluationsOpened(IReadOnlyList<string> periods) => periods.Count switch
    {
        0 => "",
        1 => $" Se abrió su evaluación de la «{periods[0]}».",
        _ => $" Se abrieron sus evaluaciones de {string.Join(" y ", periods.Select(p => $"la «{p}»"))}.",
    };
    public const string AccountNotSaved = "Los datos del servidor se guardaron, pero su cuenta de acceso no se pudo crear o actualizar: ";
    public const string ServantNotSaved = "Revise los campos marcados: el servidor no se guardó.";

    // Background jobs (the API sync and the confirmed import)
    public static string JobInterrupted(int interruptions) =>
        $"El trabajo se interrumpió {(interruptions == 1 ? "una vez" : $"{interruptions} veces")} (se detuvo la instancia de EGI que lo aplicaba) y no se guardó ningún cambio. " +
        "Envíelo de nuevo; si vuelve a pasar, avise al administrador.";
    public const string JobFailedUnexpectedly =
        "El trabajo no se pudo terminar por un error inesperado y no se guardó ningún cambio. Intente de nuevo; si el problema continúa, avise al administrador.";
    public static string SyncApplied(string summary) => $"Sincronización aplicada: {summary}.";
    public static string PendingImportFileGone(string fileName) =>
        $"El archivo «{fileName}» ya no está en el servidor (se conserva 24 horas en la carpeta de datos, que deben compartir todas las instancias). " +
        "Cárguelo de nuevo. No se guardó ningún cambio.";
    public const string ImportNoLongerValid =
        "El archivo ya no es válido contra el directorio actual (otra persona lo modificó): no se guardó ningún cambio. Cárguelo de nuevo para ver los problemas.";
    public const string DirectoryChangedSinceConfirmation =
        "El directorio cambió desde la vista previa de la importación (otra persona lo modificó): no se guardó ningún cambio. " +
        "Cargue el archivo de nuevo para ver la vista previa con los datos actuales.";
    public const string ImportRefusedOnApply = "La importación fue rechazada al aplicarla: no se guardó ningún cambio.";

    // Servant import: the missing file, refusals found while applying, and the confirmation
    public const string ImportFileMissing = "Elija el archivo .xlsx o .csv con los servidores que desea importar.";
    public static string BossGoneSinceUpload(int row, string? bossDocument) =>
        $"Fila {row}: el jefe inmediato con documento {bossDocument} ya no está en el directorio. Cargue el archivo de nuevo.";
    public static string ServantGoneSinceUpload(int row, string document) =>
        $"Fila {row}: el servidor con documento {document} ya no está en el directorio. Cargue el archivo de nuevo.";
    public static string ImportRetiresLastTalentoHumano(IEnumerable<int> rows) =>
        $"Filas {string.Join(", ", rows)}: la importación registra el retiro de la última persona activa con el rol Talento Humano. Otorgue antes el rol a otra persona en «Cuentas y roles» y cargue el archivo de nuevo.";
    public const string ImportConcurrentChange =
        "No se pudo guardar la importación: otra persona modificó el directorio al mismo tiempo. Cargue el archivo de nuevo para ver los cambios actuales.";
    public static string ImportApplied(string fileName, int created, int updated, int unchanged) =>
        $"Importación de «{fileName}» aplicada. Servidores creados: {created}; actualizados: {updated}; sin cambios: {unchanged}.";

    // Servant form
    public static string LevelInvalid(string typed) => $"El «Nivel jerárquico» «{typed}» no es válido. Elija directivo, asesor, profesional, técnico o asistencial.";
    public static string EmploymentTypeInvalid(string typed) => $"El «Tipo de vinculación» «{typed}» no es válido. Elija una opción de la lista.";
    public const string DependencyChoiceInvalid = "La «Dependencia» elegida no es válida. Elija una dependencia de la lista.";
    public const string BossChoiceInvalid = "El «Jefe inmediato» elegido no es válido. Elija una persona de la lista o «Sin jefe inmediato».";
    public static string HireDateInvalid(string typed) => $"La «Fecha de ingreso» «{typed}» no es una fecha válida. Escríbala como dd/mm/aaaa, por ejemplo 01/02/2026.";
    public static string OptionalRetirementDateInvalid(string typed) =>
        $"La «Fecha de retiro» «{typed}» no es una fecha válida. Escríbala como dd/mm/aaaa o deje el campo vacío.";
    public static string DocumentTaken(string document, string holder) => $"Ya existe un servidor con el número de documento «{document}»: {holder}.";
    public static string EmailTaken(string email, string holder) => $"El correo «{email}» ya está registrado para {holder}.";
    public const string DependencyNotFound = "La «Dependencia» elegida no existe. Elija una dependencia de la lista.";
    public static string DependencyInactive(string dependency) => $"La dependencia «{dependency}» está inactiva: elija una dependencia activa.";
    public static string CurrentBossRetired(string boss, DateOnly? since) =>
        $"El jefe inmediato actual, {boss}, está retirado(a) desde el {DateText.Date(since)}: elija un jefe activo.";
    public static string ServantSavedConcurrently(string document) =>
        $"No se pudo guardar: otro servidor con el documento «{document}» o el mismo correo se guardó al mismo tiempo. Revise y vuelva a intentarlo.";

    // Dependencia form
    public const string ParentChoiceInvalid = "Elija la «Dependencia superior» de la lista.";
    public const string ActiveChoiceInvalid = "Indique si la dependencia está activa: «Sí» o «No».";
    public static string DependencyCodeTaken(string? code) => $"Ya existe otra dependencia con el código «{code?.Trim()}».";

    /// <summary>The notes of the servants import template («Instrucciones»).</summary>
    public static IReadOnlyList<string> ImportTemplateNotes { get; } =
    [
        "La primera fila lleva los encabezados; cada fila siguiente es un servidor. Las columnas pueden ir en cualquier orden.",
        "Borre las dos filas de ejemplo antes de importar sus servidores.",
        "El número de documento identifica al servidor: si ya existe, sus datos se actualizan; si no, se crea.",
        "Los servidores que no estén en el archivo no se modifican ni se eliminan. Un retiro se registra con la «Fecha de retiro».",
        "Si no incluye una columna opcional, los servidores existentes conservan ese dato.",
        "Nada se guarda si alguna fila tiene errores: corríjalos y vuelva a cargar el archivo.",
        "Como CSV, guarde desde Excel con «CSV (delimitado por comas)» o «CSV UTF-8»; se aceptan «;», «,» o tabulador.",
    ];

    /// <summary>The directory API's texts: its OpenAPI summaries and descriptions (constants, for the attributes) and its problem titles and details.</summary>
    public static class Api
    {
        public const string DependencyCode = "Código de la dependencia (máximo 20 caracteres). Identifica la dependencia: si ya existe, se actualiza.";
        public const string DependencyName = "Nombre de la dependencia (máximo 200 caracteres).";
        public const string DependencyParentCode = "Código de la dependencia superior (de esta solicitud o del directorio); vacío: es la dependencia principal.";
        public const string DependencyActive = "Si está activa (por omisión, sí).";
        public const string ServantDocumentNumber = "Número de documento, con o sin puntos de miles. Identifica al servidor: si ya existe, se actualiza.";
        public const string ServantFirstNames = "Nombres.";
        public const string ServantLastNames = "Apellidos.";
        public const string ServantEmail = "Correo institucional (con él inicia sesión); no puede repetirse.";
        public const string ServantJobTitle = "Denominación del empleo, por ejemplo «Profesional Especializado».";
        public const string ServantJobCode = "Código del empleo, 4 dígitos (2028).";
        public const string ServantJobGrade = "Grado del empleo, 2 dígitos (19).";
        public const string ServantLevel = "Nivel jerárquico: Directivo, Asesor, Profesional, Técnico o Asistencial.";
        public const string ServantDependency = "Código (o nombre exacto) de una dependencia activa, del directorio o de esta misma solicitud.";
        public const string ServantEmploymentType = "Tipo de vinculación: Nombramiento provisional, Libre nombramiento y remoción, Carrera administrativa, Empleo temporal o Contratista; " +
            "también su código, como lo devuelve la consulta del directorio (Provisional, FreeAppointment, Career, Temporary, Contractor).";
        public const string ServantHireDate = "Fecha de ingreso: aaaa-mm-dd (o dd/mm/aaaa).";
        public const string ServantRetirementDate = "Fecha de retiro: aaaa-mm-dd; vacía si sigue vinculado (vacía también quita un retiro registrado).";
        public const string ServantBossDocumentNumber = "Documento del jefe inmediato: de esta solicitud o del directorio; vacío, sin jefe.";
        public const string ServantHasStaff = "Tiene personal a cargo (por omisión, no).";
        public const string ServantIsPublicManager = "Es gerente público (por omisión, no).";
        public const string SyncDependencies = "Dependencias que se crean o actualizan (por código). Las que no vienen no cambian.";
        public const string SyncServants = "Servidores que se crean o actualizan (por número de documento). Los que no vienen no cambian; para un retiro, envíe la fecha de retiro.";
        public const string ErrorSection = "«dependencias» o «servidores».";
        public const string ErrorRow = "Posición del elemento en su lista, desde 1 (la «fila» de la importación).";
        public const string ErrorField = "Campo, con el nombre de la columna de la plantilla de importación.";
        public const string ErrorValue = "Valor recibido.";
        public const string ErrorMessage = "Qué está mal y qué se espera, en español.";
        public const string PartCreated = "Cuántos se crean.";
        public const string PartUpdated = "Cuántos se actualizan.";
        public const string PartUnchanged = "Cuántos ya estaban iguales.";
        public const string PartCreates = "Los que se crean.";
        public const string PartUpdates = "Los que se actualizan, con cada cambio (antes y después).";
        public const string ResultDryRun = "true: solo vista previa, no se guardó nada.";
        public const string ResultApplied = "true: los cambios quedaron guardados.";
        public const string SyncEmpty = "La solicitud no trae dependencias ni servidores: envíe al menos una lista («dependencies» o «servants»).";
        public const string SyncConflictTitle = "El directorio cambió durante la sincronización";
        public const string SyncConflictDetail = "Otra persona modificó el directorio al mismo tiempo; no se guardó ningún cambio. Repita la solicitud.";
        public const string SyncErrorsTitle = "La sincronización tiene errores";
        public static string RoleEmailNotSynced(string name, IEnumerable<string> roles) =>
            $"El correo de {name} no se cambia por la sincronización: su cuenta de EGI tiene el rol {string.Join(" y ", roles)}, y a ese correo llega el enlace para restablecer la contraseña. " +
            "Talento Humano lo cambia en EGI, en la ficha del servidor; envíe la fila con el correo actual.";
        public static string SyncTooLarge(int maxRows) => $"La solicitud trae más de {maxRows:N0} servidores, el máximo por sincronización. Divídala en varias.";
        public static string SyncErrorsDetail(int count) =>
            (count == 1 ? "Se encontró 1 problema" : $"Se encontraron {count} problemas") +
            " (la lista «errors» dice cuál, dónde y qué se espera). No se guardó ningún cambio: corríjalos y envíe de nuevo la solicitud completa.";
        public static string DependencyCodeRepeated(string code, int firstRow) =>
            $"El código «{code}» ya aparece en la dependencia {firstRow} de la solicitud: cada dependencia debe venir una sola vez.";
        public static string ParentCodeUnknown(string parentCode) => $"No existe una dependencia con el código «{parentCode}», ni en esta solicitud ni en el directorio.";
        public const string JobId = "Identificador del trabajo (el de su dirección, «Location»).";
        public const string JobState = "Estado: «Queued» (en cola), «Running» (aplicándose), «Succeeded» (aplicada) o «Failed» (rechazada: no se guardó nada).";
        public const string JobStateLabel = "El estado en español.";
        public const string JobTotal = "Pasos de la aplicación: cada dependencia, cada servidor y luego la cuenta de cada uno (estimados al recibir la solicitud).";
        public const string JobProcessed = "Pasos hechos hasta ahora.";
        public const string JobPercent = "Avance de 0 a 100 (100 al terminar bien).";
        public const string JobCreatedAt = "Cuándo se recibió (UTC).";
        public const string JobStartedAt = "Cuándo empezó a aplicarse (UTC); vacío mientras está en cola.";
        public const string JobFinishedAt = "Cuándo terminó (UTC); vacío mientras no termina.";
        public const string JobMessage = "Al terminar: el resumen de lo aplicado, o por qué no se aplicó, en español.";
        public const string JobResult = "Al terminar bien: lo mismo que responde la sincronización en la misma respuesta (con «applied» en true).";
        public const string JobErrors = "Si falló: los problemas, con la forma del 422 (sección, fila, campo, valor, mensaje). No se guardó ningún cambio.";
        public const string ListDependenciesSummary = "Dependencias de la entidad";
        public const string ListDependenciesDescription = "Todas las dependencias, activas o no, con su código y su dependencia superior. Exige el permiso `directorio:leer`, o una sesión de Talento Humano o Consulta.";
        public const string ListServantsSummary = "Servidores del directorio, con su elegibilidad";
        public const string ListServantsDescription = "Los servidores vinculados (con «includeRetired=true», también los retirados), con su empleo, dependencia, jefe inmediato y si son evaluables hoy y por qué. Exige el permiso `directorio:leer`, o una sesión de Talento Humano o Consulta.";
        public const string GetServantSummary = "Un servidor por número de documento (con o sin puntos)";
        public const string GetServantDescription = "Un servidor del directorio, vinculado o retirado. 404 si no hay ninguno con ese documento. Exige el permiso `directorio:leer`, o una sesión de Talento Humano o Consulta.";
        public const string SyncDryRunParameter = "true: solo valida y devuelve la vista previa de lo que cambiaría, sin guardar nada (siempre en la misma respuesta).";
        public const string SyncAsyncParameter = "true: valida en la misma respuesta y, si no hay errores, aplica en segundo plano aunque la solicitud sea pequeña (202 y el trabajo en «Location»).";
        public const string SyncPreferHeader = "«respond-async» (RFC 7240) pide lo mismo que «async=true».";
        public const string BodyNotJsonTitle = "El cuerpo no es un JSON válido";
        public const string UnsupportedMediaTypeTitle = "Tipo de contenido no admitido";
        public const string UnsupportedMediaTypeDetail = "Envíe el cuerpo como JSON, con el encabezado «Content-Type: application/json».";
        public const string BodyMissingTitle = "Falta el cuerpo";
        public const string BodyMissingDetail = "Envíe un objeto JSON con «dependencies» y/o «servants».";
        public const string SyncSummary = "Sincronizar dependencias y servidores (carga masiva)";
        public const string JobNotFoundTitle = "No existe ese trabajo";
        public const string JobStatusSummary = "Estado de una sincronización en segundo plano";
        public const string SyncDescription = """
            Crea o actualiza dependencias (por código) y servidores (por número de documento) con exactamente las reglas de la importación de servidores: mismas validaciones, mismos mensajes, todo o nada. Repetir la misma solicitud no cambia nada (idempotente). Los servidores que no vienen no se tocan; un retiro se informa con «retirementDate».

            Con «dryRun=true» solo valida y devuelve la vista previa (qué se crearía y qué cambiaría en cada uno). Si hay errores responde 422 con un problema RFC 9457 cuya extensión «errors» lista cada uno: sección, posición en la lista («row», desde 1), campo (columna de la plantilla), valor y mensaje; y no guarda nada.

            Toda la solicitud se valida en la misma respuesta. Si es válida y crea o actualiza más de 1 000 dependencias y servidores (configurable), o si el cliente lo pide con «async=true» o el encabezado «Prefer: respond-async», no se aplica en la respuesta: se responde 202 con el estado del trabajo y su dirección en «Location» (`GET /api/v1/directory/sync/jobs/{id}`), que se consulta hasta que termine (el encabezado «Retry-After» sugiere cada cuántos segundos). El trabajo se aplica igual, todo o nada; si al aplicarlo el directorio ya no lo admite (otra persona lo cambió), termina «Failed» con sus errores y no guarda nada. Una vista previa («dryRun=true») siempre responde en la misma respuesta.

            Exige una clave con el permiso `directorio:escribir`.
            """;
        public const string JobStatusDescription = """
            El trabajo que dejó una sincronización grande (la dirección que vino en «Location» con el 202): su estado («Queued», «Running», «Succeeded» o «Failed»), su avance y, al terminar, lo mismo que responde la sincronización en la misma respuesta: el resumen («result») si se aplicó, o los errores («errors», con la forma del 422) si no se guardó nada. Mientras no termina lleva «Retry-After» (segundos).

            Solo la clave que lo inició lo consulta (para cualquier otra, 404). Exige una clave con el permiso `directorio:escribir`.
            """;
        public static string BodyNotJsonDetail(string? path) =>
            $"El cuerpo de la solicitud no se pudo leer como JSON{(path is { Length: > 0 } ? $" (en {path})" : "")}: revise la sintaxis y que cada campo tenga el tipo descrito (textos entre comillas; «hasStaff» e «isPublicManager», true o false).";
        public const string ServantNotFoundTitle = "No existe ese servidor";
        public static string ServantNotFoundDetail(string document) => $"No hay un servidor con el número de documento «{document}» en el directorio de EGI.";
        public static string JobNotFoundDetail(long id) => $"No hay un trabajo de sincronización {id} iniciado con esta clave (cada clave consulta solo los suyos).";
    }
}
