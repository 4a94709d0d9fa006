namespace Egi.Domain.Evaluations;

/// <summary>Where a partial evaluation stands.</summary>
public enum PartialStatus
{
    /// <summary>The outgoing evaluator still owes it.</summary>
    Pending = 0,

    /// <summary>Recorded by the outgoing evaluator, or by Talento Humano on their behalf.</summary>
    Recorded = 1,

    /// <summary>Talento Humano waived it with a reason (e.g. the boss left the entity and cannot be reached).</summary>
    Waived = 2,
}

/// <summary>Who evaluated from when to when (inclusive dates). <see cref="To"/> is null for the current evaluator.</summary>
public sealed record EvaluatorTenure
{
    public int EvaluatorId { get; init; }
    public bool IsCommittee { get; init; }
    public DateOnly From { get; init; }
    public DateOnly? To { get; init; }

    /// <summary>Why the tenure ended, null while current.</summary>
    public PartialCause? EndCause { get; init; }
}

/// <summary>The outgoing evaluator's assessment of one goal up to the change date.</summary>
public sealed record PartialGoal
{
    public int GoalNumber { get; init; }

    /// <summary>The goal's weight when the partial was recorded (so its score does not depend on later changes).</summary>
    public int Weight { get; init; }
    public int AchievedPercent { get; init; }
    public string Observation { get; init; } = "";

    public const int ObservationMax = 2000;
}

/// <summary>
/// An evaluación parcial (SPEC §4, change of evaluator and retiro): the progress of each goal up to the date the
/// evaluator's tenure ended, with an observation per goal and a general comment.
/// <para>
/// Design: the evaluation moves to the new evaluator at once (nobody waits for the partial); the outgoing evaluator
/// is left this <see cref="PartialStatus.Pending"/> record and keeps access to the evaluation only to read it and to
/// record the partial, until it is recorded. Talento Humano may record it on their behalf or waive it with a reason.
/// A partial is only owed once the goals are agreed (before that there is nothing to measure).
/// </para>
/// </summary>
public sealed class PartialEvaluation
{
    public int Sequence { get; set; }

    /// <summary>The outgoing evaluator (the recorder when it was a Comisión Evaluadora).</summary>
    public int EvaluatorId { get; set; }

    /// <summary>First day covered: the start of the evaluator's tenure, or of the period (or the hire date).</summary>
    public DateOnly From { get; set; }

    /// <summary>Last day covered: the change date (or the retirement date).</summary>
    public DateOnly To { get; set; }

    /// <summary>The last day of the period (31/12 of its year): days after it do not count for the weighted rule.</summary>
    public DateOnly PeriodEnd { get; set; }

    /// <summary>Why the evaluator's tenure ended.</summary>
    public PartialCause Cause { get; set; }
    public PartialStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<PartialGoal> Goals { get; set; } = [];
    public string? Comment { get; set; }
    public DateTime? RecordedAt { get; set; }
    public string? RecordedBy { get; set; }

    /// <summary>True when Talento Humano recorded it on behalf of the outgoing evaluator.</summary>
    public bool RecordedOnBehalf { get; set; }
    public string? WaiverReason { get; set; }

    public const int CommentMax = 2000;

    /// <summary>Calendar days of the period this partial covers (inclusive, clipped to the period's last day).</summary>
    public int CoveredDays
    {
        get
        {
            var to = To > PeriodEnd ? PeriodEnd : To;
            return Math.Max(0, to.DayNumber - From.DayNumber + 1);
        }
    }

    public static string StatusLabel(PartialStatus status) => status switch
    {
        PartialStatus.Pending => "Pendiente",
        PartialStatus.Recorded => "Registrada",
        PartialStatus.Waived => "Dispensada",
        _ => status.ToString(),
    };
}

/// <summary>The dates a change of evaluator is measured against.</summary>
internal readonly record struct Coverage(DateOnly Change, DateOnly Start, DateOnly PeriodEnd)
{
    /// <summary>From the period (1 Jan – 31 Dec of its year, or from the hire date when later) and today.</summary>
    public static Coverage Of(EvaluationContext ctx)
    {
        var start = new DateOnly(ctx.Period.Year, 1, 1);
        if (ctx.EvaluadoHireDate > start) start = ctx.EvaluadoHireDate;
        return new(ctx.Today, start, new DateOnly(ctx.Period.Year, 12, 31));
    }

    /// <summary>For callers without a period (older tests): the change date's year stands for the period's.</summary>
    public static Coverage Approximate(DateTime now)
    {
        var today = DateOnly.FromDateTime(now);
        return new(today, new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31));
    }

    public Coverage At(DateOnly change) => this with { Change = change };
}
