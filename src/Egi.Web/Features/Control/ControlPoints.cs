using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Egi.Domain.Calendar;
using Egi.Domain.Common;
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
    /// Each is compiled once per step (<see cref="StepQueries"/>): the page is the one Talento Humano watches on the last
    /// day of a window, and building its rows' query cost half of what a view allocated.
    /// </summary>
    public static async Task<ControlPoints> BuildAsync(EgiDbContext db, Period period, Stage stage, DateOnly today,
        int? latePage = null, int? soonPage = null, CancellationToken ct = default)
    {
        var step = Lateness.StepOf(stage) ?? throw new ArgumentOutOfRangeException(nameof(stage));
        var soonDays = period.Settings.ReminderDaysBeforeClose;
        var window = period.Window(step.Stage());
        var horizon = soonDays < 0 ? today : StepDeadlines.Horizon(today, soonDays);
        var after = StepDeadlines.OpensAfter(window, today);
        var (late, soon) = StepQueries.Of(step);
        var lateCount = await late.Count.For(db)(db, period.Id, today, horizon, after, ct);
        var soonCount = soonDays < 0 ? 0 : await soon.Count.For(db)(db, period.Id, today, horizon, after, ct);
        var latePaging = Paging.Of(latePage, lateCount);
        var soonPaging = Paging.Of(soonPage, soonCount);
        var lateRows = lateCount == 0 ? [] : await late.Page.For(db)(db, period.Id, today, horizon, after, latePaging.Skip, latePaging.PageSize).ToListAsync(ct);
        var soonRows = soonCount == 0 ? [] : await soon.Page.For(db)(db, period.Id, today, horizon, after, soonPaging.Skip, soonPaging.PageSize).ToListAsync(ct);
        return new ControlPoints(db, period, stage, step, today, soonDays,
            new(ToRows(lateRows, step, window, today), latePaging), new(ToRows(soonRows, step, window, today), soonPaging));
    }

    /// <summary>
    /// The queries of one list of one step, compiled once: its count and a page of its rows, each from the period, today,
    /// the horizon of «closes soon» and the day its deadlines fall after (<see cref="StepDeadlines.ClosesAt"/>; the late
    /// list ignores the last two).
    /// </summary>
    private sealed class StepQueries
    {
        private static readonly ConcurrentDictionary<EvaluationStep, (StepQueries Late, StepQueries Soon)> ByStep = new();

        private StepQueries(EvaluationStep step, Expression<Func<Evaluation, DateOnly, DateOnly, DateOnly, bool>> listed)
        {
            (MethodInfo, LambdaExpression)[] inlined = [(Marker(nameof(Listed)), listed), (Marker(nameof(DeadlineOf)), StepDeadlines.Deadline(step))];
            Count = new(() => EF.CompileAsyncQuery(CompiledQueries.Expand(CountTemplate, inlined)));
            Page = new(() => EF.CompileAsyncQuery(CompiledQueries.Expand(PageTemplate, inlined)));
        }

        public PerModel<Func<EgiDbContext, int, DateOnly, DateOnly, DateOnly, CancellationToken, Task<int>>> Count { get; }

        public PerModel<Func<EgiDbContext, int, DateOnly, DateOnly, DateOnly, int, int, IAsyncEnumerable<RowData>>> Page { get; }

        public static (StepQueries Late, StepQueries Soon) Of(EvaluationStep step) => ByStep.GetOrAdd(step, s =>
        {
            var late = StepDeadlines.LateAt(s);
            var unused = new[] { Expression.Parameter(typeof(DateOnly), "horizon"), Expression.Parameter(typeof(DateOnly), "after") };
            var lateListed = Expression.Lambda<Func<Evaluation, DateOnly, DateOnly, DateOnly, bool>>(late.Body, [.. late.Parameters, .. unused]);
            return (new StepQueries(s, lateListed), new StepQueries(s, StepDeadlines.ClosesAt(s)));
        });

        private static readonly Expression<Func<EgiDbContext, int, DateOnly, DateOnly, DateOnly, CancellationToken, int>> CountTemplate =
            (db, periodId, today, horizon, after, ct) => db.Evaluations.Count(e => e.PeriodId == periodId && Listed(e, today, horizon, after));

        private static readonly Expression<Func<EgiDbContext, int, DateOnly, DateOnly, DateOnly, int, int, IQueryable<RowData>>> PageTemplate =
            (db, periodId, today, horizon, after, skip, take) => Rows(db, db.Evaluations.AsNoTracking()
                .Where(e => e.PeriodId == periodId && Listed(e, today, horizon, after))
                .Select(e => new WithDeadline { Evaluation = e, Deadline = DeadlineOf(e) })).Skip(skip).Take(take);

        /// <summary>Stands in a template for the list's predicate (<see cref="CompiledQueries.Expand"/> puts it there).</summary>
        private static bool Listed(Evaluation e, DateOnly today, DateOnly horizon, DateOnly after) => throw CompiledQueries.NotExpanded(nameof(Listed));

        /// <summary>Stands in a template for the step's stored deadline.</summary>
        private static DateOnly DeadlineOf(Evaluation e) => throw CompiledQueries.NotExpanded(nameof(DeadlineOf));

        private static MethodInfo Marker(string name) => typeof(StepQueries).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;
    }

    /// <summary>What a row of the lists needs, flat.</summary>
    private sealed class RowData
    {
        public int Id { get; init; }
        public EvaluationState State { get; init; }
        public WaitingOn WaitingOn { get; init; }
        public bool Escalated { get; init; }
        public bool Committee { get; init; }
        public DateOnly Deadline { get; init; }
        public string DocumentNumber { get; init; } = "";
        public string Evaluado { get; init; } = "";
        public string Dependency { get; init; } = "";
        public int RecipientId { get; init; }
        public string Recipient { get; init; } = "";
        public string Email { get; init; } = "";
        public string? RecipientUserId { get; init; }
        public PendingAction? Action { get; init; }
    }

    /// <summary>
    /// The rows of <paramref name="evaluations"/>, ordered by the deadline (the most late, or the closest to it, first)
    /// then the evaluado's stored sort key, each with the person on whom it waits, their account and the action they must take.
    /// </summary>
    [ExpandsTo(nameof(RowsExpression))]
    private static IQueryable<RowData> Rows(EgiDbContext db, IQueryable<WithDeadline> evaluations) => throw CompiledQueries.NotExpanded(nameof(Rows));

    private static Expression<Func<EgiDbContext, IQueryable<WithDeadline>, IQueryable<RowData>>> RowsExpression { get; } = (db, evaluations) =>
        from x in evaluations
        let e = x.Evaluation
        let recipientId = e.Facts.WaitingOn == WaitingOn.Evaluado ? e.EvaluadoId : e.EscalationRecorderId ?? e.EvaluatorId
        join s in db.Servants on e.EvaluadoId equals s.Id
        join d in db.Dependencies on s.DependencyId equals d.Id
        join r in db.Servants on recipientId equals r.Id
        orderby x.Deadline, s.SortKey, e.Id
        select new RowData
        {
            Id = e.Id,
            State = e.State,
            WaitingOn = e.Facts.WaitingOn,
            Escalated = e.Facts.Escalated,
            Committee = e.Facts.Committee,
            Deadline = x.Deadline,
            DocumentNumber = s.DocumentNumber,
            Evaluado = s.FirstNames + " " + s.LastNames,
            Dependency = d.Name,
            RecipientId = r.Id,
            Recipient = r.FirstNames + " " + r.LastNames,
            Email = r.Email,
            RecipientUserId = db.Users.Where(u => u.ServantId == r.Id).Select(u => u.Id).FirstOrDefault(),
            Action = e.Waits.Where(w => w.ServantId == r.Id).Select(w => (PendingAction?)w.Action).FirstOrDefault(),
        };

    /// <summary>Every row of the evaluations of the period that satisfy <paramref name="filter"/> (a query built for this call: the reminders' selection).</summary>
    private static async Task<IReadOnlyList<ControlRow>> RowsAsync(EgiDbContext db, Period period, EvaluationStep step, DateOnly today,
        Expression<Func<Evaluation, bool>> filter, CancellationToken ct)
    {
        var periodId = period.Id;
        var source = db.Evaluations.AsNoTracking().Where(e => e.PeriodId == periodId).Where(filter).Select(StepDeadlines.WithDeadline(step));
        var rows = await source.Provider.CreateQuery<RowData>(CompiledQueries.Expand<Func<IQueryable<RowData>>>(() => Rows(db, source)).Body).ToListAsync(ct);
        return ToRows(rows, step, period.Window(step.Stage()), today);
    }

    private static List<ControlRow> ToRows(List<RowData> rows, EvaluationStep step, StageWindow window, DateOnly today) =>
        rows.Select(c =>
        {
            var lateness = Lateness.FromFacts(step, c.Deadline, c.WaitingOn, window, today);
            var role = c.WaitingOn == WaitingOn.Evaluado ? ReminderRole.Evaluado : c.Escalated || c.Committee ? ReminderRole.Committee : ReminderRole.Evaluator;
            var action = c.Action ?? PendingAction.None;
            return new ControlRow(c.Id, c.DocumentNumber, c.Evaluado.Trim(), c.Dependency, c.State.Label(), ControlMessages.RoleLabel(role), c.RecipientId, c.Recipient.Trim(), c.Email,
                c.RecipientUserId, role, EvaluationLinks.PageFor(c.Id, action), EvaluationLinks.ActionText(action), lateness);
        }).ToList();

    /// <summary>
    /// The evaluations to remind, on every page: those chosen one by one that are in either list, plus every one of
    /// «Atrasados» when <paramref name="allLate"/> and of «Plazo por vencer» when <paramref name="allSoon"/> — one query.
    /// </summary>
    public Task<IReadOnlyList<ControlRow>> SelectedAsync(IReadOnlyCollection<int> chosen, bool allLate, bool allSoon, CancellationToken ct = default)
    {
        var late = StepDeadlines.Late(step, today);
        var soon = StepDeadlines.ClosesWithin(step, Period.Window(step.Stage()), today, Period.Settings.ReminderDaysBeforeClose);
        var ids = chosen.Distinct().ToList();
        Expression<Func<Evaluation, bool>> none = e => false;
        Expression<Func<Evaluation, bool>> isChosen = e => ids.Contains(e.Id);
        var inEither = StepDeadlines.Or(late, soon);
        var filter = ids.Count == 0 ? none : StepDeadlines.And(isChosen, inEither);
        if (allLate) filter = StepDeadlines.Or(filter, late);
        if (allSoon) filter = StepDeadlines.Or(filter, soon);
        return RowsAsync(db, Period, step, today, filter, ct);
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
