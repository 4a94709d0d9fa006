using System.Linq.Expressions;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;

namespace Egi.Web.Features.Shared;

/// <summary>
/// The control-point rule of <see cref="Lateness.FromFacts"/> as SQL predicates over the stored facts — the one home of
/// «late» and «closes soon» for the control points, the dashboard's late steps and their counts. An evaluation is
/// followed up on a step while it has not passed the step (state up to <see cref="Lateness.LastState"/>), it waits on
/// somebody, and it owes the step (<see cref="EvaluationFacts.FollowUpIApplies"/> for a late hire's first follow-up);
/// it is late once the person's stored deadline is before today, and pending with the deadline near while today is in
/// the step (the window started, or the person's own window runs past it) and the deadline falls before
/// <see cref="Horizon"/>. Working-day lateness only grows as the deadline moves earlier, so ordering by the deadline
/// is ordering by lateness; the working days themselves are computed for the rows shown.
/// </summary>
public static class StepDeadlines
{
    /// <summary>The stored deadline of <paramref name="step"/>.</summary>
    public static Expression<Func<Evaluation, DateOnly>> Deadline(EvaluationStep step) => step switch
    {
        EvaluationStep.Goals => e => e.Facts.GoalsDeadline,
        EvaluationStep.FollowUpI => e => e.Facts.FollowUpIDeadline,
        _ => e => e.Facts.FollowUpIIDeadline,
    };

    /// <summary>Not past <paramref name="step"/>, waiting on somebody, and owed.</summary>
    public static Expression<Func<Evaluation, bool>> Owed(EvaluationStep step)
    {
        var last = Lateness.LastState(step);
        return step == EvaluationStep.FollowUpI
            ? e => e.State <= last && e.Facts.WaitingOn != WaitingOn.Nobody && e.Facts.FollowUpIApplies
            : e => e.State <= last && e.Facts.WaitingOn != WaitingOn.Nobody;
    }

    /// <summary>Late on <paramref name="step"/> on <paramref name="today"/>: owed and the deadline before today.</summary>
    public static Expression<Func<Evaluation, bool>> Late(EvaluationStep step, DateOnly today) =>
        Bind<Func<Evaluation, bool>>(LateAt(step), Value(today));

    /// <summary><see cref="Late"/> with the day as the predicate's second parameter (for a query compiled once).</summary>
    public static Expression<Func<Evaluation, DateOnly, bool>> LateAt(EvaluationStep step) =>
        (Expression<Func<Evaluation, DateOnly, bool>>)OnDeadline(step, (Expression<Func<DateOnly, DateOnly, bool>>)((d, today) => d < today));

