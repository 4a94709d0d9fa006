using Egi.Domain.Calendar;
using Egi.Domain.Scoring;

namespace Egi.Domain.Evaluations;

/// <summary>
/// What the domain derives from an evaluation — on whom it waits, the date of each step, the scores and the person's
/// deadlines — kept beside it so that pages, reports, the dashboard, the control points and the jobs read plain columns
/// instead of deriving them again. <see cref="Evaluation.RefreshFacts"/> is the one place that computes them; the
/// persistence layer calls it on every save, so the stored facts are those of the committed evaluation.
/// Dates are Bogotá calendar days of the step in the history.
/// </summary>
public sealed class EvaluationFacts
{
    /// <summary>
    /// Raised whenever what the facts hold or how they are computed changes: older rows are recomputed at start-up.
    /// 5: the goals' links to the plans' items (<see cref="GoalPlanLink"/>), written again for every evaluation.
    /// 6: <see cref="LowestCompetency"/>, what the improvement plans' rule reads in the database.
    /// 7: <see cref="EarlyWarning"/>, the first follow-up's early warning the stage-2 report and the dashboard count;
    /// <see cref="RecordedPartials"/> and <see cref="LastPartialScore"/>, the partial evaluations the annual report shows.
    /// </summary>
    public const int CurrentRevision = 7;

    /// <summary>The scores, stored with two decimals.</summary>
    public static IReadOnlyList<string> ScoreColumns { get; } =
        [nameof(FirstFollowUpScore), nameof(GoalsComponent), nameof(CompetenciesComponent), nameof(FinalScore), nameof(LastPartialScore)];

    /// <summary>The same scores before their one rounding, kept to <see cref="UnroundedDecimals"/> decimals.</summary>
    public static IReadOnlyList<string> UnroundedColumns { get; } =
        [nameof(FirstFollowUpUnrounded), nameof(GoalsComponentUnrounded), nameof(CompetenciesComponentUnrounded), nameof(FinalScoreUnrounded)];

    /// <summary>
    /// Decimals kept of an unrounded score (a third is 33.3333333333): enough for an average over any number of
    /// evaluations to be rounded once to two decimals as the exact average would be, short of a tie within 10⁻¹⁰.
    /// </summary>
    public const int UnroundedDecimals = 10;

    /// <summary>The <see cref="CurrentRevision"/> these facts were computed with (0: never computed).</summary>
    public int Revision { get; set; }

    /// <summary>Who must act next (<see cref="WaitingOn.Nobody"/> once closed).</summary>
    public WaitingOn WaitingOn { get; set; }

    /// <summary>True when a Comisión Evaluadora decides the current step after repeated disagreement.</summary>
    public bool Escalated { get; set; }

    /// <summary>The evaluator is a Comisión Evaluadora (its recorder records).</summary>
    public bool Committee { get; set; }

    /// <summary>Since when the evaluation waits: the last entry of its history, or its opening.</summary>
    public DateTime WaitingSince { get; set; }

    /// <summary>First «Enviar» of the goals.</summary>
    public DateOnly? GoalsSubmittedOn { get; set; }

    /// <summary>Last approval or modification of the goals by the evaluator.</summary>
    public DateOnly? GoalsReviewedOn { get; set; }

    /// <summary>The «Aceptar» (or the committee's decision) that agreed the goals.</summary>
    public DateOnly? GoalsAgreedOn { get; set; }

    public DateOnly? FollowUpISubmittedOn { get; set; }
    public DateOnly? FollowUpIReviewedOn { get; set; }

    /// <summary>The first follow-up accepted by the evaluado or decided by a committee.</summary>
    public DateOnly? FollowUpIAcceptedOn { get; set; }

    public DateOnly? FollowUpIISubmittedOn { get; set; }
    public DateOnly? FollowUpIIReviewedOn { get; set; }
    public DateOnly? CompetenciesRatedOn { get; set; }
    public DateOnly? FinalizedOn { get; set; }

    /// <summary>Closed by the evaluado's retiro.</summary>
    public DateOnly? ClosedOn { get; set; }

    public int GoalCount { get; set; }

    /// <summary>Proposals of the goals sent by the evaluado.</summary>
    public int GoalRounds { get; set; }

    /// <summary>«No aceptar» on the goals, in the whole history.</summary>
    public int GoalsNotAccepted { get; set; }

    /// <summary>Proposals sent by the evaluado in the current step (0 when closed).</summary>
    public int CurrentStepRounds { get; set; }

