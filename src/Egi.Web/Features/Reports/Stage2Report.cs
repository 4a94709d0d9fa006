using Egi.Web.Features.Shared;
using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Reports;

/// <summary>
/// One servant of the stage-2 report; <see cref="Score"/> and <see cref="EarlyWarning"/> only once the first follow-up
/// is accepted (the early warning is the stored fact, <see cref="EvaluationFacts.EarlyWarning"/>).
/// </summary>
public sealed record Stage2Row(
    Stage1Row Base,
    Stage2Status Status,
    string State,
    string WaitingOn,
    DateOnly? SubmittedOn,
    DateOnly? ReviewedOn,
    DateOnly? AcceptedOn,
    decimal? Score,
    bool? EarlyWarning = null);

/// <summary>The count of servants in each stage-2 bucket for one dependencia (or the whole entity).</summary>
public sealed record Stage2Summary(int? DependencyId, string Dependency, int Servants, int NotStarted, int InProgress, int Accepted, int NotApplicable,
    decimal? AverageScore, int EarlyWarnings)
{
    public decimal AcceptedPercent => Servants == 0 ? 0m : Math.Round(Accepted * 100m / Servants, 1, MidpointRounding.AwayFromZero);

    public int Count(Stage2Status s) => s switch
    {
        Stage2Status.NotStarted => NotStarted,
        Stage2Status.InProgress => InProgress,
        Stage2Status.NotApplicable => NotApplicable,
        _ => Accepted,
    };

    public static Stage2Summary Of(int? dependencyId, string dependency, DependencyTotals t) => new(dependencyId, dependency, t.Servants,
        t.Stage2NotStarted, t.Stage2InProgress, t.Stage2Accepted, t.Stage2NotApplicable, DependencyTotals.Average(t.FirstFollowUpSum, t.FirstFollowUpCount),
        t.EarlyWarnings);
}

/// <summary>
/// Stage-2 consolidation (activity 11 of P-TH-10): one row per servant of the period (the same servants, order and
/// evaluator as the stage-1 report, whose rows it reuses) with the first follow-up's dates and score, and a summary per
/// dependencia. Used by both the screen and the .xlsx.
/// </summary>
public sealed class Stage2Report
{
    public const string AuditEntity = "Informe etapa 2";

    private Stage2Report(Consolidation data)
    {
        Data = data;
        Rows = data.PageRows.Select(x => RowOf(x.Base, x.Facts)).ToList();
        ByDependency = data.ByDependency.Select(t => Stage2Summary.Of(t.DependencyId, data.DependencyName(t.DependencyId), t)).ToList();
        Total = Stage2Summary.Of(null, data.TotalLabel, data.Total);
    }

    public Consolidation Data { get; }
    public Period Period => Data.Period;
    public Paging Paging => Data.Paging;

    /// <summary>The servants of the page shown.</summary>
    public IReadOnlyList<Stage2Row> Rows { get; }

    /// <summary>How many servants the report lists (all its pages).</summary>
    public int RowCount => Data.Paging.TotalRows;

    public IReadOnlyList<Stage2Summary> ByDependency { get; }
    public Stage2Summary Total { get; }

    public static async Task<Stage2Report> BuildAsync(EgiDbContext db, Period period, Stage1Filter filter, DateOnly today,
        IReadOnlyList<DependencyNode> tree, int? page = 1, CancellationToken ct = default) =>
        new(await Consolidation.LoadAsync(db, period, filter, today, tree, page, ct));

    /// <summary>Every servant of the report, streamed from one query (for the .xlsx).</summary>
    public IEnumerable<Stage2Row> AllRows(EgiDbContext db) => Data.AllRows(db).Select(x => RowOf(x.Base, x.Facts));

    private static Stage2Row RowOf(Stage1Row r, ReportRow f)
    {
        if (f.EvaluationId is null) return new(r, Stage2Status.NotStarted, r.State, r.WaitingOn, null, null, null, null);
        var status = f.Stage2;
        var waiting = status is Stage2Status.Accepted or Stage2Status.NotApplicable ? "" : Stage1Report.WaitingText(f);
        var accepted = status == Stage2Status.Accepted;
        return new(r, status, f.State!.Value.Label(), waiting, f.FollowUpISubmittedOn, f.FollowUpIReviewedOn, f.FollowUpIAcceptedOn,
            accepted ? f.FirstFollowUpScore : null, accepted ? f.EarlyWarning == true : null);
    }
}

/// <summary>Spanish labels and formats shared by the stage-2 and annual reports.</summary>
public static class Stage2Text
{
    private static readonly CultureInfo Es = ServiceRegistration.Culture;

    public static IReadOnlyList<Stage2Status> Statuses { get; } = Enum.GetValues<Stage2Status>();

