using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using Egi.Web.Data;
using Egi.Web.Features.Evaluations;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Notifications;

/// <summary>One person told of an event of an evaluation, what event, and in which capacity they read it.</summary>
public sealed record Addressee(MailKind Kind, int ServantId, NoticeReader Reader);

/// <summary>
/// Who is told what after a change of an evaluation (SPEC §8), by e-mail through the outbox and in the inbox, on the
/// caller's DbContext (committed with the change): the person who must act next, with a link to the screen where they
/// act; the other party when the event closes their part (goals agreed, a follow-up accepted, the final result); never
/// the person who acted, except the evaluado's receipt of the final result they accepted. The texts are
/// <see cref="EmailTemplates.Evaluation"/>'s.
/// </summary>
public sealed class EvaluationNotices(EgiDbContext db, Notifier notifier, EmailTemplates templates, UserManager<AppUser> users)
{
    /// <summary>
    /// Who is told of <paramref name="last"/>, the entry the transition just added to the history of <paramref name="e"/>
    /// (already in its new state), acted by the servant <paramref name="actorServantId"/>.
    /// </summary>
    public static IReadOnlyList<Addressee> Addressees(Evaluation e, EvaluationEvent last, int? actorServantId)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(last);
        var list = new List<Addressee>();
        void Add(MailKind kind, int? servantId, NoticeReader reader)
        {
            if (servantId is { } id && list.All(a => a.ServantId != id)) list.Add(new(kind, id, reader));
        }
        var evaluatorReader = e.IsCommittee ? NoticeReader.Recorder : NoticeReader.Evaluator;
        var goals = last.From.Step() == EvaluationStep.Goals;
        switch (last.Action)
        {
            case EvaluationAction.Submit:
                Add(goals ? MailKind.GoalsSubmitted : MailKind.FollowUpSubmitted, e.EvaluatorId, evaluatorReader);
                break;
            case EvaluationAction.Approve:
                Add(goals ? MailKind.GoalsApproved : MailKind.FollowUpApproved, e.EvaluadoId, NoticeReader.Evaluado);
                break;
            case EvaluationAction.Modify:
                Add(goals ? MailKind.GoalsModified : MailKind.FollowUpModified, e.EvaluadoId, NoticeReader.Evaluado);
                break;
            case EvaluationAction.Reject:
                Add(goals ? MailKind.GoalsRejected : MailKind.FollowUpRejected, e.EvaluadoId, NoticeReader.Evaluado);
                break;
            case EvaluationAction.Accept when last.From == EvaluationState.FinalAcceptance:
                Add(MailKind.FinalAccepted, e.EvaluadoId, NoticeReader.Evaluado); // the receipt of the result she accepted
                Add(MailKind.FinalAccepted, e.EvaluatorId, evaluatorReader);
                break;
            case EvaluationAction.Accept:
                Add(goals ? MailKind.GoalsAgreed : MailKind.FollowUpAccepted, e.EvaluatorId, evaluatorReader);
                break;
            case EvaluationAction.FollowUpNotApplicable:
                // EGI's own step right after the goals were agreed: both learn that the goals are agreed and why the
                // evaluation goes on to the second follow-up (the evaluado too, although her acceptance caused it).
                Add(MailKind.FollowUpNotApplicable, e.EvaluadoId, NoticeReader.Evaluado);
                Add(MailKind.FollowUpNotApplicable, e.EvaluatorId, evaluatorReader);
                break;
            case EvaluationAction.NotAccept:
                Add(last.From == EvaluationState.FinalAcceptance ? MailKind.FinalNotAccepted : goals ? MailKind.GoalsNotAccepted : MailKind.FollowUpNotAccepted,
                    e.EvaluatorId, evaluatorReader);
                break;
            case EvaluationAction.RateCompetencies:
                Add(MailKind.CompetenciesRated, e.EvaluadoId, NoticeReader.Evaluado);
                break;
            case EvaluationAction.ReassignEvaluator or EvaluationAction.AssignCommittee:
                Add(MailKind.EvaluatorAssigned, e.EvaluatorId, evaluatorReader);
                Add(MailKind.EvaluatorChanged, e.EvaluadoId, NoticeReader.Evaluado);
                break;
            case EvaluationAction.ReopenStep or EvaluationAction.ReopenAfterRetirement:
                {
                    // The person who can act now; when nobody can yet (a step reopened ahead), the evaluado, whose window it is.
                    var kind = last.Action == EvaluationAction.ReopenStep ? MailKind.StepReopened : MailKind.EvaluationReopened;
                    foreach (var (id, reader) in Parties(e))
                        if (e.PendingFor(new Actor("", id, "")) != PendingAction.None) Add(kind, id, reader);
                    if (list.Count == 0) Add(kind, e.EvaluadoId, NoticeReader.Evaluado);
                    break;
                }
            case EvaluationAction.Escalate:
                Add(MailKind.Escalated, e.EscalationRecorderId, NoticeReader.Recorder);
                Add(MailKind.Escalated, e.EvaluadoId, NoticeReader.Evaluado);
                Add(MailKind.Escalated, e.EvaluatorId, evaluatorReader);
                break;
            case EvaluationAction.CommitteeDecision:
                Add(MailKind.CommitteeDecided, e.EvaluadoId, NoticeReader.Evaluado);
                Add(MailKind.CommitteeDecided, e.EvaluatorId, evaluatorReader);
                break;
        }
        // Nobody is told of what they did themselves, except the evaluado's receipt of the final result and what EGI did by rule.
        return list.Where(a => a.ServantId != actorServantId || (a.Kind == MailKind.FinalAccepted && a.Reader == NoticeReader.Evaluado)
            || a.Kind == MailKind.FollowUpNotApplicable).ToList();
    }

    private static IEnumerable<(int Id, NoticeReader Reader)> Parties(Evaluation e)
    {
        yield return (e.EvaluadoId, NoticeReader.Evaluado);
        if (e.EscalationRecorderId is { } recorder) yield return (recorder, NoticeReader.Recorder);
        yield return (e.EvaluatorId, e.IsCommittee ? NoticeReader.Recorder : NoticeReader.Evaluator);
    }

    /// <summary>The page where <paramref name="servantId"/> acts on the evaluation now, with its button; else the evaluation (or its result sheet).</summary>
    public static (string? ActionText, string Path) ScreenFor(Evaluation e, int servantId)
    {
        ArgumentNullException.ThrowIfNull(e);
        var action = e.PendingFor(new Actor("", servantId, ""));
        if (action != PendingAction.None) return (EvaluationLinks.ActionText(action), EvaluationLinks.PageFor(e.Id, action));
        return (null, e.State == EvaluationState.Finalized ? $"/Evaluations/Result/{e.Id}" : $"/Evaluations/Details/{e.Id}");
    }

    /// <summary>
    /// Queues the notices of the last entry of <paramref name="e"/>'s history (see <see cref="Addressees"/>), and alerts
    /// Talento Humano when a «no aceptar» reached the period's disagreement limit. The caller saves.
    /// </summary>
    public async Task AfterTransitionAsync(Evaluation e, Period period, int? actorServantId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(period);
        var last = e.History[^1];
        var addressees = Addressees(e, last, actorServantId);
        var ids = addressees.Select(a => a.ServantId).Append(e.EvaluadoId).Append(e.EvaluatorId).Distinct().ToList();
        var people = await PeopleAsync(ids, ct);
        if (!people.TryGetValue(e.EvaluadoId, out var evaluado)) return;

        var followUp = last.From.Step()?.FollowUpNumber() ?? 0;
        var policy = new ScoringPolicy(period.Settings);
        var result = e.State == EvaluationState.Finalized || last.Action == EvaluationAction.RateCompetencies
            ? (e.Competencies.Count > 0 ? policy.Score(e) : null) : null;
        var reopening = last.Action == EvaluationAction.ReopenStep ? e.Reopenings.LastOrDefault() : null;
        var firstFollowUp = last.Action == EvaluationAction.Accept && followUp == 1
            ? ScoringPolicy.Round(e.FirstFollowUpScore(policy)) : (decimal?)null;
        var stepLabel = last.Action switch
        {
            EvaluationAction.ReopenStep => reopening?.Step.Label(),
            EvaluationAction.Escalate => e.EscalatedStep?.Label(),
            EvaluationAction.CommitteeDecision => last.From.Step()?.Label(),
            _ => null,
        };
        foreach (var a in addressees)
        {
            if (!people.TryGetValue(a.ServantId, out var to)) continue;
            var (actionText, path) = ScreenFor(e, a.ServantId);
            var notice = new EvaluationNotice
            {
                Kind = a.Kind,
                Reader = a.Reader,
                ReaderName = to.Name,
                EvaluadoName = evaluado.Name,
                PeriodName = period.Name,
                Link = templates.Url(path),
                ActionText = actionText,
                ActorName = last.ActorName,
                ActorRole = last.Role,
                ReaderActed = a.ServantId == actorServantId,
                FollowUp = followUp,
                Comment = reopening?.Reason ?? (last.Action == EvaluationAction.Modify ? null : last.Comment),
                Changes = last.Action == EvaluationAction.Modify && last.From.Step() is { } changed ? e.LastChanges(changed).Count : 0,
                Result = a.Kind is MailKind.CompetenciesRated or MailKind.FinalAccepted or MailKind.CommitteeDecided ? result : null,
                FirstFollowUpScore = a.Kind == MailKind.FollowUpAccepted ? firstFollowUp : null,
                EarlyWarningUpTo = a.Kind == MailKind.FollowUpAccepted && firstFollowUp is { } f && policy.IsEarlyWarning(f)
                    ? period.Settings.UnsatisfactoryUpTo : null,
                StepLabel = stepLabel,
                Until = reopening?.Until,
                EvaluatorName = people.TryGetValue(e.EvaluatorId, out var evaluator) ? evaluator.Name : null,
                Committee = e.IsCommittee,
                StateLabel = e.State.Label(),
            };
            await notifier.QueueAsync(new Recipient(to.Email, to.Name, to.UserId), templates.Evaluation(notice), a.Kind,
                $"evaluation:{e.Id}:{last.Sequence}:{a.ServantId}", ct: ct);
        }

        if (last.Action == EvaluationAction.NotAccept && e.State.Step() is { } step && e.DisagreementReached(step, period.Settings))
        {
            foreach (var hr in await users.GetUsersInRoleAsync(EgiRoles.TalentoHumano))
            {
                if (hr.ServantId == e.EvaluadoId || string.IsNullOrEmpty(hr.Email)) continue; // nobody administers their own evaluation
                var notice = new EvaluationNotice
                {
                    Kind = MailKind.Disagreement,
                    Reader = NoticeReader.TalentoHumano,
                    ReaderName = hr.DisplayName,
                    EvaluadoName = evaluado.Name,
                    PeriodName = period.Name,
                    Link = templates.Url($"/Evaluations/Admin/{e.Id}"),
                    ActionText = "Escalar a una Comisión Evaluadora",
                    ActorName = last.ActorName,
                    ActorRole = last.Role,
                    Comment = last.Comment,
                    StepLabel = step.Label(),
                    NotAccepted = e.NotAccepted(step),
                    StateLabel = e.State.Label(),
                };
                await notifier.QueueAsync(Recipient.Of(hr), templates.Evaluation(notice), MailKind.Disagreement,
                    $"disagreement:{e.Id}:{last.Sequence}:{hr.Id}", ct: ct);
            }
        }
    }

    /// <summary>
    /// The directory gave the evaluation a new evaluator (new jefe, move to another dependencia): the new evaluator
    /// learns they evaluate the evaluado now, with the screen where they act, and the evaluado who evaluates them.
    /// </summary>
    public async Task EvaluatorChangedByDirectoryAsync(Evaluation e, Period period, PartialCause cause, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(period);
        var people = await PeopleAsync([e.EvaluadoId, e.EvaluatorId], ct);
        if (!people.TryGetValue(e.EvaluadoId, out var evaluado) || !people.TryGetValue(e.EvaluatorId, out var evaluator)) return;
        foreach (var (to, kind, reader) in new[] { (evaluator, MailKind.EvaluatorAssigned, NoticeReader.Evaluator), (evaluado, MailKind.EvaluatorChanged, NoticeReader.Evaluado) })
        {
            var (actionText, path) = ScreenFor(e, to.Id);
            var notice = new EvaluationNotice
            {
                Kind = kind,
                Reader = reader,
                ReaderName = to.Name,
                EvaluadoName = evaluado.Name,
                PeriodName = period.Name,
                Link = templates.Url(path),
                ActionText = actionText,
                ActorRole = ActorRole.TalentoHumano,
                EvaluatorName = evaluator.Name,
                Cause = cause.Label(),
                StateLabel = e.State.Label(),
            };
            await notifier.QueueAsync(new Recipient(to.Email, to.Name, to.UserId), templates.Evaluation(notice), kind,
                $"evaluation:{e.Id}:{e.History.Count}:{to.Id}", ct: ct);
        }
    }

    /// <summary>Tells the outgoing evaluator (e-mail and inbox) that they owe the partial evaluation, with the link to record it.</summary>
    public async Task PartialOwedAsync(Evaluation e, PartialEvaluation p, Period period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(period);
        var people = await PeopleAsync([p.EvaluatorId, e.EvaluadoId], ct);
        if (!people.TryGetValue(p.EvaluatorId, out var to) || !people.TryGetValue(e.EvaluadoId, out var evaluado)) return;
        var email = templates.PartialOwed(to.Name, evaluado.Name, period.Name, p.Cause.Label(), p.From, p.To, templates.Url($"/Evaluations/Partial/{e.Id}?seq={p.Sequence}"));
        await notifier.QueueAsync(new Recipient(to.Email, to.Name, to.UserId), email, MailKind.PartialOwed, $"partial:{e.Id}:{p.Sequence}:{to.Id}", ct: ct);
    }

    /// <summary>
    /// Talento Humano is told that the retiro of evaluator <paramref name="retireeId"/> left the open evaluations of
    /// <paramref name="evaluadoIds"/> without a jefe who can act (their account is locked) and owing a partial. Every
    /// active Talento Humano account but the retiree's own.
    /// </summary>
    public async Task EvaluatorRetiredAsync(int retireeId, DateOnly date, IReadOnlyCollection<int> evaluadoIds, CancellationToken ct)
    {
        if (evaluadoIds.Count == 0) return;
        var people = await PeopleAsync([retireeId, .. evaluadoIds], ct);
        if (!people.TryGetValue(retireeId, out var retiree)) return;
        var names = evaluadoIds.Where(people.ContainsKey).Select(id => people[id].Name).Order(StringComparer.CurrentCulture).ToList();
        var link = templates.Url($"/Directory/Servants/Details/{retireeId}");
        foreach (var hr in await users.GetUsersInRoleAsync(EgiRoles.TalentoHumano))
        {
            if (hr.ServantId == retireeId || hr.Lock != AccountLock.None || string.IsNullOrEmpty(hr.Email)) continue;
            await notifier.QueueAsync(Recipient.Of(hr), templates.EvaluatorRetired(hr.DisplayName, retiree.Name, date, names, link),
                MailKind.EvaluatorRetired, $"evaluator-retired:{retireeId}:{date:yyyyMMdd}:{hr.Id}", ct: ct);
        }
    }

    private sealed record Person(int Id, string Name, string Email, string? UserId);

    /// <summary>The servants and their accounts, in one query (each servant has at most one account).</summary>
    private async Task<Dictionary<int, Person>> PeopleAsync(IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var servants = await db.Servants.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new
            {
                s.Id,
                s.FirstNames,
                s.LastNames,
                s.Email,
                UserId = db.Users.Where(u => u.ServantId == s.Id).Select(u => u.Id).FirstOrDefault(),
            }).ToListAsync(ct);
        return servants.ToDictionary(s => s.Id, s => new Person(s.Id, $"{s.FirstNames} {s.LastNames}".Trim(), s.Email, s.UserId));
    }
}
