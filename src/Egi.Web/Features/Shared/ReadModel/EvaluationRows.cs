using System.Linq.Expressions;
using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Shared;

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

    /// <summary>
    /// The joined dependencia's own id (equal to <see cref="DependencyId"/>, the servant's): a filter on the dependencias
    /// of a page tested on both lets the database read only those dependencias before their servants (PostgreSQL does not
    /// carry a list of values across the join by itself: at 50 000 servants it compared every dependencia with every
    /// servant of the page's, 12 ms, against 6 ms).
    /// </summary>
    public int DependencyRowId { get; set; }

    /// <summary>The dependencia's stored place in the tree (<see cref="Dependency.TreePosition"/>, indexed): the list's first key.</summary>
    public int DependencyPosition { get; set; }
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

    /// <summary>The accepted first follow-up is an early warning (<see cref="EvaluationFacts.EarlyWarning"/>).</summary>
    public bool? EarlyWarning { get; set; }
    public decimal? GoalsComponent { get; set; }
    public decimal? CompetenciesComponent { get; set; }
    public decimal? FinalScore { get; set; }
    public RatingLevel? Level { get; set; }

    /// <summary>The partial evaluations recorded and owed, and the goals score of the last recorded one (<see cref="EvaluationFacts.LastPartialScore"/>).</summary>
    public int? RecordedPartials { get; set; }

    public int? PendingPartials { get; set; }
    public decimal? LastPartialScore { get; set; }

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

    public string Job => string.IsNullOrWhiteSpace(JobCode) ? JobTitle : $"{JobTitle} {JobCode}-{JobGrade}".TrimEnd('-', ' ');
}

/// <summary>One evaluation of the period as the tallies count it (<see cref="DependencyTallies"/>): no names, no dates.</summary>
public sealed class CountedRow
{
    public int DependencyId { get; set; }

    /// <summary>The evaluado's vinculación is one EGI evaluates (<see cref="Egi.Domain.Directory.Eligibility.IsOfEvaluableType"/>).</summary>
    public bool OfEvaluableType { get; set; }
    public EvaluationState? State { get; set; }
    public Stage1Status Stage1 { get; set; }
    public Stage2Status Stage2 { get; set; }
    public StagePosition Progress { get; set; }
    public RatingLevel? Level { get; set; }
    public decimal? FirstFollowUpUnrounded { get; set; }
    public bool EarlyWarning { get; set; }
    public decimal? GoalsUnrounded { get; set; }
    public decimal? CompetenciesUnrounded { get; set; }
    public decimal? FinalUnrounded { get; set; }
}

/// <summary>The counts and score sums of one dependencia (the sum of its <see cref="DependencyTally"/> rows and its servants without an evaluation).</summary>
public class DependencyTotals
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

    /// <summary>Accepted first follow-ups that are early warnings (<see cref="EvaluationFacts.EarlyWarning"/>).</summary>
    public int EarlyWarnings { get; set; }
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
            t.EarlyWarnings += l.EarlyWarnings;
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

/// <summary>Averages and the count at each level for one dependencia (or the whole entity).</summary>
public sealed record AnnualSummary(
    int? DependencyId, string Dependency, int Servants,
    decimal? GoalsAverage, decimal? CompetenciesAverage, decimal? FinalAverage,
    int Outstanding, int Satisfactory, int Unsatisfactory, int NotFinished)
{
    public static AnnualSummary Of(int? dependencyId, string dependency, DependencyTotals t) => new(dependencyId, dependency, t.Servants,
        DependencyTotals.Average(t.GoalsSum, t.Scored), DependencyTotals.Average(t.CompetenciesSum, t.Scored), DependencyTotals.Average(t.FinalSum, t.Scored),
        t.Outstanding, t.Satisfactory, t.Unsatisfactory, t.Servants - t.Scored);
}