    public static string StatusLabel(Stage2Status s) => s switch
    {
        Stage2Status.NotStarted => "Sin iniciar/Metas sin concertar",
        Stage2Status.InProgress => "Autoevaluación I en curso",
        Stage2Status.NotApplicable => FollowUpExemption.LateHire.Label(),
        _ => "Seguimiento I aceptado",
    };

    public const string EarlyWarningHeader = "Alerta temprana";
    public const string EarlyWarningsHeader = "Alertas tempranas";

    /// <summary>An early warning in words (never only a colour): «Sí», «No», or «—» before the first follow-up is accepted.</summary>
    public static string EarlyWarning(bool? warning) => warning switch
    {
        true => "Sí",
        false => "No",
        null => "—",
    };

    /// <summary>"85,50": two decimals, es-CO; "—" when there is none.</summary>
    public static string Score(decimal? value) => value is { } v ? v.ToString("0.00", Es) : "—";
}

/// <summary>The stage-2 report as .xlsx: sheets «Servidores» and «Resumen por dependencia», the same numbers as the screen.</summary>
public static class Stage2Xlsx
{
    /// <summary>«etapa2-2026.xlsx», or «etapa2-2026-alertas.xlsx» for the view of the early warnings only.</summary>
    public static string FileName(Stage2Report r) => $"etapa2-{r.Period.Year}{(r.Data.Filter.EarlyWarningsOnly ? "-alertas" : "")}.xlsx";

    public static IReadOnlyList<Egi.Web.Reports.XlsxColumn> ServantColumns { get; } =
    [
        new("Documento", Egi.Web.Reports.XlsxKind.Text, 14),
        new("Nombre", Egi.Web.Reports.XlsxKind.Text, 30),
        new("Empleo", Egi.Web.Reports.XlsxKind.Text, 34),
        new("Dependencia", Egi.Web.Reports.XlsxKind.Text, 40),
        new("Evaluador", Egi.Web.Reports.XlsxKind.Text, 34),
        new("Estado", Egi.Web.Reports.XlsxKind.Text, 24),
        new("Etapa 2", Egi.Web.Reports.XlsxKind.Text, 24),
        new("En espera de", Egi.Web.Reports.XlsxKind.Text, 16),
        new("Fecha de envío", Egi.Web.Reports.XlsxKind.Date, 14),
        new("Fecha de aprobación o modificación", Egi.Web.Reports.XlsxKind.Date, 14),
        new("Fecha de aceptación", Egi.Web.Reports.XlsxKind.Date, 14),
        new("Calificación primer seguimiento", Egi.Web.Reports.XlsxKind.Decimal, 14),
        new(Stage2Text.EarlyWarningHeader, Egi.Web.Reports.XlsxKind.Text, 10),
    ];

    public static IReadOnlyList<Egi.Web.Reports.XlsxColumn> SummaryColumns { get; } =
    [
        new("Dependencia", Egi.Web.Reports.XlsxKind.Text, 40),
        new("Servidores", Egi.Web.Reports.XlsxKind.Integer, 11),
        .. Stage2Text.Statuses.Select(s => new Egi.Web.Reports.XlsxColumn(Stage2Text.StatusLabel(s), Egi.Web.Reports.XlsxKind.Integer, 14)),
        new("% seguimiento I aceptado", Egi.Web.Reports.XlsxKind.Percent, 13),
        new("Promedio primer seguimiento", Egi.Web.Reports.XlsxKind.Decimal, 14),
        new(Stage2Text.EarlyWarningsHeader, Egi.Web.Reports.XlsxKind.Integer, 12),
    ];

    public static IReadOnlyList<object?> ServantCells(Stage2Row r) =>
    [
        r.Base.Document, r.Base.Name, r.Base.Job, r.Base.Dependency, r.Base.Evaluator, r.State, Stage2Text.StatusLabel(r.Status),
        r.WaitingOn.Length == 0 ? null : r.WaitingOn, r.SubmittedOn, r.ReviewedOn, r.AcceptedOn, r.Score,
        r.EarlyWarning is null ? null : Stage2Text.EarlyWarning(r.EarlyWarning),
    ];

    public static IReadOnlyList<object?> SummaryCells(Stage2Summary s) =>
        [s.Dependency, s.Servants, .. Stage2Text.Statuses.Select(st => (object?)s.Count(st)), s.AcceptedPercent, s.AverageScore, s.EarlyWarnings];

    public static Egi.Web.Reports.XlsxWorkbook Workbook(Stage2Report r, EgiDbContext db) => new Egi.Web.Reports.XlsxWorkbook()
        .AddStreamedSheet(Stage1Xlsx.ServantsSheet, ServantColumns, r.AllRows(db).Select(ServantCells))
        .AddSheet(Stage1Xlsx.SummarySheet, SummaryColumns, r.ByDependency.Append(r.Total).Select(SummaryCells));
}
