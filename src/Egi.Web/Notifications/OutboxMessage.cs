using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Egi.Web.Data;

namespace Egi.Web.Notifications;

public enum OutboxState
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending = 1,

    /// <summary>Claimed by one delivery worker (until <see cref="OutboxMessage.ClaimedUntil"/>).</summary>
    Sending = 2,

    Sent = 3,

    /// <summary>Gave up after the maximum attempts; shown to Talento Humano, who may resend it.</summary>
    Failed = 4,
}

/// <summary>
/// An e-mail waiting to be delivered, written in the same database transaction as the change that
/// causes it (SPEC §8), so a notification is never lost when the mail server is down.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public DateTime CreatedAt { get; set; }
    public string ToAddress { get; set; } = "";
    public string ToName { get; set; } = "";
    public string? RecipientUserId { get; set; }
    public string Subject { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public string TextBody { get; set; } = "";

    /// <summary>
    /// The event that caused the message, as the name of a <see cref="MailKind"/> (a stable code; the outbox screen shows
    /// <see cref="EmailTemplates.KindLabel"/>).
    /// </summary>
    public string Kind { get; set; } = "";

    /// <summary>At most one message per key: the same event never sends two e-mails.</summary>
    public string? DeduplicationKey { get; set; }

    public OutboxState State { get; set; } = OutboxState.Pending;
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
    public List<OutboxAttachment> Attachments { get; set; } = [];
}

public sealed class OutboxAttachment
{
    public long Id { get; set; }
    public long OutboxMessageId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "application/octet-stream";
    public byte[] Content { get; set; } = [];
}

/// <summary>What the person sees in "Mis notificaciones": every e-mail also lands here, with a link to the exact screen.</summary>
public sealed class InboxNotification
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string Title { get; set; } = "";
    public string Text { get; set; } = "";
    public string? Link { get; set; }
    public DateTime? ReadAt { get; set; }
}

/// <summary>One run of a scheduled job for one due time; the unique (Job, DueAt) makes a run happen once across instances.</summary>
public sealed class ScheduledJobRun
{
    public long Id { get; set; }
    public string Job { get; set; } = "";
    public DateTime DueAt { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string? Instance { get; set; }
    public string? Result { get; set; }
}

/// <summary>The outbox: one row per e-mail, deduplicated by key, claimed by state and next attempt.</summary>
internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.Property(m => m.ToAddress).HasMaxLength(254);
        e.Property(m => m.ToName).HasMaxLength(200);
        e.Property(m => m.Subject).HasMaxLength(300);
        e.Property(m => m.Kind).HasMaxLength(60);
        e.Property(m => m.DeduplicationKey).HasMaxLength(200);
        e.Property(m => m.ClaimedBy).HasMaxLength(60);
        e.Property(m => m.LastError).HasMaxLength(1000);
        e.HasIndex(m => m.DeduplicationKey).IsUnique();
        e.HasIndex(m => new { m.State, m.NextAttemptAt });
        e.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Attachments of an outbox message.</summary>
internal sealed class OutboxAttachmentConfiguration : IEntityTypeConfiguration<OutboxAttachment>
{
    public void Configure(EntityTypeBuilder<OutboxAttachment> e)
    {
        e.Property(a => a.FileName).HasMaxLength(200);
        e.Property(a => a.ContentType).HasMaxLength(100);
    }
}

/// <summary>The in-app inbox of each account.</summary>
internal sealed class InboxNotificationConfiguration : IEntityTypeConfiguration<InboxNotification>
{
    public void Configure(EntityTypeBuilder<InboxNotification> e)
    {
        e.Property(n => n.Title).HasMaxLength(300);
        e.Property(n => n.Text).HasMaxLength(1000);
        e.Property(n => n.Link).HasMaxLength(500);
        e.HasIndex(n => new { n.UserId, n.ReadAt });
        e.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>One row per run of a scheduled job and due time: the unique index makes a run happen once across instances.</summary>
internal sealed class ScheduledJobRunConfiguration : IEntityTypeConfiguration<ScheduledJobRun>
{
    public void Configure(EntityTypeBuilder<ScheduledJobRun> e)
    {
        e.Property(r => r.Job).HasMaxLength(100);
        e.Property(r => r.Instance).HasMaxLength(60);
        e.Property(r => r.Result).HasMaxLength(1000);
        e.HasIndex(r => new { r.Job, r.DueAt }).IsUnique();
    }
}
