using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Web.Features.Shared;

namespace Egi.Web.Tests.Control;

/// <summary>
/// The control points' SQL predicates (<see cref="StepDeadlines"/>) are the domain's rule for a stored evaluation
/// (<see cref="Lateness.FromFacts"/>): late, and «closes within n working days», for every step, before, inside and after
/// the stage's window, with a person's own deadline before, at and past its end (a new servant, a reopening), and around
/// the holiday of 8 December. Run in memory: the same expressions EF Core translates.
/// </summary>
public sealed class StepDeadlinesTests
{
    private static readonly StageWindow[] Windows =
    [
        new(Stage.GoalSetting, new(2026, 2, 2), new(2026, 2, 27)),
        new(Stage.SecondFollowUp, new(2026, 12, 1), new(2026, 12, 15)),
    ];

    public static TheoryData<EvaluationStep> Steps => [EvaluationStep.Goals, EvaluationStep.FollowUpI, EvaluationStep.FollowUpII];

    [Theory]
    [MemberData(nameof(Steps))]
    public void Late_and_closes_soon_are_the_domains_rule_for_every_day_around_the_window(EvaluationStep step)
    {
        var checkedCases = 0;
        foreach (var window in Windows)
        {
            var deadlines = Days(window.Start.AddDays(-3), window.End.AddDays(12)).ToList();
            foreach (var today in Days(window.Start.AddDays(-10), window.End.AddDays(10)))
            {
                var late = StepDeadlines.Late(step, today).Compile();
                var soon = new[] { -1, 0, 3, 5 }.ToDictionary(n => n, n => StepDeadlines.ClosesWithin(step, window, today, n).Compile());
                foreach (var deadline in deadlines)
                {
                    var e = Waiting(step, deadline);
                    var rule = Lateness.FromFacts(step, deadline, WaitingOn.Evaluado, window, today);
                    Assert.True(rule.IsLate == late(e), $"{step}, deadline {deadline}, today {today}: late {rule.IsLate} by the rule");
                    foreach (var (n, closes) in soon)
                        Assert.True(rule.ClosesWithin(n) == closes(e), $"{step}, deadline {deadline}, today {today}, {n} days: closes {rule.ClosesWithin(n)} by the rule");
                    checkedCases++;
                }
            }
        }
        Assert.True(checkedCases > 1_000);
    }

    [Fact]
    public void Nobody_is_late_or_pending_on_an_evaluation_that_waits_on_nobody_or_does_not_owe_the_first_follow_up()
    {
        var today = new DateOnly(2026, 12, 10);
        var window = Windows[1];
        var closed = Waiting(EvaluationStep.FollowUpII, new(2026, 12, 1));
        closed.Facts.WaitingOn = WaitingOn.Nobody;
        Assert.False(StepDeadlines.Late(EvaluationStep.FollowUpII, today).Compile()(closed));
        var notOwed = Waiting(EvaluationStep.FollowUpI, new(2026, 12, 12));
        notOwed.Facts.FollowUpIApplies = false;
        Assert.False(StepDeadlines.ClosesWithin(EvaluationStep.FollowUpI, window, today, 5).Compile()(notOwed));
        notOwed.Facts.FollowUpIApplies = true;
        Assert.True(StepDeadlines.ClosesWithin(EvaluationStep.FollowUpI, window, today, 5).Compile()(notOwed));
    }

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1)) yield return d;
    }

    /// <summary>An evaluation still on its first state (not past any step) that waits on its evaluado, with the step's deadline stored.</summary>
    private static Evaluation Waiting(EvaluationStep step, DateOnly deadline)
    {
        var e = Evaluation.Open(1, 10, 20, new DateTime(2026, 1, 10, 15, 0, 0, DateTimeKind.Utc));
        e.Facts.WaitingOn = WaitingOn.Evaluado;
        e.Facts.FollowUpIApplies = true;
        switch (step)
        {
            case EvaluationStep.Goals: e.Facts.GoalsDeadline = deadline; break;
            case EvaluationStep.FollowUpI: e.Facts.FollowUpIDeadline = deadline; break;
            default: e.Facts.FollowUpIIDeadline = deadline; break;
        }
        return e;
    }
}
