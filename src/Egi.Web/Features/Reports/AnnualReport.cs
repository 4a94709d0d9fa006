using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using Egi.Web.Data;
using Egi.Web.Features.Directory.Servants;
using Egi.Web.Reports;

namespace Egi.Web.Features.Reports;

/// <summary>One servant of the annual report: the scores only when the evaluation is Finalizada.</summary>
public sealed record AnnualRow(Stage1Row Base, string State, string WaitingOn, decimal? GoalsComponent, decimal? CompetenciesComponent, decimal? Final, RatingLevel? Level)
{
    /// <summary>The level's label, or «Sin finalizar».</summary>
    public string LevelLabel => Final is not null && Level is { } l ? l.Label() : AnnualText.NotFinished;
}

/// <summary>Averages and the count at each level for one dependencia (or the whole entity).</summary>
public sealed record AnnualSummary(
    int? DependencyId, string Dependency, int Servants,
    decimal? GoalsAverage, decimal? CompetenciesAverage, decimal? FinalAverage,
    int Outstanding, int Satisfactory, int Unsatisfactory, int NotFinished)
{
    public static AnnualSummary Of(int? dependencyId, string dependency, DependencyTotals t) => new(dependencyId, dependency, t.Servants,
        DependencyTotals.Average(t.GoalsSum, t.Scored), DependencyTotals.Average(t.CompetenciesSum, t.Scored), DependencyTotals.Average(t.FinalSum, t.Scored),
        t.Outstanding, t.Satisfactory, t.Unsatisfactory, t.Servants - t.Scored);
}

/// <summary>
/// Annual results (activity 16 of P-TH-10): one row per servant of the period (the stage-1 report's servants and order)
/// with the scores of <see cref="ScoringPolicy.Score(Evaluation)"/> (stored in the evaluation's facts) once Finalizada,
/// otherwise the state and on whom it waits; per dependencia the averages and the count at each level, and the entity
/// total, summed in SQL. Screen (a page at a time) and .xlsx (every row, streamed) read this.
/// </summary>
public sealed class AnnualReport
{
    public const string AuditEntity = "Informe anual";

    private AnnualReport(Consolidation data)
    {
        Data = data;
        Rows = data.PageRows.Select(x => RowOf(x.Base, x.Facts)).ToList();
        ByDependency = data.ByDependency.Select(t => AnnualSummary.Of(t.DependencyId, data.DependencyName(t.DependencyId), t)).ToList();
        Total = AnnualSummary.Of(null, data.TotalLabel, data.Total);
    }

    public Consolidation Data { get; }
    public Period Period => Data.Period;
    public Paging Paging => Data.Paging;

    /// <summary>The servants of the page shown.</summary>
    public IReadOnlyList<AnnualRow> Rows { get; }

    public int RowCount => Data.Paging.TotalRows;
    public IReadOnlyList<AnnualSummary> ByDependency { get; }
    public AnnualSummary Total { get; }

    public static async Task<AnnualReport> BuildAsync(EgiDbContext db, Period period, Stage1Filter filter, DateOnly today,
        IReadOnlyList<DependencyNode> tree, int? page = 1, CancellationToken ct = default) =>
        new(await Consolidation.LoadAsync(db, period, filter, today, tree, page, ct));

    /// <summary>Every servant of the report, read in batches (for the .xlsx).</summary>
    public IEnumerable<AnnualRow> AllRows(EgiDbContext db) => Data.AllRows(db).Select(x => RowOf(x.Base, x.Facts));

    private static AnnualRow RowOf(Stage1Row r, ReportRow f)
    {
        if (f.EvaluationId is null) return new(r, r.State, r.WaitingOn, null, null, null, null);
        if (f.FinalScore is not null) return new(r, f.State!.Value.Label(), "", f.GoalsComponent, f.CompetenciesComponent, f.FinalScore, f.Level);
        return new(r, f.State!.Value.Label(), Stage1Report.WaitingText(f), null, null, null, null);
    }
}

public static class AnnualText
{
    public const string NotFinished = "Sin finalizar";

    /// <summary>The level columns of the summary, in order.</summary>
    public static IReadOnlyList<string> LevelColumns { get; } = ["Sobresaliente", "Satisfactorio", "No satisfactorio", NotFinished];

    public static IReadOnlyList<int> Levels(AnnualSummary s) => [s.Outstanding, s.Satisfactory, s.Unsatisfactory, s.NotFinished];
}

/// <summary>The annual report as .xlsx: sheets «Servidores» and «Resumen por dependencia», the same numbers as the screen.</summary>
public static class AnnualXlsx
{
    public static string FileName(AnnualReport r) => $"anual-{r.Period.Year}.xlsx";

    public static IReadOnlyList<XlsxColumn> ServantColumns { get; } =
    [
        new("Documento", XlsxKind.Text, 14),
        new("Nombre", XlsxKind.Text, 30),
        new("Empleo", XlsxKind.Text, 34),
        new("Dependencia", XlsxKind.Text, 40),
        new("Evaluador", XlsxKind.Text, 34),
        new("Estado", XlsxKind.Text, 24),
        new("En espera de", XlsxKind.Text, 16),
        new("Componente metas", XlsxKind.Decimal, 12),
        new("Componente competencias", XlsxKind.Decimal, 12),
        new("Calificación final", XlsxKind.Decimal, 12),
        new("Nivel", XlsxKind.Text, 16),
    ];

    public static IReadOnlyList<XlsxColumn> SummaryColumns { get; } =
    [
        new("Dependencia", XlsxKind.Text, 40),
        new("Servidores", XlsxKind.Integer, 11),
        new("Promedio metas", XlsxKind.Decimal, 12),
        new("Promedio competencias", XlsxKind.Decimal, 12),
        new("Promedio final", XlsxKind.Decimal, 12),
        .. AnnualText.LevelColumns.Select(l => new XlsxColumn(l, XlsxKind.Integer, 14)),
    ];

    public static IReadOnlyList<object?> ServantCells(AnnualRow r) =>
    [
        r.Base.Document, r.Base.Name, r.Base.Job, r.Base.Dependency, r.Base.Evaluator, r.State,
        r.WaitingOn.Length == 0 ? null : r.WaitingOn,
        r.GoalsComponent, r.CompetenciesComponent, r.Final, r.LevelLabel,
    ];

    public static IReadOnlyList<object?> SummaryCells(AnnualSummary s) =>
    [
        s.Dependency, s.Servants, s.GoalsAverage, s.CompetenciesAverage, s.FinalAverage, .. AnnualText.Levels(s).Select(n => (object?)n),
    ];

    public static XlsxWorkbook Workbook(AnnualReport r, EgiDbContext db) => new XlsxWorkbook()
        .AddStreamedSheet(Stage1Xlsx.ServantsSheet, ServantColumns, r.AllRows(db).Select(ServantCells))
        .AddSheet(Stage1Xlsx.SummarySheet, SummaryColumns, r.ByDependency.Append(r.Total).Select(SummaryCells));
}
