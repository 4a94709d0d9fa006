using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Improvement;
using Egi.Domain.Process;
using Egi.Web.Data;
using Egi.Web.Features.Control;
using Egi.Web.Features.Evaluations;
using Egi.Web.Features.Improvement;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Notifications;

/// <summary>
/// Every morning, the automatic reminders of the control points (SPEC §5, activities 17 and 20), each on the day that
/// falls Settings.ReminderDaysBeforeClose *working* days before its deadline (<see cref="WorkingDays.ReminderDay"/>, the
/// same count as «cierra pronto» on /Control, Colombian holidays excluded):
/// <list type="bullet">
/// <item>Talento Humano, of every stage window of an open period that closes;</item>
/// <item>the person on whom an evaluation waits, of their own deadline for its step — the stage window, a new servant's
/// working days after the fecha de ingreso, or a reopening by Talento Humano (the facts' <c>*Deadline</c>) — with the
/// link to the screen where they act — unless the step is not owed (a first follow-up that does not apply to a late
/// hire);</item>
/// <item>the servant and the jefe of an improvement plan, of the end date of its actions while the plan is below 100 %.</item>
/// </list>
/// A run covers every day since the last run that completed (<see cref="Scheduler.LastCompletedBeforeAsync"/>, at most
/// <see cref="MaxCatchUpDays"/> back): reminders due on days the application was down go out at its next start, once each
/// (one per deadline and person, by deduplication key), and not for deadlines already past (those are late: /Control).
/// Each e-mail is recorded as a <see cref="ReminderRecord"/> (origin automatic, sent by «Sistema») in the same save.
/// </summary>
public sealed class StageClosingReminderJob : IScheduledJob
{
    public const string JobCode = "StageClosingReminder";

    public string Code => JobCode;
    public string Name => "Recordatorio de cierre de etapa";
    public TimeOnly TimeOfDay => new(7, 0);

    /// <summary>How many days back a run looks for reminders it missed.</summary>
    public const int MaxCatchUpDays = 31;

