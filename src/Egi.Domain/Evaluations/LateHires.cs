using Egi.Domain.Calendar;
using Egi.Domain.Common;

namespace Egi.Domain.Evaluations;

/// <summary>
/// Servants hired late in the year (SPEC §3 «Late hires»; P-TH-10 activities 4–6: «y cuando ingrese un nuevo servidor»).
/// The evaluation covers the time worked: when the goals of a servant who entered in the period's year are agreed after
/// the first follow-up's window — as it applies to them, reopenings included — has closed, the first follow-up does not
/// apply («No aplica (ingreso posterior)», <see cref="FollowUpExemption.LateHire"/>, recorded in the history by EGI) and
/// the evaluation goes on to the second follow-up, which it takes when its window opens. The second follow-up always
/// applies: it carries the goals component of the final rating.
/// <para>
/// Until their goals are agreed, such a servant is not owed the first follow-up (<see cref="IsOwed"/>): a servant is never
/// late for a step they could not take. Control points, reminders, the dashboard and the stored facts read that rule.
/// </para>
/// </summary>
public sealed partial class Evaluation
{
    /// <summary>Set when the first follow-up does not apply to this evaluation (persisted by name); null: it applies.</summary>
    public FollowUpExemption? FollowUpIExemption { get; private set; }

    /// <summary>
    /// The day this evaluation was opened for a servant who entered EGI after the period had opened — added to the
    /// directory (form, import, synchronization) or become eligible since — whatever their fecha de ingreso; null for the
    /// evaluations opened with the period. Such a servant could not agree goals before the day their evaluation existed:
    /// they get the new servant's working days from that day (<see cref="OwnGoalsWindow(Period, DateOnly)"/>).
    /// </summary>
    public DateOnly? EnteredOn { get; private set; }

    /// <summary>Opens the evaluation of a servant who entered EGI after the period opened (<see cref="EnteredOn"/> is <paramref name="today"/>).</summary>
    public static Evaluation OpenForLateEntry(int periodId, int evaluadoId, int evaluatorId, DateTime now, DateOnly today)
    {
        var e = Open(periodId, evaluadoId, evaluatorId, now);
        e.EnteredOn = today;
        return e;
    }

    /// <summary>
    /// The evaluado's own window for the goals (SPEC §3: «the first 15 working days after a new servant's fecha de
    /// ingreso»), when they have one: the settings' working days after the fecha de ingreso when hired in the period's
    /// year, or after <paramref name="enteredOn"/> when the evaluation was opened late — whichever ends last; null when
    /// neither applies. The one formula of the personal goals window: deadlines, the open step, the stored facts, the
    /// first follow-up's «ingreso posterior» and the reminders' wording read it.
    /// </summary>
    public static PersonalWindow? OwnGoalsWindowOf(Period period, DateOnly hireDate, DateOnly? enteredOn)
    {
        ArgumentNullException.ThrowIfNull(period);
        var days = period.Settings.NewServantGoalWorkingDays;
        PersonalWindow? hired = hireDate.Year == period.Year ? new(hireDate, WorkingDays.AddWorkingDays(hireDate, days), PersonalWindowReason.NewServant) : null;
        PersonalWindow? entered = enteredOn is { } d ? new(d, WorkingDays.AddWorkingDays(d, days), PersonalWindowReason.LateEntry) : null;
        return hired is null ? entered : entered is null || hired.Until >= entered.Until ? hired : entered;
    }

    /// <summary>This evaluation's own window for the goals (<see cref="OwnGoalsWindowOf"/>).</summary>
    public PersonalWindow? OwnGoalsWindow(Period period, DateOnly hireDate) => OwnGoalsWindowOf(period, hireDate, EnteredOn);

    /// <summary>
    /// «Ingreso posterior» for the first follow-up: the evaluado entered in the period's year (or EGI after the period
    /// opened) and their own window for the goals ends after the first follow-up closes for them, so their goals may
    /// lawfully be agreed after it closed.
    /// </summary>
    public bool MayAgreeGoalsAfterFollowUpI(Period period, DateOnly hireDate) =>
        OwnGoalsWindow(period, hireDate) is { } own && own.Until > this.Deadline(EvaluationStep.FollowUpI, period, hireDate);

    /// <summary>
    /// Whether the evaluation is followed up on <paramref name="step"/> (late or pending there): always for the goals and
    /// the second follow-up; for the first, unless it does not apply (<see cref="FollowUpIExemption"/>) or the goals are
    /// not agreed yet by a servant who may agree them after it closes (<see cref="MayAgreeGoalsAfterFollowUpI"/>).
    /// </summary>
    public bool IsOwed(EvaluationStep step, Period period, DateOnly hireDate) =>
        step != EvaluationStep.FollowUpI
        || (FollowUpIExemption is null && (State.GoalsAgreed() || !MayAgreeGoalsAfterFollowUpI(period, hireDate)));

    /// <summary>
    /// Right after the goals are agreed (in <see cref="EvaluationState.SelfEvaluationI"/>): when the first follow-up's
    /// window had already closed for a late hire, it does not apply and the evaluation moves on to the second follow-up.
    /// </summary>
    private Outcome SkipFollowUpIForLateHire(EvaluationContext ctx)
    {
        if (State != EvaluationState.SelfEvaluationI || !MayAgreeGoalsAfterFollowUpI(ctx.Period, ctx.EvaluadoHireDate)) return Outcome.Ok;
        var own = OwnGoalsWindow(ctx.Period, ctx.EvaluadoHireDate)!;
        var closed = this.Deadline(EvaluationStep.FollowUpI, ctx.Period, ctx.EvaluadoHireDate);
        if (ctx.Today <= closed) return Outcome.Ok;
        FollowUpIExemption = FollowUpExemption.LateHire;
        var opens = ctx.Period.Window(Stage.SecondFollowUp).Start;
        var entered = own.Reason == PersonalWindowReason.LateEntry
            ? $"evaluación abierta en EGI el {own.From:dd/MM/yyyy}, con la vigencia en curso"
            : $"fecha de ingreso: {ctx.EvaluadoHireDate:dd/MM/yyyy}";
        var comment = $"{FollowUpExemption.LateHire.Label()}: la ventana del primer seguimiento cerró el {closed:dd/MM/yyyy}, antes de que las metas "
            + $"quedaran concertadas el {ctx.Today:dd/MM/yyyy} ({entered}). La evaluación sigue con el segundo "
            + $"seguimiento{(opens > ctx.Today ? $", cuya ventana abre el {opens:dd/MM/yyyy}" : "")}.";
        return MoveTo(EvaluationState.SelfEvaluationII, SystemActor, ActorRole.System, EvaluationAction.FollowUpNotApplicable, comment, ctx.Now);
    }

    /// <summary>EGI as the author of a step it takes by rule.</summary>
    private static Actor SystemActor { get; } = new("", null, "EGI");
}

/// <summary>Why an evaluado has a window of their own for the goals.</summary>
public enum PersonalWindowReason
{
    /// <summary>Hired in the period's year: working days after the fecha de ingreso.</summary>
    NewServant = 1,

    /// <summary>Entered EGI after the period opened (<see cref="Evaluation.EnteredOn"/>): working days after that day.</summary>
    LateEntry = 2,
}

/// <summary>An evaluado's own window for the goals: from <see cref="From"/> to <see cref="Until"/>, both included.</summary>
public sealed record PersonalWindow(DateOnly From, DateOnly Until, PersonalWindowReason Reason);
