using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Features.Directory.Servants;
using Egi.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Reports;

/// <summary>Where a servant stands in stage 1 (activities 4–6): the columns of the summary per dependencia.</summary>
public enum Stage1Status
{
    /// <summary>Eligible but without an evaluation in the period (period in preparation, no jefe, not opened yet).</summary>
    NotStarted = 0,

    /// <summary>Formulación de metas (activity 4), including an evaluation opened and not yet touched.</summary>
    Formulation = 1,

    /// <summary>Aprobación de metas (activity 5).</summary>
    Approval = 2,

    /// <summary>Aceptación de metas (activity 6).</summary>
    Acceptance = 3,

    /// <summary>Goals agreed: accepted by the evaluado or decided by a Comisión Evaluadora.</summary>
    Agreed = 4,

    /// <summary>Closed by retirement before the goals were agreed.</summary>
    ClosedNotAgreed = 5,
}

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

    public static Stage1Summary Of(int? dependencyId, string dependency, IReadOnlyCollection<Stage1Row> rows) => new(
        dependencyId, dependency, rows.Count,
        rows.Count(r => r.Status == Stage1Status.NotStarted),
        rows.Count(r => r.Status == Stage1Status.Formulation),
        rows.Count(r => r.Status == Stage1Status.Approval),
        rows.Count(r => r.Status == Stage1Status.Acceptance),
        rows.Count(r => r.Status == Stage1Status.Agreed),
        rows.Count(r => r.Status == Stage1Status.ClosedNotAgreed));
}

/// <summary>The filters of the report as typed (query string or hidden fields), checked: errors by field, in Spanish.</summary>
public sealed record Stage1Filter(int? DependencyId, Stage1Status? Status, string Text)
{
    public const int TextMax = 100;

    public bool IsEmpty => DependencyId is null && Status is null && Text.Length == 0;

    /// <summary>Parses the filters; <paramref name="errors"/> gets one Spanish message per bad field (key = query name).</summary>
    public static Stage1Filter Parse(string? dependencia, string? estado, string? q, IReadOnlyCollection<int> dependencyIds, IDictionary<string, string> errors)
    {
        int? dependencyId = null;
        if (!string.IsNullOrWhiteSpace(dependencia))
        {
            if (int.TryParse(dependencia.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d) && dependencyIds.Contains(d)) dependencyId = d;
            else errors["dependencia"] = "La «Dependencia» elegida no existe: elija una de la lista o «Todas».";
        }

        Stage1Status? status = null;
        if (!string.IsNullOrWhiteSpace(estado))
        {
            status = Stage1Text.StatusFromKey(estado);
            if (status is null) errors["estado"] = "El «Estado de la etapa 1» elegido no existe: elija uno de la lista o «Todos».";
        }

        var text = q?.Trim() ?? "";
        if (text.Length > TextMax)
        {
            errors["q"] = $"La «Búsqueda» admite máximo {TextMax} caracteres.";
            text = "";
        }
        return new(dependencyId, status, text);
    }
}

