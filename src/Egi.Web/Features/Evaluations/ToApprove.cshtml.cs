using System.Linq.Expressions;
using Egi.Web.Features.Shared;
using Egi.Domain.Calendar;
using Egi.Domain.Common;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// «Por aprobar» (activity 5): the evaluations of the open period(s) where the signed-in servant is the current
/// evaluator and which wait on them, the committee decisions they must record, and all their evaluados with where
/// each one stands, both lists a page at a time. Only the signed-in person's own evaluados are ever listed.
/// </summary>
public sealed class ToApproveModel(EgiDbContext db, CurrentUser me) : PageModel
{
    /// <summary>One evaluation as the lists show it, read from the facts the domain stored at its last save.</summary>
    public sealed record Row(
        int Id, int PeriodId, string Period, string Evaluado, string Job, string Dependency, EvaluationState State,
        WaitingOn WaitingOn, bool Escalated, EvaluationStep? EscalatedStep, int GoalCount, int Rounds, DateTime Since,
        bool MineToEvaluate, PendingAction Action, decimal? FirstFollowUp = null, bool EarlyWarning = false);

    /// <summary>A partial evaluation I owe: whose, which dates and why.</summary>
    public sealed record PartialRow(int Id, string Evaluado, DateOnly From, DateOnly To, PartialCause Cause);

    public IReadOnlyList<OpenPeriod> OpenPeriods { get; private set; } = [];

    /// <summary>The page of «Esperan su acción» asked for in the address («espera»).</summary>
    [BindProperty(SupportsGet = true, Name = "espera")]
    public string? WaitingPageText { get; set; }

    /// <summary>The page of «Todos sus evaluados» asked for in the address («pagina»).</summary>
    [BindProperty(SupportsGet = true, Name = "pagina")]
    public string? AllPageText { get; set; }

    /// <summary>Waiting on me as the evaluator (goals to approve, and later steps of the same kind): one page, the oldest first.</summary>
    public IReadOnlyList<Row> Waiting { get; private set; } = [];

    public Paging WaitingPaging { get; private set; } = Paging.Of(1, 0);

    /// <summary>Steps escalated to a Comisión Evaluadora where I record the decision.</summary>
    public IReadOnlyList<Row> Decisions { get; private set; } = [];

    /// <summary>Evaluations I no longer evaluate where I owe a partial evaluation.</summary>
    public IReadOnlyList<PartialRow> Partials { get; private set; } = [];

    /// <summary>Everyone I evaluate in the open period(s): one page, by «apellidos, nombres».</summary>
    public IReadOnlyList<Row> All { get; private set; } = [];

    public Paging AllPaging { get; private set; } = Paging.Of(1, 0);

    /// <summary>How many of everyone I evaluate have their goals agreed.</summary>
    public int Agreed { get; private set; }

    /// <summary>The address of this page with one of its lists on page <paramref name="page"/> (the other list keeps its page).</summary>
    public string PageUrl(string key, int page) => ReportPages.Url("/Evaluations/ToApprove", new Dictionary<string, string?>
    {
        ["espera"] = key == "espera" ? Text(page) : Text(WaitingPaging.Page),
        ["pagina"] = key == "pagina" ? Text(page) : Text(AllPaging.Page),
    });

    private static string? Text(int page) => page <= 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly PendingAction[] NotApprovals = [PendingAction.None, PendingAction.CommitteeDecision, PendingAction.RecordPartial];
    private static readonly EvaluationState[] AgreedStates = Enum.GetValues<EvaluationState>().Where(s => s.GoalsAgreed()).ToArray();

    /// <summary>
    /// A fixed number of queries whatever the number of evaluados: every count in one, a page of each list, the few
    /// committee decisions and partials (each only when there is one). Filtering, counting, ordering and paging happen in
    /// the database.
    /// </summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        OpenPeriods = (await me.OpenPeriodsAsync(ct)).OrderBy(p => p.Year).ThenBy(p => p.Id).ToList();
        if (me.ServantId is not { } mine || OpenPeriods.Count == 0) return;
        var periodIds = OpenPeriods.Select(p => p.Id).ToList();
        // Every count in one command: the lists below are read only when they have rows — most jefes record no committee
        // decision and owe no partial, and on PostgreSQL each command is a round trip.
        var counts = await CountsQuery.For(db)(db, periodIds, mine, ct);
        Agreed = counts.Agreed;
        WaitingPaging = Paging.Of(ReportPages.Parse(WaitingPageText), counts.Waiting);
        AllPaging = Paging.Of(ReportPages.Parse(AllPageText), counts.All);