    /// <summary>«No aceptar» on the current step since its last committee decision (0 when closed).</summary>
    public int CurrentStepNotAccepted { get; set; }

    /// <summary>The current step reached the period's disagreement limit and waits on Talento Humano to escalate it.</summary>
    public EvaluationStep? DisagreementStep { get; set; }

    /// <summary>Score of the first follow-up (0–100, two decimals), once accepted.</summary>
    public decimal? FirstFollowUpScore { get; set; }

    /// <summary>
    /// The accepted first follow-up is an early warning (<see cref="ScoringPolicy.IsEarlyWarning"/>: its score in the
    /// No satisfactorio band of the period's scale); false while stage 2 is not <see cref="Stage2Status.Accepted"/>.
    /// </summary>
    public bool EarlyWarning { get; set; }

    /// <summary>The final breakdown (two decimals), once Finalizada with the competencies rated.</summary>
    public decimal? GoalsComponent { get; set; }

    public decimal? CompetenciesComponent { get; set; }
    public decimal? FinalScore { get; set; }
    public RatingLevel? Level { get; set; }

    /// <summary>The lowest rating of a behavioural competency (null until rated): the improvement plans' rule reads it (<see cref="Improvement.ImprovementRule.RequiresPlan"/>).</summary>
    public int? LowestCompetency { get; set; }

    /// <summary>
    /// The scores above before their one rounding (<see cref="UnroundedScores"/>, to <see cref="UnroundedDecimals"/>
    /// decimals): what the averages of the reports and the dashboard add up, so that an average is rounded once.
    /// </summary>
    public decimal? FirstFollowUpUnrounded { get; set; }

    public decimal? GoalsComponentUnrounded { get; set; }
    public decimal? CompetenciesComponentUnrounded { get; set; }
    public decimal? FinalScoreUnrounded { get; set; }

    /// <summary>An unrounded score as it is stored: <see cref="UnroundedDecimals"/> decimals, half away from zero.</summary>
    public static decimal? Kept(decimal? value) =>
        value is { } v ? decimal.Round(v, UnroundedDecimals, MidpointRounding.AwayFromZero) : null;

    /// <summary>The person's own last day for each step (stage window, new servant's days, reopenings).</summary>
    public DateOnly GoalsDeadline { get; set; }

    public DateOnly FollowUpIDeadline { get; set; }
    public DateOnly FollowUpIIDeadline { get; set; }

    /// <summary>
    /// Whether the evaluation is followed up on the first follow-up (<see cref="Evaluation.IsOwed"/>): false when it does
    /// not apply to a late hire (<see cref="Evaluation.FollowUpIExemption"/>) or, until their goals are agreed, when it may
    /// not apply. Control points, reminders and the dashboard count nobody late for it when false.
    /// </summary>
    public bool FollowUpIApplies { get; set; } = true;

    /// <summary>Partial evaluations still owed by outgoing evaluators.</summary>
    public int PendingPartials { get; set; }

    /// <summary>Partial evaluations recorded (by the outgoing evaluator or on their behalf).</summary>
    public int RecordedPartials { get; set; }

    /// <summary>
    /// The goals score (two decimals) of the last recorded partial evaluation, by the last day it covers
    /// (<see cref="ScoringPolicy.PartialGoalsScore"/>): a retired servant's result up to the retirement date, or the
    /// outgoing evaluator's at a change; null without a recorded partial.
    /// </summary>
    public decimal? LastPartialScore { get; set; }

    /// <summary>Where the evaluation stands in stage 1, in stage 2 and in the year (<see cref="StageStatuses"/>): what the reports count.</summary>
    public Stage1Status Stage1 { get; set; }

    public Stage2Status Stage2 { get; set; }
    public StagePosition Position { get; set; }

    public DateOnly Deadline(EvaluationStep step) => step switch
    {
        EvaluationStep.Goals => GoalsDeadline,
        EvaluationStep.FollowUpI => FollowUpIDeadline,
        _ => FollowUpIIDeadline,
    };

    /// <summary>Whether the evaluation is followed up on <paramref name="step"/>, from these facts (see <see cref="Evaluation.IsOwed"/>).</summary>
    public bool Owes(EvaluationStep step) => step != EvaluationStep.FollowUpI || FollowUpIApplies;
}