/// <summary>
/// The shared read model of a period: one row per servant with the stored facts of their evaluation, as SQL (servants
/// with an evaluation in the period plus, while the period is not closed, eligible servants without one); its totals per
/// dependencia are stored (<see cref="DependencyTallies"/>). The consolidation reports, the annual report and the dashboard read it.
/// </summary>
public static class EvaluationRows
{
    /// <summary>A servant with their evaluation of the period, if any (left join): the rows before the names around them.</summary>
    private sealed class Listed
    {
        public Servant S { get; init; } = null!;
        public Evaluation? E { get; init; }
    }

    /// <summary>
    /// The servants a report of the period lists: those with an evaluation in it and, while it is not closed, the
    /// eligible ones — tested on the evaluation already joined, so that the database looks up each listed servant's
    /// evaluation once (an <c>EXISTS</c> beside the join made PostgreSQL read every evaluation of the period into a hash
    /// for a page of 50: 1.5 ms of its 3.6, <c>bench/statements.sh PLANS=…</c>).
    /// </summary>
    private static Expression<Func<Listed, bool>> IsListed(Period period, DateOnly today)
    {
        Expression<Func<Listed, bool>> evaluated = x => x.E != null;
        if (period.Status == PeriodStatus.Closed) return evaluated;
        var eligible = Eligibility.IsEligibleOn(today);
        var servant = Expression.Property(evaluated.Parameters[0], nameof(Listed.S));
        var body = new Rebind(eligible.Parameters[0], servant).Visit(eligible.Body);
        return Expression.Lambda<Func<Listed, bool>>(Expression.OrElse(evaluated.Body, body), evaluated.Parameters);
    }

    public static IQueryable<ReportRow> Of(EgiDbContext db, Period period, DateOnly today)
    {
        var periodId = period.Id;
        var evaluations = db.Evaluations.AsNoTracking().Where(e => e.PeriodId == periodId);
        var listed = (
            from s in db.Servants.AsNoTracking()
            join e0 in evaluations on s.Id equals e0.EvaluadoId into es
            from e in es.DefaultIfEmpty()
            select new Listed { S = s, E = e }).Where(IsListed(period, today));

        return (
            from x in listed
            join d in db.Dependencies on x.S.DependencyId equals d.Id
            join j0 in db.Servants on (int?)x.E!.EvaluatorId equals (int?)j0.Id into js
            from j in js.DefaultIfEmpty()
            join b0 in db.Servants on x.S.BossId equals (int?)b0.Id into bs
            from b in bs.DefaultIfEmpty()
            select new Joined { S = x.S, E = x.E, D = d, J = j, B = b }).Select(Projection);
    }

    /// <summary>A listed servant with the rows around them: their evaluation, dependencia, evaluator and jefe.</summary>
    private sealed class Joined
    {
        public Servant S { get; init; } = null!;
        public Evaluation? E { get; init; }
        public Dependency D { get; init; } = null!;
        public Servant? J { get; init; }
        public Servant? B { get; init; }
    }

