using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// Every confirmation, refusal and form error the evaluation pages show, in Spanish, in one place (the domain's own
/// refusals come with its <c>Outcome</c>). A page says what happened by name: <c>EvaluationMessages.GoalsSent(…)</c>.
/// </summary>
public static class EvaluationMessages
{
    // «Mi evaluación»
    public const string NoServantForAccount =
        "Su cuenta no está asociada a un servidor del directorio, así que no tiene evaluación. Si cree que es un error, escriba a Talento Humano.";
    public const string NoOpenPeriod = "No hay una vigencia abierta en este momento: cuando Talento Humano abra la próxima, aquí encontrará su evaluación.";
    public static string PeriodInPreparation(string period) => $"La «{period}» aún está en preparación: cuando Talento Humano la abra, aquí encontrará su evaluación.";
    public static string NotEvaluatedHereEither(string reason) => $" Tenga en cuenta que, según el directorio, usted no se evalúa en este sistema: {reason}";
    public static string NotEvaluatedIn(string period, string reason) => $"No tiene evaluación en la «{period}»: {reason}";
    public static string NotOpenedYet(string period) =>
        $"Aún no tiene una evaluación abierta en la «{period}» (por ejemplo, porque no tiene jefe inmediato registrado en el directorio). Escriba a Talento Humano para que la abran.";

    // Goals (activities 4–6)
    public static string GoalsSent(string evaluator) => $"Envió sus metas a {evaluator} para aprobación. Le avisaremos cuando las revise.";
    public const string GoalsDraftSaved = "Guardó el borrador de sus metas. Puede seguir editándolas y enviarlas cuando estén completas.";
    public static string GoalsApproved(string evaluado) => $"Aprobó las metas de {evaluado}. Ahora {evaluado} debe aceptarlas.";
    public static string GoalsRejected(string evaluado) => $"Rechazó las metas de {evaluado}. Volvieron a formulación para que las corrija.";
    public static string GoalsModified(string evaluado) => $"Envió la modificación de las metas de {evaluado}. Ahora {evaluado} verá los cambios y decidirá si los acepta.";
    public const string GoalsAccepted = "Aceptó sus metas: quedaron concertadas. Sigue la Autoevaluación I (primer seguimiento).";
    public const string GoalsNotAccepted = "Registró que no acepta las metas. Volvieron a formulación: ajústelas y envíelas de nuevo a su jefe.";

    // Follow-ups (activities 8–13)
    public static string SelfEvaluationSent(string ordinal, string evaluator) =>
        $"Envió su autoevaluación del {ordinal} seguimiento a {evaluator}. Le avisaremos cuando la revise.";
    public const string SelfEvaluationDraftSaved = "Guardó el borrador de su autoevaluación. Puede seguir editándola y enviarla cuando esté completa.";
    public static string FirstFollowUpApproved(string evaluado) => $"Aprobó el primer seguimiento de {evaluado}. Ahora {evaluado} debe aceptarlo.";
    public static string SecondFollowUpApproved(string evaluado) => $"Aprobó el segundo seguimiento de {evaluado}. Sigue la calificación de las competencias.";
    public static string SelfEvaluationRejected(string evaluado) => $"Rechazó la autoevaluación de {evaluado}. Volvió a {evaluado} para que la corrija.";
    public static string FirstFollowUpModified(string evaluado) =>
        $"Envió la modificación del primer seguimiento de {evaluado}. Ahora {evaluado} verá los cambios y decidirá si los acepta.";
    public static string SecondFollowUpModified(string evaluado) => $"Modificó el segundo seguimiento de {evaluado}. Sigue la calificación de las competencias.";
    public const string FirstFollowUpAccepted = "Aceptó el primer seguimiento. Sigue la Autoevaluación II (segundo seguimiento).";
    public const string FirstFollowUpNotAccepted = "Registró que no acepta el primer seguimiento. Volvió a la Autoevaluación I: ajústela y envíela de nuevo a su jefe.";
    public const string EvidenceGoalMissing = "Elija la meta a la que corresponde la evidencia.";
    public const string EvidenceMissing = "Elija un archivo o escriba un enlace.";
    public static string EvidenceTooLarge(string name, int maxMb, long size) =>
        $"El archivo «{name}» pesa más de {maxMb} MB, el tamaño máximo permitido por archivo (pesa {FileSizeText.Of(size)}). No se adjuntó.";
    public static string EvidenceAdded(int goal) => $"Se adjuntó la evidencia a la meta {goal}. Recuerde guardar o enviar su autoevaluación.";
    public static string PercentMissing(int goal) => $"Meta {goal}: escriba el % logrado (número entero de 0 a 100).";
    public static string PercentNotWhole(int goal, string typed) => $"Meta {goal}: el % logrado debe ser un número entero de 0 a 100 (escribió «{typed}»).";
    public static string PercentOutOfRange(int goal, int percent) => $"Meta {goal}: el % logrado debe estar entre 0 y 100 (escribió {percent}).";

