using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Features.Evaluations;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Pending;

/// <summary>
/// «Mis pendientes»: what waits on the signed-in person now, across roles — their own evaluation, the evaluations
/// where they are the evaluator (or record for a comisión), and for Talento Humano the disagreements to resolve and
/// the eligible servants of the open period who still have no evaluation.
/// </summary>
public sealed class IndexModel(EgiDbContext db, CurrentUser me) : PageModel
{
    public sealed record OwnItem(int Id, string Period, string State, string Step, string Url, string Action);

    public sealed record EvaluatorItem(int Id, string Evaluado, string Dependency, string State, string Role, int DaysWaiting, string Url);

    public sealed record DisagreementItem(int Id, string Evaluado, string Evaluator, string Step, int NotAccepted, string Url);

    public sealed record MissingItem(int ServantId, string Name, string Dependency, string Reason);

    public IReadOnlyList<OwnItem> Own { get; private set; } = [];
    public IReadOnlyList<EvaluatorItem> AsEvaluator { get; private set; } = [];
    public IReadOnlyList<DisagreementItem> Disagreements { get; private set; } = [];
    public IReadOnlyList<MissingItem> Missing { get; private set; } = [];
    public bool IsTalentoHumano => me.IsTalentoHumano;
    public IReadOnlyList<string> OpenPeriods { get; private set; } = [];

    public bool IsEmpty => Own.Count == 0 && AsEvaluator.Count == 0 && Disagreements.Count == 0 && Missing.Count == 0;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = me.Today;
        var myId = me.ServantId;
        var periods = await db.Periods.AsNoTracking().Where(p => p.Status == PeriodStatus.Open).OrderByDescending(p => p.Year).ToListAsync(ct);
        OpenPeriods = periods.Select(p => p.Name).ToList();
        if (periods.Count == 0 || (myId is null && !me.IsTalentoHumano)) return;
        var periodIds = periods.Select(p => p.Id).ToList();
        var query = db.Evaluations.AsNoTracking().Where(e => periodIds.Contains(e.PeriodId));
        if (!me.IsTalentoHumano) query = query.Where(e => e.EvaluadoId == myId || e.EvaluatorId == myId || e.EscalationRecorderId == myId);
        var evaluations = await query.ToListAsync(ct);
        if (!me.IsTalentoHumano && myId is { } owing)
        {
            // Evaluations that moved to another evaluator and still wait for my partial evaluation.
            var loaded = evaluations.Select(e => e.Id).ToHashSet();
            evaluations.AddRange((await db.Evaluations.AsNoTracking().Where(e => periodIds.Contains(e.PeriodId) && e.EvaluadoId != owing).ToListAsync(ct))
                .Where(e => !loaded.Contains(e.Id) && e.HasPendingPartial(owing)));
        }
        var servants = await db.Servants.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var dependencies = await db.Dependencies.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        string Name(int id) => servants.TryGetValue(id, out var s) ? s.FullName : $"Servidor {id}";
        string DependencyOf(int id) => servants.TryGetValue(id, out var s) ? dependencies.GetValueOrDefault(s.DependencyId, "—") : "—";
        string PeriodName(int id) => periods.FirstOrDefault(p => p.Id == id)?.Name ?? "";

        var actor = new Actor(me.UserId ?? "", myId, me.DisplayName, me.IsTalentoHumano);
        var pending = evaluations.Select(e => (E: e, Action: e.PendingFor(actor))).Where(x => x.Action != PendingAction.None).ToList();

        Own = pending
            .Where(x => x.E.EvaluadoId == myId)
            .Select(x => new OwnItem(x.E.Id, PeriodName(x.E.PeriodId), x.E.State.Label(), x.E.State.Step()?.Label() ?? "",
                EvView.PageFor(x.E, x.Action), EvView.ActionText(x.Action)))
            .ToList();

        AsEvaluator = pending
            .Where(x => x.E.EvaluadoId != myId)
            .OrderByDescending(x => EvView.DaysWaiting(x.E, today)).ThenBy(x => Name(x.E.EvaluadoId), StringComparer.CurrentCulture)
            .Select(x => new EvaluatorItem(x.E.Id, Name(x.E.EvaluadoId), DependencyOf(x.E.EvaluadoId), x.E.State.Label(),
                x.Action == PendingAction.CommitteeDecision ? "Registra la decisión de la Comisión Evaluadora"
                    : x.Action == PendingAction.RecordPartial ? "Evaluador saliente: registra la evaluación parcial"
                    : x.E.IsCommittee ? "Registra por la Comisión Evaluadora" : "Evaluador",
                EvView.DaysWaiting(x.E, today), EvView.PageFor(x.E, x.Action)))
            .ToList();

        if (!me.IsTalentoHumano) return;

        Disagreements = evaluations
            .Where(e => e.EvaluadoId != myId && e.State.Step() is { } step && e.DisagreementReached(step, periods.First(p => p.Id == e.PeriodId).Settings))
            .Select(e => new DisagreementItem(e.Id, Name(e.EvaluadoId), Name(e.EvaluatorId), e.State.Step()!.Value.Label(), e.NotAccepted(e.State.Step()!.Value),
                $"/Evaluations/Admin/{e.Id}"))
            .ToList();

        var newest = periods[0];
        var withEvaluation = evaluations.Where(e => e.PeriodId == newest.Id).Select(e => e.EvaluadoId).ToHashSet();
        Missing = servants.Values
            .Where(s => !withEvaluation.Contains(s.Id) && s.EligibilityOn(today).IsEligible)
            .OrderBy(s => s.FullName, StringComparer.CurrentCulture)
            .Select(s => new MissingItem(s.Id, s.FullName, dependencies.GetValueOrDefault(s.DependencyId, "—"),
                s.BossId is not { } b || !servants.TryGetValue(b, out var boss) ? "No tiene jefe inmediato registrado: asígnelo en el directorio."
                : boss.IsRetired(today) ? $"Su jefe inmediato ({boss.FullName}) está retirado: asigne otro en el directorio."
                : "Aún no se abrió su evaluación: guarde su ficha en el directorio para abrirla."))
            .ToList();
    }
}
