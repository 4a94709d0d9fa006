using Egi.Domain.Calendar;
using Egi.Domain.Common;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Egi.Web.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Evaluations;

/// <summary>An evaluation loaded with what its pages need: the period, the people, and the acting person.</summary>
public sealed record EvaluationCase(Evaluation Evaluation, Period Period, Servant Evaluado, Servant? Evaluator, Actor Actor, EvaluationContext Context)
{
    public bool IsEvaluado => Evaluation.IsEvaluado(Actor);
    public bool IsEvaluator => Evaluation.IsCurrentEvaluator(Actor);
}

/// <summary>
/// The thin layer between pages and the domain: loads an evaluation for the signed-in person (refusing
/// anyone who may not see it), runs one domain transition, saves with optimistic concurrency, and queues
/// the notification to whoever must act next in the same transaction.
/// </summary>
public sealed class EvaluationWorkflow(EgiDbContext db, CurrentUser me, TimeProvider clock, Notifier notifier, EmailTemplates templates, UserManager<AppUser> users)
{
    public const string StaleMessage =
        "Otra persona modificó esta evaluación mientras usted la tenía abierta. No se guardó nada de lo suyo: revise la versión actual y vuelva a intentarlo.";

    public Actor Actor => new(me.UserId ?? "", me.ServantId, me.DisplayName, me.IsTalentoHumano);

    /// <summary>
    /// The evaluation if the signed-in person may see it; null when it does not exist or is not theirs (pages answer 404).
    /// Consulta reads dashboards and reports, not individual evaluations (Ley 1581, SPEC §1): it is refused like a stranger.
    /// </summary>
    public async Task<EvaluationCase?> LoadAsync(int id, CancellationToken ct = default)
    {
        var evaluation = await db.Evaluations.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (evaluation is null) return null;
        var actor = Actor;
        if (!evaluation.CanView(actor)) return null;
        var period = await db.Periods.AsNoTracking().FirstAsync(p => p.Id == evaluation.PeriodId, ct);
        var people = await db.Servants.AsNoTracking().Where(s => s.Id == evaluation.EvaluadoId || s.Id == evaluation.EvaluatorId).ToListAsync(ct);
        var evaluado = people.First(s => s.Id == evaluation.EvaluadoId);
        var evaluator = people.FirstOrDefault(s => s.Id == evaluation.EvaluatorId);
        var context = new EvaluationContext(me.Today, clock.GetUtcNow().UtcDateTime, period, evaluado.HireDate)
        {
            PlanItems = await new Plans.PlanCatalog(db).LabelsAsync(period.Id, ct),
        };
        return new EvaluationCase(evaluation, period, evaluado, evaluator, actor, context);
    }

    /// <summary>
    /// Runs <paramref name="transition"/> on the evaluation as the signed-in person. <paramref name="expectedVersion"/>
    /// is the version the person saw: if someone saved in between, nothing is saved and <see cref="StaleMessage"/> is returned.
    /// </summary>
    public async Task<Outcome> RunAsync(EvaluationCase c, Guid expectedVersion, Func<Evaluation, Outcome> transition, CancellationToken ct = default)
    {
        if (c.Evaluation.Version != expectedVersion) return Outcome.Refused(StaleMessage);
        var stateBefore = c.Evaluation.State;
        var historyBefore = c.Evaluation.History.Count;
        var partialsBefore = c.Evaluation.Partials.Count;
        var outcome = transition(c.Evaluation);
        if (!outcome.Succeeded) return outcome;
        db.Entry(c.Evaluation).Property(e => e.Version).OriginalValue = expectedVersion;
        if (c.Evaluation.History.Count > historyBefore) await NotifyAsync(c, stateBefore, ct);
        // A change of evaluator left the outgoing one a partial evaluation to record: tell them.
        foreach (var p in c.Evaluation.Partials.Skip(partialsBefore))
            await EvaluatorChanges.NotifyPartialOwedAsync(db, notifier, templates, c.Evaluation, p, c.Period, ct);
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome.Ok;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Refused(StaleMessage);
        }
    }

    private async Task NotifyAsync(EvaluationCase c, EvaluationState before, CancellationToken ct)
    {
        var e = c.Evaluation;
        var last = e.History[^1];
        var link = templates.Url($"/Evaluations/Details/{e.Id}");
        var people = await db.Servants.AsNoTracking()
            .Where(s => s.Id == e.EvaluadoId || s.Id == e.EvaluatorId || e.CommitteeMemberIds.Contains(s.Id) || e.EscalationMemberIds.Contains(s.Id))
            .ToListAsync(ct);
        var evaluado = people.First(s => s.Id == e.EvaluadoId);

        async Task Tell(Servant? to, string subject, string what)
        {
            if (to is null) return;
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.ServantId == to.Id, ct);
            var recipient = new Recipient(to.Email, to.FullName, user?.Id);
            var paragraphs = new List<string> { what };
            if (!string.IsNullOrWhiteSpace(last.Comment)) paragraphs.Add($"Comentario: {last.Comment}");
            await notifier.QueueAsync(recipient, templates.Generic(subject, to.FullName, paragraphs, "Abrir la evaluación", link, subject),
                "Evaluación", $"evaluation:{e.Id}:{last.Sequence}:{to.Id}", ct: ct);
        }

        if (e.State != before || last.Action is EvaluationAction.ReassignEvaluator or EvaluationAction.AssignCommittee or EvaluationAction.Escalate)
        {
            var evaluators = e.EscalatedStep is not null
                ? people.Where(p => p.Id == e.EscalationRecorderId).ToList()
                : people.Where(p => p.Id == e.EvaluatorId).ToList();
            var waiting = e.WaitingOn;
            var action = $"{last.ActorName} registró «{last.Action.Label()}» en la evaluación de {evaluado.FullName} ({c.Period.Name}). Estado actual: {e.State.Label()}.";
            if (waiting == WaitingOn.Evaluado)
                await Tell(evaluado, $"EGI — su evaluación espera su acción: {e.State.Label()}", action);
            else if (waiting == WaitingOn.Evaluator)
                foreach (var ev in evaluators)
                    await Tell(ev, $"EGI — {evaluado.FullName}: {e.State.Label()}", action);
            if (e.State == EvaluationState.Finalized)
                await Tell(evaluado, "EGI — su evaluación quedó finalizada", action);
        }

        if (last.Action == EvaluationAction.NotAccept && e.State.Step() is { } step && e.DisagreementReached(step, c.Period.Settings))
        {
            foreach (var hr in await users.GetUsersInRoleAsync(EgiRoles.TalentoHumano))
            {
                var subject = $"EGI — desacuerdo en la evaluación de {evaluado.FullName}";
                var text = $"{evaluado.FullName} registró {e.NotAccepted(step)} «no aceptar» en «{step.Label()}». Puede escalar el paso a una Comisión Evaluadora.";
                await notifier.QueueAsync(Recipient.Of(hr), templates.Generic(subject, hr.DisplayName, [text], "Revisar la evaluación", link, text),
                    "Desacuerdo", $"disagreement:{e.Id}:{last.Sequence}:{hr.Id}", ct: ct);
            }
        }
    }
}