/// <summary>One person on whom an evaluation waits, and what they must do (<see cref="PendingActions.PendingFor"/>).</summary>
public sealed class EvaluationWait
{
    public int ServantId { get; set; }
    public PendingAction Action { get; set; }

    /// <summary>Since when it waits on this person (the state change, or the hand-over that left a partial owed).</summary>
    public DateTime Since { get; set; }
}

public sealed partial class Evaluation
{
    /// <summary>The derived facts as of the last <see cref="RefreshFacts"/> (every save refreshes them).</summary>
    public EvaluationFacts Facts { get; private set; } = new();

    /// <summary>Everyone on whom the evaluation waits now, one line per person (kept by <see cref="RefreshFacts"/>).</summary>
    public List<EvaluationWait> Waits { get; private set; } = [];

    /// <summary>
    /// Recomputes <see cref="Facts"/> and <see cref="Waits"/> from the evaluation, its period (windows and settings)
    /// and the evaluado's fecha de ingreso. Deterministic: the same evaluation gives the same facts.
    /// </summary>
    public void RefreshFacts(Period period, DateOnly hireDate)
    {
        ArgumentNullException.ThrowIfNull(period);
        var f = Facts;
        f.Revision = EvaluationFacts.CurrentRevision;
        var history = History.OrderBy(h => h.Sequence).ToList();

        f.WaitingOn = IsClosed ? WaitingOn.Nobody : WaitingOn;
        f.Escalated = EscalatedStep is { } esc && esc == State.Step();
        f.Committee = IsCommittee;
        f.WaitingSince = history.LastOrDefault()?.At ?? CreatedAt;

        DateOnly? First(Func<EvaluationEvent, bool> match) => history.FirstOrDefault(match) is { } h ? BogotaTime.Day(h.At) : null;
        DateOnly? Last(Func<EvaluationEvent, bool> match) => history.LastOrDefault(match) is { } h ? BogotaTime.Day(h.At) : null;

        f.GoalsSubmittedOn = First(h => h.Action == EvaluationAction.Submit && h.From == EvaluationState.GoalFormulation);
        f.GoalsReviewedOn = Last(h => h.From == EvaluationState.GoalApproval && h.Action is EvaluationAction.Approve or EvaluationAction.Modify);
        f.GoalsAgreedOn = Last(h => h.From.Step() == EvaluationStep.Goals && h.To.Step() != EvaluationStep.Goals
            && ((h.Action == EvaluationAction.Accept && h.From == EvaluationState.GoalAcceptance) || h.Action == EvaluationAction.CommitteeDecision));
        f.FollowUpISubmittedOn = First(h => h.Action == EvaluationAction.Submit && h.From == EvaluationState.SelfEvaluationI);
        f.FollowUpIReviewedOn = Last(h => h.From == EvaluationState.SelfEvaluationIApproval && h.Action is EvaluationAction.Approve or EvaluationAction.Modify);
        f.FollowUpIAcceptedOn = Last(h => h.From.Step() == EvaluationStep.FollowUpI && h.To.Step() != EvaluationStep.FollowUpI
            && h.Action is EvaluationAction.Accept or EvaluationAction.CommitteeDecision);
        f.FollowUpIISubmittedOn = First(h => h.Action == EvaluationAction.Submit && h.From == EvaluationState.SelfEvaluationII);
        f.FollowUpIIReviewedOn = Last(h => h.From == EvaluationState.SelfEvaluationIIApproval && h.Action is EvaluationAction.Approve or EvaluationAction.Modify);
        f.CompetenciesRatedOn = Last(h => h.Action == EvaluationAction.RateCompetencies);
        f.FinalizedOn = State == EvaluationState.Finalized ? Last(h => h.To == EvaluationState.Finalized) : null;
        f.ClosedOn = State == EvaluationState.ClosedByRetirement ? Last(h => h.To == EvaluationState.ClosedByRetirement) : null;

        f.GoalCount = Goals.Count;
        f.GoalRounds = Rounds(EvaluationStep.Goals);
        f.GoalsNotAccepted = history.Count(h => h.Action == EvaluationAction.NotAccept && h.From.Step() == EvaluationStep.Goals);
        var step = IsClosed ? null : State.Step();
        f.CurrentStepRounds = step is { } r ? Rounds(r) : 0;
        f.CurrentStepNotAccepted = step is { } s ? NotAccepted(s) : 0;
        f.DisagreementStep = step is { } d && DisagreementReached(d, period.Settings) ? d : null;

        var policy = new ScoringPolicy(period.Settings);
        var first = f.FollowUpIAcceptedOn is null ? (decimal?)null : FirstFollowUpScore(policy);
        f.FirstFollowUpScore = first is { } v ? ScoringPolicy.Round(v) : null;
        f.FirstFollowUpUnrounded = EvaluationFacts.Kept(first);
        var unrounded = State == EvaluationState.Finalized && Competencies.Count > 0 ? policy.Unrounded(this) : null;
        var final = unrounded is null ? null : policy.Rounded(unrounded);
        f.GoalsComponent = final?.GoalsComponent;
        f.CompetenciesComponent = final?.CompetenciesComponent;
        f.FinalScore = final?.Final;
        f.Level = final?.Level;
        f.LowestCompetency = Competencies.Count == 0 ? null : Competencies.Min(c => c.Value);
        f.GoalsComponentUnrounded = EvaluationFacts.Kept(unrounded?.GoalsComponent);
        f.CompetenciesComponentUnrounded = EvaluationFacts.Kept(unrounded?.CompetenciesComponent);
        f.FinalScoreUnrounded = EvaluationFacts.Kept(unrounded?.Final);

        f.GoalsDeadline = this.Deadline(EvaluationStep.Goals, period, hireDate);
        f.FollowUpIDeadline = this.Deadline(EvaluationStep.FollowUpI, period, hireDate);
        f.FollowUpIIDeadline = this.Deadline(EvaluationStep.FollowUpII, period, hireDate);
        f.FollowUpIApplies = IsOwed(EvaluationStep.FollowUpI, period, hireDate);
        f.PendingPartials = Partials.Count(p => p.Status == PartialStatus.Pending);
        var recorded = Partials.Where(p => p.Status == PartialStatus.Recorded).OrderBy(p => p.To).ThenBy(p => p.Sequence).ToList();
        f.RecordedPartials = recorded.Count;
        f.LastPartialScore = recorded.Count == 0 ? null : ScoringPolicy.Round(policy.PartialGoalsScore(recorded[^1]));
        f.Stage1 = StageStatuses.Stage1(State, f.GoalsAgreedOn);
        f.Stage2 = StageStatuses.Stage2(State, FollowUpIExemption is not null, f.FollowUpIAcceptedOn);
        f.Position = StageStatuses.Position(State);
        // Counted among the accepted first follow-ups (the stage-2 report's «Seguimiento I aceptado»), never elsewhere.
        f.EarlyWarning = f.Stage2 == Stage2Status.Accepted && f.FirstFollowUpScore is { } shown && policy.IsEarlyWarning(shown);

        RefreshWaits();
    }

