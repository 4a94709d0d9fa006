namespace Egi.Domain.Evaluations;

// Stable codes of the evaluation's history, versions and evaluator changes. They are persisted (inside the JSON
// columns, by their enum *name*), so a member is never renamed nor its number reused: the Spanish a person reads is
// given only by Label() below, the one place with those texts.

/// <summary>What someone did on an evaluation (a step of its history).</summary>
public enum EvaluationAction
{
    Submit = 1,
    Approve = 2,
    Reject = 3,
    Modify = 4,
    Accept = 5,
    NotAccept = 6,
    RateCompetencies = 7,
    ReassignEvaluator = 8,
    AssignCommittee = 9,
    ReopenStep = 10,
    Escalate = 11,
    CommitteeDecision = 12,
    ChangeEvaluator = 13,
    RecordPartial = 14,
    WaivePartial = 15,
    CloseByRetirement = 16,
    ReopenAfterRetirement = 17,

    /// <summary>A follow-up does not apply to the evaluation (see <see cref="FollowUpExemption"/>): it went on to the next one.</summary>
    FollowUpNotApplicable = 18,
}

/// <summary>In which capacity the person acted on the evaluation (not an account role: see EgiRoles for those).</summary>
public enum ActorRole
{
    Evaluado = 1,
    Evaluator = 2,
    Committee = 3,
    TalentoHumano = 4,

    /// <summary>EGI itself, applying a rule of the procedure (e.g. a follow-up that does not apply to a late hire).</summary>
    System = 5,
}

/// <summary>Who produced a version of the goals or of a follow-up.</summary>
public enum VersionKind
{
    Proposal = 1,
    Modification = 2,
    CommitteeDecision = 3,
}

/// <summary>Why an evaluator's tenure ended (and a partial evaluation is owed).</summary>
public enum PartialCause
{
    Reassignment = 1,
    Committee = 2,
    BossChange = 3,
    DependencyChange = 4,
    EvaluatorRetired = 5,
    EvaluadoRetired = 6,

    /// <summary>The evaluado is no longer evaluated by EGI (their vinculación changed, or they became a gerente público).</summary>
    NoLongerEvaluated = 7,
}

/// <summary>Why a follow-up does not apply to an evaluation (persisted by name).</summary>
public enum FollowUpExemption
{
    /// <summary>
    /// «Ingreso posterior»: the evaluado entered in the period's year and their goals were agreed after the follow-up's
    /// window (as it applies to them) had closed: the evaluation covers the time worked.
    /// </summary>
    LateHire = 1,
}

/// <summary>The one place with the Spanish names of the evaluation's codes.</summary>
public static class EvaluationCodeLabels
{
    public static string Label(this EvaluationAction action) => action switch
    {
        EvaluationAction.Submit => "Enviar",
        EvaluationAction.Approve => "Aprobar",
        EvaluationAction.Reject => "Rechazar",
        EvaluationAction.Modify => "Modificar",
        EvaluationAction.Accept => "Aceptar",
        EvaluationAction.NotAccept => "No aceptar",
        EvaluationAction.RateCompetencies => "Calificar competencias",
        EvaluationAction.ReassignEvaluator => "Reasignar evaluador",
        EvaluationAction.AssignCommittee => "Asignar comisión evaluadora",
        EvaluationAction.ReopenStep => "Reabrir paso",
        EvaluationAction.Escalate => "Escalar a comisión",
        EvaluationAction.CommitteeDecision => "Decisión de la comisión",
        EvaluationAction.ChangeEvaluator => "Cambio de evaluador",
        EvaluationAction.RecordPartial => "Registrar evaluación parcial",
        EvaluationAction.WaivePartial => "Dispensar evaluación parcial",
        EvaluationAction.CloseByRetirement => "Cierre por retiro",
        EvaluationAction.ReopenAfterRetirement => "Reabrir tras reintegro",
        EvaluationAction.FollowUpNotApplicable => "Seguimiento no aplica",
        _ => action.ToString(),
    };

    public static string Label(this ActorRole role) => role switch
    {
        ActorRole.Evaluado => "Evaluado",
        ActorRole.Evaluator => "Evaluador",
        ActorRole.Committee => "Comisión evaluadora",
        ActorRole.TalentoHumano => "Talento Humano",
        ActorRole.System => "Regla del procedimiento",
        _ => role.ToString(),
    };

    public static string Label(this VersionKind kind) => kind switch
    {
        VersionKind.Proposal => "Propuesta del evaluado",
        VersionKind.Modification => "Modificación del evaluador",
        VersionKind.CommitteeDecision => "Decisión de la comisión",
        _ => kind.ToString(),
    };

    public static string Label(this FollowUpExemption exemption) => exemption switch
    {
        FollowUpExemption.LateHire => "No aplica (ingreso posterior)",
        _ => exemption.ToString(),
    };

    public static string Label(this PartialCause cause) => cause switch
    {
        PartialCause.Reassignment => "Reasignación del evaluador por Talento Humano",
        PartialCause.Committee => "Asignación de una Comisión Evaluadora",
        PartialCause.BossChange => "Cambio de jefe inmediato",
        PartialCause.DependencyChange => "Traslado a otra dependencia",
        PartialCause.EvaluatorRetired => "Retiro del evaluador",
        PartialCause.EvaluadoRetired => "Retiro del evaluado",
        PartialCause.NoLongerEvaluated => "El evaluado deja de evaluarse en EGI (cambio de vinculación)",
        _ => cause.ToString(),
    };
}