    // Final (activities 14–15)
    public static string CompetenciesRated(string evaluado) => $"Calificó las competencias de {evaluado}. Sigue la aceptación final del evaluado.";
    public const string FinalAccepted = "Aceptó el resultado final: su evaluación quedó finalizada.";
    public const string FinalNotAccepted = "Registró que no acepta el resultado final. La evaluación volvió a la Autoevaluación II.";

    // Administration, committee and partial evaluations
    public static string CommitteeDecidedGoals(string evaluado) => $"Quedó registrada la decisión de la Comisión Evaluadora: las metas de {evaluado} quedaron concertadas.";
    public static string CommitteeDecidedFollowUp(string ordinal, string evaluado) =>
        $"Quedó registrada la decisión de la Comisión Evaluadora sobre el {ordinal} seguimiento de {evaluado}.";
    public static string PartialEvaluationRecorded(string evaluado, DateOnly from, DateOnly to) =>
        $"Quedó registrada la evaluación parcial de {evaluado} ({DateText.Date(from)} al {DateText.Date(to)}).";
    public static string PartialPercentMissing(int goal) => $"Meta {goal}: escriba el % logrado a la fecha (número entero de 0 a 100).";
    public static string PartialPercentNotWhole(int goal, string typed) =>
        $"Meta {goal}: el % logrado a la fecha debe ser un número entero de 0 a 100 (escribió «{typed}»).";
    public const string ChooseNewEvaluator = "Elija el nuevo evaluador de la lista de servidores activos.";
    public static string EvaluatorReassigned(string evaluado, string evaluator, string previous) => $"El evaluador de {evaluado} ahora es {evaluator} (antes: {previous}).";
    public static string CommitteeAssigned(string evaluado, IEnumerable<string> members, string recorder) =>
        $"La evaluación de {evaluado} quedó a cargo de una Comisión Evaluadora ({string.Join(", ", members)}); registra {recorder}.";
    public const string ChooseStepToReopen = "Elija el paso que se reabre.";
    public const string ReopenUntilMissing = "Indique hasta qué fecha queda reabierto el paso (dd/mm/aaaa).";
    public static string ReopenUntilInvalid(DateOnly example) => $"La fecha «hasta» no es válida; escriba una fecha como {DateText.Date(example)}.";
    public static string StepReopened(string step, string evaluado, DateOnly until) => $"Se reabrió «{step}» para {evaluado} hasta el {DateText.Date(until)}.";
    public static string StepEscalated(string? step, string evaluado, string recorder) =>
        $"«{step}» de {evaluado} quedó en manos de una Comisión Evaluadora; registra su decisión {recorder}.";
    public static string PartialEvaluationWaived(string outgoing) => $"Se dispensó la evaluación parcial de {outgoing}.";
    public static string RetiredEvaluationReopened(string evaluado, EvaluationState state) => $"Se reabrió la evaluación de {evaluado}: está en «{state.Label()}».";
    public const string ChooseMembers = "Elija los integrantes de la lista de servidores activos.";
    public const string ChooseRecorder = "Elija quién registra las decisiones en nombre de la comisión.";
    public const string ChooseRecorderFromList = "Elija quién registra de la lista de servidores activos.";
    public const string EvaluadoCannotEvaluateSelf = "El evaluado no puede ser su propio evaluador ni integrar su comisión.";

