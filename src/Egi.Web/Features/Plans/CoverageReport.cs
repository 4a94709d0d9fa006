using System.Globalization;
using Egi.Web.Features.Shared;
using Egi.Domain.Calendar;
using Egi.Domain.Planning;
using Egi.Web.Data;
using Egi.Web.Reports;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Plans;

/// <summary>One plan item in the coverage report: how many current goals serve it and whose they are.</summary>
public sealed record CoverageRow(int ItemId, string Dependency, string Plan, PlanKind Kind, string Code, string Item, int Goals, IReadOnlyList<string> Evaluados)
{
    public bool Covered => Goals > 0;
}

/// <summary>
/// The rows of one dependencia (the item's responsible one, or the plan de acción's; else «Toda la entidad»);
/// <paramref name="Key"/> names it in the page's filter: the dependencia's id, or <see cref="CoverageReport.EntityKey"/>.
/// </summary>
public sealed record CoverageGroup(string Key, string Dependency, IReadOnlyList<CoverageRow> Rows)
{
    public int Covered => Rows.Count(r => r.Covered);
}

/// <summary>A dependencia's line of the summary: how many items it has and how many of them have goals.</summary>
public sealed record CoverageSummary(string Key, string Dependency, int Items, int Covered);

/// <summary>
/// SPEC §7: which plan items of a period have goals (how many, from whom) and which have none, per dependencia and
/// plan; the same on screen and in .xlsx. Counts the current goals of the period from their stored links
/// (<see cref="Egi.Domain.Evaluations.GoalPlanLink"/>). On screen, the summary per dependencia covers every item and the
/// rows come a page at a time (<see cref="PageSize"/> items, of one dependencia or all): a large entity's plans have
/// hundreds of items and thousands of names. The .xlsx has every row.
/// </summary>
public sealed record CoverageReport(Period Period, IReadOnlyList<CoverageSummary> Summary, IReadOnlyList<CoverageGroup> Groups, Paging Paging,
    int GoalsWithoutItem, int Goals)
{
    public const string AuditEntity = "Cobertura de planes";
    public const string Entity = "Toda la entidad";
    public const string EntityKey = "entidad";
    public const int PageSize = 100;

    /// <summary>The rows built: the page's on screen, every row for the .xlsx.</summary>
    public IEnumerable<CoverageRow> Rows => Groups.SelectMany(g => g.Rows);
    public int Items => Summary.Sum(s => s.Items);
    public int Covered => Summary.Sum(s => s.Covered);

    /// <param name="withNames">False for Planeación: the rows carry counts only, no names (Ley 1581).</param>
    /// <param name="dependency">Only the rows of that dependencia (<see cref="CoverageGroup.Key"/>); null: every dependencia's.</param>
    /// <param name="page">The page of rows (<see cref="PageSize"/> a page); null: every row, in one page (the .xlsx).</param>
    public static async Task<CoverageReport> BuildAsync(EgiDbContext db, Period period, CancellationToken ct, bool withNames = true,
        string? dependency = null, int? page = null)
    {
        // The items without their descriptions; the names are read for the rows shown only.
        var items = await (from i in db.Set<PlanItem>().AsNoTracking()
                           join p in db.Set<InstitutionalPlan>().AsNoTracking() on i.PlanId equals p.Id
                           where p.PeriodId == period.Id
                           select new { i.Id, i.Code, i.Name, Responsible = i.ResponsibleDependencyId ?? p.DependencyId, PlanDependency = p.DependencyId, p.Kind })
            .ToListAsync(ct);
        var dependencies = await db.Dependencies.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var (goals, withoutItem) = await PlanQueries.GoalsPerItemAsync(db, period.Id, planId: null, ct);

        string DependencyName(int? id) => id is { } x && dependencies.TryGetValue(x, out var n) ? n : Entity;
        string KeyOf(int? id) => id is { } x && dependencies.ContainsKey(x) ? x.ToString(CultureInfo.InvariantCulture) : EntityKey;
        var groups = items
            .Select(i => (Key: KeyOf(i.Responsible), Row: new CoverageRow(i.Id, DependencyName(i.Responsible), PlanQueries.PlanTitle(i.Kind, DependencyName(i.PlanDependency)),
                i.Kind, i.Code, i.Name, goals.GetValueOrDefault(i.Id), [])))
            .GroupBy(r => r.Key)
            .Select(g => new CoverageGroup(g.Key, g.First().Row.Dependency, g.Select(r => r.Row)
                .OrderBy(r => r.Kind == PlanKind.Action ? 0 : (int)r.Kind).ThenBy(r => r.Plan, StringComparer.CurrentCulture)
                .ThenBy(r => r.Code, NaturalCode.Comparer).ToList()))
            .OrderBy(g => g.Key == EntityKey ? 0 : 1).ThenBy(g => g.Dependency, StringComparer.CurrentCulture)
            .ToList();
        var summary = groups.Select(g => new CoverageSummary(g.Key, g.Dependency, g.Rows.Count, g.Covered)).ToList();

        var chosen = groups.Where(g => dependency is null || g.Key == dependency).SelectMany(g => g.Rows.Select(r => (g.Key, Row: r))).ToList();
        var paging = page is null ? Paging.Of(1, chosen.Count, Math.Max(1, chosen.Count)) : Paging.Of(page, chosen.Count, PageSize);
        var shown = chosen.Skip(paging.Skip).Take(paging.PageSize).ToList();
        var names = withNames ? await PlanQueries.EvaluadosPerItemAsync(db, period.Id, shown.Select(r => r.Row.ItemId).ToList(), ct) : [];
        var pageGroups = shown.GroupBy(r => r.Key)
            .Select(g => new CoverageGroup(g.Key, g.First().Row.Dependency, g.Select(r => names.TryGetValue(r.Row.ItemId, out var evaluados)
                ? r.Row with { Evaluados = evaluados.Distinct().Order(StringComparer.CurrentCulture).ToList() } : r.Row).ToList()))
            .ToList();
        return new CoverageReport(period, summary, pageGroups, paging, withoutItem, withoutItem + goals.Values.Sum());
    }

    public static string FileName(Period period) => $"cobertura-planes-{period.Year}.xlsx";

    public byte[] Xlsx()
    {
        var columns = new List<XlsxColumn>
        {
            new("Dependencia", XlsxKind.Text, 36),
            new("Plan", XlsxKind.Text, 40),
            new("Código", XlsxKind.Text, 12),
            new("Ítem", XlsxKind.Text, 60),
            new("Metas", XlsxKind.Integer),
            new("Evaluados", XlsxKind.Text, 60),
            new("Cobertura", XlsxKind.Text, 14),
        };
        var rows = Rows.Select(r => (IReadOnlyList<object?>)
            [r.Dependency, r.Plan, r.Code, r.Item, r.Goals, string.Join("; ", r.Evaluados), r.Covered ? "Con metas" : "Sin metas"]);
        var summary = new List<XlsxColumn> { new("Dependencia", XlsxKind.Text, 36), new("Ítems", XlsxKind.Integer), new("Ítems con metas", XlsxKind.Integer), new("Ítems sin metas", XlsxKind.Integer) };
        var summaryRows = Summary.Select(g => (IReadOnlyList<object?>)[g.Dependency, g.Items, g.Covered, g.Items - g.Covered])
            .Append([$"Total {Period.Name}", Items, Covered, Items - Covered]);
        return new XlsxWorkbook()
            .AddSheet("Cobertura", columns, rows)
            .AddSheet("Resumen", summary, summaryRows)
            .ToBytes();
    }
}
