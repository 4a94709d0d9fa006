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

    /// <summary>The last day of a new servant's own window for the goals (working days after the fecha de ingreso), when hired in the period's year.</summary>
    public static DateOnly? NewServantGoalsDeadline(Period period, DateOnly hireDate)
    {
        ArgumentNullException.ThrowIfNull(period);
        return hireDate.Year == period.Year ? WorkingDays.AddWorkingDays(hireDate, period.Settings.NewServantGoalWorkingDays) : null;
    }

    /// <summary>
    /// «Ingreso posterior» for the first follow-up: the evaluado entered in the period's year and their own window for the
    /// goals ends after the first follow-up closes for them, so their goals may lawfully be agreed after it closed.
    /// </summary>
    public bool MayAgreeGoalsAfterFollowUpI(Period period, DateOnly hireDate) =>
        NewServantGoalsDeadline(period, hireDate) is { } own && own > this.Deadline(EvaluationStep.FollowUpI, period, hireDate);

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
        var closed = this.Deadline(EvaluationStep.FollowUpI, ctx.Period, ctx.EvaluadoHireDate);
        if (ctx.Today <= closed) return Outcome.Ok;
        FollowUpIExemption = FollowUpExemption.LateHire;
        var opens = ctx.Period.Window(Stage.SecondFollowUp).Start;
        var comment = $"{FollowUpExemption.LateHire.Label()}: la ventana del primer seguimiento cerró el {closed:dd/MM/yyyy}, antes de que las metas "
            + $"quedaran concertadas el {ctx.Today:dd/MM/yyyy} (fecha de ingreso: {ctx.EvaluadoHireDate:dd/MM/yyyy}). La evaluación sigue con el segundo "
            + $"seguimiento{(opens > ctx.Today ? $", cuya ventana abre el {opens:dd/MM/yyyy}" : "")}.";
        return MoveTo(EvaluationState.SelfEvaluationII, SystemActor, ActorRole.System, EvaluationAction.FollowUpNotApplicable, comment, ctx.Now);
    }

    /// <summary>EGI as the author of a step it takes by rule.</summary>
    private static Actor SystemActor { get; } = new("", null, "EGI");
}
