using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Features.Control;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Notifications;

/// <summary>
/// Every morning: for each open period whose stage window closes in exactly Settings.ReminderDaysBeforeClose
/// days, tells Talento Humano; and every evaluado or evaluator on whom an evaluation waits whose own deadline for its
/// step — the stage window, a new servant's days or a reopening (<see cref="EvaluationFacts"/>) — is that day (SPEC §3, §5),
/// unless the step is not owed (a first follow-up that does not apply to a late hire). Each e-mail is recorded as a
/// <see cref="ReminderRecord"/> (origin automatic, sent by «Sistema») in the same save.
/// </summary>
public sealed class StageClosingReminderJob : IScheduledJob
{
    public string Name => "Recordatorio de cierre de etapa";
    public TimeOnly TimeOfDay => new(7, 0);

    public async Task<string> RunAsync(IServiceProvider services, DateTime dueAt, CancellationToken ct)
    {
        var db = services.GetRequiredService<EgiDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var notifier = services.GetRequiredService<Notifier>();
        var templates = services.GetRequiredService<EmailTemplates>();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(dueAt, CurrentUser.Bogota));
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        var periods = await db.Periods.AsNoTracking().Where(p => p.Status == PeriodStatus.Open).ToListAsync(ct);
        var hr = await users.GetUsersInRoleAsync(EgiRoles.TalentoHumano);
        var queued = 0;
        foreach (var period in periods)
        {
            foreach (var window in period.Windows.Where(w => w.End == today.AddDays(period.Settings.ReminderDaysBeforeClose)))
            {
                foreach (var user in hr.Where(u => !string.IsNullOrEmpty(u.Email)))
                {
                    var email = templates.StageClosing(user.DisplayName, period.Name, window.Stage.Label(), window.End,
                        period.Settings.ReminderDaysBeforeClose, templates.Url($"/Periods/Details/{period.Id}"));
                    if (await notifier.QueueAsync(Recipient.Of(user), email, "Recordatorio de cierre",
                            $"stage-closing:{period.Id}:{window.Stage}:{window.End:yyyyMMdd}:{user.Id}", ct: ct))
                    {
                        db.Set<ReminderRecord>().Add(Record(now, period, window.Stage, null, null, user.DisplayName, user.Email!, ControlText.HumanResources, email.Subject));
                        queued++;
                    }
                }
            }
            foreach (var step in Lateness.Steps)
                queued += await RemindPendingAsync(db, notifier, templates, period, step, today.AddDays(period.Settings.ReminderDaysBeforeClose), now, ct);
        }
        await db.SaveChangesAsync(ct);
        return $"{queued} recordatorios en cola";
    }

    /// <summary>
    /// The people on whom an evaluation still waits in <paramref name="step"/> with their own deadline for it on
    /// <paramref name="due"/> get their own reminder: one query over the stored facts (state, on whom it waits, the
    /// person's deadline, whether the step is owed) with the recipient and their account, one query for the messages
    /// already sent.
    /// </summary>
    private static async Task<int> RemindPendingAsync(EgiDbContext db, Notifier notifier, EmailTemplates templates, Period period, EvaluationStep step,
        DateOnly due, DateTime now, CancellationToken ct)
    {
        var stage = step.Stage();
        var states = EvaluationStateInfo.StatesOf(step);
        var followUpI = step == EvaluationStep.FollowUpI;
        var pending = await (
            from e in db.Evaluations.AsNoTracking()
            where e.PeriodId == period.Id && states.Contains(e.State) && e.Facts.WaitingOn != WaitingOn.Nobody
            where (step == EvaluationStep.Goals ? e.Facts.GoalsDeadline : followUpI ? e.Facts.FollowUpIDeadline : e.Facts.FollowUpIIDeadline) == due
            where !followUpI || e.Facts.FollowUpIApplies
            let who = e.Facts.WaitingOn == WaitingOn.Evaluado ? e.EvaluadoId : e.EscalationRecorderId ?? e.EvaluatorId
            join p in db.Servants on who equals p.Id
            orderby e.Id
            select new
            {
                e.Id,
                Who = p.Id,
                Name = p.FirstNames + " " + p.LastNames,
                p.Email,
                e.Facts.WaitingOn,
                e.Facts.Escalated,
                e.Facts.Committee,
                UserId = db.Users.Where(u => u.ServantId == p.Id).Select(u => u.Id).FirstOrDefault(),
            }).ToListAsync(ct);
        string Key(int evaluationId, int who) => $"stage-closing:{period.Id}:{stage}:{due:yyyyMMdd}:evaluation:{evaluationId}:{who}";
        await notifier.PreloadKeysAsync(pending.Select(x => Key(x.Id, x.Who)).ToList(), ct);
        var queued = 0;
        foreach (var x in pending)
        {
            var name = x.Name.Trim();
            var link = templates.Url($"/Evaluations/Details/{x.Id}");
            var email = due == period.Window(stage).End
                ? templates.StageClosing(name, period.Name, stage.Label(), due, period.Settings.ReminderDaysBeforeClose, link)
                : templates.PersonalDeadline(name, period.Name, stage.Label(), due, period.Settings.ReminderDaysBeforeClose, link);
            if (await notifier.QueueAsync(new Recipient(x.Email, name, x.UserId), email, "Recordatorio de cierre", Key(x.Id, x.Who), ct: ct))
            {
                var role = x.WaitingOn == WaitingOn.Evaluado ? ControlText.Evaluado : x.Escalated || x.Committee ? ControlText.Committee : ControlText.Evaluator;
                db.Set<ReminderRecord>().Add(Record(now, period, stage, x.Id, x.Who, name, x.Email, role, email.Subject));
                queued++;
            }
        }
        return queued;
    }

    private static ReminderRecord Record(DateTime now, Period period, Stage stage, int? evaluationId, int? servantId,
        string name, string email, string role, string subject) => new()
        {
            SentAt = now,
            PeriodId = period.Id,
            Origin = ReminderOrigin.Automatic,
            Topic = ReminderTopic.EvaluationStep,
            Stage = stage,
            EvaluationId = evaluationId,
            RecipientServantId = servantId,
            RecipientName = name.Length <= 200 ? name : name[..200],
            RecipientEmail = email.Length <= 254 ? email : email[..254],
            RecipientRole = role,
            SentBy = ControlText.SystemSender,
            Subject = subject.Length <= 300 ? subject : subject[..300],
        };
}
