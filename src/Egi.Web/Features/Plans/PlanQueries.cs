using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Planning;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Plans;

/// <summary>A goal that links to a plan item: whose it is.</summary>
public sealed record GoalLink(int EvaluationId, int EvaluadoId, int GoalNumber);

/// <summary>Queries the plan pages share: the period to show, and which goals link to which items.</summary>
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

    /// <summary>The current goals of the period's evaluations that link to a plan item, by item id.</summary>
    public static async Task<Dictionary<int, List<GoalLink>>> GoalLinksAsync(EgiDbContext db, int periodId, CancellationToken ct)
    {
        var evaluations = await db.Evaluations.AsNoTracking().Where(e => e.PeriodId == periodId).ToListAsync(ct);
        return evaluations
            .SelectMany(e => e.Goals.Where(g => g.PlanItemId is not null).Select(g => (Item: g.PlanItemId!.Value, Link: new GoalLink(e.Id, e.EvaluadoId, g.Number))))
            .GroupBy(x => x.Item)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Link).ToList());
    }

    /// <summary>How many current goals of the period link to any of the items (such items cannot be deleted).</summary>
    public static async Task<int> GoalsLinkingAsync(EgiDbContext db, int periodId, IReadOnlyCollection<int> itemIds, CancellationToken ct)
    {
        var links = await GoalLinksAsync(db, periodId, ct);
        return itemIds.Sum(id => links.TryGetValue(id, out var l) ? l.Count : 0);
    }

    public static string PlanTitle(InstitutionalPlan plan, string? dependencyName) =>
        plan.Kind == PlanKind.Action ? $"Plan de acción — {dependencyName}" : plan.Kind.Label();
}
