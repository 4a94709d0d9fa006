using Egi.Web.Features.Shared;
using System.Globalization;
using System.Text;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Egi.Web.Reports;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Dashboard;

/// <summary>One bar of a chart (a dependencia, a level, a stage) with one value per series; null = no data («—»).</summary>
public sealed record ChartRow(string Label, IReadOnlyList<decimal?> Values)
{
    /// <summary>The sum of the values (no data counts as 0); a loop, not LINQ: the SVG asks for it on every bar.</summary>
    public decimal Total
    {
        get
        {
            var sum = 0m;
            for (var i = 0; i < Values.Count; i++) sum += Values[i] ?? 0m;
            return sum;
        }
    }
}

/// <summary>
/// A chart of the dashboard and its numbers: the SVG, the table «Ver datos» and the .xlsx sheet are all drawn from
/// this one record, so they always agree. Several series are stacked; <see cref="IsDecimal"/> means scores (0–100).
/// </summary>
public sealed record DashboardChart(
    string Id,
    string Title,
    string Summary,
    string CategoryHeader,
    IReadOnlyList<string> Series,
    IReadOnlyList<ChartRow> Rows,
    bool IsDecimal,
    string SheetName)
{
    public bool IsStacked => Series.Count > 1;

    /// <summary>The right end of the axis: 100 for scores, else the largest bar (at least 1).</summary>
    public decimal Max => IsDecimal ? 100m : Math.Max(1m, Rows.Select(r => r.Total).DefaultIfEmpty(0m).Max());

    /// <summary>The headers of the table and of the sheet.</summary>
    public IReadOnlyList<string> Headers => [CategoryHeader, .. Series, .. IsStacked ? new[] { DashboardText.Total } : []];

    /// <summary>The values of a row as the table and the sheet have them (the total last when stacked).</summary>
    public IReadOnlyList<decimal?> Cells(ChartRow row) => IsStacked ? [.. row.Values, row.Total] : row.Values;

    public string Format(decimal? value) => value is not { } v ? DashboardText.Missing : IsDecimal ? DashboardText.Score(v) : DashboardText.Int(v);
}

/// <summary>
/// The dashboard of Talento Humano and Consulta (SPEC §5) for one period, computed once and read by the page and
/// the .xlsx: (a) where each dependencia's evaluations stand in the stages, (b) the distribution of final levels,
/// (c) the average final rating per dependencia, (d) the late steps per stage. Scores come from
/// <see cref="AnnualReport"/> (<see cref="Egi.Domain.Scoring.ScoringPolicy"/>), lateness from <see cref="Lateness"/>.
/// </summary>
public sealed class DashboardData
{
    public const string AuditEntity = "Tablero";

    private DashboardData(Period period, DateOnly today, IReadOnlyList<DashboardChart> charts)
    {
        Period = period;
        Today = today;
        Charts = charts;
    }

    public Period Period { get; }
    public DateOnly Today { get; }
    public IReadOnlyList<DashboardChart> Charts { get; }

    public DashboardChart Chart(string id) => Charts.Single(c => c.Id == id);

    /// <summary>The positions of an evaluation in the stages (chart a), in order.</summary>
    public static IReadOnlyList<string> ProgressSeries { get; } =
        ["Sin evaluación", "Concertación de metas", "Primer seguimiento", "Segundo seguimiento", "Finalizada", "Cerrada por retiro"];

    public static IReadOnlyList<string> LevelRows { get; } = ["Sobresaliente", "Satisfactorio", "No satisfactorio", "Sin calificar"];

    public static IReadOnlyList<string> LateSeries { get; } = ["Espera al evaluado", "Espera al evaluador"];

    /// <summary>The accepted first follow-ups of a dependencia (chart e), split by the early warning.</summary>
    public static IReadOnlyList<string> EarlyWarningSeries { get; } = ["Sin alerta", "Alerta temprana"];

    /// <summary>
    /// Three small queries: the totals per dependencia of the period's servants (the stored tallies and the servants
    /// without an evaluation, <see cref="DependencyTallies"/>, shared with the consolidation reports, so «metas
    /// concertadas» is the stage-1 report's «Concertadas») and the late steps per stage and on whom
    /// they wait (one GROUP BY over the stored deadlines, with the control points' predicates: <see cref="StepDeadlines"/>).
    /// </summary>
    public static async Task<DashboardData> BuildAsync(EgiDbContext db, Period period, DateOnly today, CancellationToken ct = default)
    {
        var tree = await DependencyNodes.LoadAsync(db, ct);
        var totals = (await DependencyTallies.ReadAsync(db, period, today, ct)).Totals;
        var late = await LateAsync(db, period, today, ct);
        return Build(period, today, tree, totals, late);
    }

