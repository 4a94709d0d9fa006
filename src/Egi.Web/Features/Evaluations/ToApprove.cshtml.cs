using Egi.Web.Features.Shared;
using Egi.Domain.Calendar;
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
        bool MineToEvaluate, PendingAction Action);

    /// <summary>A partial evaluation I owe: whose, which dates and why.</summary>
    public sealed record PartialRow(int Id, string Evaluado, DateOnly From, DateOnly To, PartialCause Cause);

    public IReadOnlyList<Period> OpenPeriods { get; private set; } = [];

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
        OpenPeriods = await db.Periods.AsNoTracking().Where(p => p.Status == PeriodStatus.Open).OrderBy(p => p.Year).ToListAsync(ct);
        if (me.ServantId is not { } mine || OpenPeriods.Count == 0) return;
        var periodIds = OpenPeriods.Select(p => p.Id).ToList();
        var evaluated = db.Evaluations.AsNoTracking()
            .Where(e => periodIds.Contains(e.PeriodId) && e.EvaluadoId != mine && e.EvaluatorId == mine);
        var waiting = evaluated.Where(e => e.Waits.Any(w => w.ServantId == mine && !NotApprovals.Contains(w.Action)));

        var decisions = WaitingOnMe(periodIds, mine, PendingAction.CommitteeDecision);
        var partials = WaitingOnMe(periodIds, mine, PendingAction.RecordPartial);
        // Every count in one command (one row, anchored on the first open period): the lists below are read only when
        // they have rows — most jefes record no committee decision and owe no partial, and on PostgreSQL each command is a
        // round trip.
        var firstPeriod = periodIds[0];
        var counts = await db.Periods.Where(p => p.Id == firstPeriod).Select(p => new
        {
            All = evaluated.Count(),
            Waiting = waiting.Count(),
            Agreed = evaluated.Count(e => AgreedStates.Contains(e.State)),
            Decisions = decisions.Count(),
            Partials = partials.Count(),
        }).SingleAsync(ct);
        Agreed = counts.Agreed;
        WaitingPaging = Paging.Of(ReportPages.Parse(WaitingPageText), counts.Waiting);
        AllPaging = Paging.Of(ReportPages.Parse(AllPageText), counts.All);

        if (WaitingPaging.TotalRows > 0)
            Waiting = await RowsAsync(waiting.OrderBy(e => e.Facts.WaitingSince).ThenBy(e => e.Id).Skip(WaitingPaging.Skip).Take(WaitingPaging.PageSize), mine, ct);
        if (AllPaging.TotalRows > 0)
            All = await RowsAsync(evaluated, mine, ct, AllPaging);
        if (counts.Decisions > 0)
            Decisions = await RowsAsync(decisions.OrderBy(e => e.Facts.WaitingSince).ThenBy(e => e.Id), mine, ct);
        if (counts.Partials == 0) return;

        // The few evaluations where I owe a partial: their dates and cause live in the evaluation itself.
        var owed = await partials
            .Join(db.Servants, e => e.EvaluadoId, s => s.Id, (e, s) => new { Evaluation = e, s.FirstNames, s.LastNames })
            .ToListAsync(ct);
        Partials = owed
            .Select(x => (x, p: x.Evaluation.PendingPartialOf(mine)!))
            .OrderBy(x => x.p.CreatedAt)
            .Select(x => new PartialRow(x.x.Evaluation.Id, $"{x.x.FirstNames} {x.x.LastNames}".Trim(), x.p.From, x.p.To, x.p.Cause))
            .ToList();
    }

    /// <summary>
    /// The evaluations of the open periods (not my own) that wait on me for <paramref name="action"/>, read from my lines
    /// of the stored waits (their index by servant), never by testing every evaluation of the period.
    /// </summary>
    private IQueryable<Evaluation> WaitingOnMe(List<int> periodIds, int mine, PendingAction action) =>
        from e in db.Evaluations.AsNoTracking()
        where periodIds.Contains(e.PeriodId) && e.EvaluadoId != mine
        from w in e.Waits
        where w.ServantId == mine && w.Action == action
        select e;

    /// <summary>
    /// The rows of <paramref name="evaluations"/> as the lists show them, in one query. With <paramref name="paging"/>,
    /// one page by the evaluado's stored «apellidos, nombres» key; otherwise in the order given.
    /// </summary>
    private async Task<IReadOnlyList<Row>> RowsAsync(IQueryable<Evaluation> evaluations, int mine, CancellationToken ct, Paging? paging = null)
    {
        var joined =
            from e in evaluations
            join s in db.Servants on e.EvaluadoId equals s.Id
            join d in db.Dependencies on s.DependencyId equals d.Id
            select new { e, s, Dependency = d.Name };
        if (paging is not null)
            joined = joined.OrderBy(x => x.s.SortKey).ThenBy(x => x.e.Id).Skip(paging.Skip).Take(paging.PageSize);
        var rows = await joined.Select(x => new
        {
            x.e.Id,
            x.e.PeriodId,
            x.s.FirstNames,
            x.s.LastNames,
            x.s.JobTitle,
            x.s.JobCode,
            x.s.JobGrade,
            x.Dependency,
            x.e.State,
            x.e.Facts.WaitingOn,
            x.e.Facts.Escalated,
            x.e.EscalatedStep,
            x.e.Facts.GoalCount,
            x.e.Facts.CurrentStepRounds,
            x.e.Facts.WaitingSince,
            Mine = x.e.EvaluatorId == mine,
            Action = x.e.Waits.Where(w => w.ServantId == mine).Select(w => (PendingAction?)w.Action).FirstOrDefault(),
        }).ToListAsync(ct);
        return rows.Select(x => new Row(x.Id, x.PeriodId, OpenPeriods.First(p => p.Id == x.PeriodId).Name,
                $"{x.FirstNames} {x.LastNames}".Trim(), new Servant { JobTitle = x.JobTitle, JobCode = x.JobCode, JobGrade = x.JobGrade }.Job,
                x.Dependency, x.State, x.WaitingOn, x.Escalated, x.EscalatedStep, x.GoalCount, x.CurrentStepRounds, x.WaitingSince,
                x.Mine, x.Action ?? PendingAction.None))
            .ToList();
    }
}
