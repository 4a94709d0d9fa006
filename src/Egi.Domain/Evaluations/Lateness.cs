using Egi.Domain.Calendar;

namespace Egi.Domain.Evaluations;

/// <summary>Where an evaluation stands against the deadline of one step (control points, activity 17).</summary>
public enum LatenessStatus
{
    /// <summary>Nothing to follow up: the step is passed, the evaluation is closed, or its window has not started.</summary>
    None = 0,

    /// <summary>The step is open for this person and the evaluation has not passed it yet.</summary>
    Pending = 1,

    /// <summary>The person's last day for the step has passed and the evaluation has not passed the step.</summary>
    Late = 2,
}

/// <summary>
/// The lateness of one evaluation on one step. <see cref="Deadline"/> is the person's own last day for the step
/// (the stage window, a new servant's working days after the fecha de ingreso, a reopening by Talento Humano —
/// whichever ends last). <see cref="WorkingDaysLate"/> counts the working days after the deadline up to today;
/// <see cref="WorkingDaysLeft"/> the working days after today up to the deadline (0: it closes today or on the
/// next non-working days).
/// </summary>
public sealed record StepLateness(
    EvaluationStep Step,
    LatenessStatus Status,
    DateOnly Deadline,
    int WorkingDaysLate,
    int WorkingDaysLeft,
    WaitingOn WaitingOn)
{
    public bool IsLate => Status == LatenessStatus.Late;

    /// <summary>Pending and closing within <paramref name="workingDays"/> working days.</summary>
    public bool ClosesWithin(int workingDays) => Status == LatenessStatus.Pending && WorkingDaysLeft <= workingDays;
}

/// <summary>
/// The control-point rule (activity 17 of P-TH-10, SPEC §5): an evaluation is late on a step when the step's window —
/// including the person's own window — has ended and the evaluation has not passed that step, and the step is owed
/// (<see cref="Evaluation.IsOwed"/>: not a first follow-up that does not apply to a late hire). Pure: today comes from
/// the <see cref="EvaluationContext"/>.
/// </summary>
public static class Lateness
{
    /// <summary>The steps of the evaluation that have a window, in order, with their calendar stage.</summary>
    public static IReadOnlyList<EvaluationStep> Steps { get; } = [EvaluationStep.Goals, EvaluationStep.FollowUpI, EvaluationStep.FollowUpII];

    /// <summary>The step governed by a calendar stage, or null for the stages that are not evaluation steps (consolidations, improvement).</summary>
    public static EvaluationStep? StepOf(Stage stage) => stage switch
    {
        Stage.GoalSetting => EvaluationStep.Goals,
        Stage.FirstFollowUp => EvaluationStep.FollowUpI,
        Stage.SecondFollowUp => EvaluationStep.FollowUpII,
        _ => null,
    };

    /// <summary>The last state of each step: the step is passed once the evaluation is beyond it (closed states are beyond all).</summary>
    public static EvaluationState LastState(EvaluationStep step) => step switch
    {
        EvaluationStep.Goals => EvaluationState.GoalAcceptance,
        EvaluationStep.FollowUpI => EvaluationState.SelfEvaluationIAcceptance,
        _ => EvaluationState.FinalAcceptance,
    };

    /// <summary>Whether the evaluation has gone beyond <paramref name="step"/> (or is closed: nothing left to do).</summary>
    public static bool HasPassed(this Evaluation e, EvaluationStep step) =>
        e.State.IsClosed() || e.State > LastState(step);

    /// <summary>
    /// The person's last day for the step: the stage window's end, extended by their own window for the goals (goals
    /// only: a new servant, a late entry — <see cref="Evaluation.OwnGoalsWindow(Period, DateOnly)"/>) and by any
    /// reopening of the step.
    /// </summary>
    public static DateOnly Deadline(this Evaluation e, EvaluationStep step, Period period, DateOnly hireDate)
    {
        var deadline = period.Window(step.Stage()).End;
        if (step == EvaluationStep.Goals && e.OwnGoalsWindow(period, hireDate) is { } own && own.Until > deadline) deadline = own.Until;
        foreach (var r in e.Reopenings.Where(r => r.Step == step))
            if (r.Until > deadline) deadline = r.Until;
        return deadline;
    }

    /// <summary>
    /// The same rule as <see cref="Of"/>, from what is stored of an evaluation not yet past the step (its state, the
    /// person's deadline and on whom it waits): late after the deadline; pending while the step is open — the stage
    /// window has started, or the person's own window (new servant, reopening) extends past it.
    /// </summary>
    public static StepLateness FromFacts(EvaluationStep step, DateOnly deadline, WaitingOn waitingOn, StageWindow window, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (today > deadline) return new(step, LatenessStatus.Late, deadline, WorkingDays.WorkingDaysLate(deadline, today), 0, waitingOn);
        if (window.Start <= today || deadline > window.End)
            return new(step, LatenessStatus.Pending, deadline, 0, WorkingDays.CountBetween(today, deadline), waitingOn);
        return new(step, LatenessStatus.None, deadline, 0, 0, waitingOn);
    }

    /// <summary>Where the evaluation stands against the deadline of <paramref name="step"/> today.</summary>
    public static StepLateness Of(Evaluation e, EvaluationStep step, EvaluationContext ctx)
    {
        var deadline = e.Deadline(step, ctx.Period, ctx.EvaluadoHireDate);
        var waiting = e.WaitingOn;
        // Passed, or not owed: a late hire is never late for a follow-up that does not (or may not yet) apply to them.
        if (e.HasPassed(step) || !e.IsOwed(step, ctx.Period, ctx.EvaluadoHireDate)) return new(step, LatenessStatus.None, deadline, 0, 0, waiting);
        if (ctx.Today > deadline)
            return new(step, LatenessStatus.Late, deadline, WorkingDays.WorkingDaysLate(deadline, ctx.Today), 0, waiting);
        if (e.IsStepOpen(step, ctx))
            return new(step, LatenessStatus.Pending, deadline, 0, WorkingDays.CountBetween(ctx.Today, deadline), waiting);
        return new(step, LatenessStatus.None, deadline, 0, 0, waiting);
    }
}