    /// <summary>
    /// Late steps per stage, split by on whom they wait: [step] = (evaluado, evaluator). One SQL command of three
    /// grouped counts (UNION ALL), each with the control points' predicate of its step (<see cref="StepDeadlines.Late"/>),
    /// so that each reads its step's deadline index (migration ControlDeadlineIndexes) instead of every open evaluation.
    /// </summary>
    public static async Task<IReadOnlyList<(int Evaluado, int Evaluator)>> LateAsync(EgiDbContext db, Period period, DateOnly today, CancellationToken ct)
    {
        var periodId = period.Id;
        IQueryable<LateCount> Of(EvaluationStep step) => db.Evaluations.AsNoTracking()
            .Where(e => e.PeriodId == periodId)
            .Where(StepDeadlines.Late(step, today))
            .GroupBy(e => e.Facts.WaitingOn)
            .Select(g => new LateCount { Step = step, WaitingOn = g.Key, Count = g.Count() });
        var groups = await Lateness.Steps.Select(Of).Aggregate(Queryable.Concat).ToListAsync(ct);
        return Lateness.Steps.Select(step => (
            groups.Where(g => g.Step == step && g.WaitingOn != WaitingOn.Evaluator).Sum(g => g.Count),
            groups.Where(g => g.Step == step && g.WaitingOn == WaitingOn.Evaluator).Sum(g => g.Count))).ToList();
    }

    private sealed class LateCount
    {
        public EvaluationStep Step { get; init; }
        public WaitingOn WaitingOn { get; init; }
        public int Count { get; init; }
    }

    /// <summary>The five charts from the totals per dependencia and the late steps per stage.</summary>
    public static DashboardData Build(Period period, DateOnly today, IReadOnlyList<DependencyNode> tree, IReadOnlyList<DependencyTotals> totals,
        IReadOnlyList<(int Evaluado, int Evaluator)> lateSteps)
    {
        var order = tree.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var names = tree.ToDictionary(d => d.Id, d => d.Name);
        var lines = totals.OrderBy(t => order.GetValueOrDefault(t.DependencyId, int.MaxValue)).ToList();
        var entity = DependencyTotals.Sum(lines);
        string Name(DependencyTotals t) => names.GetValueOrDefault(t.DependencyId, "—");

        // (a) stage progress per dependencia
        static ChartRow ProgressRow(string label, DependencyTotals t) =>
            new(label, [t.NoEvaluation, t.InGoals, t.InFollowUpI, t.InFollowUpII, t.Finalized, t.Closed]);
        var progressRows = lines.Select(t => ProgressRow(Name(t), t)).Append(ProgressRow(DashboardText.EntityTotal, entity)).ToList();
        var followUpI = entity.InFollowUpII + entity.Finalized;
        var progress = new DashboardChart("avance", "Avance de las etapas por dependencia",
            $"De {DashboardText.Int(entity.Servants)} servidores de la {period.Name}: {DashboardText.Int(entity.Agreed)} con las metas concertadas, "
            + $"{DashboardText.Int(followUpI)} con el primer seguimiento aceptado y {DashboardText.Int(entity.Finalized)} con la evaluación finalizada; "
            + $"{DashboardText.Int(entity.NoEvaluation)} sin evaluación.",
            "Dependencia", ProgressSeries, progressRows, false, "Avance por dependencia");

        // (b) distribution of final levels
        var t = AnnualSummary.Of(null, DashboardText.EntityTotal, entity);
        var levelRows = new List<ChartRow>
        {
            new(LevelRows[0], [t.Outstanding]),
            new(LevelRows[1], [t.Satisfactory]),
            new(LevelRows[2], [t.Unsatisfactory]),
            new(LevelRows[3], [t.NotFinished]),
        };
        var levels = new DashboardChart("niveles", "Distribución de los niveles de la calificación final",
            $"{DashboardText.Int(t.Outstanding)} Sobresaliente, {DashboardText.Int(t.Satisfactory)} Satisfactorio, "
            + $"{DashboardText.Int(t.Unsatisfactory)} No satisfactorio y {DashboardText.Int(t.NotFinished)} sin calificar (evaluación no finalizada), "
            + $"de {DashboardText.Int(t.Servants)} servidores.",
            "Nivel", ["Servidores"], levelRows, false, "Niveles");

        // (c) average final rating per dependencia
        var byDependency = lines.Select(l => AnnualSummary.Of(l.DependencyId, Name(l), l)).ToList();
        var averageRows = byDependency.Select(s => new ChartRow(s.Dependency, [s.FinalAverage]))
            .Append(new ChartRow(DashboardText.EntityTotal, [t.FinalAverage])).ToList();
        var best = byDependency.Where(s => s.FinalAverage is not null).MaxBy(s => s.FinalAverage);
        var averages = new DashboardChart("promedios", "Calificación final promedio por dependencia",
            t.FinalAverage is null
                ? "Aún no hay evaluaciones finalizadas: no hay promedios que mostrar."
                : $"Promedio de la entidad: {DashboardText.Score(t.FinalAverage.Value)} sobre 100 (solo evaluaciones finalizadas). "
                  + $"El más alto: {best!.Dependency} ({DashboardText.Score(best.FinalAverage!.Value)}). Sobresaliente desde "
                  + $"{DashboardText.Score(period.Settings.OutstandingFrom)}; No satisfactorio hasta {DashboardText.Score(period.Settings.UnsatisfactoryUpTo)}.",
            "Dependencia", ["Promedio final"], averageRows, true, "Promedio por dependencia");

        // (d) late steps per stage
        var lateRows = Lateness.Steps.Select((step, i) => new ChartRow(step.Stage().Label(), [lateSteps[i].Evaluado, lateSteps[i].Evaluator])).ToList();
        var lateTotal = (int)lateRows.Sum(r => r.Total);
        var late = new DashboardChart("atrasos", "Pasos atrasados por etapa",
            lateTotal == 0
                ? $"Al {today:dd/MM/yyyy} no hay pasos atrasados."
                : $"Al {today:dd/MM/yyyy} hay {DashboardText.Int(lateTotal)} pasos atrasados: "
                  + string.Join("; ", lateRows.Select(r => $"{r.Label}: {DashboardText.Int(r.Total)} ({DashboardText.Int(r.Values[0] ?? 0)} esperan al evaluado, {DashboardText.Int(r.Values[1] ?? 0)} al evaluador)")) + ".",
            "Etapa", LateSeries, lateRows, false, "Pasos atrasados");

        // (e) early warnings of the first follow-up per dependencia (SPEC §4: the first follow-up is for early warnings)
        static ChartRow WarningRow(string label, DependencyTotals t) => new(label, [t.Stage2Accepted - t.EarlyWarnings, t.EarlyWarnings]);
        var warningRows = lines.Select(l => WarningRow(Name(l), l)).Append(WarningRow(DashboardText.EntityTotal, entity)).ToList();
        var warnings = new DashboardChart("alertas", "Alertas tempranas del primer seguimiento por dependencia",
            entity.Stage2Accepted == 0
                ? "Aún no hay primeros seguimientos aceptados: no hay alertas tempranas que mostrar."
                : $"De {DashboardText.Int(entity.Stage2Accepted)} primeros seguimientos aceptados, {DashboardText.Int(entity.EarlyWarnings)} "
                  + $"{(entity.EarlyWarnings == 1 ? "es alerta temprana" : "son alertas tempranas")}: su calificación quedó hasta "
                  + $"{DashboardText.Score(period.Settings.UnsatisfactoryUpTo)}, el rango «No satisfactorio» de la vigencia.",
            "Dependencia", EarlyWarningSeries, warningRows, false, "Alertas tempranas");

        return new DashboardData(period, today, [progress, levels, averages, late, warnings]) { AgreedGoals = entity.Agreed, EarlyWarnings = entity.EarlyWarnings };
    }

