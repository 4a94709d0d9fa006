using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using Egi.Web.Data;
using Egi.Web.Reports;

namespace Egi.Web.Features.Reports;

/// <summary>One servant of the annual report: the scores only when the evaluation is Finalizada.</summary>
public sealed record AnnualRow(Stage1Row Base, string State, string WaitingOn, ScoreBreakdown? Score)
{
    /// <summary>The level's label, or «Sin finalizar».</summary>
    public string LevelLabel => Score?.LevelLabel ?? AnnualText.NotFinished;
}

/// <summary>Averages and the count at each level for one dependencia (or the whole entity).</summary>
public sealed record AnnualSummary(
    int? DependencyId, string Dependency, int Servants,
    decimal? GoalsAverage, decimal? CompetenciesAverage, decimal? FinalAverage,
    int Outstanding, int Satisfactory, int Unsatisfactory, int NotFinished)
{
    public static AnnualSummary Of(int? dependencyId, string dependency, IReadOnlyCollection<AnnualRow> rows)
    {
        var scored = rows.Where(r => r.Score is not null).Select(r => r.Score!).ToList();
        decimal? Avg(Func<ScoreBreakdown, decimal> f) => scored.Count == 0 ? null : ScoringPolicy.Round(scored.Average(f));
        return new(dependencyId, dependency, rows.Count,
            Avg(s => s.GoalsComponent), Avg(s => s.CompetenciesComponent), Avg(s => s.Final),
            scored.Count(s => s.Level == RatingLevel.Sobresaliente),
            scored.Count(s => s.Level == RatingLevel.Satisfactorio),
            scored.Count(s => s.Level == RatingLevel.NoSatisfactorio),
            rows.Count - scored.Count);
    }
}

/// <summary>
/// Annual results (activity 16 of P-TH-10): one row per servant of the period (the stage-1 report's servants and order)
/// with the scores of <see cref="ScoringPolicy.Score(Evaluation)"/> once Finalizada, otherwise the state and on whom it
/// waits; per dependencia the averages and the count at each level, and the entity total. Screen and .xlsx read this.
/// </summary>
public sealed class AnnualReport
{
    public const string AuditEntity = "Informe anual";

    private AnnualReport(Period period, IReadOnlyList<AnnualRow> rows, IReadOnlyList<AnnualSummary> byDependency, AnnualSummary total)
    {
        Period = period;
        Rows = rows;
        ByDependency = byDependency;
        Total = total;
    }

    public Period Period { get; }
    public IReadOnlyList<AnnualRow> Rows { get; }
    public IReadOnlyList<AnnualSummary> ByDependency { get; }
    public AnnualSummary Total { get; }

    public static async Task<AnnualReport> BuildAsync(EgiDbContext db, Period period, Stage1Filter filter, DateOnly today, CancellationToken ct = default)
    {
        var data = await ReportData.LoadAsync(db, period, filter, today, ct);
        return Build(data.Stage1, data.Evaluations);
    }

    public static AnnualReport Build(Stage1Report stage1, IReadOnlyDictionary<int, Evaluation> evaluations)
    {
        var policy = new ScoringPolicy(stage1.Period.Settings);
        var rows = stage1.Rows.Select(r => RowOf(r, r.EvaluationId is { } id ? evaluations.GetValueOrDefault(id) : null, policy)).ToList();
        var byDependency = rows.GroupBy(r => r.Base.DependencyId)
            .Select(g => AnnualSummary.Of(g.Key, g.First().Base.Dependency, g.ToList())).ToList();
        var total = AnnualSummary.Of(null, stage1.Filter.DependencyId is null ? "Total entidad" : "Total", rows);
        return new AnnualReport(stage1.Period, rows, byDependency, total);
    }

    private static AnnualRow RowOf(Stage1Row r, Evaluation? e, ScoringPolicy policy)
    {
        if (e is null) return new(r, r.State, r.WaitingOn, null);
        if (e.State == EvaluationState.Finalized && e.Competencies.Count > 0) return new(r, e.State.Label(), "", policy.Score(e));
        var waiting = e.IsClosed ? ""
            : e.EscalatedStep is not null ? "Comisión evaluadora (desacuerdo)"
            : e.WaitingOn switch
            {
                WaitingOn.Evaluado => "Evaluado",
                WaitingOn.Evaluator => e.IsCommittee ? "Comisión evaluadora" : "Evaluador",
                _ => "",
            };
        return new(r, e.State.Label(), waiting, null);
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
        r.Score?.GoalsComponent, r.Score?.CompetenciesComponent, r.Score?.Final, r.LevelLabel,
    ];

    public static IReadOnlyList<object?> SummaryCells(AnnualSummary s) =>
    [
        s.Dependency, s.Servants, s.GoalsAverage, s.CompetenciesAverage, s.FinalAverage, .. AnnualText.Levels(s).Select(n => (object?)n),
    ];

    public static byte[] Write(AnnualReport r) => new XlsxWorkbook()
        .AddSheet(Stage1Xlsx.ServantsSheet, ServantColumns, r.Rows.Select(ServantCells))
        .AddSheet(Stage1Xlsx.SummarySheet, SummaryColumns, r.ByDependency.Append(r.Total).Select(SummaryCells))
        .ToBytes();
}