        if (WaitingPaging.TotalRows > 0)
            Waiting = ToRows(await WaitingRowsQuery.For(db)(db, periodIds, mine, WaitingPaging.Skip, WaitingPaging.PageSize).ToListAsync(ct));
        if (AllPaging.TotalRows > 0)
            All = ToRows(await AllRowsQuery.For(db)(db, periodIds, mine, AllPaging.Skip, AllPaging.PageSize).ToListAsync(ct));
        if (counts.Decisions > 0)
            Decisions = ToRows(await DecisionRowsQuery.For(db)(db, periodIds, mine).ToListAsync(ct));
        if (counts.Partials == 0) return;

        // The few evaluations where I owe a partial: their dates and cause live in the evaluation itself.
        var owed = await PartialsQuery.For(db)(db, periodIds, mine).ToListAsync(ct);
        Partials = owed
            .Select(x => (x, p: x.Evaluation.PendingPartialOf(mine)!))
            .OrderBy(x => x.p.CreatedAt)
            .Select(x => new PartialRow(x.x.Evaluation.Id, $"{x.x.FirstNames} {x.x.LastNames}".Trim(), x.p.From, x.p.To, x.p.Cause))
            .ToList();
    }

    private List<Row> ToRows(List<RowData> rows) =>
        rows.Select(x => new Row(x.Id, x.PeriodId, OpenPeriods.First(p => p.Id == x.PeriodId).Name,
                $"{x.FirstNames} {x.LastNames}".Trim(), Servant.JobOf(x.JobTitle, x.JobCode, x.JobGrade),
                x.Dependency, x.State, x.WaitingOn, x.Escalated, x.EscalatedStep, x.GoalCount, x.Rounds, x.WaitingSince,
                x.Mine, x.Action ?? PendingAction.None, x.FirstFollowUp, x.EarlyWarning))
            .ToList();

    // The page's queries are compiled once (CompiledQueries: it is the jefe's daily page); the fragments below are
    // written once and inlined into each of them (ExpandsTo).

    private sealed record Counts(int All, int Waiting, int Agreed, int Decisions, int Partials);

    /// <summary>What a row of the lists needs, flat (member by member, so that the database orders and pages by it).</summary>
    private sealed class RowData
    {
        public int Id { get; init; }
        public int PeriodId { get; init; }
        public string FirstNames { get; init; } = "";
        public string LastNames { get; init; } = "";
        public string SortKey { get; init; } = "";
        public string JobTitle { get; init; } = "";
        public string JobCode { get; init; } = "";
        public string JobGrade { get; init; } = "";
        public string Dependency { get; init; } = "";
        public EvaluationState State { get; init; }
        public WaitingOn WaitingOn { get; init; }
        public bool Escalated { get; init; }
        public EvaluationStep? EscalatedStep { get; init; }
        public int GoalCount { get; init; }
        public int Rounds { get; init; }
        public DateTime WaitingSince { get; init; }
        public decimal? FirstFollowUp { get; init; }
        public bool EarlyWarning { get; init; }
        public bool Mine { get; init; }
        public PendingAction? Action { get; init; }
    }

    private sealed record Owed(Evaluation Evaluation, string FirstNames, string LastNames);

    /// <summary>One row, anchored on the first open period.</summary>
    private static readonly PerModel<Func<EgiDbContext, List<int>, int, CancellationToken, Task<Counts>>> CountsQuery =
        CompiledQueries.Single((EgiDbContext db, List<int> periodIds, int mine, CancellationToken ct) => db.Periods
            .Where(p => periodIds.Contains(p.Id)).OrderBy(p => p.Id)
            .Select(p => new Counts(
                Evaluated(db, periodIds, mine).Count(),
                WaitingApproval(db, periodIds, mine).Count(),
                Evaluated(db, periodIds, mine).Count(e => AgreedStates.Contains(e.State)),
                WaitingOnMe(db, periodIds, mine, PendingAction.CommitteeDecision).Count(),
                WaitingOnMe(db, periodIds, mine, PendingAction.RecordPartial).Count()))
            .First());

    private static readonly PerModel<Func<EgiDbContext, List<int>, int, int, int, IAsyncEnumerable<RowData>>> WaitingRowsQuery =
        CompiledQueries.List((EgiDbContext db, List<int> periodIds, int mine, int skip, int take) =>
            Rows(db, WaitingApproval(db, periodIds, mine), mine).OrderBy(r => r.WaitingSince).ThenBy(r => r.Id).Skip(skip).Take(take));

    private static readonly PerModel<Func<EgiDbContext, List<int>, int, int, int, IAsyncEnumerable<RowData>>> AllRowsQuery =
        CompiledQueries.List((EgiDbContext db, List<int> periodIds, int mine, int skip, int take) =>
            Rows(db, Evaluated(db, periodIds, mine), mine).OrderBy(r => r.SortKey).ThenBy(r => r.Id).Skip(skip).Take(take));

    private static readonly PerModel<Func<EgiDbContext, List<int>, int, IAsyncEnumerable<RowData>>> DecisionRowsQuery =
        CompiledQueries.List((EgiDbContext db, List<int> periodIds, int mine) =>
            Rows(db, WaitingOnMe(db, periodIds, mine, PendingAction.CommitteeDecision), mine).OrderBy(r => r.WaitingSince).ThenBy(r => r.Id));

    private static readonly PerModel<Func<EgiDbContext, List<int>, int, IAsyncEnumerable<Owed>>> PartialsQuery =
        CompiledQueries.List((EgiDbContext db, List<int> periodIds, int mine) =>
            WaitingOnMe(db, periodIds, mine, PendingAction.RecordPartial)
                .Join(db.Servants, e => e.EvaluadoId, s => s.Id, (e, s) => new Owed(e, s.FirstNames, s.LastNames)));

    /// <summary>The evaluations of the open periods where I am the evaluator (not my own).</summary>
    [ExpandsTo(nameof(EvaluatedExpression))]
    private static IQueryable<Evaluation> Evaluated(EgiDbContext db, List<int> periodIds, int mine) =>
        throw CompiledQueries.NotExpanded(nameof(Evaluated));

    private static Expression<Func<EgiDbContext, List<int>, int, IQueryable<Evaluation>>> EvaluatedExpression { get; } = (db, periodIds, mine) =>
        db.Evaluations.AsNoTracking().Where(e => periodIds.Contains(e.PeriodId) && e.EvaluadoId != mine && e.EvaluatorId == mine);

    /// <summary>Of those, the ones that wait on me for an approval or a rating (not a decision, not a partial).</summary>
    [ExpandsTo(nameof(WaitingApprovalExpression))]
    private static IQueryable<Evaluation> WaitingApproval(EgiDbContext db, List<int> periodIds, int mine) =>
        throw CompiledQueries.NotExpanded(nameof(WaitingApproval));

    private static Expression<Func<EgiDbContext, List<int>, int, IQueryable<Evaluation>>> WaitingApprovalExpression { get; } = (db, periodIds, mine) =>
        Evaluated(db, periodIds, mine).Where(e => e.Waits.Any(w => w.ServantId == mine && !NotApprovals.Contains(w.Action)));

    /// <summary>The evaluations of the open periods (not my own) that wait on me for <paramref name="action"/>.</summary>
    [ExpandsTo(nameof(WaitingOnMeExpression))]
    private static IQueryable<Evaluation> WaitingOnMe(EgiDbContext db, List<int> periodIds, int mine, PendingAction action) =>
        throw CompiledQueries.NotExpanded(nameof(WaitingOnMe));

    private static Expression<Func<EgiDbContext, List<int>, int, PendingAction, IQueryable<Evaluation>>> WaitingOnMeExpression { get; } =
        (db, periodIds, mine, action) =>
            from e in db.Evaluations.AsNoTracking()
            where periodIds.Contains(e.PeriodId) && e.EvaluadoId != mine
            from w in e.Waits
            where w.ServantId == mine && w.Action == action
            select e;

    /// <summary>A row of the lists for each evaluation of <paramref name="evaluations"/>.</summary>
    [ExpandsTo(nameof(RowsExpression))]
    private static IQueryable<RowData> Rows(EgiDbContext db, IQueryable<Evaluation> evaluations, int mine) =>
        throw CompiledQueries.NotExpanded(nameof(Rows));

    private static Expression<Func<EgiDbContext, IQueryable<Evaluation>, int, IQueryable<RowData>>> RowsExpression { get; } = (db, evaluations, mine) =>
        from e in evaluations
        join s in db.Servants on e.EvaluadoId equals s.Id
        join d in db.Dependencies on s.DependencyId equals d.Id
        select new RowData
        {
            Id = e.Id,
            PeriodId = e.PeriodId,
            FirstNames = s.FirstNames,
            LastNames = s.LastNames,
            SortKey = s.SortKey,
            JobTitle = s.JobTitle,
            JobCode = s.JobCode,
            JobGrade = s.JobGrade,
            Dependency = d.Name,
            State = e.State,
            WaitingOn = e.Facts.WaitingOn,
            Escalated = e.Facts.Escalated,
            EscalatedStep = e.EscalatedStep,
            GoalCount = e.Facts.GoalCount,
            Rounds = e.Facts.CurrentStepRounds,
            WaitingSince = e.Facts.WaitingSince,
            FirstFollowUp = e.Facts.FirstFollowUpScore,
            EarlyWarning = e.Facts.EarlyWarning,
            Mine = e.EvaluatorId == mine,
            Action = e.Waits.Where(w => w.ServantId == mine).Select(w => (PendingAction?)w.Action).FirstOrDefault(),
        };
}
