using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Egi.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Shared;

/// <summary>
/// What a directory change does to the evaluations of the open period(s) (SPEC §4, change of evaluator and retiro):
/// a new jefe inmediato (or a move to another dependencia with another jefe) makes the new jefe the evaluator at once
/// and leaves the outgoing one a pending partial evaluation; the evaluado's retiro closes their evaluation
/// (<see cref="EvaluationState.ClosedByRetirement"/>) with a partial owed by the evaluator; the evaluator's retiro ends
/// their tenure with a partial owed (Talento Humano then sets the new jefe, or records/waives the partial).
/// A Comisión Evaluadora or a delegation that Talento Humano set on purpose is not overridden by a boss change.
/// </summary>
public sealed class EvaluatorChanges(EgiDbContext db, CurrentUser me, TimeProvider clock, EvaluationNotices notices,
    AccountAdministration accounts)
{
    /// <summary>Talento Humano through the directory, or «Sistema» when the daily job applies a scheduled retiro.</summary>
    private Actor Actor => me.IsAuthenticated
        ? new(me.UserId ?? "", me.ServantId, me.DisplayName, IsTalentoHumano: true)
        : new("", null, "Sistema", IsTalentoHumano: true);

    /// <summary>
    /// After a servant's row was saved with the values before the change. Returns a Spanish sentence for the
    /// confirmation message, or null when no evaluation changed.
    /// </summary>
    public async Task<string?> AfterServantChangedAsync(int servantId, int? oldBossId, int oldDependencyId, DateOnly? oldRetirement, CancellationToken ct = default)
    {
        var servant = await db.Servants.AsNoTracking().FirstOrDefaultAsync(s => s.Id == servantId, ct);
        if (servant is null) return null;
        var notes = new List<string>();
        if (servant.RetirementDate != oldRetirement && await SyncRetirementAsync(servantId, ct) is { } r) notes.Add(r);
        var eligibility = servant.EligibilityOn(me.Today);
        if (!eligibility.IsEligible && !servant.IsRetired(me.Today))
        {
            // Still in the entity but no longer evaluated by EGI (a new vinculación, a gerente público): their open evaluations close.
            if (await NoLongerEvaluatedAsync(servant, eligibility.Reason, ct) is { } n) notes.Add(n);
        }
        else if (servant.RetirementDate is { } retired && retired != oldRetirement)
        {
            // A retiro was registered: the evaluator hand-over follows it (on its date), not the boss change.
        }
        else if (servant.BossId != oldBossId && servant.BossId is { } newBoss && !servant.IsRetired(me.Today))
        {
            var cause = servant.DependencyId != oldDependencyId ? PartialCause.DependencyChange : PartialCause.BossChange;
            if (await BossChangedAsync(servant, oldBossId, newBoss, cause, ct) is { } n) notes.Add(n);
        }
        return notes.Count == 0 ? null : string.Join(" ", notes);
    }

    /// <summary>
    /// Applies what the servant's retiro means today (SPEC §4; a retiro is scheduled). On or after the fecha de retiro and
    /// not applied yet: their evaluation of the open period closes, evaluations they evaluate owe a partial, and their
    /// account is locked with a new security stamp (open sessions end at their next request). No longer retired
    /// (reinstated, or the date moved to the future) after it was applied: the account is unlocked. A future date: nothing
    /// yet, the daily <see cref="Directory.RetirementJob"/> applies it on that date. Returns a Spanish sentence, or null.
    /// </summary>
    public async Task<string?> SyncRetirementAsync(int servantId, CancellationToken ct = default)
    {
        var today = me.Today;
        var servant = await db.Servants.FirstOrDefaultAsync(s => s.Id == servantId, ct);
        if (servant is null) return null;
        if (servant.RetirementDue(today))
        {
            var date = servant.RetirementDate!.Value;
            var note = await RetiredAsync(servantId, date, ct);
            await accounts.LockForRetirementAsync(servantId, date, ct);
            servant.RetirementEffectsApplied(today);
            await db.SaveChangesAsync(ct);
            return (note is null ? "" : note + " ") + "Su cuenta de acceso quedó bloqueada y sus sesiones abiertas se cierran.";
        }
        if (servant.ReinstatementDue(today))
        {
            await accounts.UnlockAfterReinstatementAsync(servantId, ct);
            servant.RetirementEffectsApplied(today);
            await db.SaveChangesAsync(ct);
            return "Su cuenta de acceso quedó desbloqueada.";
        }
        if (servant.RetirementDate is { } future && future > today)
            return $"El retiro se aplicará el {future:dd/MM/yyyy}: ese día se cerrará su evaluación, se pedirá la evaluación parcial y se bloqueará su cuenta.";
        return null;
    }

    /// <summary>The servant retired on <paramref name="date"/>: their evaluation closes; evaluations they evaluate owe a partial.</summary>
    private async Task<string?> RetiredAsync(int servantId, DateOnly date, CancellationToken ct = default)
    {
        var periods = await OpenPeriodsAsync(ct);
        if (periods.Count == 0) return null;
        var ids = periods.Keys.ToList();
        var evaluations = await db.Evaluations
            .Where(e => ids.Contains(e.PeriodId) && (e.EvaluadoId == servantId || e.EvaluatorId == servantId)).ToListAsync(ct);
        var closed = 0;
        var orphans = new List<int>();
        foreach (var e in evaluations.Where(e => !e.IsClosed))
        {
            var partialsBefore = e.Partials.Count;
            var ctx = await ContextAsync(e, periods[e.PeriodId], ct);
            var outcome = e.EvaluadoId == servantId ? e.CloseByRetirement(Actor, date, ctx) : e.EvaluatorRetired(Actor, date, ctx);
            if (!outcome.Succeeded) continue;
            if (e.EvaluadoId == servantId) closed++;
            else orphans.Add(e.EvaluadoId);
            if (e.Partials.Count > partialsBefore) await notices.PartialOwedAsync(e, e.Partials[^1], periods[e.PeriodId], ct);
        }
        var owed = orphans.Count;
        if (closed + owed == 0) return null;
        // The retiree's account is locked in the same save: Talento Humano is who can give their evaluados a new jefe.
        await notices.EvaluatorRetiredAsync(servantId, date, orphans.Distinct().ToList(), ct);
        await db.SaveChangesAsync(ct);
        var parts = new List<string>();
        if (closed > 0) parts.Add("Su evaluación de la vigencia abierta quedó «Cerrada por retiro»; el evaluador debe registrar la evaluación parcial.");
        if (owed > 0) parts.Add($"Debe registrar la evaluación parcial de {owed} evaluado(s) a su cargo (Talento Humano puede registrarla en su nombre o dispensarla) y asignarles un nuevo jefe.");
        return string.Join(" ", parts);
    }

    /// <summary>
    /// The servant is no longer evaluated by EGI (<see cref="Evaluation.CloseAsNoLongerEvaluated"/>): each open evaluation
    /// of theirs in an open period closes today, the evaluator owing the partial up to today (and told).
    /// </summary>
    private async Task<string?> NoLongerEvaluatedAsync(Servant servant, string reason, CancellationToken ct)
    {
        var periods = await OpenPeriodsAsync(ct);
        if (periods.Count == 0) return null;
        var ids = periods.Keys.ToList();
        var evaluations = await db.Evaluations.Where(e => ids.Contains(e.PeriodId) && e.EvaluadoId == servant.Id).ToListAsync(ct);
        var closed = new List<string>();
        foreach (var e in evaluations.Where(e => !e.IsClosed).OrderBy(e => periods[e.PeriodId].Year))
        {
            var partialsBefore = e.Partials.Count;
            if (!e.CloseAsNoLongerEvaluated(Actor, reason, await ContextAsync(e, periods[e.PeriodId], ct)).Succeeded) continue;
            closed.Add(periods[e.PeriodId].Name);
            if (e.Partials.Count > partialsBefore) await notices.PartialOwedAsync(e, e.Partials[^1], periods[e.PeriodId], ct);
        }
        if (closed.Count == 0) return null;
        await db.SaveChangesAsync(ct);
        return SharedMessages.EvaluationsClosedAsNoLongerEvaluated(reason, closed);
    }

    private async Task<string?> BossChangedAsync(Servant servant, int? oldBossId, int newBossId, PartialCause cause, CancellationToken ct)
    {
        var periods = await OpenPeriodsAsync(ct);
        if (periods.Count == 0) return null;
        var ids = periods.Keys.ToList();
        var evaluations = await db.Evaluations.Where(e => ids.Contains(e.PeriodId) && e.EvaluadoId == servant.Id).ToListAsync(ct);
        var changed = 0;
        foreach (var e in evaluations)
        {
            // Only the evaluator who came from the directory follows the directory: not a committee or a delegation.
            if (e.IsClosed || e.IsCommittee || e.EvaluatorId != oldBossId) continue;
            var partialsBefore = e.Partials.Count;
            var ctx = await ContextAsync(e, periods[e.PeriodId], ct);
            if (!e.ChangeEvaluatorFromDirectory(Actor, newBossId, cause, ctx).Succeeded) continue;
            changed++;
            if (e.Partials.Count > partialsBefore) await notices.PartialOwedAsync(e, e.Partials[^1], periods[e.PeriodId], ct);
            await notices.EvaluatorChangedByDirectoryAsync(e, periods[e.PeriodId], cause, ct);
        }
        if (changed == 0) return null;
        await db.SaveChangesAsync(ct);
        return "Su evaluación pasó al nuevo jefe inmediato; el evaluador anterior debe registrar la evaluación parcial.";
    }

    private async Task<Dictionary<int, Period>> OpenPeriodsAsync(CancellationToken ct) =>
        await db.Periods.AsNoTracking().Where(p => p.Status == PeriodStatus.Open).ToDictionaryAsync(p => p.Id, ct);

    private async Task<EvaluationContext> ContextAsync(Evaluation e, Period period, CancellationToken ct)
    {
        var hire = await db.Servants.AsNoTracking().Where(s => s.Id == e.EvaluadoId).Select(s => s.HireDate).FirstAsync(ct);
        return new EvaluationContext(me.Today, clock.GetUtcNow().UtcDateTime, period, hire);
    }
}
