using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Features.Evaluations;
using Egi.Web.Infrastructure;
using Egi.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Control;

/// <summary>One evaluation followed up at a control point: who it waits on, until when, and where that person acts.</summary>
public sealed record ControlRow(
    int EvaluationId,
    string Document,
    string Evaluado,
    string Dependency,
    string State,
    string WaitingOnLabel,
    int RecipientServantId,
    string RecipientName,
    string RecipientEmail,
    string? RecipientUserId,
    string RecipientRole,
    string ActionPath,
    string ActionText,
    StepLateness Lateness);

/// <summary>
/// Control points of one stage (activity 17 of P-TH-10): the evaluations late on the stage's step (the person's own
/// deadline passed — stage window, new servant's days, reopenings —, <see cref="Lateness"/>) and those pending whose
/// deadline comes within the period's reminder days, each with the person on whom it waits; never a step the person does
/// not owe (<see cref="EvaluationFacts.FollowUpIApplies"/>). The page, the reminders and their tests read this.
/// </summary>
public sealed class ControlPoints
{
    private ControlPoints(Period period, Stage stage, int soonDays, IReadOnlyList<ControlRow> late, IReadOnlyList<ControlRow> soon)
    {
        Period = period;
        Stage = stage;
        SoonDays = soonDays;
        Late = late;
        Soon = soon;
    }

    public Period Period { get; }
    public Stage Stage { get; }

    /// <summary>"Closes soon" means within this many working days (the period's reminder setting).</summary>
    public int SoonDays { get; }

    public IReadOnlyList<ControlRow> Late { get; }
    public IReadOnlyList<ControlRow> Soon { get; }

    /// <summary>The stages that are evaluation steps (the only ones with people to follow up here).</summary>
    public static IReadOnlyList<Stage> Stages { get; } = [Stage.GoalSetting, Stage.FirstFollowUp, Stage.SecondFollowUp];

    /// <summary>The stage shown when none is chosen: the first whose window contains today, else the last one already open.</summary>
    public static Stage DefaultStage(Period period, DateOnly today)
    {
        foreach (var s in Stages)
            if (period.Window(s).Contains(today)) return s;
        var started = Stages.Where(s => period.Window(s).Start <= today).ToList();
        return started.Count > 0 ? started[^1] : Stage.GoalSetting;
    }

    /// <summary>
    /// One query over the facts the domain stored (state, the person's deadline for the step, on whom it waits and
    /// what they must do): the evaluations not yet past the step that are late or whose deadline is near; then
    /// <see cref="Lateness.FromFacts"/> decides each one.
    /// </summary>
    public static async Task<ControlPoints> BuildAsync(EgiDbContext db, Period period, Stage stage, DateOnly today, DateTime now, CancellationToken ct = default)
    {
        var step = Lateness.StepOf(stage) ?? throw new ArgumentOutOfRangeException(nameof(stage));
        var window = period.Window(stage);
        var lastState = Lateness.LastState(step);
        var soonDays = period.Settings.ReminderDaysBeforeClose;
        var horizon = WorkingDays.AddWorkingDays(today, soonDays + 1);
        // A late hire is never followed up on a first follow-up that does not (or may not yet) apply to them.
        var followUpI = step == EvaluationStep.FollowUpI;
        var candidates = await (
            from e in db.Evaluations.AsNoTracking()
            where e.PeriodId == period.Id && e.State <= lastState && e.Facts.WaitingOn != WaitingOn.Nobody
                && (!followUpI || e.Facts.FollowUpIApplies)
            let deadline = step == EvaluationStep.Goals ? e.Facts.GoalsDeadline
                : step == EvaluationStep.FollowUpI ? e.Facts.FollowUpIDeadline : e.Facts.FollowUpIIDeadline
            where deadline < horizon
            let recipientId = e.Facts.WaitingOn == WaitingOn.Evaluado ? e.EvaluadoId : e.EscalationRecorderId ?? e.EvaluatorId
            join s in db.Servants on e.EvaluadoId equals s.Id
            join d in db.Dependencies on s.DependencyId equals d.Id
            join r in db.Servants on recipientId equals r.Id
            select new
            {
                e.Id,
                e.State,
                e.Facts.WaitingOn,
                e.Facts.Escalated,
                e.Facts.Committee,
                Deadline = deadline,
                s.DocumentNumber,
                Evaluado = s.FirstNames + " " + s.LastNames,
                Dependency = d.Name,
                RecipientId = r.Id,
                Recipient = r.FirstNames + " " + r.LastNames,
                r.Email,
                RecipientUserId = db.Users.Where(u => u.ServantId == r.Id).Select(u => u.Id).FirstOrDefault(),
                Action = e.Waits.Where(w => w.ServantId == r.Id).Select(w => (PendingAction?)w.Action).FirstOrDefault(),
            }).ToListAsync(ct);

        var late = new List<ControlRow>();
        var soon = new List<ControlRow>();
        foreach (var c in candidates)
        {
            var lateness = Lateness.FromFacts(step, c.Deadline, c.WaitingOn, window, today);
            if (lateness.Status == LatenessStatus.None) continue;
            if (!lateness.IsLate && !lateness.ClosesWithin(soonDays)) continue;
            var role = c.WaitingOn == WaitingOn.Evaluado ? ControlText.Evaluado : c.Escalated || c.Committee ? ControlText.Committee : ControlText.Evaluator;
            var action = c.Action ?? PendingAction.None;
            var row = new ControlRow(c.Id, c.DocumentNumber, c.Evaluado.Trim(), c.Dependency, c.State.Label(), role, c.RecipientId, c.Recipient.Trim(), c.Email,
                c.RecipientUserId, role, EvView.PageFor(c.Id, action), EvView.ActionText(action), lateness);
            (lateness.IsLate ? late : soon).Add(row);
        }
        return new ControlPoints(period, stage, soonDays,
            late.OrderByDescending(r => r.Lateness.WorkingDaysLate).ThenBy(r => r.Evaluado, StringComparer.CurrentCulture).ToList(),
            soon.OrderBy(r => r.Lateness.WorkingDaysLeft).ThenBy(r => r.Evaluado, StringComparer.CurrentCulture).ToList());
    }

