using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using Egi.Web.Data;
using Egi.Web.Features.Directory.Servants;
using Egi.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Reports;

/// <summary>Where a servant stands in stage 2 (activities 8–10, first follow-up).</summary>
public enum Stage2Status
{
    /// <summary>No evaluation, or goals not agreed yet (or closed before the first follow-up was accepted).</summary>
    NotStarted = 0,

    /// <summary>Autoevaluación I, its approval or its acceptance.</summary>
    InProgress = 1,

    /// <summary>The first follow-up was accepted (or decided by a committee).</summary>
    Accepted = 2,
}

/// <summary>One servant of the stage-2 report; <see cref="Score"/> only once the first follow-up is accepted.</summary>
public sealed record Stage2Row(
    Stage1Row Base,
    Stage2Status Status,
    string State,
    string WaitingOn,
    DateOnly? SubmittedOn,
    DateOnly? ReviewedOn,
    DateOnly? AcceptedOn,
    decimal? Score);

/// <summary>The count of servants in each stage-2 bucket for one dependencia (or the whole entity).</summary>
public sealed record Stage2Summary(int? DependencyId, string Dependency, int Servants, int NotStarted, int InProgress, int Accepted, decimal? AverageScore)
{
    public decimal AcceptedPercent => Servants == 0 ? 0m : Math.Round(Accepted * 100m / Servants, 1, MidpointRounding.AwayFromZero);

    public int Count(Stage2Status s) => s switch
    {
        Stage2Status.NotStarted => NotStarted,
        Stage2Status.InProgress => InProgress,
        _ => Accepted,
    };

    public static Stage2Summary Of(int? dependencyId, string dependency, IReadOnlyCollection<Stage2Row> rows)
    {
        var scores = rows.Where(r => r.Score is not null).Select(r => r.Score!.Value).ToList();
        return new(dependencyId, dependency, rows.Count,
            rows.Count(r => r.Status == Stage2Status.NotStarted),
            rows.Count(r => r.Status == Stage2Status.InProgress),
            rows.Count(r => r.Status == Stage2Status.Accepted),
            scores.Count == 0 ? null : ScoringPolicy.Round(scores.Average()));
    }
}

/// <summary>
/// Stage-2 consolidation (activity 11 of P-TH-10): one row per servant of the period (the same servants, order and
/// evaluator as the stage-1 report, whose rows it reuses) with the first follow-up's dates and score, and a summary per
/// dependencia. Used by both the screen and the .xlsx.
/// </summary>
public sealed class Stage2Report
{
    public const string AuditEntity = "Informe etapa 2";

    private Stage2Report(Period period, IReadOnlyList<Stage2Row> rows, IReadOnlyList<Stage2Summary> byDependency, Stage2Summary total)
    {
        Period = period;
        Rows = rows;
        ByDependency = byDependency;
        Total = total;
    }

    public Period Period { get; }
    public IReadOnlyList<Stage2Row> Rows { get; }
    public IReadOnlyList<Stage2Summary> ByDependency { get; }
    public Stage2Summary Total { get; }

    public static async Task<Stage2Report> BuildAsync(EgiDbContext db, Period period, Stage1Filter filter, DateOnly today, CancellationToken ct = default)
    {
        var data = await ReportData.LoadAsync(db, period, filter, today, ct);
        return Build(data.Stage1, data.Evaluations);
    }

    public static Stage2Report Build(Stage1Report stage1, IReadOnlyDictionary<int, Evaluation> evaluations)
    {
        var policy = new ScoringPolicy(stage1.Period.Settings);
        var rows = stage1.Rows.Select(r => RowOf(r, r.EvaluationId is { } id ? evaluations.GetValueOrDefault(id) : null, policy)).ToList();
        var byDependency = rows.GroupBy(r => r.Base.DependencyId)
            .Select(g => Stage2Summary.Of(g.Key, g.First().Base.Dependency, g.ToList())).ToList();
        var total = Stage2Summary.Of(null, stage1.Filter.DependencyId is null ? "Total entidad" : "Total", rows);
        return new Stage2Report(stage1.Period, rows, byDependency, total);
    }

