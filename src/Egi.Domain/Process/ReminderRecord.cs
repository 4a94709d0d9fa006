using Egi.Domain.Calendar;

namespace Egi.Domain.Process;

/// <summary>Whether a person pressed "send" or the scheduler sent the reminder on its own.</summary>
public enum ReminderOrigin
{
    Manual = 0,
    Automatic = 1,
}

/// <summary>What a reminder is about.</summary>
public enum ReminderTopic
{
    /// <summary>A step of an evaluation (stage in <see cref="ReminderRecord.Stage"/>).</summary>
    EvaluationStep = 0,

    /// <summary>An individual improvement plan (activities 18–20).</summary>
    ImprovementPlan = 1,
}

/// <summary>
/// In which capacity a person is reminded (persisted by name: keep the names; the Spanish label is the web's, at the
/// edge: the register of reminders, its export and the e-mails).
/// </summary>
public enum ReminderRole
{
    /// <summary>The servant evaluated (evaluado), or the servant of an improvement plan.</summary>
    Evaluado = 0,

    /// <summary>The jefe inmediato who evaluates, or the jefe of an improvement plan.</summary>
    Evaluator = 1,

    /// <summary>The comisión evaluadora (through the person who records its decisions).</summary>
    Committee = 2,

    /// <summary>Talento Humano, reminded of a stage as a whole.</summary>
    HumanResources = 3,
}

/// <summary>Who a reminder went to: the servant (when in the directory), name, address and the role they are reminded as.</summary>
public sealed record ReminderRecipient(int? ServantId, string Name, string Email, ReminderRole Role);

/// <summary>
/// One reminder sent to one person: the procedure's "Registro: correos electrónicos" of the control points (activities
/// 17 and 20). Written in the same transaction as the outbox message that carries it; never changed afterwards (no
/// setter is public). Rules: an evaluation-step reminder names its stage and no plan, a plan reminder names its plan
/// and no stage; an automatic reminder is sent by «Sistema», a manual one by the person who pressed "send"; the
/// texts are cut to what the register keeps.
/// </summary>
public sealed class ReminderRecord
{
    /// <summary>The sender of every automatic reminder.</summary>
    public const string SystemSender = "Sistema";

    public const int NameMax = 200;
    public const int EmailMax = 254;
    public const int RoleMax = 40;
    public const int SentByMax = 256;
    public const int SubjectMax = 300;

    private ReminderRecord()
    {
    }

    public long Id { get; private set; }
    public DateTime SentAt { get; private set; }
    public int PeriodId { get; private set; }
    public ReminderOrigin Origin { get; private set; }
    public ReminderTopic Topic { get; private set; }

    /// <summary>The stage the reminder is about, when <see cref="Topic"/> is an evaluation step.</summary>
    public Stage? Stage { get; private set; }

    public int? EvaluationId { get; private set; }
    public long? ImprovementPlanId { get; private set; }

    /// <summary>The servant reminded (evaluado or evaluator), when the recipient is in the directory.</summary>
    public int? RecipientServantId { get; private set; }

    public string RecipientName { get; private set; } = "";
    public string RecipientEmail { get; private set; } = "";

    /// <summary>Whether the recipient is reminded as evaluado, as evaluator (jefe or comisión) or as Talento Humano.</summary>
    public ReminderRole RecipientRole { get; private set; }

    /// <summary>User name of whoever sent it; <see cref="SystemSender"/> for automatic reminders.</summary>
    public string SentBy { get; private set; } = "";

    public string Subject { get; private set; } = "";

    /// <summary>
    /// A reminder about a stage of the evaluations: to the person on whom <paramref name="evaluationId"/> waits, or
    /// (no evaluation) to Talento Humano about the stage as a whole.
    /// </summary>
    public static ReminderRecord ForEvaluationStep(int periodId, Stage stage, int? evaluationId, ReminderOrigin origin, ReminderRecipient recipient,
        string? sentBy, string subject, DateTime sentAt)
    {
        var r = New(periodId, origin, recipient, sentBy, subject, sentAt);
        r.Topic = ReminderTopic.EvaluationStep;
        r.Stage = stage;
        r.EvaluationId = evaluationId;
        return r;
    }

    /// <summary>A reminder about an individual improvement plan, to its servant or to their jefe.</summary>
    public static ReminderRecord ForImprovementPlan(int periodId, long planId, ReminderOrigin origin, ReminderRecipient recipient,
        string? sentBy, string subject, DateTime sentAt)
    {
        var r = New(periodId, origin, recipient, sentBy, subject, sentAt);
        r.Topic = ReminderTopic.ImprovementPlan;
        r.ImprovementPlanId = planId;
        return r;
    }

    private static ReminderRecord New(int periodId, ReminderOrigin origin, ReminderRecipient recipient, string? sentBy, string subject, DateTime sentAt)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (!Enum.IsDefined(origin)) throw new ArgumentOutOfRangeException(nameof(origin), origin, "Unknown reminder origin.");
        if (!Enum.IsDefined(recipient.Role)) throw new ArgumentOutOfRangeException(nameof(recipient), recipient.Role, "Unknown reminder role.");
        var sender = origin == ReminderOrigin.Automatic ? SystemSender : sentBy?.Trim();
        if (string.IsNullOrEmpty(sender)) throw new ArgumentException("A manual reminder names the person who sent it.", nameof(sentBy));
        return new ReminderRecord
        {
            SentAt = sentAt,
            PeriodId = periodId,
            Origin = origin,
            RecipientServantId = recipient.ServantId,
            RecipientName = Cut(recipient.Name.Trim(), NameMax),
            RecipientEmail = Cut(recipient.Email.Trim(), EmailMax),
            RecipientRole = recipient.Role,
            SentBy = Cut(sender, SentByMax),
            Subject = Cut(subject.Trim(), SubjectMax),
        };
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
