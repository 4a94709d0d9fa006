using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Egi.Web.Notifications;

/// <summary>An attachment of a notification e-mail (.xlsx, .ics…).</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Writes notifications into the outbox and the recipient's in-app inbox, on the caller's DbContext:
/// they are committed by the caller's SaveChanges, in the same transaction as the change that causes them.
/// </summary>
public sealed class Notifier(EgiDbContext db, TimeProvider clock, IOptionsMonitor<MailOptions> options)
{
    /// <summary>Keys queued through this notifier (one per request or job scope): checked in memory, not in the change tracker.</summary>
    private readonly HashSet<string> queuedKeys = new(StringComparer.Ordinal);

    /// <summary>Keys whose presence in the outbox was already read with <see cref="PreloadKeysAsync"/>.</summary>
    private readonly Dictionary<string, bool> knownKeys = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads in one query which of <paramref name="keys"/> are already in the outbox, so that queuing many messages
    /// (reminders of a whole period) costs one query instead of one per message.
    /// </summary>
    public async Task PreloadKeysAsync(IReadOnlyCollection<string> keys, CancellationToken ct = default)
    {
        foreach (var chunk in keys.Where(k => !knownKeys.ContainsKey(k)).Distinct().Chunk(500))
        {
            var existing = await db.OutboxMessages.Where(m => m.DeduplicationKey != null && chunk.Contains(m.DeduplicationKey))
                .Select(m => m.DeduplicationKey!).ToListAsync(ct);
            foreach (var k in chunk) knownKeys[k] = false;
            foreach (var k in existing) knownKeys[k] = true;
        }
    }

    /// <summary>
    /// Queues <paramref name="email"/> to <paramref name="to"/>, recording <paramref name="kind"/> (the event, as its stable
    /// code) on the message. Returns false (and queues nothing) when a message
    /// with the same deduplication key already exists.
    /// </summary>
    public async Task<bool> QueueAsync(Recipient to, RenderedEmail email, MailKind kind, string? deduplicationKey = null,
        IReadOnlyList<MailAttachment>? attachments = null, bool inbox = true, CancellationToken ct = default)
    {
        if (deduplicationKey is not null)
        {
            if (queuedKeys.Contains(deduplicationKey)) return false;
            var exists = knownKeys.TryGetValue(deduplicationKey, out var known)
                ? known
                : await db.OutboxMessages.AnyAsync(m => m.DeduplicationKey == deduplicationKey, ct);
            if (exists) return false;
            queuedKeys.Add(deduplicationKey);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.OutboxMessages.Add(new OutboxMessage
        {
            CreatedAt = now,
            NextAttemptAt = now,
            ToAddress = to.Email,
            ToName = to.Name,
            RecipientUserId = to.UserId,
            Subject = email.Subject,
            HtmlBody = email.Html,
            TextBody = email.Text,
            Kind = kind.ToString(),
            DeduplicationKey = deduplicationKey,
            Attachments = (attachments ?? []).Select(a => new OutboxAttachment { FileName = a.FileName, ContentType = a.ContentType, Content = a.Content }).ToList(),
        });
        if (inbox && to.UserId is not null)
        {
            db.InboxNotifications.Add(new InboxNotification
            {
                UserId = to.UserId,
                CreatedAt = now,
                Title = email.Subject,
                Text = email.Summary,
                Link = LocalPath(email.Link),
            });
        }
        return true;
    }

    /// <summary>Only the in-app inbox (no e-mail), e.g. for low-importance events.</summary>
    public void Inbox(string userId, string title, string text, string? link)
    {
        db.InboxNotifications.Add(new InboxNotification
        {
            UserId = userId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Title = title,
            Text = text,
            Link = link,
        });
    }

    public MailOptions Options => options.CurrentValue;

    /// <summary>The inbox links inside the application: keep only the path and query of an absolute URL.</summary>
    public static string? LocalPath(string? link) =>
        link is not null && Uri.TryCreate(link, UriKind.Absolute, out var uri) ? uri.PathAndQuery : link;
}

/// <summary>Who receives a notification.</summary>
public sealed record Recipient(string Email, string Name, string? UserId)
{
    public static Recipient Of(AppUser user) => new(user.Email ?? user.UserName ?? "", user.DisplayName, user.Id);
}

/// <summary>Wakes the delivery worker when something was queued (it also polls).</summary>
public sealed class OutboxSignal : WakeSignal;
