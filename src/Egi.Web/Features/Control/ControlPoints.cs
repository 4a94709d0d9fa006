using System.Globalization;
using System.Linq.Expressions;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Process;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
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
    ReminderRole RecipientRole,
    string ActionPath,
    string ActionText,
    StepLateness Lateness);

/// <summary>One list of the control points: the rows of the page shown, and the paging over the whole list.</summary>
public sealed record ControlList(IReadOnlyList<ControlRow> Rows, Paging Paging)
{
    /// <summary>How many evaluations the list has, on every page.</summary>
    public int Count => Paging.TotalRows;
}

/// <summary>
/// Control points of one stage (activity 17 of P-TH-10): the evaluations late on the stage's step (the person's own
/// deadline passed — stage window, new servant's days, reopenings —, <see cref="Lateness"/>) and those pending whose
/// deadline comes within the period's reminder days, each with the person on whom it waits; never a step the person does
/// not owe (<see cref="EvaluationFacts.FollowUpIApplies"/>). Both lists are filtered, counted, ordered (by the stored
/// deadline, then name) and paged in SQL (<see cref="StepDeadlines"/>); the working days late or left are computed
/// (<see cref="Lateness.FromFacts"/>, Colombian holidays) only for the rows of the page.
/// </summary>
public sealed class ControlPoints
{
    private readonly EgiDbContext db;
    private readonly EvaluationStep step;
    private readonly DateOnly today;

