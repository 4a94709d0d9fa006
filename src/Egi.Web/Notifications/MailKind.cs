namespace Egi.Web.Notifications;

/// <summary>
/// What an e-mail is about: the event that caused it. Persisted by *name* in <see cref="OutboxMessage.Kind"/>, so a member
/// is never renamed nor its number reused; the Spanish a person reads is only <see cref="EmailTemplates.KindLabel"/>.
/// </summary>
public enum MailKind
{
    // Accounts
    Invitation = 1,
    PasswordReset = 2,
    EmailChanged = 3,

    // The evaluation workflow (activities 4–15): one code per event, the follow-up (I or II) is in the message.
    GoalsSubmitted = 10,
    GoalsApproved = 11,
    GoalsModified = 12,
    GoalsRejected = 13,
    GoalsAgreed = 14,
    GoalsNotAccepted = 15,
    FollowUpSubmitted = 16,
    FollowUpApproved = 17,
    FollowUpModified = 18,
    FollowUpRejected = 19,
    FollowUpAccepted = 20,
    FollowUpNotAccepted = 21,
    CompetenciesRated = 22,
    FinalAccepted = 23,
    FinalNotAccepted = 24,

    /// <summary>The goals of a late hire were agreed after the first follow-up's window closed: it does not apply.</summary>
    FollowUpNotApplicable = 25,

    // Talento Humano's and the directory's changes on an evaluation
    EvaluatorAssigned = 30,
    EvaluatorChanged = 31,
    StepReopened = 32,
    EvaluationReopened = 33,
    Escalated = 34,
    CommitteeDecided = 35,
    Disagreement = 36,
    PartialOwed = 37,

    /// <summary>To Talento Humano: an evaluator's retiro took effect and left open evaluations without a jefe who can act.</summary>
    EvaluatorRetired = 38,

    /// <summary>Messages queued before the events had their own code («Evaluación»).</summary>
    EvaluationUpdate = 39,

    // Reminders (activity 17)
    StageClosing = 40,
    DeadlineReminder = 41,
    ControlReminder = 42,

    // Improvement plans (activities 18–20)
    ImprovementFormat = 50,
    ImprovementPlanUpdate = 51,
    ImprovementReminder = 52,
    ImprovementDeadline = 53,

    // Process (activities 1–3) and periods
    SessionInvitation = 60,
    PeriodReopened = 61,
}
