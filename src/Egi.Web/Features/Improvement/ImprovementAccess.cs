using Egi.Domain.Improvement;
using Egi.Web.Infrastructure;

namespace Egi.Web.Features.Improvement;

/// <summary>
/// Authorization of the improvement plans by resource: the servant sees and edits their own plan, the jefe (the evaluator
/// of that evaluation) those of their evaluados, Talento Humano all; Consulta reads all and edits nothing.
/// </summary>
public static class ImprovementAccess
{
    public static PlanActor ActorOf(CurrentUser me) => new(me.ServantId, me.DisplayName, me.IsTalentoHumano);

    public static bool CanRead(CurrentUser me, ImprovementPlan plan) => me.CanReadReports || plan.CanView(ActorOf(me));

    public static bool CanEdit(CurrentUser me, ImprovementPlan plan) => plan.CanEdit(ActorOf(me));
}