    public async Task<string> RunAsync(IServiceProvider services, DateTime dueAt, CancellationToken ct)
    {
        var db = services.GetRequiredService<EgiDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var run = new Run(db, services.GetRequiredService<Notifier>(), services.GetRequiredService<EmailTemplates>(),
            services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var today = BogotaTime.Day(dueAt);
        var previous = await Scheduler.LastCompletedBeforeAsync(db, Code, dueAt, ct);
        // Days (since, today] are covered: the day after the last completed run, or only today on a first run.
        var since = previous is { } p ? BogotaTime.Day(p) : today.AddDays(-1);
        if (since < today.AddDays(-MaxCatchUpDays)) since = today.AddDays(-MaxCatchUpDays);

        var periods = await db.Periods.AsNoTracking().Where(x => x.Status == PeriodStatus.Open).ToListAsync(ct);
        var hr = (await users.GetUsersInRoleAsync(EgiRoles.TalentoHumano)).Where(u => !string.IsNullOrEmpty(u.Email)).ToList();
        foreach (var period in periods)
        {
            var due = new DueDays(since, today, period.Settings.ReminderDaysBeforeClose);
            foreach (var window in period.Windows.Where(w => due.Covers(w.End)))
                await run.StageClosingAsync(period, window, hr, due, ct);
            foreach (var step in Lateness.Steps)
                await run.EvaluationDeadlinesAsync(period, step, due, ct);
            await run.PlanDeadlinesAsync(period, due, ct);
        }
        await db.SaveChangesAsync(ct);
        return since < today.AddDays(-1)
            ? $"{run.Queued} recordatorios en cola (incluye los días desde el {since.AddDays(1):dd/MM/yyyy} en que no se ejecutó)"
            : $"{run.Queued} recordatorios en cola";
    }

    /// <summary>
    /// Which deadlines get their reminder in a run covering the days (<see cref="Since"/>, <see cref="Today"/>]: those not
    /// past whose reminder day, <see cref="Before"/> working days earlier, is one of those days.
    /// </summary>
    public sealed record DueDays(DateOnly Since, DateOnly Today, int Before)
    {
        public bool Covers(DateOnly deadline)
        {
            if (deadline < Today) return false;
            var day = WorkingDays.ReminderDay(deadline, Before);
            return day > Since && day <= Today;
        }

        /// <summary>Every deadline this run may remind falls before this day (a bound for the queries).</summary>
        public DateOnly Horizon => WorkingDays.AddWorkingDays(Today, Before + 1);

        public int WorkingDaysLeft(DateOnly deadline) => WorkingDays.CountBetween(Today, deadline);
    }

    private sealed class Run(EgiDbContext db, Notifier notifier, EmailTemplates templates, DateTime now)
    {
        public int Queued { get; private set; }

        /// <summary>Talento Humano: the stage window closes.</summary>
        public async Task StageClosingAsync(Period period, StageWindow window, IReadOnlyList<AppUser> hr, DueDays due, CancellationToken ct)
        {
            foreach (var user in hr)
            {
                var email = templates.StageClosing(user.DisplayName, period.Name, window.Stage.Label(), window.End, due.WorkingDaysLeft(window.End),
                    templates.Url($"/Periods/Details/{period.Id}"));
                if (await notifier.QueueAsync(Recipient.Of(user), email, MailKind.StageClosing,
                        $"stage-closing:{period.Id}:{window.Stage}:{window.End:yyyyMMdd}:{user.Id}", ct: ct))
                {
                    db.Set<ReminderRecord>().Add(Record(period, window.Stage, null, null, null, user.DisplayName, user.Email!, ReminderRole.HumanResources, email.Subject));
                    Queued++;
                }
            }
        }

        /// <summary>
        /// The people on whom an evaluation waits in <paramref name="step"/> whose own deadline for it is due: one query
        /// over the stored facts (state, on whom it waits and what they must do, the person's deadline) with the recipient
        /// and their account, one query for the messages already sent.
        /// </summary>
        public async Task EvaluationDeadlinesAsync(Period period, EvaluationStep step, DueDays due, CancellationToken ct)
        {
            var states = EvaluationStateInfo.StatesOf(step);
            var today = due.Today;
            var horizon = due.Horizon;
            var rows = await (
                from e in db.Evaluations.AsNoTracking()
                where e.PeriodId == period.Id && states.Contains(e.State) && e.Facts.WaitingOn != WaitingOn.Nobody
                let deadline = step == EvaluationStep.Goals ? e.Facts.GoalsDeadline
                    : step == EvaluationStep.FollowUpI ? e.Facts.FollowUpIDeadline : e.Facts.FollowUpIIDeadline
                where deadline >= today && deadline < horizon
                where step != EvaluationStep.FollowUpI || e.Facts.FollowUpIApplies
                let who = e.Facts.WaitingOn == WaitingOn.Evaluado ? e.EvaluadoId : e.EscalationRecorderId ?? e.EvaluatorId
                join s in db.Servants on e.EvaluadoId equals s.Id
                join r in db.Servants on who equals r.Id
                orderby e.Id
                select new
                {
                    e.Id,
                    Deadline = deadline,
                    e.Facts.WaitingOn,
                    e.Facts.Escalated,
                    e.Facts.Committee,
                    Evaluado = s.FirstNames + " " + s.LastNames,
                    s.HireDate,
                    e.EnteredOn,
                    Who = r.Id,
                    Name = r.FirstNames + " " + r.LastNames,
                    r.Email,
                    UserId = db.Users.Where(u => u.ServantId == r.Id).Select(u => u.Id).FirstOrDefault(),
                    Action = e.Waits.Where(w => w.ServantId == r.Id).Select(w => (PendingAction?)w.Action).FirstOrDefault(),
                }).ToListAsync(ct);
            var stage = step.Stage();
            var windowEnd = period.Window(stage).End;
            var newServantDays = period.Settings.NewServantGoalWorkingDays;
            var remind = rows.Where(x => due.Covers(x.Deadline)).ToList();
            string Key(int evaluationId, DateOnly deadline, int who) => $"stage-closing:{period.Id}:{stage}:{deadline:yyyyMMdd}:evaluation:{evaluationId}:{who}";
            await notifier.PreloadKeysAsync(remind.Select(x => Key(x.Id, x.Deadline, x.Who)).ToList(), ct);
            foreach (var x in remind)
            {
                var own = step == EvaluationStep.Goals ? Evaluation.OwnGoalsWindowOf(period, x.HireDate, x.EnteredOn) : null;
                var source = x.Deadline == windowEnd ? DeadlineSource.StageWindow
                    : own is not null && own.Until == x.Deadline
                        ? own.Reason == PersonalWindowReason.LateEntry ? DeadlineSource.LateEntry : DeadlineSource.NewServant
                        : DeadlineSource.Reopening;
                var reader = x.WaitingOn == WaitingOn.Evaluado ? NoticeReader.Evaluado : x.Escalated || x.Committee ? NoticeReader.Recorder : NoticeReader.Evaluator;
                var action = x.Action ?? PendingAction.None;
                var name = x.Name.Trim();
                var email = templates.DeadlineReminder(new DeadlineNotice(reader, name, x.Evaluado.Trim(), period.Name, stage.Label(), x.Deadline,
                    due.WorkingDaysLeft(x.Deadline), source, newServantDays, EvaluationLinks.ActionText(action), templates.Url(EvaluationLinks.PageFor(x.Id, action))));
                if (await notifier.QueueAsync(new Recipient(x.Email, name, x.UserId), email, MailKind.DeadlineReminder, Key(x.Id, x.Deadline, x.Who), ct: ct))
                {
                    var role = reader switch { NoticeReader.Evaluado => ReminderRole.Evaluado, NoticeReader.Recorder => ReminderRole.Committee, _ => ReminderRole.Evaluator };
                    db.Set<ReminderRecord>().Add(Record(period, stage, x.Id, null, x.Who, name, x.Email, role, email.Subject));
                    Queued++;
                }
            }
        }

        /// <summary>
        /// The servant and the jefe of each open improvement plan of the period below 100 % whose actions end on a due
        /// date: one e-mail per plan, date and person, listing those actions. One query for the plans, one for the people.
        /// Not while the plan's steps are closed (outside the stage's window, not reopened for the person): nobody is
        /// reminded of a step they cannot take.
        /// </summary>
        public async Task PlanDeadlinesAsync(Period period, DueDays due, CancellationToken ct)
        {
            var plans = await db.Set<ImprovementPlan>().AsNoTracking()
                .Where(p => p.PeriodId == period.Id && !p.Excluded && p.Status != PlanStatus.Closed).ToListAsync(ct);
            var dueActions = plans
                .Where(p => p.Progress < 100 && p.IsWindowOpen(period, due.Today))
                .SelectMany(p => p.Aspects.Where(a => a.EndDate is { } end && due.Covers(end)).GroupBy(a => a.EndDate!.Value).Select(g => (Plan: p, End: g.Key, Aspects: g.ToList())))
                .ToList();
            if (dueActions.Count == 0) return;
            var ids = dueActions.SelectMany(d => new[] { d.Plan.ServantId, d.Plan.EvaluatorId ?? d.Plan.ServantId }).Distinct().ToList();
            var people = await db.Servants.AsNoTracking().Where(s => ids.Contains(s.Id))
                .Select(s => new { s.Id, Name = s.FirstNames + " " + s.LastNames, s.Email }).ToDictionaryAsync(s => s.Id, ct);
            var accounts = await db.Users.AsNoTracking().Where(u => u.ServantId != null && ids.Contains(u.ServantId.Value))
                .Select(u => new { ServantId = u.ServantId!.Value, u.Id }).ToListAsync(ct);
            // Activity 20's record: the e-mail carries the person's formato de mejoramiento individual, as activity 18's does.
            var formats = await ImprovementService.FormatAttachmentsAsync(db, templates, period, dueActions.Select(d => d.Plan).Distinct().ToList(), ct);
            foreach (var (plan, end, aspects) in dueActions)
            {
                if (!people.TryGetValue(plan.ServantId, out var servant)) continue;
                var readers = new List<(int Id, bool Boss)> { (plan.ServantId, false) };
                if (plan.EvaluatorId is { } boss && boss != plan.ServantId) readers.Add((boss, true));
                foreach (var (id, toBoss) in readers)
                {
                    if (!people.TryGetValue(id, out var to) || string.IsNullOrWhiteSpace(to.Email)) continue;
                    var name = to.Name.Trim();
                    var email = templates.ImprovementDeadline(name, toBoss, servant.Name.Trim(), period.Name, end, due.WorkingDaysLeft(end),
                        aspects.Select(a => a.Aspect).ToList(), plan.Progress, templates.Url(ImprovementService.PlanUrl(plan.Id)));
                    if (await notifier.QueueAsync(new Recipient(to.Email, name, accounts.FirstOrDefault(a => a.ServantId == id)?.Id), email, MailKind.ImprovementDeadline,
                            $"improvement-deadline:{plan.Id}:{end:yyyyMMdd}:{id}", attachments: formats.TryGetValue(plan.Id, out var format) ? [format] : null, ct: ct))
                    {
                        db.Set<ReminderRecord>().Add(Record(period, null, null, plan.Id, id, name, to.Email, toBoss ? ReminderRole.Evaluator : ReminderRole.Evaluado, email.Subject));
                        Queued++;
                    }
                }
            }
        }

        private ReminderRecord Record(Period period, Stage? stage, int? evaluationId, long? planId, int? servantId,
            string name, string email, ReminderRole role, string subject)
        {
            var to = new ReminderRecipient(servantId, name, email, role);
            return planId is { } plan
                ? ReminderRecord.ForImprovementPlan(period.Id, plan, ReminderOrigin.Automatic, to, null, subject, now)
                : ReminderRecord.ForEvaluationStep(period.Id, stage!.Value, evaluationId, ReminderOrigin.Automatic, to, null, subject, now);
        }
    }
}
