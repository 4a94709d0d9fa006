using Egi.Domain.Improvement;
using Egi.Web.Infrastructure;

namespace Egi.Web.Features.Improvement;

/// <summary>
/// Authorization of the improvement plans by resource: the servant sees and edits their own plan, the jefe (the evaluator
/// of that evaluation) those of their evaluados, Talento Humano all. Consulta sees the list of plans (a report: status and
/// progress) but not the content of one (Ley 1581): a plan that is not yours answers 404, like an evaluation.
/// </summary>
public static class ImprovementAccess
{
    public static PlanActor ActorOf(CurrentUser me) => new(me.ServantId, me.DisplayName, me.IsTalentoHumano);

    public static bool CanRead(CurrentUser me, ImprovementPlan plan) => me.IsTalentoHumano || plan.CanView(ActorOf(me));

    public static bool CanEdit(CurrentUser me, ImprovementPlan plan) => plan.CanEdit(ActorOf(me));
}
