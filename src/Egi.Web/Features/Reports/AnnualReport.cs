using Egi.Web.Features.Shared;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using Egi.Web.Data;
using Egi.Web.Reports;

namespace Egi.Web.Features.Reports;

/// <summary>
/// One servant of the annual report: the date of each step (<see cref="AnnualText.Steps"/>, read from the evaluation's
/// stored facts), the first follow-up's score once accepted, and the final scores only when the evaluation is Finalizada.
/// </summary>
public sealed record AnnualRow(
    Stage1Row Base, string State, string WaitingOn, IReadOnlyList<DateOnly?> Dates,
    decimal? FirstFollowUp, decimal? GoalsComponent, decimal? CompetenciesComponent, decimal? Final, RatingLevel? Level,
    string Partials = AnnualText.NoPartials, decimal? LastPartialScore = null)
{
    /// <summary>The level's label, or «Sin finalizar».</summary>
    public string LevelLabel => Final is not null && Level is { } l ? l.Label() : AnnualText.NotFinished;
}

/// <summary>How many servants of one dependencia (or the whole entity) are in each state of their evaluation.</summary>
public sealed record AnnualStates(int? DependencyId, string Dependency, int Servants, int NoEvaluation, IReadOnlyList<int> ByState)
{
    /// <summary>The counts in the order of <see cref="AnnualText.StateColumns"/>: without evaluation, then each state.</summary>
    public IEnumerable<int> Counts => ByState.Prepend(NoEvaluation);

    public static AnnualStates Of(int? dependencyId, string dependency, IEnumerable<StateCount> counts)
    {
        var byState = new int[AnnualText.States.Count];
        int servants = 0, none = 0;
        foreach (var c in counts)
        {
            servants += c.Count;
            if (c.State is not { } state) none += c.Count;
            else
                for (var i = 0; i < byState.Length; i++)
                    if (AnnualText.States[i] == state) byState[i] += c.Count;
        }
        return new(dependencyId, dependency, servants, none, byState);
    }
}

/// <summary>
/// Annual results (activity 16 of P-TH-10, SPEC §5): one row per servant of the period (the stage-1 report's servants
/// and order) with the state, on whom it waits, the date of each step and the scores of
/// <see cref="ScoringPolicy.Score(Evaluation)"/> (all stored in the evaluation's facts: nothing is derived again here);
/// per dependencia the averages (of the unrounded scores, rounded once), the count at each level and the count in each
/// state, and the entity total, grouped in SQL. Screen (a page at a time) and .xlsx (every row, streamed) read this.
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
        var byDependency = data.States.ToLookup(c => c.DependencyId);
        StatesByDependency = data.ByDependency
            .Select(t => AnnualStates.Of(t.DependencyId, data.DependencyName(t.DependencyId), byDependency[t.DependencyId])).ToList();
        StatesTotal = AnnualStates.Of(null, data.TotalLabel, data.ByDependency.SelectMany(t => byDependency[t.DependencyId]));
    }

    public Consolidation Data { get; }
    public Period Period => Data.Period;
    public Paging Paging => Data.Paging;

    /// <summary>The servants of the page shown.</summary>
    public IReadOnlyList<AnnualRow> Rows { get; }

    public int RowCount => Data.Paging.TotalRows;
    public IReadOnlyList<AnnualSummary> ByDependency { get; }
    public AnnualSummary Total { get; }

    /// <summary>Per dependencia (in tree order), how many servants are in each state of their evaluation.</summary>
    public IReadOnlyList<AnnualStates> StatesByDependency { get; }

    public AnnualStates StatesTotal { get; }

    /// <summary>The consolidation (summary, state counts and page, <see cref="Consolidation.LoadAsync"/>).</summary>
    public static async Task<AnnualReport> BuildAsync(EgiDbContext db, Period period, Stage1Filter filter, DateOnly today,
        IReadOnlyList<DependencyNode> tree, int? page = 1, CancellationToken ct = default)
    {
        var data = await Consolidation.LoadAsync(db, period, filter, today, tree, page, ct, withStates: true);
        return new(data);
    }

    /// <summary>Every servant of the report, streamed from one query (for the .xlsx).</summary>
    public IEnumerable<AnnualRow> AllRows(EgiDbContext db) => Data.AllRows(db).Select(x => RowOf(x.Base, x.Facts));

    private static AnnualRow RowOf(Stage1Row r, ReportRow f)
    {
        var dates = AnnualText.Steps.Select(s => s.Date(f)).ToList();
        if (f.EvaluationId is null) return new(r, r.State, r.WaitingOn, dates, null, null, null, null, null);
        var partials = AnnualText.PartialsText(f.RecordedPartials ?? 0, f.PendingPartials ?? 0);
        if (f.FinalScore is not null)
            return new(r, f.State!.Value.Label(), "", dates, f.FirstFollowUpScore, f.GoalsComponent, f.CompetenciesComponent, f.FinalScore, f.Level,
                partials, f.LastPartialScore);
        return new(r, f.State!.Value.Label(), Stage1Report.WaitingText(f), dates, f.FirstFollowUpScore, null, null, null, null, partials, f.LastPartialScore);
    }
}

public static class AnnualText
{
    public const string NotFinished = "Sin finalizar";

    /// <summary>The level columns of the summary, in order.</summary>
    public static IReadOnlyList<string> LevelColumns { get; } = ["Sobresaliente", "Satisfactorio", "No satisfactorio", NotFinished];