    /// <summary>
    /// The row's columns, built once: written inside the query, the C# compiler rebuilt this expression (fifty columns,
    /// each a reflection look-up of its property) on every page of a report — a fifth of what a view allocated
    /// (bench/profile.sh's allocation trace).
    /// </summary>
    private static readonly Expression<Func<Joined, ReportRow>> Projection = r => new ReportRow
    {
        ServantId = r.S.Id,
        Document = r.S.DocumentNumber,
        Name = r.S.FirstNames + " " + r.S.LastNames,
        SortKey = r.S.SortKey,
        JobTitle = r.S.JobTitle,
        JobCode = r.S.JobCode,
        JobGrade = r.S.JobGrade,
        DependencyId = r.S.DependencyId,
        DependencyRowId = r.D.Id,
        DependencyPosition = r.D.TreePosition,
        ServantRetirement = r.S.RetirementDate,
        HasBoss = r.B != null,
        BossName = r.B == null ? null : r.B.FirstNames + " " + r.B.LastNames,
        BossRetirement = r.B == null ? null : r.B.RetirementDate,
        EvaluationId = r.E == null ? null : r.E.Id,
        EvaluatorId = r.E == null ? null : r.E.EvaluatorId,
        EvaluatorName = r.J == null ? null : r.J.FirstNames + " " + r.J.LastNames,
        State = r.E == null ? null : r.E.State,
        WaitingOn = r.E == null ? null : r.E.Facts.WaitingOn,
        Escalated = r.E == null ? null : r.E.Facts.Escalated,
        Committee = r.E == null ? null : r.E.Facts.Committee,
        GoalsSubmittedOn = r.E == null ? null : r.E.Facts.GoalsSubmittedOn,
        GoalsReviewedOn = r.E == null ? null : r.E.Facts.GoalsReviewedOn,
        GoalsAgreedOn = r.E == null ? null : r.E.Facts.GoalsAgreedOn,
        FollowUpISubmittedOn = r.E == null ? null : r.E.Facts.FollowUpISubmittedOn,
        FollowUpIReviewedOn = r.E == null ? null : r.E.Facts.FollowUpIReviewedOn,
        FollowUpIAcceptedOn = r.E == null ? null : r.E.Facts.FollowUpIAcceptedOn,
        FollowUpIISubmittedOn = r.E == null ? null : r.E.Facts.FollowUpIISubmittedOn,
        FollowUpIIReviewedOn = r.E == null ? null : r.E.Facts.FollowUpIIReviewedOn,
        CompetenciesRatedOn = r.E == null ? null : r.E.Facts.CompetenciesRatedOn,
        FinalizedOn = r.E == null ? null : r.E.Facts.FinalizedOn,
        ClosedOn = r.E == null ? null : r.E.Facts.ClosedOn,
        GoalCount = r.E == null ? null : r.E.Facts.GoalCount,
        GoalRounds = r.E == null ? null : r.E.Facts.GoalRounds,
        GoalsNotAccepted = r.E == null ? null : r.E.Facts.GoalsNotAccepted,
        FirstFollowUpScore = r.E == null ? null : r.E.Facts.FirstFollowUpScore,
        EarlyWarning = r.E == null ? null : r.E.Facts.EarlyWarning,
        GoalsComponent = r.E == null ? null : r.E.Facts.GoalsComponent,
        CompetenciesComponent = r.E == null ? null : r.E.Facts.CompetenciesComponent,
        FinalScore = r.E == null ? null : r.E.Facts.FinalScore,
        Level = r.E == null ? null : r.E.Facts.Level,
        RecordedPartials = r.E == null ? null : r.E.Facts.RecordedPartials,
        PendingPartials = r.E == null ? null : r.E.Facts.PendingPartials,
        LastPartialScore = r.E == null ? null : r.E.Facts.LastPartialScore,
        FirstFollowUpUnrounded = r.E == null ? null : r.E.Facts.FirstFollowUpUnrounded,
        GoalsUnrounded = r.E == null ? null : r.E.Facts.GoalsComponentUnrounded,
        CompetenciesUnrounded = r.E == null ? null : r.E.Facts.CompetenciesComponentUnrounded,
        FinalUnrounded = r.E == null ? null : r.E.Facts.FinalScoreUnrounded,
        JobText = r.S.JobTitle + " " + r.S.JobCode + "-" + r.S.JobGrade,
        EvaluatorSearch = r.E != null
                ? (r.J == null ? null : r.J.FirstNames + " " + r.J.LastNames)
                : (r.B == null ? null : r.B.FirstNames + " " + r.B.LastNames),
        Stage1 = r.E == null ? Stage1Status.NotStarted : r.E.Facts.Stage1,
        Stage2 = r.E == null ? Stage2Status.NotStarted : r.E.Facts.Stage2,
    };

    /// <summary>Puts an expression (a member of the row) where a lambda had its parameter.</summary>
    private sealed class Rebind(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
