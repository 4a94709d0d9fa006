using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Planning;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Plans;

/// <summary>Queries the plan pages share: the period to show, and which goals link to which items (from <see cref="GoalPlanLink"/>).</summary>
public static class PlanQueries
{
    public const string AuditPlan = "Plan institucional";
    public const string AuditItem = "Ítem de plan";

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The period asked for by id text, else the one of this year, else the most recent.</summary>
    public static Period? Choose(IReadOnlyList<Period> periods, string? idText, DateOnly today)
    {
        if (int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && periods.FirstOrDefault(p => p.Id == id) is { } asked)
            return asked;
        return periods.FirstOrDefault(p => p.Year == today.Year) ?? periods.OrderByDescending(p => p.Year).FirstOrDefault();
    }

    /// <summary>The period's stored links of current goals to plan items (<see cref="GoalPlanLink"/>, kept by each save).</summary>
    private static IQueryable<GoalPlanLink> Links(EgiDbContext db, int periodId) =>
        db.Set<GoalPlanLink>().AsNoTracking().Where(l => l.PeriodId == periodId);

    /// <summary>
    /// How many current goals of the period serve each plan item (of <paramref name="planId"/> only, when given), by item
    /// id; and how many serve none.
    /// </summary>
    public static async Task<(Dictionary<int, int> PerItem, int WithoutItem)> GoalsPerItemAsync(EgiDbContext db, int periodId, int? planId,
        CancellationToken ct)
    {
        var links = Links(db, periodId);
        if (planId is { } id) links = links.Where(l => db.Set<PlanItem>().Any(i => i.Id == l.PlanItemId && i.PlanId == id));
        var rows = await links.GroupBy(l => l.PlanItemId).Select(g => new { Item = g.Key, Goals = g.Count() }).ToListAsync(ct);
        return (rows.Where(r => r.Item is not null).ToDictionary(r => r.Item!.Value, r => r.Goals), rows.Where(r => r.Item is null).Sum(r => r.Goals));
    }

    /// <summary>Per plan of the period: how many items it has and how many of them have at least one goal (one query).</summary>
    public static async Task<Dictionary<int, (int Items, int WithGoals)>> ItemCountsAsync(EgiDbContext db, int periodId, CancellationToken ct)
    {
        var rows = await (from i in db.Set<PlanItem>().AsNoTracking()
                          join p in db.Set<InstitutionalPlan>().AsNoTracking() on i.PlanId equals p.Id
                          where p.PeriodId == periodId
                          select new { i.PlanId, HasGoals = Links(db, periodId).Any(l => l.PlanItemId == i.Id) }).ToListAsync(ct);
        return rows.GroupBy(r => r.PlanId).ToDictionary(g => g.Key, g => (g.Count(), g.Count(r => r.HasGoals)));
    }

    /// <summary>
    /// The evaluados whose current goals serve each of <paramref name="items"/> (the period's items), by item id (names as
    /// «nombres apellidos»).
    /// </summary>
    public static async Task<Dictionary<int, List<string>>> EvaluadosPerItemAsync(EgiDbContext db, int periodId, IReadOnlyCollection<int> items,
        CancellationToken ct)
    {
        if (items.Count == 0) return [];
        var rows = await (from l in Links(db, periodId)
                          where l.PlanItemId != null && items.Contains(l.PlanItemId.Value)
                          join s in db.Servants.AsNoTracking() on l.EvaluadoId equals s.Id
                          select new { Item = l.PlanItemId!.Value, s.Id, s.FirstNames, s.LastNames }).Distinct().ToListAsync(ct);
        return rows.GroupBy(r => r.Item).ToDictionary(g => g.Key, g => g.Select(r => r.FirstNames + " " + r.LastNames).ToList());
    }

    public static string PlanTitle(InstitutionalPlan plan, string? dependencyName) => PlanTitle(plan.Kind, dependencyName);

    public static string PlanTitle(PlanKind kind, string? dependencyName) =>
        kind == PlanKind.Action ? $"Plan de acción — {dependencyName}" : kind.Label();
}
