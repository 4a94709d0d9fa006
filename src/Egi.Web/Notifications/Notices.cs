using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;

namespace Egi.Web.Notifications;

/// <summary>In which capacity a person reads a notice about an evaluation: it decides the wording and the link.</summary>
public enum NoticeReader
{
    Evaluado = 1,
    Evaluator = 2,

    /// <summary>The recorder of a Comisión Evaluadora deciding an escalated step.</summary>
    Recorder = 3,
    TalentoHumano = 4,
}

/// <summary>
/// What <see cref="EmailTemplates.Evaluation"/> needs to tell one reader about one event of an evaluation. Values only:
/// the wording is the template's.
/// </summary>
public sealed record EvaluationNotice
{
    public required MailKind Kind { get; init; }
    public required NoticeReader Reader { get; init; }
    public required string ReaderName { get; init; }
    public required string EvaluadoName { get; init; }
    public required string PeriodName { get; init; }

    /// <summary>The page where the reader acts, or the evaluation (its result sheet once finished).</summary>
    public required string Link { get; init; }

    /// <summary>What the reader must do now (the button), or null when the notice only informs.</summary>
    public string? ActionText { get; init; }

    /// <summary>Who acted and in which capacity (the history's entry); <see cref="ReaderActed"/> makes it «usted».</summary>
    public string ActorName { get; init; } = "";

    public ActorRole ActorRole { get; init; }
    public bool ReaderActed { get; init; }

    /// <summary>0 for the goals, 1 or 2 for the follow-ups.</summary>
    public int FollowUp { get; init; }

    /// <summary>The reason, comment or decision written with the event.</summary>
    public string? Comment { get; init; }

    /// <summary>Fields changed by a modification.</summary>
    public int Changes { get; init; }

    /// <summary>The final rating, when the event gives or closes it.</summary>
    public ScoreBreakdown? Result { get; init; }

    public decimal? FirstFollowUpScore { get; init; }

    /// <summary>
    /// When that first follow-up score is an early warning (<see cref="ScoringPolicy.IsEarlyWarning"/>), the top of the
    /// period's No satisfactorio band it fell in; null otherwise.
    /// </summary>
    public decimal? EarlyWarningUpTo { get; init; }

    /// <summary>The step reopened, escalated or decided.</summary>
    public string? StepLabel { get; init; }

    /// <summary>The reopening's last day.</summary>
    public DateOnly? Until { get; init; }

    /// <summary>The evaluator after a change of evaluator; <see cref="Committee"/> when it is a comisión's recorder.</summary>
    public string? EvaluatorName { get; init; }

    public bool Committee { get; init; }

    /// <summary>Why the evaluator changed when the directory changed it (new jefe, move, retiro).</summary>
    public string? Cause { get; init; }

    /// <summary>«No aceptar» on the step (disagreement).</summary>
    public int NotAccepted { get; init; }

    public string StateLabel { get; init; } = "";
}

/// <summary>Where a person's deadline for a step comes from.</summary>
public enum DeadlineSource
{
    /// <summary>The stage window of the period.</summary>
    StageWindow = 1,

    /// <summary>A servant hired during the year: their own working days after the fecha de ingreso to agree goals.</summary>
    NewServant = 2,

    /// <summary>Talento Humano reopened the step for this person until a date.</summary>
    Reopening = 3,

    /// <summary>A servant who entered EGI after the period opened: their own working days after their evaluation opened to agree goals.</summary>
    LateEntry = 4,
}

/// <summary>An automatic reminder of the deadline of an evaluation's step to the person on whom it waits.</summary>
public sealed record DeadlineNotice(
    NoticeReader Reader,
    string ReaderName,
    string EvaluadoName,
    string PeriodName,
    string StepLabel,
    DateOnly Deadline,
    int WorkingDaysLeft,
    DeadlineSource Source,
    int NewServantDays,
    string ActionText,
    string Link);

/// <summary>A reminder Talento Humano sends from the control points.</summary>
public sealed record ControlReminderNotice(
    NoticeReader Reader,
    string ReaderName,
    string EvaluadoName,
    string PeriodName,
    string StageLabel,
    string StateLabel,
    bool Late,
    DateOnly Deadline,
    int WorkingDays,
    string ActionText,
    string Link);

/// <summary>A divulgation or socialization session as its e-mails describe it.</summary>
public sealed record SessionNotice(string KindLabel, string Topic, DateOnly Date, string When, string? Place, string? MeetingLink, string? Description, string Link);

/// <summary>What changed in an improvement plan that the other party must see (activity 19).</summary>
public enum PlanChange
{
    /// <summary>The aspects were saved: the other party reviews and confirms them.</summary>
    AspectsSaved = 1,

    /// <summary>One party confirmed: the other confirms for the plan to be agreed.</summary>
    Confirmed = 2,
}