/// <summary>
/// Stage-1 consolidation (activity 7 of P-TH-10): one row per servant of the period and a summary per dependencia.
/// Computed once here and used by both the screen and the .xlsx, so they always show the same numbers.
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
    public const string ReadAction = "Consultar";
    public const string ExportAction = "Exportar";
    public const string NoEvaluator = "Sin evaluador asignado";

    private Stage1Report(Period period, Stage1Filter filter, IReadOnlyList<Stage1Row> all, IReadOnlyList<Stage1Row> rows,
        IReadOnlyList<Stage1Summary> byDependency, Stage1Summary total)
    {
        Period = period;
        Filter = filter;
        AllRows = all;
        Rows = rows;
        ByDependency = byDependency;
        Total = total;
    }

    public Period Period { get; }
    public Stage1Filter Filter { get; }

    /// <summary>Every servant of the period, before any filter.</summary>
    public IReadOnlyList<Stage1Row> AllRows { get; }

    /// <summary>The servants that match every filter: the list on screen and the sheet «Servidores».</summary>
    public IReadOnlyList<Stage1Row> Rows { get; }

    /// <summary>One line per dependencia with servants (of the chosen dependencia, when filtered), in tree order.</summary>
    public IReadOnlyList<Stage1Summary> ByDependency { get; }

    /// <summary>The whole entity (or the chosen dependencia).</summary>
    public Stage1Summary Total { get; }

    /// <summary>The period shown when none is chosen: the newest open one, else the newest.</summary>
    public static Period? DefaultPeriod(IReadOnlyList<Period> periods) =>
        periods.Where(p => p.Status == PeriodStatus.Open).MaxBy(p => p.Year) ?? periods.MaxBy(p => p.Year);

    public static async Task<Stage1Report> BuildAsync(EgiDbContext db, Period period, Stage1Filter filter, DateOnly today, CancellationToken ct = default)
    {
        var tree = await ServantLookups.DependencyTreeAsync(db, ct);
        var servants = await db.Servants.AsNoTracking().ToListAsync(ct);
        var evaluations = await db.Evaluations.AsNoTracking().Where(e => e.PeriodId == period.Id).ToListAsync(ct);
        return Build(period, filter, today, tree, servants, evaluations);
    }

    /// <summary>The pure part: rows and summary from what was read.</summary>
    public static Stage1Report Build(Period period, Stage1Filter filter, DateOnly today, IReadOnlyList<DependencyNode> tree,
        IReadOnlyList<Servant> servants, IReadOnlyList<Evaluation> evaluations)
    {
        var byId = servants.ToDictionary(s => s.Id);
        var dependencyName = tree.ToDictionary(d => d.Id, d => d.Name);
        var order = tree.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var evaluationOf = evaluations.GroupBy(e => e.EvaluadoId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Id).First());

        var included = servants.Where(s => evaluationOf.ContainsKey(s.Id)
            || (period.Status != PeriodStatus.Closed && s.EligibilityOn(today).IsEligible));

        var all = included
            .Select(s => RowOf(s, evaluationOf.GetValueOrDefault(s.Id), byId, dependencyName, today))
            .OrderBy(r => order.GetValueOrDefault(r.DependencyId, int.MaxValue))
            .ThenBy(r => r.Name, ServantLookups.NameOrder)
            .ThenBy(r => r.Document, StringComparer.Ordinal)
            .ToList();

        var scope = filter.DependencyId is { } dep ? all.Where(r => r.DependencyId == dep).ToList() : all;
        var needle = DirectoryLabels.Normalize(filter.Text);
        var rows = scope
            .Where(r => filter.Status is not { } st || r.Status == st)
            .Where(r => needle.Length == 0 || Matches(r, needle))
            .ToList();

        var byDependency = scope.GroupBy(r => r.DependencyId)
            .OrderBy(g => order.GetValueOrDefault(g.Key, int.MaxValue))
            .Select(g => Stage1Summary.Of(g.Key, g.First().Dependency, g.ToList()))
            .ToList();
        var total = Stage1Summary.Of(null, filter.DependencyId is null ? "Total entidad" : "Total", scope);
        return new Stage1Report(period, filter, all, rows, byDependency, total);
    }

    private static bool Matches(Stage1Row r, string needle) =>
        DirectoryLabels.Normalize(r.Name).Contains(needle, StringComparison.Ordinal)
        || ServantInput.NormalizeDocument(r.Document).Contains(ServantInput.NormalizeDocument(needle), StringComparison.Ordinal)
        || DirectoryLabels.Normalize(r.Job).Contains(needle, StringComparison.Ordinal)
        || DirectoryLabels.Normalize(r.Evaluator).Contains(needle, StringComparison.Ordinal);

    private static Stage1Row RowOf(Servant s, Evaluation? e, IReadOnlyDictionary<int, Servant> byId, IReadOnlyDictionary<int, string> dependencyName, DateOnly today)
    {
        var dependency = dependencyName.GetValueOrDefault(s.DependencyId, "—");
        if (e is null)
        {
            // No evaluation yet: the jefe who would evaluate, when there is an active one.
            var boss = s.BossId is { } b && byId.TryGetValue(b, out var j) && !j.IsRetired(today) ? j.FullName : NoEvaluator;
            return new(s.Id, null, s.DocumentNumber, s.FullName, s.Job, s.DependencyId, dependency, boss,
                Stage1Status.NotStarted, Stage1Text.StatusLabel(Stage1Status.NotStarted), "Talento Humano", null, null, null, 0, 0, 0);
        }

        var goalsHistory = e.History.Where(h => h.From.Step() == EvaluationStep.Goals).OrderBy(h => h.Sequence).ToList();
        var submitted = goalsHistory.FirstOrDefault(h => h.Action == EvaluationAction.Submit && h.From == EvaluationState.GoalFormulation);
        var reviewed = goalsHistory.LastOrDefault(h => h.From == EvaluationState.GoalApproval && h.Action is EvaluationAction.Approve or EvaluationAction.Modify);
        var agreed = goalsHistory.LastOrDefault(h =>
            (h.Action == EvaluationAction.Accept && h.From == EvaluationState.GoalAcceptance && !h.To.IsGoalState())
            || (h.Action == EvaluationAction.CommitteeDecision && !h.To.IsGoalState()));

        var status = e.State switch
        {
            EvaluationState.GoalFormulation => Stage1Status.Formulation,
            EvaluationState.GoalApproval => Stage1Status.Approval,
            EvaluationState.GoalAcceptance => Stage1Status.Acceptance,
            EvaluationState.ClosedByRetirement when agreed is null => Stage1Status.ClosedNotAgreed,
            _ => Stage1Status.Agreed,
        };
        var waiting = status is Stage1Status.Agreed or Stage1Status.ClosedNotAgreed ? ""
            : e.EscalatedStep == EvaluationStep.Goals ? "Comisión evaluadora (desacuerdo)"
            : e.WaitingOn switch
            {
                WaitingOn.Evaluado => "Evaluado",
                WaitingOn.Evaluator => e.IsCommittee ? "Comisión evaluadora" : "Evaluador",
                _ => "",
            };

        return new(s.Id, e.Id, s.DocumentNumber, s.FullName, s.Job, s.DependencyId, dependency, EvaluatorOf(e, byId),
            status, e.State.Label(), waiting,
            Day(submitted?.At), Day(reviewed?.At), Day(agreed?.At),
            e.Goals.Count, e.Rounds(EvaluationStep.Goals),
            goalsHistory.Count(h => h.Action == EvaluationAction.NotAccept));
    }

    private static string EvaluatorOf(Evaluation e, IReadOnlyDictionary<int, Servant> byId)
    {
        string Name(int id) => byId.TryGetValue(id, out var s) ? s.FullName : "(servidor no encontrado)";
        string evaluator;
        if (e.IsCommittee)
            evaluator = "Comisión evaluadora: " + string.Join(", ", e.CommitteeMemberIds.Select(id => id == e.EvaluatorId ? $"{Name(id)} (registra)" : Name(id)));
        else
            evaluator = byId.TryGetValue(e.EvaluatorId, out var s) ? s.FullName : NoEvaluator;
        if (e.EscalatedStep == EvaluationStep.Goals && e.EscalationMemberIds.Count > 0)
            evaluator += "; comisión por desacuerdo: " + string.Join(", ", e.EscalationMemberIds.Select(id => id == e.EscalationRecorderId ? $"{Name(id)} (registra)" : Name(id)));
        return evaluator;
    }

    /// <summary>The calendar day in Bogotá of an instant of the history (stored in UTC).</summary>
    private static DateOnly? Day(DateTime? utc) => utc is { } t
        ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc), CurrentUser.Bogota))
        : null;
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

    public static string Date(DateOnly? d) => d is { } v ? v.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : "—";

    /// <summary>"85,5 %": one decimal, es-CO.</summary>
    public static string Percent(decimal value) => value.ToString("0.0", Es) + " %";

    public static string Int(int value) => value.ToString("N0", Es);

    /// <summary>The filters in words, for the audit trail and the captions.</summary>
    public static string Describe(Stage1Filter filter, IReadOnlyDictionary<int, string> dependencyNames)
    {
        var parts = new List<string>();
        if (filter.DependencyId is { } d) parts.Add($"dependencia «{dependencyNames.GetValueOrDefault(d, d.ToString(CultureInfo.InvariantCulture))}»");
        if (filter.Status is { } s) parts.Add($"estado «{StatusLabel(s)}»");
        if (filter.Text.Length > 0) parts.Add($"búsqueda «{filter.Text}»");
        return parts.Count == 0 ? "sin filtros" : "filtros: " + string.Join(", ", parts);
    }
}

internal static class Stage1StateExtensions
{
    public static bool IsGoalState(this EvaluationState state) => state.Step() == EvaluationStep.Goals;
}