    private static Stage2Row RowOf(Stage1Row r, Evaluation? e, ScoringPolicy policy)
    {
        if (e is null) return new(r, Stage2Status.NotStarted, r.State, r.WaitingOn, null, null, null, null);

        var history = e.History.Where(h => h.From.Step() == EvaluationStep.FollowUpI).OrderBy(h => h.Sequence).ToList();
        var submitted = history.FirstOrDefault(h => h.Action == EvaluationAction.Submit && h.From == EvaluationState.SelfEvaluationI);
        var reviewed = history.LastOrDefault(h => h.From == EvaluationState.SelfEvaluationIApproval && h.Action is EvaluationAction.Approve or EvaluationAction.Modify);
        var accepted = history.LastOrDefault(h => h.To.Step() != EvaluationStep.FollowUpI && h.Action is EvaluationAction.Accept or EvaluationAction.CommitteeDecision);

        var status = e.State.Step() == EvaluationStep.FollowUpI ? Stage2Status.InProgress
            : accepted is not null ? Stage2Status.Accepted
            : Stage2Status.NotStarted;

        decimal? score = null;
        if (status == Stage2Status.Accepted)
        {
            var achieved = e.ProgressOf(1).GroupBy(p => p.GoalNumber).ToDictionary(g => g.Key, g => g.Last().AchievedPercent);
            score = ScoringPolicy.Round(policy.FirstFollowUp(
                e.OrderedGoals.Select(g => (g.Weight, g.AgreedFirstFollowUpPercent, achieved.GetValueOrDefault(g.Number))).ToList()));
        }

        var waiting = status == Stage2Status.Accepted || e.IsClosed ? ""
            : e.EscalatedStep is not null ? "Comisión evaluadora (desacuerdo)"
            : e.WaitingOn switch
            {
                WaitingOn.Evaluado => "Evaluado",
                WaitingOn.Evaluator => e.IsCommittee ? "Comisión evaluadora" : "Evaluador",
                _ => "",
            };
        return new(r, status, e.State.Label(), waiting, ReportData.Day(submitted?.At), ReportData.Day(reviewed?.At), ReportData.Day(accepted?.At), score);
    }
}

/// <summary>What the stage-2 and annual reports read: the stage-1 rows (servants, order, evaluator) and the evaluations.</summary>
public sealed record ReportData(Stage1Report Stage1, IReadOnlyDictionary<int, Evaluation> Evaluations)
{
    public static async Task<ReportData> LoadAsync(EgiDbContext db, Period period, Stage1Filter filter, DateOnly today, CancellationToken ct)
    {
        var tree = await ServantLookups.DependencyTreeAsync(db, ct);
        var servants = await db.Servants.AsNoTracking().ToListAsync(ct);
        var evaluations = await db.Evaluations.AsNoTracking().Where(e => e.PeriodId == period.Id).ToListAsync(ct);
        var stage1 = Stage1Report.Build(period, filter, today, tree, servants, evaluations);
        return new(stage1, evaluations.ToDictionary(e => e.Id));
    }

    /// <summary>The calendar day in Bogotá of an instant of the history (stored in UTC).</summary>
    public static DateOnly? Day(DateTime? utc) => utc is { } t
        ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc), CurrentUser.Bogota))
        : null;
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
        _ => "Seguimiento I aceptado",
    };

    /// <summary>"85,50": two decimals, es-CO; "—" when there is none.</summary>
    public static string Score(decimal? value) => value is { } v ? v.ToString("0.00", Es) : "—";
}

/// <summary>The stage-2 report as .xlsx: sheets «Servidores» and «Resumen por dependencia», the same numbers as the screen.</summary>
public static class Stage2Xlsx
{
    public static string FileName(Stage2Report r) => $"etapa2-{r.Period.Year}.xlsx";

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
    ];

    public static IReadOnlyList<Egi.Web.Reports.XlsxColumn> SummaryColumns { get; } =
    [
        new("Dependencia", Egi.Web.Reports.XlsxKind.Text, 40),
        new("Servidores", Egi.Web.Reports.XlsxKind.Integer, 11),
        .. Stage2Text.Statuses.Select(s => new Egi.Web.Reports.XlsxColumn(Stage2Text.StatusLabel(s), Egi.Web.Reports.XlsxKind.Integer, 14)),
        new("% seguimiento I aceptado", Egi.Web.Reports.XlsxKind.Percent, 13),
        new("Promedio primer seguimiento", Egi.Web.Reports.XlsxKind.Decimal, 14),
    ];

    public static IReadOnlyList<object?> ServantCells(Stage2Row r) =>
    [
        r.Base.Document, r.Base.Name, r.Base.Job, r.Base.Dependency, r.Base.Evaluator, r.State, Stage2Text.StatusLabel(r.Status),
        r.WaitingOn.Length == 0 ? null : r.WaitingOn, r.SubmittedOn, r.ReviewedOn, r.AcceptedOn, r.Score,
    ];

    public static IReadOnlyList<object?> SummaryCells(Stage2Summary s) =>
        [s.Dependency, s.Servants, .. Stage2Text.Statuses.Select(st => (object?)s.Count(st)), s.AcceptedPercent, s.AverageScore];

    public static byte[] Write(Stage2Report r) => new Egi.Web.Reports.XlsxWorkbook()
        .AddSheet(Stage1Xlsx.ServantsSheet, ServantColumns, r.Rows.Select(ServantCells))
        .AddSheet(Stage1Xlsx.SummarySheet, SummaryColumns, r.ByDependency.Append(r.Total).Select(SummaryCells))
        .ToBytes();
}
