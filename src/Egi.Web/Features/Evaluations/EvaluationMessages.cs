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
}