    /// <summary>The first follow-up's progress score, exact: Σ weight × min(achieved / agreed, 1).</summary>
    public decimal FirstFollowUpScore(ScoringPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var achieved = ProgressOf(1).GroupBy(p => p.GoalNumber).ToDictionary(g => g.Key, g => g.Last().AchievedPercent);
        return policy.FirstFollowUp(OrderedGoals.Select(g => (g.Weight, g.AgreedFirstFollowUpPercent, achieved.GetValueOrDefault(g.Number))).ToList());
    }

    /// <summary>Each person for whom <see cref="PendingActions.PendingFor"/> gives an action, updated in place.</summary>
    private void RefreshWaits()
    {
        var candidates = new List<int> { EvaluadoId, EvaluatorId };
        if (EscalationRecorderId is { } recorder) candidates.Add(recorder);
        candidates.AddRange(Partials.Where(p => p.Status == PartialStatus.Pending).Select(p => p.EvaluatorId));
        var wanted = new Dictionary<int, EvaluationWait>();
        foreach (var id in candidates.Distinct())
        {
            var action = this.PendingFor(new Actor("", id, ""));
            if (action == PendingAction.None) continue;
            var since = action == PendingAction.RecordPartial ? PendingPartialOf(id)?.CreatedAt ?? Facts.WaitingSince : Facts.WaitingSince;
            wanted[id] = new EvaluationWait { ServantId = id, Action = action, Since = since };
        }
        Waits.RemoveAll(w => !wanted.ContainsKey(w.ServantId));
        foreach (var w in Waits)
        {
            var target = wanted[w.ServantId];
            if (w.Action != target.Action) w.Action = target.Action;
            if (w.Since != target.Since) w.Since = target.Since;
            wanted.Remove(w.ServantId);
        }
        Waits.AddRange(wanted.Values);
    }
}