    // The evaluation page: whether the current step can be done today
    private static string Range(StageWindow w) => $"del {DateText.Date(w.Start)} al {DateText.Date(w.End)}";
    public static string WindowOpen(StageWindow w) => $"La ventana de «{w.Stage.Label()}» va {Range(w)}.";
    public static string StepReopenedUntil(DateOnly until, StageWindow w) =>
        $"Talento Humano reabrió el paso para esta evaluación hasta el {DateText.Date(until)} (la ventana general fue {Range(w)}).";
    public static string OwnGoalWindow(PersonalWindow own, int workingDays) => own.Reason == PersonalWindowReason.LateEntry
        ? $"Esta evaluación se abrió el {DateText.Date(own.From)}, cuando el servidor entró a EGI con la vigencia ya abierta: tiene {workingDays} días hábiles para concertar sus metas, hasta el {DateText.Date(own.Until)}."
        : $"El servidor ingresó el {DateText.Date(own.From)} y tiene {workingDays} días hábiles para concertar sus metas, hasta el {DateText.Date(own.Until)}.";
    public static string FollowUpINotApplicable(FollowUpExemption exemption, PersonalWindow? own, DateOnly hired) => own?.Reason == PersonalWindowReason.LateEntry
        ? $"{exemption.Label()}: la evaluación se abrió en EGI el {DateText.Date(own.From)}, con la vigencia en curso, y las metas se concertaron cuando el primer seguimiento ya había cerrado."
        : $"{exemption.Label()}: la evaluación cubre el tiempo laborado desde la fecha de ingreso ({DateText.Date(hired)}).";
    public static string WindowNotYetOpen(StageWindow w) => $"La ventana de «{w.Stage.Label()}» abre el {DateText.Date(w.Start)} y va hasta el {DateText.Date(w.End)}.";
    public static string WindowClosed(StageWindow w) => $"La ventana de «{w.Stage.Label()}» va {Range(w)}. Solo Talento Humano puede reabrir el paso para esta persona.";

    // Goal and follow-up forms
    public const string StaleEvaluation =
        "Otra persona modificó esta evaluación mientras usted la tenía abierta. No se guardó nada de lo suyo: revise la versión actual y vuelva a intentarlo.";
    public static string GoalWeightNotWhole(int goal, string typed) => $"Meta {goal}: el peso debe ser un número entero entre 1 y 100 (sin decimales); escribió «{typed}».";
    public static string AgreedPercentMissing(int goal) => $"Meta {goal}: indique el porcentaje pactado para el primer seguimiento (un número entero de 0 a 100).";
    public static string AgreedPercentNotWhole(int goal, string typed) =>
        $"Meta {goal}: el porcentaje pactado para el primer seguimiento debe ser un número entero de 0 a 100; escribió «{typed}».";
    public static string GoalDueDateInvalid(int goal) => $"Meta {goal}: la fecha de cumplimiento no es válida; escriba una fecha como 15/12/2026 (dd/mm/aaaa).";
    public const string GoalsUnchanged = "No cambió ninguna meta: si está de acuerdo con las metas propuestas, use «Aprobar».";
    public static string TooManyGoals(int max) => $"Puede registrar máximo {max} metas: quite una antes de agregar otra.";
    public const string ProgressUnchanged = "No cambió nada: si está de acuerdo con el avance reportado, use «Aprobar».";
    public static string EvidenceTypeNotAllowed(string extension, IEnumerable<string> allowed) =>
        $"El tipo de archivo «{(extension.Length == 0 ? "sin extensión" : extension)}» no está permitido. Tipos permitidos: {string.Join(", ", allowed)}.";
    public static string EvidenceEmpty(string name) => $"El archivo «{name}» está vacío.";
    public static string EvidenceContentMismatch(string name, string extension) =>
        $"El contenido del archivo «{name}» no corresponde a un archivo {extension.ToUpperInvariant()} válido.";

