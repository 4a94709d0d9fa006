using Egi.Domain.Evaluations;

namespace Egi.Web.Features.Shared;

/// <summary>
/// Where each pending action on an evaluation is done, and the words of its link: used by «Mis pendientes», the
/// evaluation page, the control points, the reminders and the e-mails (the addresses are the evaluation pages').
/// </summary>
public static class EvaluationLinks
{
    /// <summary>The page where <paramref name="action"/> is done on evaluation <paramref name="id"/> (the evaluation page for anything else).</summary>
    public static string PageFor(int id, PendingAction action) => action switch
    {
        PendingAction.FormulateGoals => $"/Evaluations/Goals/{id}",
        PendingAction.AcceptGoals => $"/Evaluations/Acceptance/{id}",
        PendingAction.ApproveGoals => $"/Evaluations/Approval/{id}",
        PendingAction.SelfEvaluateI or PendingAction.SelfEvaluateII => $"/Evaluations/SelfEvaluation/{id}",
        PendingAction.ApproveSelfEvaluationI or PendingAction.ApproveSelfEvaluationII => $"/Evaluations/FollowUpApproval/{id}",
        PendingAction.AcceptSelfEvaluationI => $"/Evaluations/FollowUpAcceptance/{id}",
        PendingAction.RateCompetencies => $"/Evaluations/Competencies/{id}",
        PendingAction.AcceptFinal => $"/Evaluations/FinalAcceptance/{id}",
        PendingAction.CommitteeDecision => $"/Evaluations/Committee/{id}",
        PendingAction.RecordPartial => $"/Evaluations/Partial/{id}",
        _ => Details(id),
    };

    public static string Details(int id) => $"/Evaluations/Details/{id}";

    /// <summary>The Spanish label of the link to <see cref="PageFor"/>.</summary>
    public static string ActionText(PendingAction action) => action switch
    {
        PendingAction.FormulateGoals => "Formular mis metas",
        PendingAction.AcceptGoals => "Revisar y aceptar mis metas",
        PendingAction.ApproveGoals => "Revisar y aprobar las metas",
        PendingAction.SelfEvaluateI => "Registrar mi autoevaluación I",
        PendingAction.SelfEvaluateII => "Registrar mi autoevaluación II",
        PendingAction.ApproveSelfEvaluationI => "Revisar y aprobar el primer seguimiento",
        PendingAction.ApproveSelfEvaluationII => "Revisar y aprobar el segundo seguimiento",
        PendingAction.AcceptSelfEvaluationI => "Revisar y aceptar mi primer seguimiento",
        PendingAction.RateCompetencies => "Calificar las competencias",
        PendingAction.AcceptFinal => "Revisar y aceptar mi resultado final",
        PendingAction.CommitteeDecision => "Registrar la decisión de la comisión",
        PendingAction.RecordPartial => "Registrar la evaluación parcial",
        _ => "Abrir la evaluación",
    };
}