    /// <summary>
    /// Sends a reminder to the person on whom each selected evaluation waits (e-mail through the outbox and in-app
    /// inbox), recording each one as a <see cref="ReminderRecord"/>. The caller saves (one transaction).
    /// </summary>
    public async Task<int> RemindAsync(IReadOnlyCollection<int> evaluationIds, Notifier notifier, EmailTemplates templates, EgiDbContext db,
        ReminderOrigin origin, string sentBy, DateTime now, CancellationToken ct = default)
    {
        var sent = 0;
        foreach (var row in Late.Concat(Soon).Where(r => evaluationIds.Contains(r.EvaluationId)))
        {
            var email = Email(templates, row);
            await notifier.QueueAsync(new Recipient(row.RecipientEmail, row.RecipientName, row.RecipientUserId), email, MailKind.ControlReminder, ct: ct);
            db.Set<ReminderRecord>().Add(new ReminderRecord
            {
                SentAt = now,
                PeriodId = Period.Id,
                Origin = origin,
                Topic = ReminderTopic.EvaluationStep,
                Stage = Stage,
                EvaluationId = row.EvaluationId,
                RecipientServantId = row.RecipientServantId,
                RecipientName = Cut(row.RecipientName, 200),
                RecipientEmail = Cut(row.RecipientEmail, 254),
                RecipientRole = row.RecipientRole,
                SentBy = Cut(sentBy, 256),
                Subject = Cut(email.Subject, 300),
            });
            sent++;
        }
        return sent;
    }

    private RenderedEmail Email(EmailTemplates templates, ControlRow row)
    {
        var l = row.Lateness;
        var reader = row.RecipientRole == ControlText.Evaluado ? NoticeReader.Evaluado
            : row.RecipientRole == ControlText.Committee ? NoticeReader.Recorder : NoticeReader.Evaluator;
        return templates.ControlReminder(new ControlReminderNotice(reader, row.RecipientName, row.Evaluado, Period.Name, Stage.Label(), row.State,
            l.IsLate, l.Deadline, l.IsLate ? l.WorkingDaysLate : l.WorkingDaysLeft, row.ActionText, templates.Url(row.ActionPath)));
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}

public static class ControlText
{
    public const string Evaluado = "Evaluado";
    public const string Evaluator = "Evaluador";
    public const string Committee = "Comisión evaluadora";
    public const string HumanResources = "Talento Humano";
    public const string SystemSender = "Sistema";
    public const string AuditEntity = "Recordatorio";
    public const string ControlAuditEntity = "Puntos de control";
    public const string SendAction = "Enviar recordatorios";

    public static string WorkingDays(int n) => n == 1 ? "1 día hábil" : $"{n.ToString(CultureInfo.GetCultureInfo("es-CO"))} días hábiles";

    public static string OriginLabel(ReminderOrigin o) => o == ReminderOrigin.Automatic ? "Automático" : "Manual";

    public static string Date(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>An instant (UTC) as Bogotá date and time.</summary>
    public static string Moment(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), CurrentUser.Bogota).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
}
