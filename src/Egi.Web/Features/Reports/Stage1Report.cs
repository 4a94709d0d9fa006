using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Reports;

/// <summary>One servant of the stage-1 report.</summary>
public sealed record Stage1Row(
    int ServantId,
    int? EvaluationId,
    string Document,
    string Name,
    string Job,
    int DependencyId,
    string Dependency,
    string Evaluator,
    Stage1Status Status,
    string State,
    string WaitingOn,
    DateOnly? SubmittedOn,
    DateOnly? ReviewedOn,
    DateOnly? AgreedOn,
    int Goals,
    int Rounds,
    int NotAccepted);

/// <summary>The count of servants in each stage-1 status for one dependencia (or the whole entity).</summary>
public sealed record Stage1Summary(
    int? DependencyId,
    string Dependency,
    int Servants,
    int NotStarted,
    int Formulation,
    int Approval,
    int Acceptance,
    int Agreed,
    int ClosedNotAgreed)
{
    /// <summary>% of the servants whose goals are agreed, with one decimal (half away from zero); 0 when there is nobody.</summary>
    public decimal AgreedPercent => Servants == 0 ? 0m : Math.Round(Agreed * 100m / Servants, 1, MidpointRounding.AwayFromZero);

    public int Count(Stage1Status status) => status switch
    {
        Stage1Status.NotStarted => NotStarted,
        Stage1Status.Formulation => Formulation,
        Stage1Status.Approval => Approval,
        Stage1Status.Acceptance => Acceptance,
        Stage1Status.Agreed => Agreed,
        _ => ClosedNotAgreed,
    };

    public static Stage1Summary Of(int? dependencyId, string dependency, DependencyTotals t) => new(
        dependencyId, dependency, t.Servants, t.NotStarted, t.Formulation, t.Approval, t.Acceptance, t.Agreed, t.ClosedNotAgreed);
}

/// <summary>The filters of the report as typed (query string or hidden fields), checked: errors by field, in Spanish.</summary>
public sealed record Stage1Filter(int? DependencyId, Stage1Status? Status, string Text, bool EarlyWarningsOnly = false)
{
    public const int TextMax = 100;

    public bool IsEmpty => DependencyId is null && Status is null && Text.Length == 0 && !EarlyWarningsOnly;

    /// <summary>
    /// «Solo alertas tempranas» (the stage-2 report's check box): empty or absent is off, «1» (what the box sends) on;
    /// anything else gets a Spanish message under <c>alertas</c>.
    /// </summary>
    public static bool ParseEarlyWarnings(string? value, IDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = value?.Trim() ?? "";
        if (text.Length == 0) return false;
        if (text is "1" or "true" or "on") return true;
        errors["alertas"] = ReportMessages.FilterEarlyWarningsInvalid;
        return false;
    }

    /// <summary>Parses the filters; <paramref name="errors"/> gets one Spanish message per bad field (key = query name).</summary>
    public static Stage1Filter Parse(string? dependencia, string? estado, string? q, IReadOnlyCollection<int> dependencyIds, IDictionary<string, string> errors)
    {
        int? dependencyId = null;
        if (!string.IsNullOrWhiteSpace(dependencia))
        {
            if (int.TryParse(dependencia.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d) && dependencyIds.Contains(d)) dependencyId = d;
            else errors["dependencia"] = ReportMessages.FilterDependencyNotFound;
        }

        Stage1Status? status = null;
        if (!string.IsNullOrWhiteSpace(estado))
        {
            status = Stage1Text.StatusFromKey(estado);
            if (status is null) errors["estado"] = ReportMessages.FilterStage1StatusNotFound;
        }

        var text = q?.Trim() ?? "";
        if (text.Length > TextMax)
        {
            errors["q"] = ReportMessages.SearchTooLong(TextMax);
            text = "";
        }
        return new(dependencyId, status, text);
    }
}

/// <summary>
/// Stage-1 consolidation (activity 7 of P-TH-10): one row per servant of the period and a summary per dependencia,
/// from the evaluations' stored facts, in SQL (<see cref="ReportQuery"/>). The screen reads one page of the list; the
/// .xlsx streams the whole list (<see cref="Stage1Xlsx"/>). Both show the same numbers.
/// <list type="bullet">
/// <item>Rows: every servant eligible today (while the period is not closed) plus every servant with an
/// evaluation in the period (e.g. one who retired after it opened). A closed period lists only its evaluations.</item>
/// <item>The summary counts the servants of the chosen dependencia (or all); the status and text filters only
/// narrow the list of servants.</item>
/// <item>Dates are the Bogotá calendar day of the history step: first «Enviar» of the goals; last approval or
/// modification by the evaluator; the «Aceptar» that agreed the goals, or the committee's decision.</item>
/// </list>
/// </summary>
public sealed class Stage1Report
{
    public const string AuditEntity = "Informe etapa 1";
    public const string NoEvaluator = "Sin evaluador asignado";