    public static IReadOnlyList<int> Levels(AnnualSummary s) => [s.Outstanding, s.Satisfactory, s.Unsatisfactory, s.NotFinished];

    /// <summary>
    /// The steps whose date each row shows, in the order of the procedure, with the stored fact that holds it
    /// (<see cref="EvaluationFacts"/>: the Bogotá day of the step in the history).
    /// </summary>
    public static IReadOnlyList<(string Header, Func<ReportRow, DateOnly?> Date)> Steps { get; } =
    [
        ("Fecha de envío de metas", r => r.GoalsSubmittedOn),
        ("Fecha de aprobación o modificación de metas", r => r.GoalsReviewedOn),
        ("Fecha de concertación de metas", r => r.GoalsAgreedOn),
        ("Fecha de envío de la autoevaluación I", r => r.FollowUpISubmittedOn),
        ("Fecha de aprobación o modificación de la evaluación I", r => r.FollowUpIReviewedOn),
        ("Fecha de aceptación de la evaluación I", r => r.FollowUpIAcceptedOn),
        ("Fecha de envío de la autoevaluación II", r => r.FollowUpIISubmittedOn),
        ("Fecha de aprobación o modificación de la evaluación II", r => r.FollowUpIIReviewedOn),
        ("Fecha de calificación de competencias", r => r.CompetenciesRatedOn),
        ("Fecha de finalización", r => r.FinalizedOn),
        ("Fecha de cierre por retiro", r => r.ClosedOn),
    ];

    public const string NoEvaluation = "Sin evaluación";

    public const string PartialsHeader = "Evaluaciones parciales";
    public const string LastPartialHeader = "Metas en la última parcial";
    public const string NoPartials = "—";

    /// <summary>
    /// The partial evaluations of a row in words (SPEC §4: change of evaluator and retiro): «1 registrada», «1 registrada,
    /// 1 pendiente», «2 pendientes», or «—» without any.
    /// </summary>
    public static string PartialsText(int recorded, int pending)
    {
        var parts = new List<string>(2);
        if (recorded > 0) parts.Add(recorded == 1 ? "1 registrada" : $"{recorded} registradas");
        if (pending > 0) parts.Add(pending == 1 ? "1 pendiente" : $"{pending} pendientes");
        return parts.Count == 0 ? NoPartials : string.Join(", ", parts);
    }

    /// <summary>The states counted per dependencia, in the order of the procedure (the tallies' own list of them).</summary>
    public static IReadOnlyList<EvaluationState> States => DependencyTallies.States;

    /// <summary>The headers of the counts per state: without evaluation, then each state's label.</summary>
    public static IReadOnlyList<string> StateColumns { get; } = [NoEvaluation, .. States.Select(s => s.Label())];
}

/// <summary>
/// The annual report as .xlsx: sheets «Servidores», «Resumen por dependencia» and «Estados por dependencia», the same
/// numbers as the screen (dates are real Excel dates, empty when the step has not happened).
/// </summary>
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
        .. AnnualText.Steps.Select(s => new XlsxColumn(s.Header, XlsxKind.Date, 14)),
        new("Calificación primer seguimiento", XlsxKind.Decimal, 14),
        new("Componente metas", XlsxKind.Decimal, 12),
        new("Componente competencias", XlsxKind.Decimal, 12),
        new("Calificación final", XlsxKind.Decimal, 12),
        new("Nivel", XlsxKind.Text, 16),
        new(AnnualText.PartialsHeader, XlsxKind.Text, 22),
        new(AnnualText.LastPartialHeader, XlsxKind.Decimal, 12),
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

    public const string StatesSheet = "Estados por dependencia";

    public static IReadOnlyList<XlsxColumn> StateColumns { get; } =
    [
        new("Dependencia", XlsxKind.Text, 40),
        new("Servidores", XlsxKind.Integer, 11),
        .. AnnualText.StateColumns.Select(l => new XlsxColumn(l, XlsxKind.Integer, 14)),
    ];

    public static IReadOnlyList<object?> ServantCells(AnnualRow r) =>
    [
        r.Base.Document, r.Base.Name, r.Base.Job, r.Base.Dependency, r.Base.Evaluator, r.State,
        r.WaitingOn.Length == 0 ? null : r.WaitingOn,
        .. r.Dates.Select(d => (object?)d),
        r.FirstFollowUp, r.GoalsComponent, r.CompetenciesComponent, r.Final, r.LevelLabel,
        r.Partials == AnnualText.NoPartials ? null : r.Partials, r.LastPartialScore,
    ];

    public static IReadOnlyList<object?> SummaryCells(AnnualSummary s) =>
    [
        s.Dependency, s.Servants, s.GoalsAverage, s.CompetenciesAverage, s.FinalAverage, .. AnnualText.Levels(s).Select(n => (object?)n),
    ];

    public static IReadOnlyList<object?> StateCells(AnnualStates s) => [s.Dependency, s.Servants, .. s.Counts.Select(n => (object?)n)];

    public static XlsxWorkbook Workbook(AnnualReport r, EgiDbContext db) => new XlsxWorkbook()
        .AddStreamedSheet(Stage1Xlsx.ServantsSheet, ServantColumns, r.AllRows(db).Select(ServantCells))
        .AddSheet(Stage1Xlsx.SummarySheet, SummaryColumns, r.ByDependency.Append(r.Total).Select(SummaryCells))
        .AddSheet(StatesSheet, StateColumns, r.StatesByDependency.Append(r.StatesTotal).Select(StateCells));
}