    /// <summary>Servants with their goals agreed: the stage-1 report's «Concertadas» of the entity.</summary>
    public int AgreedGoals { get; private init; }

    /// <summary>Accepted first follow-ups that are early warnings, in the whole entity (chart e's total).</summary>
    public int EarlyWarnings { get; private init; }
}

public static class DashboardText
{
    private static readonly CultureInfo Es = ServiceRegistration.Culture;

    public const string Total = "Total";
    public const string EntityTotal = "Total entidad";

    /// <summary>A value without data.</summary>
    public const string Missing = "—";

    private const string IntFormat = "N0";
    private const string ScoreFormat = "0.00";

    public static string Int(decimal value) => value.ToString(IntFormat, Es);

    public static string Score(decimal value) => value.ToString(ScoreFormat, Es);

    /// <summary>
    /// The text of <see cref="DashboardChart.Format"/> (<see cref="Score"/> when <paramref name="isDecimal"/>, else
    /// <see cref="Int"/>, <see cref="Missing"/> for no value) appended to <paramref name="sb"/> without a string of its
    /// own: the SVG writes one or two per bar.
    /// </summary>
    public static void Append(StringBuilder sb, decimal? value, bool isDecimal)
    {
        if (value is not { } v)
        {
            sb.Append(Missing);
            return;
        }
        Span<char> buffer = stackalloc char[64];
        if (v.TryFormat(buffer, out var written, isDecimal ? ScoreFormat : IntFormat, Es)) sb.Append(buffer[..written]);
        else sb.Append(isDecimal ? Score(v) : Int(v));
    }
}

/// <summary>The dashboard as .xlsx: one sheet per chart with exactly the numbers of its table.</summary>
public static class DashboardXlsx
{
    public static string FileName(DashboardData d) => $"tablero-{d.Period.Year}.xlsx";

    public static byte[] Write(DashboardData d)
    {
        var workbook = new XlsxWorkbook();
        foreach (var chart in d.Charts)
        {
            var kind = chart.IsDecimal ? XlsxKind.Decimal : XlsxKind.Integer;
            var columns = chart.Headers.Select((h, i) => i == 0 ? new XlsxColumn(h, XlsxKind.Text, 40) : new XlsxColumn(h, kind, 16)).ToList();
            workbook.AddSheet(chart.SheetName, columns, chart.Rows.Select(r => (IReadOnlyList<object?>)[r.Label, .. chart.Cells(r).Select(v => v is { } x ? (object?)(chart.IsDecimal ? x : (int)x) : null)]));
        }
        return workbook.ToBytes();
    }
}