    private ControlPoints(EgiDbContext db, Period period, Stage stage, EvaluationStep step, DateOnly today, int soonDays, ControlList late, ControlList soon)
    {
        this.db = db;
        this.step = step;
        this.today = today;
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

    /// <summary>«Atrasados»: the page shown and the whole list's count.</summary>
    public ControlList Late { get; }

    /// <summary>«Plazo por vencer»: the page shown and the whole list's count.</summary>
    public ControlList Soon { get; }

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
    /// Four queries over the facts the domain stored, whatever the size of the period: the count of each list, and the
    /// page asked for of each (<paramref name="latePage"/>, <paramref name="soonPage"/>; 1 when null or out of range).
    /// </summary>
    public static async Task<ControlPoints> BuildAsync(EgiDbContext db, Period period, Stage stage, DateOnly today,
        int? latePage = null, int? soonPage = null, CancellationToken ct = default)
    {
        var step = Lateness.StepOf(stage) ?? throw new ArgumentOutOfRangeException(nameof(stage));
        var soonDays = period.Settings.ReminderDaysBeforeClose;
        var late = LateOf(period, step, today);
        var soon = SoonOf(period, step, today);
        var lateCount = await InPeriod(db, period).CountAsync(late, ct);
        var soonCount = await InPeriod(db, period).CountAsync(soon, ct);
        var latePaging = Paging.Of(latePage, lateCount);
        var soonPaging = Paging.Of(soonPage, soonCount);
        var lateRows = await RowsAsync(db, period, step, today, late, latePaging, ct);
        var soonRows = await RowsAsync(db, period, step, today, soon, soonPaging, ct);
        return new ControlPoints(db, period, stage, step, today, soonDays, new(lateRows, latePaging), new(soonRows, soonPaging));
    }

    private static IQueryable<Evaluation> InPeriod(EgiDbContext db, Period period)
    {
        var periodId = period.Id;
        return db.Evaluations.AsNoTracking().Where(e => e.PeriodId == periodId);
    }

    private static Expression<Func<Evaluation, bool>> LateOf(Period period, EvaluationStep step, DateOnly today) => StepDeadlines.Late(step, today);

    private static Expression<Func<Evaluation, bool>> SoonOf(Period period, EvaluationStep step, DateOnly today) =>
        StepDeadlines.ClosesWithin(step, period.Window(step.Stage()), today, period.Settings.ReminderDaysBeforeClose);

    /// <summary>
    /// The rows of the evaluations that satisfy <paramref name="filter"/>, ordered by the deadline (the most late, or
    /// the closest to it, first) then the evaluado's stored sort key, one page of them (or all without paging), each with
    /// the person on whom it waits, their account and the action they must take.
    /// </summary>
    private static async Task<IReadOnlyList<ControlRow>> RowsAsync(EgiDbContext db, Period period, EvaluationStep step, DateOnly today,
        Expression<Func<Evaluation, bool>> filter, Paging? paging, CancellationToken ct)
    {
        var query =
            from x in InPeriod(db, period).Where(filter).Select(StepDeadlines.WithDeadline(step))
            let e = x.Evaluation
            let recipientId = e.Facts.WaitingOn == WaitingOn.Evaluado ? e.EvaluadoId : e.EscalationRecorderId ?? e.EvaluatorId
            join s in db.Servants on e.EvaluadoId equals s.Id
            join d in db.Dependencies on s.DependencyId equals d.Id
            join r in db.Servants on recipientId equals r.Id
            orderby x.Deadline, s.SortKey, e.Id
            select new
            {
                e.Id,
                e.State,
                e.Facts.WaitingOn,
                e.Facts.Escalated,
                e.Facts.Committee,
                x.Deadline,
                s.DocumentNumber,
                Evaluado = s.FirstNames + " " + s.LastNames,
                Dependency = d.Name,
                RecipientId = r.Id,
                Recipient = r.FirstNames + " " + r.LastNames,
                r.Email,
                RecipientUserId = db.Users.Where(u => u.ServantId == r.Id).Select(u => u.Id).FirstOrDefault(),
                Action = e.Waits.Where(w => w.ServantId == r.Id).Select(w => (PendingAction?)w.Action).FirstOrDefault(),
            };
        var rows = paging is null ? await query.ToListAsync(ct) : await query.Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var window = period.Window(step.Stage());
        return rows.Select(c =>
        {
            var lateness = Lateness.FromFacts(step, c.Deadline, c.WaitingOn, window, today);
            var role = c.WaitingOn == WaitingOn.Evaluado ? ReminderRole.Evaluado : c.Escalated || c.Committee ? ReminderRole.Committee : ReminderRole.Evaluator;
            var action = c.Action ?? PendingAction.None;
            return new ControlRow(c.Id, c.DocumentNumber, c.Evaluado.Trim(), c.Dependency, c.State.Label(), ControlMessages.RoleLabel(role), c.RecipientId, c.Recipient.Trim(), c.Email,
                c.RecipientUserId, role, EvaluationLinks.PageFor(c.Id, action), EvaluationLinks.ActionText(action), lateness);
        }).ToList();
    }

    /// <summary>
    /// The evaluations to remind, on every page: those chosen one by one that are in either list, plus every one of
    /// «Atrasados» when <paramref name="allLate"/> and of «Plazo por vencer» when <paramref name="allSoon"/> — one query.
    /// </summary>
    public Task<IReadOnlyList<ControlRow>> SelectedAsync(IReadOnlyCollection<int> chosen, bool allLate, bool allSoon, CancellationToken ct = default)
    {
        var late = LateOf(Period, step, today);
        var soon = SoonOf(Period, step, today);
        var ids = chosen.Distinct().ToList();
        Expression<Func<Evaluation, bool>> none = e => false;
        Expression<Func<Evaluation, bool>> isChosen = e => ids.Contains(e.Id);
        var inEither = StepDeadlines.Or(late, soon);
        var filter = ids.Count == 0 ? none : StepDeadlines.And(isChosen, inEither);
        if (allLate) filter = StepDeadlines.Or(filter, late);
        if (allSoon) filter = StepDeadlines.Or(filter, soon);
        return RowsAsync(db, Period, step, today, filter, paging: null, ct);
    }

    /// <summary>
    /// Sends a reminder to the person on whom each selected evaluation waits (e-mail through the outbox and in-app
    /// inbox), recording each one as a <see cref="ReminderRecord"/>. The caller saves (one transaction).
    /// </summary>
    public async Task<int> RemindAsync(IReadOnlyList<ControlRow> rows, Notifier notifier, EmailTemplates templates,
        ReminderOrigin origin, string sentBy, DateTime now, CancellationToken ct = default)
    {
        var sent = 0;
        foreach (var row in rows)
        {
            var email = Email(templates, row);
            await notifier.QueueAsync(new Recipient(row.RecipientEmail, row.RecipientName, row.RecipientUserId), email, MailKind.ControlReminder, ct: ct);
            db.Set<ReminderRecord>().Add(ReminderRecord.ForEvaluationStep(Period.Id, Stage, row.EvaluationId, origin,
                new ReminderRecipient(row.RecipientServantId, row.RecipientName, row.RecipientEmail, row.RecipientRole), sentBy, email.Subject, now));
            sent++;
        }
        return sent;
    }

    private RenderedEmail Email(EmailTemplates templates, ControlRow row)
    {
        var l = row.Lateness;
        var reader = row.RecipientRole switch
        {
            ReminderRole.Evaluado => NoticeReader.Evaluado,
            ReminderRole.Committee => NoticeReader.Recorder,
            _ => NoticeReader.Evaluator,
        };
        return templates.ControlReminder(new ControlReminderNotice(reader, row.RecipientName, row.Evaluado, Period.Name, Stage.Label(), row.State,
            l.IsLate, l.Deadline, l.IsLate ? l.WorkingDaysLate : l.WorkingDaysLeft, row.ActionText, templates.Url(row.ActionPath)));
    }
}
