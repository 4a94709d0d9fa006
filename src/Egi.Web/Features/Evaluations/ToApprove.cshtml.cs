using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Evaluations;

/// <summary>
/// «Por aprobar» (activity 5): the evaluations of the open period(s) where the signed-in servant is the current
/// evaluator and which wait on them, the committee decisions they must record, and all their evaluados with where
/// each one stands. Only the signed-in person's own evaluados are ever listed.
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

    /// <summary>Waiting on me as the evaluator (goals to approve, and later steps of the same kind).</summary>
    public IReadOnlyList<Row> Waiting { get; private set; } = [];

    /// <summary>Steps escalated to a Comisión Evaluadora where I record the decision.</summary>
    public IReadOnlyList<Row> Decisions { get; private set; } = [];

    /// <summary>Evaluations I no longer evaluate where I owe a partial evaluation.</summary>
    public IReadOnlyList<PartialRow> Partials { get; private set; } = [];

    /// <summary>Everyone I evaluate in the open period(s).</summary>
    public IReadOnlyList<Row> All { get; private set; } = [];

    public int Agreed => All.Count(r => r.State.GoalsAgreed());

    public async Task OnGetAsync(CancellationToken ct)
    {
        OpenPeriods = await db.Periods.AsNoTracking().Where(p => p.Status == PeriodStatus.Open).OrderBy(p => p.Year).ToListAsync(ct);
        if (me.ServantId is not { } mine || OpenPeriods.Count == 0) return;
        var periodIds = OpenPeriods.Select(p => p.Id).ToList();
        var rows = await (
            from e in db.Evaluations.AsNoTracking()
            where periodIds.Contains(e.PeriodId) && e.EvaluadoId != mine
                && (e.EvaluatorId == mine || e.Waits.Any(w => w.ServantId == mine))
            join s in db.Servants on e.EvaluadoId equals s.Id
            join d in db.Dependencies on s.DependencyId equals d.Id
            select new
            {
                e.Id,
                e.PeriodId,
                s.FirstNames,
                s.LastNames,
                s.JobTitle,
                s.JobCode,
                s.JobGrade,
                Dependency = d.Name,
                e.State,
                e.Facts.WaitingOn,
                e.Facts.Escalated,
                e.EscalatedStep,
                e.Facts.GoalCount,
                e.Facts.CurrentStepRounds,
                e.Facts.WaitingSince,
                Mine = e.EvaluatorId == mine,
                Action = e.Waits.Where(w => w.ServantId == mine).Select(w => (PendingAction?)w.Action).FirstOrDefault(),
            }).ToListAsync(ct);
        if (rows.Count == 0) return;
        var all = rows
            .OrderBy(x => x.LastNames, StringComparer.CurrentCulture).ThenBy(x => x.FirstNames, StringComparer.CurrentCulture)
            .Select(x => new Row(x.Id, x.PeriodId, OpenPeriods.First(p => p.Id == x.PeriodId).Name,
                $"{x.FirstNames} {x.LastNames}".Trim(), new Servant { JobTitle = x.JobTitle, JobCode = x.JobCode, JobGrade = x.JobGrade }.Job,
                x.Dependency, x.State, x.WaitingOn, x.Escalated, x.EscalatedStep, x.GoalCount, x.CurrentStepRounds, x.WaitingSince,
                x.Mine, x.Action ?? PendingAction.None))
            .ToList();

        All = all.Where(r => r.MineToEvaluate).ToList();
        Waiting = All.Where(r => r.Action is not (PendingAction.None or PendingAction.CommitteeDecision or PendingAction.RecordPartial))
            .OrderBy(r => r.Since).ToList();
        Decisions = all.Where(r => r.Action == PendingAction.CommitteeDecision).OrderBy(r => r.Since).ToList();

        // The few evaluations where I owe a partial: their dates and cause live in the evaluation itself.
        var owed = all.Where(r => r.Action == PendingAction.RecordPartial).Select(r => r.Id).ToList();
        if (owed.Count == 0) return;
        var names = all.ToDictionary(r => r.Id, r => r.Evaluado);
        Partials = (await db.Evaluations.AsNoTracking().Where(e => owed.Contains(e.Id)).ToListAsync(ct))
            .Select(e => (e, p: e.PendingPartialOf(mine)!))
            .OrderBy(x => x.p.CreatedAt)
            .Select(x => new PartialRow(x.e.Id, names[x.e.Id], x.p.From, x.p.To, x.p.Cause))
            .ToList();
    }
}