    /// <summary>The evaluations API's texts: its OpenAPI summaries and descriptions (constants, for the attributes) and its problem titles and details.</summary>
    public static class Api
    {
        public const string WindowStage = "Código estable de la etapa (GoalSetting, FirstFollowUp…).";
        public const string WindowLabel = "Nombre de la etapa en español.";
        public const string WindowActivities = "Actividades del procedimiento P-TH-10.";
        public const string WindowOpenToday = "La etapa está abierta hoy (hora de Bogotá).";
        public const string PeriodStatus = "Preparation, Open o Closed.";
        public const string PeriodStatusLabel = "En preparación, Abierta o Cerrada.";
        public const string WaitDocumentNumber = "Documento de la persona de quien depende el paso.";
        public const string WaitAction = "Qué debe hacer (FormulateGoals, ApproveGoals, AcceptGoals, SelfEvaluateI… RecordPartial).";
        public const string EvaluationState = "Código estable del estado (GoalFormulation, GoalApproval… Finalized, ClosedByRetirement).";
        public const string EvaluationStateLabel = "Estado en español.";
        public const string EvaluationWaitingOn = "Nobody, Evaluado o Evaluator.";
        public const string EvaluationWaitingFor = "Cada persona de quien depende ahora la evaluación y qué debe hacer.";
        public const string EvaluationDates = "Fecha (Bogotá) de cada paso cumplido.";
        public const string EvaluationUpdatedAt = "Último cambio (UTC): úselo como «since» de la siguiente lectura incremental.";
        public const string ResultGoalsComponent = "Componente de metas (0–100 ponderado, dos decimales).";
        public const string ResultCompetenciesComponent = "Componente de competencias (dos decimales).";
        public const string ResultFinalScore = "Calificación final (dos decimales).";
        public const string ResultLevel = "Sobresaliente, Satisfactorio o NoSatisfactorio.";
        public const string ResultLevelLabel = "Nivel en español.";
        public const string PageNextCursor = "Cursor de la página siguiente (parámetro «cursor»), o null si no hay más.";
        public const string ListPeriodsSummary = "Vigencias con sus ventanas de etapa y su estado";
        public const string ListPeriodsDescription = "Todas las vigencias, de la más reciente a la más antigua: estado (en preparación, abierta, cerrada) y, por etapa del procedimiento, las fechas de inicio y cierre y si está abierta hoy. Exige el permiso `directorio:leer` o `resultados:leer`, o una sesión de Talento Humano o Consulta.";
        public const string EvaluationsSinceParameter = "Solo las evaluaciones modificadas después de este instante (ISO 8601, por ejemplo 2026-11-24T15:00:00Z).";
        public const string CursorParameter = "Cursor de la página, tal como lo devolvió «nextCursor».";
        public const string EvaluationsLimitParameter = "Evaluaciones por página (1 a 2000; por omisión 500).";
        public const string ListEvaluationsSummary = "Estado de la evaluación de cada servidor de una vigencia";
        public const string ListEvaluationsDescription = "Por servidor evaluado: estado, de quién depende el siguiente paso (y qué debe hacer) y la fecha de cada paso cumplido. Ordenado por fecha de último cambio; pagine con «cursor» (devuelto en «nextCursor») y lea solo lo nuevo con «since» (el «updatedAt» más reciente que ya tiene). Exige el permiso `resultados:leer`, o una sesión de Talento Humano o Consulta.";
        public const string ResultsSinceParameter = "Solo los resultados que cambiaron después de este instante (ISO 8601).";
        public const string ResultsLimitParameter = "Resultados por página (1 a 2000; por omisión 500).";
        public const string ListResultsSummary = "Resultados finales de una vigencia (JSON)";
        public const string ListResultsDescription = "Las evaluaciones finalizadas con su calificación: componente de metas, componente de competencias, calificación final y nivel (Sobresaliente, Satisfactorio, No satisfactorio). Paginado como las evaluaciones («cursor», «since»). Exige el permiso `resultados:leer`, o una sesión de Talento Humano o Consulta.";
        public const string ResultsCsvSummary = "Resultados finales de una vigencia (CSV)";
        public const string ResultsCsvDescription = "Los mismos resultados en CSV (UTF-8 con BOM, separado por comas, decimales con punto), todas las filas. Los textos que empiezan por = + - @ o un tabulador llevan un apóstrofo delante, para que una hoja de cálculo no los ejecute como fórmulas. Exige el permiso `resultados:leer`, o una sesión de Talento Humano o Consulta.";
        public const string PeriodNotFoundTitle = "Vigencia no encontrada";
        public const string CursorInvalid = "«cursor» no es un cursor devuelto por esta API: use el valor de «nextCursor» sin cambiarlo.";
        public const string PagingInvalidTitle = "Parámetros no válidos";
        public static string PeriodNotFoundDetail(int periodId) => $"No existe una vigencia con id {periodId}. Consulte /api/v1/periods.";
        public static string SinceInvalid(string since) => $"«since» ({since}) no es una fecha y hora ISO 8601, por ejemplo 2026-11-24T15:00:00Z.";
        public static string LimitInvalid(string limit, int max) => $"«limit» ({limit}) debe ser un número entero entre 1 y {max}.";
    }
}
