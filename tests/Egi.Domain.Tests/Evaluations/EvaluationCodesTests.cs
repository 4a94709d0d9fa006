using Egi.Domain.Evaluations;

namespace Egi.Domain.Tests.Evaluations;

/// <summary>
/// The codes of the history, versions and evaluator changes are persisted by name and their numbers are fixed; the
/// Spanish a person reads comes only from Label() and is the text the pages always showed.
/// </summary>
public sealed class EvaluationCodesTests
{
    [Fact]
    public void Actions_keep_their_numbers_and_spanish_labels()
    {
        Assert.Equal(
            [
                (1, "Submit", "Enviar"), (2, "Approve", "Aprobar"), (3, "Reject", "Rechazar"), (4, "Modify", "Modificar"),
                (5, "Accept", "Aceptar"), (6, "NotAccept", "No aceptar"), (7, "RateCompetencies", "Calificar competencias"),
                (8, "ReassignEvaluator", "Reasignar evaluador"), (9, "AssignCommittee", "Asignar comisión evaluadora"),
                (10, "ReopenStep", "Reabrir paso"), (11, "Escalate", "Escalar a comisión"), (12, "CommitteeDecision", "Decisión de la comisión"),
                (13, "ChangeEvaluator", "Cambio de evaluador"), (14, "RecordPartial", "Registrar evaluación parcial"),
                (15, "WaivePartial", "Dispensar evaluación parcial"), (16, "CloseByRetirement", "Cierre por retiro"),
                (17, "ReopenAfterRetirement", "Reabrir tras reintegro"), (18, "FollowUpNotApplicable", "Seguimiento no aplica"),
            ],
            Enum.GetValues<EvaluationAction>().Select(a => ((int)a, a.ToString(), a.Label())));
    }

    [Fact]
    public void Roles_kinds_and_causes_keep_their_numbers_and_spanish_labels()
    {
        Assert.Equal([(1, "Evaluado", "Evaluado"), (2, "Evaluator", "Evaluador"), (3, "Committee", "Comisión evaluadora"), (4, "TalentoHumano", "Talento Humano"),
                (5, "System", "Regla del procedimiento")],
            Enum.GetValues<ActorRole>().Select(r => ((int)r, r.ToString(), r.Label())));
        Assert.Equal([(1, "Proposal", "Propuesta del evaluado"), (2, "Modification", "Modificación del evaluador"), (3, "CommitteeDecision", "Decisión de la comisión")],
            Enum.GetValues<VersionKind>().Select(k => ((int)k, k.ToString(), k.Label())));
        Assert.Equal(
            [
                (1, "Reassignment", "Reasignación del evaluador por Talento Humano"), (2, "Committee", "Asignación de una Comisión Evaluadora"),
                (3, "BossChange", "Cambio de jefe inmediato"), (4, "DependencyChange", "Traslado a otra dependencia"),
                (5, "EvaluatorRetired", "Retiro del evaluador"), (6, "EvaluadoRetired", "Retiro del evaluado"),
                (7, "NoLongerEvaluated", "El evaluado deja de evaluarse en EGI (cambio de vinculación)"),
            ],
            Enum.GetValues<PartialCause>().Select(c => ((int)c, c.ToString(), c.Label())));
        Assert.Equal([(1, "LateHire", "No aplica (ingreso posterior)")],
            Enum.GetValues<FollowUpExemption>().Select(x => ((int)x, x.ToString(), x.Label())));
    }

    [Fact]
    public void A_retired_evaluator_is_recorded_with_the_code_and_a_spanish_comment()
    {
        var th = new Actor("u-th", null, "Diana Talento Humano", IsTalentoHumano: true);
        var e = Evaluation.Open(1, 10, 20, new DateTime(2026, 1, 10, 15, 0, 0, DateTimeKind.Utc));
        var period = Egi.Domain.Calendar.Period.CreateWithDefaults(2026);
        var ctx = new EvaluationContext(new DateOnly(2026, 3, 2), new DateTime(2026, 3, 2, 15, 0, 0, DateTimeKind.Utc), period, new DateOnly(2020, 1, 1));
        Assert.True(e.EvaluatorRetired(th, new DateOnly(2026, 2, 27), ctx).Succeeded);
        var h = e.History[^1];
        Assert.Equal((ActorRole.TalentoHumano, EvaluationAction.ChangeEvaluator, "Retiro del evaluador el 27/02/2026"), (h.Role, h.Action, h.Comment));
        Assert.Equal(PartialCause.EvaluatorRetired, e.Tenures[0].EndCause);
    }
}
