using System.Linq.Expressions;
using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using Egi.Web.Data;
using Egi.Web.Features.Directory.Servants;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Reports;

/// <summary>
/// One servant of a consolidation report as one SQL row: the servant, their evaluation's stored facts
/// (<see cref="EvaluationFacts"/>) and the names around it. The stage columns are CASE expressions computed in the
/// database, so filters, counts and sums run there.
/// </summary>
public sealed class ReportRow
{
    public int ServantId { get; set; }
    public string Document { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The servant's stored «apellidos, nombres» key (<see cref="Servant.SortKey"/>, indexed): the list order.</summary>
    public string SortKey { get; set; } = "";
    public string JobTitle { get; set; } = "";
    public string JobCode { get; set; } = "";
    public string JobGrade { get; set; } = "";
    public int DependencyId { get; set; }
    public DateOnly? ServantRetirement { get; set; }
    public string? BossName { get; set; }
    public DateOnly? BossRetirement { get; set; }
    public bool HasBoss { get; set; }

    public int? EvaluationId { get; set; }
    public int? EvaluatorId { get; set; }
    public string? EvaluatorName { get; set; }
    public EvaluationState? State { get; set; }
    public WaitingOn? WaitingOn { get; set; }
    public bool? Escalated { get; set; }
    public bool? Committee { get; set; }
    public DateOnly? GoalsSubmittedOn { get; set; }
    public DateOnly? GoalsReviewedOn { get; set; }
    public DateOnly? GoalsAgreedOn { get; set; }
    public DateOnly? FollowUpISubmittedOn { get; set; }
    public DateOnly? FollowUpIReviewedOn { get; set; }
    public DateOnly? FollowUpIAcceptedOn { get; set; }
    public DateOnly? FollowUpIISubmittedOn { get; set; }
    public DateOnly? FollowUpIIReviewedOn { get; set; }
    public DateOnly? CompetenciesRatedOn { get; set; }
    public DateOnly? FinalizedOn { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public int? GoalCount { get; set; }
    public int? GoalRounds { get; set; }
    public int? GoalsNotAccepted { get; set; }
    public decimal? FirstFollowUpScore { get; set; }
    public decimal? GoalsComponent { get; set; }
    public decimal? CompetenciesComponent { get; set; }
    public decimal? FinalScore { get; set; }
    public RatingLevel? Level { get; set; }

    /// <summary>The scores before their one rounding: what the averages add up (<see cref="EvaluationFacts.UnroundedColumns"/>).</summary>
    public decimal? FirstFollowUpUnrounded { get; set; }

    public decimal? GoalsUnrounded { get; set; }
    public decimal? CompetenciesUnrounded { get; set; }
    public decimal? FinalUnrounded { get; set; }

    /// <summary>Text searched by «Búsqueda»: the job and the evaluator (or the jefe who would evaluate).</summary>
    public string JobText { get; set; } = "";
    public string? EvaluatorSearch { get; set; }

    public Stage1Status Stage1 { get; set; }
    public Stage2Status Stage2 { get; set; }

    /// <summary>The dashboard's position in the stages: 0 none, 1 goals, 2 first follow-up, 3 second, 4 finalized, 5 closed.</summary>
    public int Progress { get; set; }

    public string Job => string.IsNullOrWhiteSpace(JobCode) ? JobTitle : $"{JobTitle} {JobCode}-{JobGrade}".TrimEnd('-', ' ');
}

/// <summary>The counts and score sums of one dependencia, from one GROUP BY over the report's rows.</summary>
public sealed class DependencyTotals
{
    public int DependencyId { get; set; }
    public int Servants { get; set; }
    public int NotStarted { get; set; }
    public int Formulation { get; set; }
    public int Approval { get; set; }
    public int Acceptance { get; set; }
    public int Agreed { get; set; }
    public int ClosedNotAgreed { get; set; }
    public int Stage2NotStarted { get; set; }
    public int Stage2InProgress { get; set; }
    public int Stage2Accepted { get; set; }
    public int Stage2NotApplicable { get; set; }
    public decimal? FirstFollowUpSum { get; set; }
    public int FirstFollowUpCount { get; set; }
    public decimal? GoalsSum { get; set; }
    public decimal? CompetenciesSum { get; set; }
    public decimal? FinalSum { get; set; }
    public int Scored { get; set; }
    public int Outstanding { get; set; }
    public int Satisfactory { get; set; }
    public int Unsatisfactory { get; set; }
    public int NoEvaluation { get; set; }
    public int InGoals { get; set; }
    public int InFollowUpI { get; set; }
    public int InFollowUpII { get; set; }
    public int Finalized { get; set; }
    public int Closed { get; set; }

    /// <summary>The lines of several dependencias added up (for the totals, computed without another query).</summary>
    public static DependencyTotals Sum(IEnumerable<DependencyTotals> lines)
    {
        var t = new DependencyTotals();
        foreach (var l in lines)
        {
            t.Servants += l.Servants;
            t.NotStarted += l.NotStarted;
            t.Formulation += l.Formulation;
            t.Approval += l.Approval;
            t.Acceptance += l.Acceptance;
            t.Agreed += l.Agreed;
            t.ClosedNotAgreed += l.ClosedNotAgreed;
            t.Stage2NotStarted += l.Stage2NotStarted;
            t.Stage2InProgress += l.Stage2InProgress;
            t.Stage2Accepted += l.Stage2Accepted;
            t.Stage2NotApplicable += l.Stage2NotApplicable;
            t.FirstFollowUpSum = Add(t.FirstFollowUpSum, l.FirstFollowUpSum);
            t.FirstFollowUpCount += l.FirstFollowUpCount;
            t.GoalsSum = Add(t.GoalsSum, l.GoalsSum);
            t.CompetenciesSum = Add(t.CompetenciesSum, l.CompetenciesSum);
            t.FinalSum = Add(t.FinalSum, l.FinalSum);
            t.Scored += l.Scored;
            t.Outstanding += l.Outstanding;
            t.Satisfactory += l.Satisfactory;
            t.Unsatisfactory += l.Unsatisfactory;
            t.NoEvaluation += l.NoEvaluation;
            t.InGoals += l.InGoals;
            t.InFollowUpI += l.InFollowUpI;
            t.InFollowUpII += l.InFollowUpII;
            t.Finalized += l.Finalized;
            t.Closed += l.Closed;
        }
        return t;
    }

    private static decimal? Add(decimal? a, decimal? b) => a is null ? b : b is null ? a : a + b;

    /// <summary>
    /// An average of scores as the reports show it: the sum of the unrounded scores over the count, rounded once to two
    /// decimals half-up (averaging the rounded scores could differ by a hundredth: 83,085 and 83,00 average 83,04, not 83,05).
    /// </summary>
    public static decimal? Average(decimal? sum, int count) => count == 0 || sum is null ? null : ScoringPolicy.Round(sum.Value / count);
}

/// <summary>How many servants of one dependencia are in one state of their evaluation (<see cref="State"/> null: without one).</summary>
public sealed class StateCount
{
    public int DependencyId { get; set; }
    public EvaluationState? State { get; set; }
    public int Count { get; set; }
}

/// <summary>Which page of a list is shown: 1-based, clamped to the pages there are.</summary>
public sealed record Paging(int Page, int PageSize, int TotalRows)
{
    public const int DefaultSize = 50;

    public int PageCount => Math.Max(1, (TotalRows + PageSize - 1) / PageSize);
    public int Skip => (Page - 1) * PageSize;
    public int FirstRow => TotalRows == 0 ? 0 : Skip + 1;
    public int LastRow => Math.Min(TotalRows, Skip + PageSize);
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;

    public static Paging Of(int? requested, int totalRows, int pageSize = DefaultSize)
    {
        var pages = Math.Max(1, (totalRows + pageSize - 1) / pageSize);
        return new(Math.Clamp(requested ?? 1, 1, pages), pageSize, totalRows);
    }
}

/// <summary>
/// The rows of the consolidation reports and the dashboard as SQL: servants with an evaluation in the period plus,
/// while the period is not closed, eligible servants without one (left join), each with the stored facts of their
/// evaluation. Summaries are one GROUP BY; lists are ordered in the database (dependencia in tree order, name,
/// document) and read a page at a time, or in batches for the .xlsx.
/// </summary>
public static class ReportQuery
{
    public const int Batch = 500;

    public static IQueryable<ReportRow> Rows(EgiDbContext db, Period period, DateOnly today)
    {
        var periodId = period.Id;
        var evaluations = db.Evaluations.AsNoTracking().Where(e => e.PeriodId == periodId);
        Expression<Func<Servant, bool>> evaluated = s => db.Evaluations.Any(e => e.PeriodId == periodId && e.EvaluadoId == s.Id);
        var servants = db.Servants.AsNoTracking().Where(period.Status == PeriodStatus.Closed ? evaluated : Or(evaluated, Eligibility.IsEligibleOn(today)));

        return
            from s in servants
            join e0 in evaluations on s.Id equals e0.EvaluadoId into es
            from e in es.DefaultIfEmpty()
            join j0 in db.Servants on (int?)e.EvaluatorId equals (int?)j0.Id into js
            from j in js.DefaultIfEmpty()
            join b0 in db.Servants on s.BossId equals (int?)b0.Id into bs
            from b in bs.DefaultIfEmpty()
            select new ReportRow
            {
                ServantId = s.Id,
                Document = s.DocumentNumber,
                Name = s.FirstNames + " " + s.LastNames,
                SortKey = s.SortKey,
                JobTitle = s.JobTitle,
                JobCode = s.JobCode,
                JobGrade = s.JobGrade,
                DependencyId = s.DependencyId,
                ServantRetirement = s.RetirementDate,
                HasBoss = b != null,
                BossName = b == null ? null : b.FirstNames + " " + b.LastNames,
                BossRetirement = b == null ? null : b.RetirementDate,
                EvaluationId = e == null ? null : e.Id,
                EvaluatorId = e == null ? null : e.EvaluatorId,
                EvaluatorName = j == null ? null : j.FirstNames + " " + j.LastNames,
                State = e == null ? null : e.State,
                WaitingOn = e == null ? null : e.Facts.WaitingOn,
                Escalated = e == null ? null : e.Facts.Escalated,
                Committee = e == null ? null : e.Facts.Committee,
                GoalsSubmittedOn = e == null ? null : e.Facts.GoalsSubmittedOn,
                GoalsReviewedOn = e == null ? null : e.Facts.GoalsReviewedOn,
                GoalsAgreedOn = e == null ? null : e.Facts.GoalsAgreedOn,
                FollowUpISubmittedOn = e == null ? null : e.Facts.FollowUpISubmittedOn,
                FollowUpIReviewedOn = e == null ? null : e.Facts.FollowUpIReviewedOn,
                FollowUpIAcceptedOn = e == null ? null : e.Facts.FollowUpIAcceptedOn,
                FollowUpIISubmittedOn = e == null ? null : e.Facts.FollowUpIISubmittedOn,
                FollowUpIIReviewedOn = e == null ? null : e.Facts.FollowUpIIReviewedOn,
                CompetenciesRatedOn = e == null ? null : e.Facts.CompetenciesRatedOn,
                FinalizedOn = e == null ? null : e.Facts.FinalizedOn,
                ClosedOn = e == null ? null : e.Facts.ClosedOn,
                GoalCount = e == null ? null : e.Facts.GoalCount,
                GoalRounds = e == null ? null : e.Facts.GoalRounds,
                GoalsNotAccepted = e == null ? null : e.Facts.GoalsNotAccepted,
                FirstFollowUpScore = e == null ? null : e.Facts.FirstFollowUpScore,
                GoalsComponent = e == null ? null : e.Facts.GoalsComponent,
                CompetenciesComponent = e == null ? null : e.Facts.CompetenciesComponent,
                FinalScore = e == null ? null : e.Facts.FinalScore,
                Level = e == null ? null : e.Facts.Level,
                FirstFollowUpUnrounded = e == null ? null : e.Facts.FirstFollowUpUnrounded,
                GoalsUnrounded = e == null ? null : e.Facts.GoalsComponentUnrounded,
                CompetenciesUnrounded = e == null ? null : e.Facts.CompetenciesComponentUnrounded,
                FinalUnrounded = e == null ? null : e.Facts.FinalScoreUnrounded,
                JobText = s.JobTitle + " " + s.JobCode + "-" + s.JobGrade,
                EvaluatorSearch = e != null
                    ? (j == null ? null : j.FirstNames + " " + j.LastNames)
                    : (b == null ? null : b.FirstNames + " " + b.LastNames),
                Stage1 = e == null ? Stage1Status.NotStarted
                    : e.State == EvaluationState.GoalFormulation ? Stage1Status.Formulation
                    : e.State == EvaluationState.GoalApproval ? Stage1Status.Approval
                    : e.State == EvaluationState.GoalAcceptance ? Stage1Status.Acceptance
                    : e.State == EvaluationState.ClosedByRetirement && e.Facts.GoalsAgreedOn == null ? Stage1Status.ClosedNotAgreed
                    : Stage1Status.Agreed,
                Stage2 = e == null ? Stage2Status.NotStarted
                    : e.State >= EvaluationState.SelfEvaluationI && e.State <= EvaluationState.SelfEvaluationIAcceptance ? Stage2Status.InProgress
                    : e.FollowUpIExemption != null ? Stage2Status.NotApplicable
                    : e.Facts.FollowUpIAcceptedOn != null ? Stage2Status.Accepted
                    : Stage2Status.NotStarted,
                Progress = e == null ? 0
                    : e.State == EvaluationState.Finalized ? 4
                    : e.State == EvaluationState.ClosedByRetirement ? 5
                    : e.State <= EvaluationState.GoalAcceptance ? 1
                    : e.State <= EvaluationState.SelfEvaluationIAcceptance ? 2
                    : 3,
            };
    }

    /// <summary>The rows of one dependencia (or all) that match the status and the text of the filter.</summary>
    public static IQueryable<ReportRow> Filtered(IQueryable<ReportRow> rows, Stage1Filter filter)
    {
        if (filter.DependencyId is { } d) rows = rows.Where(r => r.DependencyId == d);
        if (filter.Status is { } st) rows = rows.Where(r => r.Stage1 == st);
        if (filter.Text.Length > 0) rows = rows.Where(TextMatch(filter.Text));
        return rows;
    }

    /// <summary>Per dependencia (all of them, before any filter): the counts of each status and the score sums.</summary>
    public static Task<List<DependencyTotals>> TotalsAsync(IQueryable<ReportRow> rows, CancellationToken ct) =>
        (from r in rows
         group r by r.DependencyId into g
         select new DependencyTotals
         {
             DependencyId = g.Key,
             Servants = g.Count(),
             NotStarted = g.Count(r => r.Stage1 == Stage1Status.NotStarted),
             Formulation = g.Count(r => r.Stage1 == Stage1Status.Formulation),
             Approval = g.Count(r => r.Stage1 == Stage1Status.Approval),
             Acceptance = g.Count(r => r.Stage1 == Stage1Status.Acceptance),
             Agreed = g.Count(r => r.Stage1 == Stage1Status.Agreed),
             ClosedNotAgreed = g.Count(r => r.Stage1 == Stage1Status.ClosedNotAgreed),
             Stage2NotStarted = g.Count(r => r.Stage2 == Stage2Status.NotStarted),
             Stage2InProgress = g.Count(r => r.Stage2 == Stage2Status.InProgress),
             Stage2Accepted = g.Count(r => r.Stage2 == Stage2Status.Accepted),
             Stage2NotApplicable = g.Count(r => r.Stage2 == Stage2Status.NotApplicable),
             // Sums of the unrounded scores: an average is rounded once (DependencyTotals.Average), never averaged from rounded scores.
             FirstFollowUpSum = g.Where(r => r.Stage2 == Stage2Status.Accepted).Sum(r => r.FirstFollowUpUnrounded),
             FirstFollowUpCount = g.Count(r => r.Stage2 == Stage2Status.Accepted && r.FirstFollowUpUnrounded != null),
             GoalsSum = g.Sum(r => r.GoalsUnrounded),
             CompetenciesSum = g.Sum(r => r.CompetenciesUnrounded),
             FinalSum = g.Sum(r => r.FinalUnrounded),
             Scored = g.Count(r => r.FinalUnrounded != null),
             Outstanding = g.Count(r => r.FinalScore != null && r.Level == RatingLevel.Sobresaliente),
             Satisfactory = g.Count(r => r.FinalScore != null && r.Level == RatingLevel.Satisfactorio),
             Unsatisfactory = g.Count(r => r.FinalScore != null && r.Level == RatingLevel.NoSatisfactorio),
             NoEvaluation = g.Count(r => r.Progress == 0),
             InGoals = g.Count(r => r.Progress == 1),
             InFollowUpI = g.Count(r => r.Progress == 2),
             InFollowUpII = g.Count(r => r.Progress == 3),
             Finalized = g.Count(r => r.Progress == 4),
             Closed = g.Count(r => r.Progress == 5),
         }).ToListAsync(ct);

    /// <summary>How many servants of each dependencia are in each state of their evaluation (no state: no evaluation), one GROUP BY.</summary>
    public static Task<List<StateCount>> StateCountsAsync(IQueryable<ReportRow> rows, CancellationToken ct) =>
        rows.GroupBy(r => new { r.DependencyId, r.State })
            .Select(g => new StateCount { DependencyId = g.Key.DependencyId, State = g.Key.State, Count = g.Count() })
            .ToListAsync(ct);

    /// <summary>
    /// The list order: dependencia in tree order, then «apellidos, nombres» as a Spanish reader expects it (without
    /// regard to case or accents: the servant's stored, indexed <see cref="Servant.SortKey"/>, the directory's order),
    /// then document (ties by id, so pages never overlap). Nothing is folded or computed per row at query time.
    /// </summary>
    public static IQueryable<ReportRow> Ordered(IQueryable<ReportRow> rows, IReadOnlyList<DependencyNode> tree) =>
        rows.OrderBy(TreePosition(tree)).ThenBy(r => r.SortKey).ThenBy(r => r.Document).ThenBy(r => r.ServantId);

    /// <summary>One page of the ordered rows, with the names of any Comisión Evaluadora on it.</summary>
    public static async Task<(List<ReportRow> Rows, Members Members)> PageAsync(EgiDbContext db, IQueryable<ReportRow> ordered, Paging paging, CancellationToken ct)
    {
        var rows = await ordered.Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return (rows, await Members.OfAsync(db, rows, ct));
    }

    /// <summary>Every row, read in batches of <see cref="Batch"/> (for the .xlsx: never the whole list in memory).</summary>
    public static IEnumerable<(ReportRow Row, Members Members)> Stream(EgiDbContext db, IQueryable<ReportRow> ordered) =>
        Batches(db, ordered).SelectMany(b => b.Rows.Select(r => (r, b.Members)));

    /// <summary>The ordered rows a batch of <see cref="Batch"/> at a time, each batch with its committees' names.</summary>
    public static IEnumerable<(List<ReportRow> Rows, Members Members)> Batches(EgiDbContext db, IQueryable<ReportRow> ordered)
    {
        for (var skip = 0; ; skip += Batch)
        {
            var rows = ordered.Skip(skip).Take(Batch).ToList();
            yield return (rows, Members.Of(db, rows));
            if (rows.Count < Batch) yield break;
        }
    }

    /// <summary>«Búsqueda» in SQL: lower case without Spanish accents, on the name, job and evaluator; the document without dots.</summary>
    private static Expression<Func<ReportRow, bool>> TextMatch(string text)
    {
        var needle = DirectoryLabels.Normalize(text);
        var document = ServantInput.NormalizeDocument(needle);
        Expression<Func<string>> needleValue = () => needle;
        Expression<Func<string>> documentValue = () => document;
        var r = Expression.Parameter(typeof(ReportRow), "r");
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        Expression body = Expression.Constant(false);
        foreach (var field in new[] { nameof(ReportRow.Name), nameof(ReportRow.JobText), nameof(ReportRow.EvaluatorSearch) })
        {
            var value = Expression.Property(r, field);
            var match = Expression.AndAlso(Expression.NotEqual(value, Expression.Constant(null, typeof(string))),
                Expression.Call(Fold(value), contains, needleValue.Body));
            body = Expression.OrElse(body, match);
        }
        if (document.Length > 0)
            body = Expression.OrElse(body, Expression.Call(Expression.Property(r, nameof(ReportRow.Document)), contains, documentValue.Body));
        return Expression.Lambda<Func<ReportRow, bool>>(body, r);
    }

    private static readonly (string From, string To)[] Accents =
    [
        ("Á", "a"), ("á", "a"), ("É", "e"), ("é", "e"), ("Í", "i"), ("í", "i"), ("Ó", "o"), ("ó", "o"),
        ("Ú", "u"), ("ú", "u"), ("Ü", "u"), ("ü", "u"), ("Ñ", "n"), ("ñ", "n"),
    ];

    private static Expression Fold(Expression text)
    {
        var replace = typeof(string).GetMethod(nameof(string.Replace), [typeof(string), typeof(string)])!;
        foreach (var (from, to) in Accents)
            text = Expression.Call(text, replace, Expression.Constant(from), Expression.Constant(to));
        return Expression.Call(text, typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!);
    }

    /// <summary>CASE DependencyId WHEN … THEN its position in the tree: the tree order, in SQL.</summary>
    private static Expression<Func<ReportRow, int>> TreePosition(IReadOnlyList<DependencyNode> tree)
    {
        var r = Expression.Parameter(typeof(ReportRow), "r");
        var id = Expression.Property(r, nameof(ReportRow.DependencyId));
        Expression body = Expression.Constant(int.MaxValue);
        for (var i = tree.Count - 1; i >= 0; i--)
            body = Expression.Condition(Expression.Equal(id, Expression.Constant(tree[i].Id)), Expression.Constant(i), body);
        return Expression.Lambda<Func<ReportRow, int>>(body, r);
    }

    private static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b)
    {
        var body = new Rebind(b.Parameters[0], a.Parameters[0]).Visit(b.Body);
        return Expression.Lambda<Func<T, bool>>(Expression.OrElse(a.Body, body), a.Parameters);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>The members of the Comisiones Evaluadoras of some rows, with their names (read only when there is one).</summary>
public sealed class Members
{
    private sealed record Committee(int Id, int EvaluatorId, List<int> MemberIds, List<int> EscalationIds, int? RecorderId);

    private readonly Dictionary<int, Committee> byEvaluation;
    private readonly Dictionary<int, string> names;

    private Members(Dictionary<int, Committee> byEvaluation, Dictionary<int, string> names)
    {
        this.byEvaluation = byEvaluation;
        this.names = names;
    }

    public static Members None { get; } = new([], []);

    private static List<int> Wanted(IReadOnlyList<ReportRow> rows) =>
        rows.Where(r => r.EvaluationId is not null && (r.Committee == true || r.Escalated == true)).Select(r => r.EvaluationId!.Value).ToList();

    private static IQueryable<Committee> Query(EgiDbContext db, List<int> ids) =>
        db.Evaluations.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new Committee(e.Id, e.EvaluatorId, e.CommitteeMemberIds, e.EscalationMemberIds, e.EscalationRecorderId));

    private static IQueryable<KeyValuePair<int, string>> Names(EgiDbContext db, List<int> ids) =>
        db.Servants.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new KeyValuePair<int, string>(s.Id, s.FirstNames + " " + s.LastNames));

    private static List<int> PersonIds(List<Committee> committees) =>
        committees.SelectMany(c => c.MemberIds.Concat(c.EscalationIds)).Distinct().ToList();

    public static async Task<Members> OfAsync(EgiDbContext db, IReadOnlyList<ReportRow> rows, CancellationToken ct)
    {
        var ids = Wanted(rows);
        if (ids.Count == 0) return None;
        var committees = await Query(db, ids).ToListAsync(ct);
        var people = PersonIds(committees);
        var names = await Names(db, people).ToListAsync(ct);
        return new(committees.ToDictionary(c => c.Id), names.ToDictionary(n => n.Key, n => n.Value.Trim()));
    }

    public static Members Of(EgiDbContext db, IReadOnlyList<ReportRow> rows)
    {
        var ids = Wanted(rows);
        if (ids.Count == 0) return None;
        var committees = Query(db, ids).ToList();
        var names = Names(db, PersonIds(committees)).ToList();
        return new(committees.ToDictionary(c => c.Id), names.ToDictionary(n => n.Key, n => n.Value.Trim()));
    }

    /// <summary>Who evaluates, as the stage-1 report has always written it (committee members, and who records).</summary>
    public string EvaluatorOf(ReportRow r, DateOnly today)
    {
        if (r.EvaluationId is not { } id)
            return r.HasBoss && !(r.BossRetirement is { } br && br <= today) ? r.BossName!.Trim() : Stage1Report.NoEvaluator;
        string Name(int person) => names.TryGetValue(person, out var n) ? n : "(servidor no encontrado)";
        byEvaluation.TryGetValue(id, out var c);
        string evaluator;
        if (r.Committee == true && c is not null)
            evaluator = "Comisión evaluadora: " + string.Join(", ", c.MemberIds.Select(m => m == c.EvaluatorId ? $"{Name(m)} (registra)" : Name(m)));
        else
            evaluator = r.EvaluatorName?.Trim() ?? Stage1Report.NoEvaluator;
        if (r.Escalated == true && r.State <= EvaluationState.GoalAcceptance && c is not null && c.EscalationIds.Count > 0)
            evaluator += "; comisión por desacuerdo: " + string.Join(", ", c.EscalationIds.Select(m => m == c.RecorderId ? $"{Name(m)} (registra)" : Name(m)));
        return evaluator;
    }
}

/// <summary>
/// What the stage-2 and annual reports read (their only filter is the dependencia): the totals per dependencia in
/// tree order, their sum, the page of rows shown and the ordered query the .xlsx streams.
/// </summary>
public sealed record Consolidation(
    Period Period,
    Stage1Filter Filter,
    DateOnly Today,
    IReadOnlyList<DependencyTotals> ByDependency,
    DependencyTotals Total,
    Paging Paging,
    IReadOnlyList<Stage1Row> Page,
    IReadOnlyList<ReportRow> PageFacts,
    IQueryable<ReportRow> Ordered,
    IReadOnlyDictionary<int, string> DependencyNames)
{
    public string TotalLabel => Filter.DependencyId is null ? "Total entidad" : "Total";

    public string DependencyName(int id) => DependencyNames.GetValueOrDefault(id, "—");

    public static async Task<Consolidation> LoadAsync(EgiDbContext db, Period period, Stage1Filter filter, DateOnly today,
        IReadOnlyList<DependencyNode> tree, int? page, CancellationToken ct)
    {
        var all = ReportQuery.Rows(db, period, today);
        var totals = await ReportQuery.TotalsAsync(all, ct);
        var names = tree.ToDictionary(d => d.Id, d => d.Name);
        var order = tree.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var scope = totals.Where(t => filter.DependencyId is not { } d || t.DependencyId == d)
            .OrderBy(t => order.GetValueOrDefault(t.DependencyId, int.MaxValue)).ToList();
        var total = DependencyTotals.Sum(scope);
        var paging = Paging.Of(page, total.Servants);
        var ordered = ReportQuery.Ordered(ReportQuery.Filtered(all, filter with { Status = null, Text = "" }), tree);
        var facts = new List<ReportRow>();
        var rows = new List<Stage1Row>();
        if (total.Servants > 0 && page is not null)
        {
            var (lines, members) = await ReportQuery.PageAsync(db, ordered, paging, ct);
            facts.AddRange(lines);
            rows.AddRange(lines.Select(r => Stage1Report.RowOf(r, members, names, today)));
        }
        return new(period, filter, today, scope, total, paging, rows, facts, ordered, names);
    }

    /// <summary>Every row of the report in list order, read in batches (for the .xlsx).</summary>
    public IEnumerable<(Stage1Row Base, ReportRow Facts)> AllRows(EgiDbContext db) =>
        ReportQuery.Stream(db, Ordered).Select(x => (Stage1Report.RowOf(x.Row, x.Members, DependencyNames, Today), x.Row));

    public IEnumerable<(Stage1Row Base, ReportRow Facts)> PageRows => Page.Zip(PageFacts);
}