    private Stage1Report(Period period, Stage1Filter filter, DateOnly today, int allCount, Paging paging, IReadOnlyList<Stage1Row> rows,
        IReadOnlyList<Stage1Summary> byDependency, Stage1Summary total, IQueryable<ReportRow> ordered, IReadOnlyDictionary<int, string> dependencyNames)
    {
        Period = period;
        Filter = filter;
        Today = today;
        AllCount = allCount;
        Paging = paging;
        Rows = rows;
        ByDependency = byDependency;
        Total = total;
        Ordered = ordered;
        DependencyNames = dependencyNames;
    }

    public Period Period { get; }
    public Stage1Filter Filter { get; }
    public DateOnly Today { get; }

    /// <summary>How many servants the period has, before any filter.</summary>
    public int AllCount { get; }

    /// <summary>The page shown and how many servants match every filter (<see cref="Paging.TotalRows"/>).</summary>
    public Paging Paging { get; }

    /// <summary>The servants of the page shown that match every filter.</summary>
    public IReadOnlyList<Stage1Row> Rows { get; }

    /// <summary>How many servants match every filter: the list on screen (all its pages) and the sheet «Servidores».</summary>
    public int RowCount => Paging.TotalRows;

    /// <summary>One line per dependencia with servants (of the chosen dependencia, when filtered), in tree order.</summary>
    public IReadOnlyList<Stage1Summary> ByDependency { get; }

    /// <summary>The whole entity (or the chosen dependencia).</summary>
    public Stage1Summary Total { get; }

    /// <summary>The filtered rows in list order, not yet read (the .xlsx streams them).</summary>
    internal IQueryable<ReportRow> Ordered { get; }

    internal IReadOnlyDictionary<int, string> DependencyNames { get; }

    /// <summary>
    /// Reads the report: the stored tallies for the summary (per dependencia, every status; the totals are their sum), one
    /// COUNT when there is a search text, one page of rows (and the members' names when a Comisión Evaluadora is on it).
    /// </summary>
    public static async Task<Stage1Report> BuildAsync(EgiDbContext db, Period period, Stage1Filter filter, DateOnly today,
        IReadOnlyList<DependencyNode> tree, int? page = 1, CancellationToken ct = default)
    {
        var all = EvaluationRows.Of(db, period, today);
        var totals = (await DependencyTallies.ReadAsync(db, period, today, ct)).Totals;
        var names = tree.ToDictionary(d => d.Id, d => d.Name);
        var order = tree.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var scope = totals.Where(t => filter.DependencyId is not { } d || t.DependencyId == d)
            .OrderBy(t => order.GetValueOrDefault(t.DependencyId, int.MaxValue)).ToList();
        var byDependency = scope.Select(t => Stage1Summary.Of(t.DependencyId, names.GetValueOrDefault(t.DependencyId, "—"), t)).ToList();
        var total = Stage1Summary.Of(null, filter.DependencyId is null ? "Total entidad" : "Total", DependencyTotals.Sum(scope));

        var filtered = ReportQuery.Filtered(all, filter);
        var count = filter.Text.Length > 0 ? await filtered.CountAsync(ct)
            : filter.Status is { } st ? total.Count(st)
            : total.Servants;
        var paging = Paging.Of(page, count);
        var ordered = ReportQuery.Ordered(filtered);
        var rows = new List<Stage1Row>();
        if (count > 0 && page is not null)
        {
            // Without a search text the rows of each dependencia are counted by the totals: read only the ones the page spans.
            var (lines, members) = filter.Text.Length > 0
                ? await ReportQuery.PageAsync(db, ordered, paging, ct)
                : await ReportQuery.PageAsync(db, ordered, paging,
                    byDependency.Select(b => (b.DependencyId!.Value, filter.Status is { } s ? b.Count(s) : b.Servants)).ToList(), tree, ct);
            rows.AddRange(lines.Select(r => RowOf(r, members, names, today)));
        }
        return new Stage1Report(period, filter, today, totals.Sum(t => t.Servants), paging, rows, byDependency, total, ordered, names);
    }

    /// <summary>Every row that matches the filters, in list order, streamed from one query (for the .xlsx).</summary>
    public IEnumerable<Stage1Row> AllRows(EgiDbContext db) =>
        ReportQuery.Stream(db, Ordered).Select(x => RowOf(x.Row, x.Members, DependencyNames, Today));

