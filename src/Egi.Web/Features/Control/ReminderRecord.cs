using Egi.Domain.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Egi.Web.Features.Control;

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
/// One reminder sent to one person: the procedure's "Registro: correos electrónicos" of the control points
/// (activities 17 and 20). Written in the same transaction as the outbox message that carries it; never edited.
/// </summary>
public sealed class ReminderRecord
{
    public long Id { get; set; }
    public DateTime SentAt { get; set; }
    public int PeriodId { get; set; }
    public ReminderOrigin Origin { get; set; }
    public ReminderTopic Topic { get; set; }

    /// <summary>The stage the reminder is about, when <see cref="Topic"/> is an evaluation step.</summary>
    public Stage? Stage { get; set; }

    public int? EvaluationId { get; set; }
    public long? ImprovementPlanId { get; set; }

    /// <summary>The servant reminded (evaluado or evaluator), when the recipient is in the directory.</summary>
    public int? RecipientServantId { get; set; }

    public string RecipientName { get; set; } = "";
    public string RecipientEmail { get; set; } = "";

    /// <summary>Whether the recipient is reminded as "evaluado" or as "evaluador" (jefe / comisión), or "Talento Humano".</summary>
    public string RecipientRole { get; set; } = "";

    /// <summary>User name of whoever sent it; "Sistema" for automatic reminders.</summary>
    public string SentBy { get; set; } = "";

    public string Subject { get; set; } = "";
}

internal sealed class ReminderRecordConfiguration : IEntityTypeConfiguration<ReminderRecord>
{
    public void Configure(EntityTypeBuilder<ReminderRecord> e)
    {
        e.ToTable("ReminderRecords");
        e.HasIndex(r => new { r.PeriodId, r.SentAt });
        e.HasIndex(r => r.EvaluationId);
        e.Property(r => r.RecipientName).HasMaxLength(200);
        e.Property(r => r.RecipientEmail).HasMaxLength(254);
        e.Property(r => r.RecipientRole).HasMaxLength(40);
        e.Property(r => r.SentBy).HasMaxLength(256);
        e.Property(r => r.Subject).HasMaxLength(300);
        e.HasOne<Period>().WithMany().HasForeignKey(r => r.PeriodId).OnDelete(DeleteBehavior.Restrict);
    }
}