    /// <summary>
    /// Pending on <paramref name="step"/> with <see cref="Lateness.FromFacts"/>'s working days left no more than
    /// <paramref name="workingDays"/>.
    /// </summary>
    public static Expression<Func<Evaluation, bool>> ClosesWithin(EvaluationStep step, StageWindow window, DateOnly today, int workingDays)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (workingDays < 0) return e => false;
        return Bind<Func<Evaluation, bool>>(ClosesAt(step), Value(today), Value(Horizon(today, workingDays)), Value(OpensAfter(window, today)));
    }

    /// <summary>
    /// <see cref="ClosesWithin"/> with its days as parameters (for a query compiled once): (evaluation, today,
    /// <see cref="Horizon"/>, <see cref="OpensAfter"/>). With negative reminder days nothing closes soon
    /// (<see cref="ClosesWithin"/> is false): a caller of this one does not ask then.
    /// </summary>
    public static Expression<Func<Evaluation, DateOnly, DateOnly, DateOnly, bool>> ClosesAt(EvaluationStep step) =>
        (Expression<Func<Evaluation, DateOnly, DateOnly, DateOnly, bool>>)OnDeadline(step,
            (Expression<Func<DateOnly, DateOnly, DateOnly, DateOnly, bool>>)((d, today, horizon, after) => d >= today && d < horizon && d > after));

    /// <summary>
    /// The day a pending deadline must fall after: none once the step's window has started (<see cref="DateOnly.MinValue"/>);
    /// before it starts, its end — only a person whose own window runs past the stage's is pending then.
    /// </summary>
    public static DateOnly OpensAfter(StageWindow window, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(window);
        return window.Start <= today ? DateOnly.MinValue : window.End;
    }

    /// <summary>
    /// The first day whose working days left from <paramref name="today"/> exceed <paramref name="workingDays"/>:
    /// <see cref="WorkingDays.CountBetween"/>(today, d) ≤ n exactly when d is before the (n + 1)-th working day after today.
    /// </summary>
    public static DateOnly Horizon(DateOnly today, int workingDays) => WorkingDays.AddWorkingDays(today, workingDays + 1);

    /// <summary>
    /// Owed on <paramref name="step"/> and its stored deadline satisfies <paramref name="test"/>, whose first parameter is
    /// the deadline and whose others (days) become the predicate's, after the evaluation.
    /// </summary>
    private static LambdaExpression OnDeadline(EvaluationStep step, LambdaExpression test)
    {
        var owed = Owed(step);
        var e = owed.Parameters[0];
        var onDeadline = new Rebind(test.Parameters[0], Replace(Deadline(step), e)).Visit(test.Body);
        return Expression.Lambda(Expression.AndAlso(owed.Body, onDeadline), [e, .. test.Parameters.Skip(1)]);
    }

    /// <summary><paramref name="predicate"/> with its parameters after the first bound to <paramref name="values"/>.</summary>
    private static Expression<TDelegate> Bind<TDelegate>(LambdaExpression predicate, params Expression[] values)
    {
        var body = predicate.Body;
        for (var i = 0; i < values.Length; i++) body = new Rebind(predicate.Parameters[i + 1], values[i]).Visit(body);
        return Expression.Lambda<TDelegate>(body, predicate.Parameters[0]);
    }

    /// <summary>A value as a captured variable, as a lambda's closure is: EF Core sends it as a parameter, not a literal.</summary>
    private static Expression Value(DateOnly value) => ((Expression<Func<DateOnly>>)(() => value)).Body;

    /// <summary>Both predicates (same evaluation).</summary>
    public static Expression<Func<Evaluation, bool>> And(Expression<Func<Evaluation, bool>> a, Expression<Func<Evaluation, bool>> b)
    {
        var e = a.Parameters[0];
        return Expression.Lambda<Func<Evaluation, bool>>(Expression.AndAlso(a.Body, Replace(b, e)), e);
    }

    /// <summary>The evaluation with its stored deadline of <paramref name="step"/> (to order by it and show it).</summary>
    public static Expression<Func<Evaluation, WithDeadline>> WithDeadline(EvaluationStep step)
    {
        var e = Expression.Parameter(typeof(Evaluation), "e");
        return Expression.Lambda<Func<Evaluation, WithDeadline>>(Expression.MemberInit(Expression.New(typeof(WithDeadline)),
            Expression.Bind(typeof(WithDeadline).GetProperty(nameof(Shared.WithDeadline.Evaluation))!, e),
            Expression.Bind(typeof(WithDeadline).GetProperty(nameof(Shared.WithDeadline.Deadline))!, Replace(Deadline(step), e))), e);
    }

    /// <summary>Either predicate (same evaluation).</summary>
    public static Expression<Func<Evaluation, bool>> Or(Expression<Func<Evaluation, bool>> a, Expression<Func<Evaluation, bool>> b)
    {
        var e = a.Parameters[0];
        return Expression.Lambda<Func<Evaluation, bool>>(Expression.OrElse(a.Body, Replace(b, e)), e);
    }

    private static Expression Replace<T>(Expression<Func<Evaluation, T>> lambda, ParameterExpression e) =>
        new Rebind(lambda.Parameters[0], e).Visit(lambda.Body);

    private sealed class Rebind(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>An evaluation and its deadline on one step (<see cref="StepDeadlines.WithDeadline"/>).</summary>
public sealed class WithDeadline
{
    public Evaluation Evaluation { get; init; } = null!;
    public DateOnly Deadline { get; init; }
}
