using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Process;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;

namespace Egi.Web.Features.Reports.Issued;

/// <summary>
/// Freezes the consolidation of a period for an issued report: the summary per dependencia and the entity total that the
/// report's own page shows (<see cref="Stage1Report"/>, <see cref="Stage2Report"/>, <see cref="AnnualReport"/>, the
/// whole entity, no filter), computed by that same code at issue time and kept as values with stable column codes.
/// </summary>
public static class IssuedSnapshot
{
    public const string Servants = "Servants";
    public const string EarlyWarnings = "EarlyWarnings";

    public static async Task<ConsolidationSnapshot> TakeAsync(EgiDbContext db, IssuedReportKind kind, Period period, DateOnly today,
        IReadOnlyList<DependencyNode> tree, CancellationToken ct)
    {
        var all = new Stage1Filter(null, null, "");
        return kind switch
        {
            IssuedReportKind.ProgressI => Stage1(await Stage1Report.BuildAsync(db, period, all, today, tree, page: null, ct)),
            IssuedReportKind.ProgressII => Stage2(await Stage2Report.BuildAsync(db, period, all, today, tree, page: null, ct)),
            _ => Annual(await AnnualReport.BuildAsync(db, period, all, today, tree, page: null, ct)),
        };
    }

    private static ConsolidationSnapshot Stage1(Stage1Report r)
    {
        string[] columns = [Servants, .. Stage1Text.Statuses.Select(s => "Stage1." + s), "Percent.Agreed"];
        static SnapshotLine Line(Stage1Summary s) => new(s.Dependency, [s.Servants, .. Stage1Text.Statuses.Select(st => (decimal?)s.Count(st)), s.AgreedPercent]);
        return new(r.Total.Servants, [new("Stage1Summary", columns, r.ByDependency.Select(Line).ToList(), Line(r.Total))]);
    }

    private static ConsolidationSnapshot Stage2(Stage2Report r)
    {
        // The early warnings' column came later: reports issued before it show the columns they were issued with.
        string[] columns = [Servants, .. Stage2Text.Statuses.Select(s => "Stage2." + s), "Percent.FollowUpIAccepted", "Average.FirstFollowUp", EarlyWarnings];
        static SnapshotLine Line(Stage2Summary s) =>
            new(s.Dependency, [s.Servants, .. Stage2Text.Statuses.Select(st => (decimal?)s.Count(st)), s.AcceptedPercent, s.AverageScore, s.EarlyWarnings]);
        return new(r.Total.Servants, [new("Stage2Summary", columns, r.ByDependency.Select(Line).ToList(), Line(r.Total))]);
    }

    private static ConsolidationSnapshot Annual(AnnualReport r)
    {
        string[] results = [Servants, "Average.Goals", "Average.Competencies", "Average.Final", "Level.Outstanding", "Level.Satisfactory", "Level.Unsatisfactory", "Level.NotFinished"];
        static SnapshotLine Result(AnnualSummary s) => new(s.Dependency,
            [s.Servants, s.GoalsAverage, s.CompetenciesAverage, s.FinalAverage, .. AnnualText.Levels(s).Select(n => (decimal?)n)]);
        string[] states = [Servants, "State.None", .. AnnualText.States.Select(s => "State." + s)];
        static SnapshotLine State(AnnualStates s) => new(s.Dependency, [s.Servants, .. s.Counts.Select(n => (decimal?)n)]);
        return new(r.Total.Servants,
        [
            new("AnnualSummary", results, r.ByDependency.Select(Result).ToList(), Result(r.Total)),
            new("AnnualStates", states, r.StatesByDependency.Select(State).ToList(), State(r.StatesTotal)),
        ]);
    }
}

/// <summary>Spanish titles, headers and number formats of an issued report (screen and PDF read them from here).</summary>
public static class IssuedText
{
    private static readonly CultureInfo Es = ServiceRegistration.Culture;

    public const string AuditEntity = "Informe emitido";
    public const string IssueAction = "Emitir";

    public static string Title(IssuedReport r) => $"{r.Kind.Label()} — {r.PeriodName}";

    public static string Number(int id) => NumberText.IssueNumber(id);

    /// <summary>"24/11/2026 10:30" in Bogotá time.</summary>
    public static string IssuedAt(IssuedReport r) => At(r.IssuedAt);

    /// <summary>A moment stored in UTC as "dd/MM/yyyy HH:mm" in Bogotá time.</summary>
    public static string At(DateTime utc) => DateText.When(utc);

    public static string TableTitle(string code) => code switch
    {
        "Stage1Summary" => "Formulación de metas por dependencia",
        "Stage2Summary" => "Primer seguimiento por dependencia",
        "AnnualSummary" => "Resultados por dependencia",
        "AnnualStates" => "Estados de la evaluación por dependencia",
        _ => code,
    };

    public static SnapshotValueKind KindOf(string column) =>
        column.StartsWith("Percent.", StringComparison.Ordinal) ? SnapshotValueKind.Percent
        : column.StartsWith("Average.", StringComparison.Ordinal) ? SnapshotValueKind.Score
        : SnapshotValueKind.Count;

    /// <summary>The header of a value column, from its stable code (the labels of the live reports).</summary>
    public static string Header(string column)
    {
        var dot = column.IndexOf('.', StringComparison.Ordinal);
        var (group, name) = dot < 0 ? (column, "") : (column[..dot], column[(dot + 1)..]);
        return group switch
        {
            IssuedSnapshot.Servants => "Servidores",
            IssuedSnapshot.EarlyWarnings => Stage2Text.EarlyWarningsHeader,
            "Stage1" when Enum.TryParse<Stage1Status>(name, out var s) => Stage1Text.ColumnLabel(s),
            "Stage2" when Enum.TryParse<Stage2Status>(name, out var s) => Stage2Text.StatusLabel(s),
            "State" when name == "None" => AnnualText.NoEvaluation,
            "State" when Enum.TryParse<EvaluationState>(name, out var s) => s.Label(),
            "Percent" when name == "Agreed" => "% concertadas",
            "Percent" when name == "FollowUpIAccepted" => "% seguimiento I aceptado",
            "Average" when name == "FirstFollowUp" => "Promedio primer seguimiento",
            "Average" when name == "Goals" => "Promedio metas",
            "Average" when name == "Competencies" => "Promedio competencias",
            "Average" when name == "Final" => "Promedio final",
            "Level" => name switch
            {
                "Outstanding" => AnnualText.LevelColumns[0],
                "Satisfactory" => AnnualText.LevelColumns[1],
                "Unsatisfactory" => AnnualText.LevelColumns[2],
                _ => AnnualText.LevelColumns[3],
            },
            _ => column,
        };
    }

    /// <summary>A value as the live report shows it: "12", "85,5 %", "84,00", or "—".</summary>
    public static string Value(string column, decimal? value) => value is not { } v ? "—" : KindOf(column) switch
    {
        SnapshotValueKind.Percent => Stage1Text.Percent(v),
        SnapshotValueKind.Score => Stage2Text.Score(v),
        _ => v.ToString("N0", Es),
    };
}