    internal static Stage1Row RowOf(ReportRow r, Members members, IReadOnlyDictionary<int, string> dependencyName, DateOnly today)
    {
        var dependency = dependencyName.GetValueOrDefault(r.DependencyId, "—");
        var evaluator = members.EvaluatorOf(r, today);
        if (r.EvaluationId is null)
            return new(r.ServantId, null, r.Document, r.Name.Trim(), r.Job, r.DependencyId, dependency, evaluator,
                Stage1Status.NotStarted, Stage1Text.StatusLabel(Stage1Status.NotStarted), "Talento Humano", null, null, null, 0, 0, 0);

        var status = r.Stage1;
        var waiting = status is Stage1Status.Agreed or Stage1Status.ClosedNotAgreed ? "" : WaitingText(r);
        return new(r.ServantId, r.EvaluationId, r.Document, r.Name.Trim(), r.Job, r.DependencyId, dependency, evaluator,
            status, r.State!.Value.Label(), waiting,
            r.GoalsSubmittedOn, r.GoalsReviewedOn, r.GoalsAgreedOn,
            r.GoalCount ?? 0, r.GoalRounds ?? 0, r.GoalsNotAccepted ?? 0);
    }

    /// <summary>On whom an open evaluation waits, in words («» once closed).</summary>
    internal static string WaitingText(ReportRow r) =>
        r.State is not { } state || state.IsClosed() ? ""
        : WaitingOnText.Role(r.WaitingOn ?? WaitingOn.Nobody, r.Committee == true, r.Escalated == true);
}

/// <summary>Spanish labels and formats of the stage-1 report (screen and .xlsx read them from here).</summary>
public static class Stage1Text
{
    private static readonly CultureInfo Es = ServiceRegistration.Culture;

    public static IReadOnlyList<Stage1Status> Statuses { get; } = Enum.GetValues<Stage1Status>();

    /// <summary>The status of one servant, as the list shows it.</summary>
    public static string StatusLabel(Stage1Status status) => status switch
    {
        Stage1Status.NotStarted => "Sin iniciar",
        Stage1Status.Formulation => "En formulación",
        Stage1Status.Approval => "En aprobación",
        Stage1Status.Acceptance => "En aceptación",
        Stage1Status.Agreed => "Metas concertadas",
        _ => "Cerrada sin concertar",
    };

    /// <summary>The header of the status's column in the summary per dependencia.</summary>
    public static string ColumnLabel(Stage1Status status) => status switch
    {
        Stage1Status.NotStarted => "Sin iniciar",
        Stage1Status.Formulation => "Formulación",
        Stage1Status.Approval => "Aprobación",
        Stage1Status.Acceptance => "Aceptación",
        Stage1Status.Agreed => "Concertadas",
        _ => "Cerradas sin concertar",
    };

    /// <summary>The value of the status in the query string.</summary>
    public static string Key(Stage1Status status) => status switch
    {
        Stage1Status.NotStarted => "sin-iniciar",
        Stage1Status.Formulation => "formulacion",
        Stage1Status.Approval => "aprobacion",
        Stage1Status.Acceptance => "aceptacion",
        Stage1Status.Agreed => "concertadas",
        _ => "cerradas",
    };

    public static Stage1Status? StatusFromKey(string? key) =>
        Statuses.Cast<Stage1Status?>().FirstOrDefault(s => string.Equals(Key(s!.Value), key?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string BadgeClass(Stage1Status status) => status switch
    {
        Stage1Status.Agreed => "badge-ok",
        Stage1Status.NotStarted or Stage1Status.ClosedNotAgreed => "badge-no",
        _ => "text-bg-light border",
    };

    /// <summary>"85,5 %": one decimal, es-CO.</summary>
    public static string Percent(decimal value) => value.ToString("0.0", Es) + " %";

    /// <summary>The filters in words, for the audit trail and the captions.</summary>
    public static string Describe(Stage1Filter filter, IReadOnlyDictionary<int, string> dependencyNames)
    {
        var parts = new List<string>();
        if (filter.DependencyId is { } d) parts.Add($"dependencia «{dependencyNames.GetValueOrDefault(d, d.ToString(CultureInfo.InvariantCulture))}»");
        if (filter.Status is { } s) parts.Add($"estado «{StatusLabel(s)}»");
        if (filter.Text.Length > 0) parts.Add($"búsqueda «{filter.Text}»");
        if (filter.EarlyWarningsOnly) parts.Add("solo alertas tempranas del primer seguimiento");
        return parts.Count == 0 ? "sin filtros" : "filtros: " + string.Join(", ", parts);
    }
}

