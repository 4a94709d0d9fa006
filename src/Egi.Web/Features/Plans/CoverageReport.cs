using Egi.Web.Features.Shared;
using Egi.Domain.Calendar;
using Egi.Domain.Planning;
using Egi.Web.Data;
using Egi.Web.Reports;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Plans;

/// <summary>One plan item in the coverage report: how many current goals serve it and whose they are.</summary>
public sealed record CoverageRow(string Dependency, string Plan, PlanKind Kind, string Code, string Item, int Goals, IReadOnlyList<string> Evaluados)
{
    public bool Covered => Goals > 0;
}

/// <summary>The rows of one dependencia (the item's responsible one, or the plan de acción's; else «Toda la entidad»).</summary>
public sealed record CoverageGroup(string Dependency, IReadOnlyList<CoverageRow> Rows)
{
    public int Covered => Rows.Count(r => r.Covered);
}

/// <summary>
/// SPEC §7: which plan items of a period have goals (how many, from whom) and which have none, per dependencia and
/// plan; the same on screen and in .xlsx. Counts the current goals of the period from their stored links (<see cref="Egi.Domain.Evaluations.GoalPlanLink"/>).
/// </summary>
public sealed record CoverageReport(Period Period, IReadOnlyList<CoverageGroup> Groups, int GoalsWithoutItem, int Goals)
{
    public const string AuditEntity = "Cobertura de planes";
    public const string Entity = "Toda la entidad";

    public IEnumerable<CoverageRow> Rows => Groups.SelectMany(g => g.Rows);
    public int Items => Rows.Count();
    public int Covered => Rows.Count(r => r.Covered);

    /// <param name="withNames">False for Planeación: the rows carry counts only, no names (Ley 1581).</param>
    public static async Task<CoverageReport> BuildAsync(EgiDbContext db, Period period, CancellationToken ct, bool withNames = true)
    {
        var plans = await db.Set<InstitutionalPlan>().AsNoTracking().Include(p => p.Items).Where(p => p.PeriodId == period.Id).ToListAsync(ct);
        var dependencies = await db.Dependencies.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var (goals, withoutItem) = await PlanQueries.GoalsPerItemAsync(db, period.Id, planId: null, ct);
        var names = withNames ? await PlanQueries.EvaluadosPerItemAsync(db, period.Id, ct) : [];

        string DependencyName(int? id) => id is { } x && dependencies.TryGetValue(x, out var n) ? n : Entity;
        var rows = plans.SelectMany(p => p.Items.Select(i =>
        {
            return new CoverageRow(DependencyName(i.ResponsibleDependencyId ?? p.DependencyId), PlanQueries.PlanTitle(p, DependencyName(p.DependencyId)), p.Kind,
                i.Code, i.Name, goals.GetValueOrDefault(i.Id),
                names.TryGetValue(i.Id, out var evaluados) ? evaluados.Distinct().Order(StringComparer.CurrentCulture).ToList() : []);
        })).ToList();
        var groups = rows.GroupBy(r => r.Dependency)
            .OrderBy(g => g.Key == Entity ? 0 : 1).ThenBy(g => g.Key, StringComparer.CurrentCulture)
            .Select(g => new CoverageGroup(g.Key, g.OrderBy(r => r.Kind == PlanKind.Action ? 0 : (int)r.Kind).ThenBy(r => r.Plan, StringComparer.CurrentCulture)
                .ThenBy(r => r.Code, NaturalCode.Comparer).ToList()))
            .ToList();
        return new CoverageReport(period, groups, withoutItem, withoutItem + goals.Values.Sum());
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
        var summaryRows = Groups.Select(g => (IReadOnlyList<object?>)[g.Dependency, g.Rows.Count, g.Covered, g.Rows.Count - g.Covered])
            .Append([$"Total {Period.Name}", Items, Covered, Items - Covered]);
        return new XlsxWorkbook()
            .AddSheet("Cobertura", columns, rows)
            .AddSheet("Resumen", summary, summaryRows)
            .ToBytes();
    }
}
