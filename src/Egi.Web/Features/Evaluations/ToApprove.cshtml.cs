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
    public sealed record Row(Evaluation Evaluation, Servant Evaluado, string Dependency, Period Period, PendingAction Action)
    {
        public DateTime Since => Evaluation.History.Count > 0 ? Evaluation.History.Max(h => h.At) : Evaluation.CreatedAt;
    }

    public IReadOnlyList<Period> OpenPeriods { get; private set; } = [];

    /// <summary>Waiting on me as the evaluator (goals to approve, and later steps of the same kind).</summary>
    public IReadOnlyList<Row> Waiting { get; private set; } = [];

    /// <summary>Steps escalated to a Comisión Evaluadora where I record the decision.</summary>
    public IReadOnlyList<Row> Decisions { get; private set; } = [];

    /// <summary>Evaluations I no longer evaluate where I owe a partial evaluation.</summary>
    public IReadOnlyList<Row> Partials { get; private set; } = [];

    public int Me { get; private set; }

    /// <summary>Everyone I evaluate in the open period(s).</summary>
    public IReadOnlyList<Row> All { get; private set; } = [];

    public int Agreed => All.Count(r => r.Evaluation.State.GoalsAgreed());

    public async Task OnGetAsync(CancellationToken ct)
    {
        OpenPeriods = await db.Periods.AsNoTracking().Where(p => p.Status == PeriodStatus.Open).OrderBy(p => p.Year).ToListAsync(ct);
        if (me.ServantId is not { } mine || OpenPeriods.Count == 0) return;
        var periodIds = OpenPeriods.Select(p => p.Id).ToList();
        var evaluations = await db.Evaluations.AsNoTracking()
            .Where(e => periodIds.Contains(e.PeriodId) && e.EvaluadoId != mine && (e.EvaluatorId == mine || e.EscalationRecorderId == mine))
            .ToListAsync(ct);
        Me = mine;
        // Evaluations that moved to another evaluator and still wait for my partial evaluation.
        var loaded = evaluations.Select(e => e.Id).ToHashSet();
        evaluations.AddRange((await db.Evaluations.AsNoTracking().Where(e => periodIds.Contains(e.PeriodId) && e.EvaluadoId != mine).ToListAsync(ct))
            .Where(e => !loaded.Contains(e.Id) && e.HasPendingPartial(mine)));
        if (evaluations.Count == 0) return;
        var ids = evaluations.Select(e => e.EvaluadoId).Distinct().ToList();
        var people = await db.Servants.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var dependencies = await db.Dependencies.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var actor = new Actor(me.UserId ?? "", mine, me.DisplayName, me.IsTalentoHumano);
        var rows = evaluations
            .Select(e => new Row(e, people[e.EvaluadoId], dependencies.GetValueOrDefault(people[e.EvaluadoId].DependencyId, ""),
                OpenPeriods.First(p => p.Id == e.PeriodId), e.PendingFor(actor)))
            .ToList();

        All = rows.Where(r => r.Evaluation.EvaluatorId == mine)
            .OrderBy(r => r.Evaluado.LastNames).ThenBy(r => r.Evaluado.FirstNames).ToList();
        Waiting = All.Where(r => r.Action is not (PendingAction.None or PendingAction.CommitteeDecision)).OrderBy(r => r.Since).ToList();
        Decisions = rows.Where(r => r.Action == PendingAction.CommitteeDecision).OrderBy(r => r.Since).ToList();
        Partials = rows.Where(r => r.Evaluation.HasPendingPartial(mine)).OrderBy(r => r.Since).ToList();
    }

}
