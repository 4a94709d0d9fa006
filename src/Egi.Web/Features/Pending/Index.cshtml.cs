using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
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

    private sealed record WaitRow(int Id, int PeriodId, int EvaluadoId, EvaluationState State, bool Committee, PendingAction Action,
        DateTime Since, string Name, string Dependency);

    /// <summary>The evaluations of the open periods that wait on one person, from <see cref="Evaluation.Waits"/>.</summary>
    private static readonly PerModel<Func<EgiDbContext, int, IAsyncEnumerable<WaitRow>>> WaitsQuery =
        CompiledQueries.List((EgiDbContext db, int mine) =>
            from e in db.Evaluations
            join p in db.Periods on e.PeriodId equals p.Id
            where p.Status == PeriodStatus.Open
            from w in e.Waits
            where w.ServantId == mine
            join s in db.Servants on e.EvaluadoId equals s.Id
            join d in db.Dependencies on s.DependencyId equals d.Id
            select new WaitRow(e.Id, e.PeriodId, e.EvaluadoId, e.State, e.Facts.Committee, w.Action, w.Since,
                s.FirstNames + " " + s.LastNames, d.Name));

    /// <summary>
    /// Reads what the domain stored at the last save of each evaluation (<see cref="Evaluation.Waits"/> and
    /// <see cref="EvaluationFacts"/>): a constant number of queries, whatever the size of the entity.
    /// </summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = me.Today;
        var myId = me.ServantId;
        var periods = await me.OpenPeriodsAsync(ct);
        OpenPeriods = periods.Select(p => p.Name).ToList();
        if (periods.Count == 0 || (myId is null && !me.IsTalentoHumano)) return;
        var periodIds = periods.Select(p => p.Id).ToList();
        string PeriodName(int id) => periods.FirstOrDefault(p => p.Id == id)?.Name ?? "";

        if (myId is { } mine)
        {
            var waits = await WaitsQuery.For(db)(db, mine).ToListAsync(ct);

            Own = waits
                .Where(x => x.EvaluadoId == mine)
                .Select(x => new OwnItem(x.Id, PeriodName(x.PeriodId), x.State.Label(), x.State.Step()?.Label() ?? "",
                    EvaluationLinks.PageFor(x.Id, x.Action), EvaluationLinks.ActionText(x.Action)))
                .ToList();

            AsEvaluator = waits
                .Where(x => x.EvaluadoId != mine)
                .Select(x => (x, Days: WaitingOnText.DaysWaiting(x.Since, today)))
                .OrderByDescending(x => x.Days).ThenBy(x => x.x.Name, StringComparer.CurrentCulture)
                .Select(y => new EvaluatorItem(y.x.Id, y.x.Name, y.x.Dependency, y.x.State.Label(),
                    y.x.Action == PendingAction.CommitteeDecision ? "Registra la decisión de la Comisión Evaluadora"
                        : y.x.Action == PendingAction.RecordPartial ? "Evaluador saliente: registra la evaluación parcial"
                        : y.x.Committee ? "Registra por la Comisión Evaluadora" : "Evaluador",
                    y.Days, EvaluationLinks.PageFor(y.x.Id, y.x.Action)))
                .ToList();
        }

        if (!me.IsTalentoHumano) return;

        var disagreements = await (
            from e in db.Evaluations.AsNoTracking()
            where periodIds.Contains(e.PeriodId) && e.Facts.DisagreementStep != null && e.EvaluadoId != (myId ?? 0)
            join s in db.Servants on e.EvaluadoId equals s.Id
            join j in db.Servants on e.EvaluatorId equals j.Id
            orderby s.LastNames, s.FirstNames
            select new
            {
                e.Id,
                Step = e.Facts.DisagreementStep!.Value,
                e.Facts.CurrentStepNotAccepted,
                Evaluado = s.FirstNames + " " + s.LastNames,
                Evaluator = j.FirstNames + " " + j.LastNames,
            }).ToListAsync(ct);
        Disagreements = disagreements
            .Select(x => new DisagreementItem(x.Id, x.Evaluado, x.Evaluator, x.Step.Label(), x.CurrentStepNotAccepted, $"/Evaluations/Admin/{x.Id}"))
            .ToList();

        var newest = periods[0].Id;
        var missing = await (
            from s in db.Servants.AsNoTracking().Where(Eligibility.IsEligibleOn(today))
            where !db.Evaluations.Any(e => e.PeriodId == newest && e.EvaluadoId == s.Id)
            join d in db.Dependencies on s.DependencyId equals d.Id
            join b in db.Servants on s.BossId equals (int?)b.Id into bosses
            from boss in bosses.DefaultIfEmpty()
            orderby s.LastNames, s.FirstNames
            select new
            {
                s.Id,
                Name = s.FirstNames + " " + s.LastNames,
                Dependency = d.Name,
                s.BossId,
                BossName = boss == null ? null : boss.FirstNames + " " + boss.LastNames,
                BossRetirement = boss == null ? null : boss.RetirementDate,
            }).ToListAsync(ct);
        Missing = missing
            .Select(s => new MissingItem(s.Id, s.Name, s.Dependency,
                s.BossName is null ? "No tiene jefe inmediato registrado: asígnelo en el directorio."
                : s.BossRetirement is { } r && r <= today ? $"Su jefe inmediato ({s.BossName}) está retirado: asigne otro en el directorio."
                : "Aún no se abrió su evaluación: guarde su ficha en el directorio para abrirla."))
            .OrderBy(m => m.Name, StringComparer.CurrentCulture)
            .ToList();
    }
}
