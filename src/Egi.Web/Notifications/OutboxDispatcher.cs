using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Egi.Web.Notifications;

/// <summary>
/// Delivers due outbox messages. Several instances (threads or processes) may run at once: each message is
/// claimed with one conditional UPDATE (State Pending → Sending, only if still Pending), which the database
/// serializes, so exactly one dispatcher sends it. A claim that outlives a crash expires and is retried.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes, IMailTransport transport, TimeProvider clock, IOptionsMonitor<MailOptions> options, ILogger<OutboxDispatcher> log)
{
    public string Instance { get; } = InstanceId.New();

    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    /// <summary>Sends every due message; returns how many were sent now.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        var sent = 0;
        while (!ct.IsCancellationRequested)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            var candidates = await db.OutboxMessages.AsNoTracking()
                .Where(m => (m.State == OutboxState.Pending && m.NextAttemptAt <= now)
                            || (m.State == OutboxState.Sending && m.ClaimedUntil < now))
                .OrderBy(m => m.Id).Select(m => m.Id).Take(20).ToListAsync(ct);
            if (candidates.Count == 0) break;

            var claimedAny = false;
            foreach (var id in candidates)
            {
                if (!await TryClaimAsync(db, id, now, ct)) continue;
                claimedAny = true;
                if (await DeliverAsync(db, id, ct)) sent++;
            }
            if (!claimedAny) break;
        }
        return sent;
    }

    /// <summary>
    /// Tries to send one message now (e.g. from a command-line tool that queued it); true when it was sent. A failure is
    /// recorded as by the worker (retried later); a message another dispatcher holds or already sent is left alone.
    /// </summary>
    public async Task<bool> DispatchOneAsync(long id, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
        return await TryClaimAsync(db, id, clock.GetUtcNow().UtcDateTime, ct) && await DeliverAsync(db, id, ct);
    }

    private async Task<bool> TryClaimAsync(EgiDbContext db, long id, DateTime now, CancellationToken ct)
    {
        var until = now + ClaimFor;
        var claimed = await db.OutboxMessages
            .Where(m => m.Id == id && ((m.State == OutboxState.Pending && m.NextAttemptAt <= now)
                                       || (m.State == OutboxState.Sending && m.ClaimedUntil < now)))
            .ExecuteUpdateAsync(u => u
                .SetProperty(m => m.State, OutboxState.Sending)
                .SetProperty(m => m.ClaimedUntil, until)
                .SetProperty(m => m.ClaimedBy, Instance), ct);
        return claimed == 1;
    }

    private async Task<bool> DeliverAsync(EgiDbContext db, long id, CancellationToken ct)
    {
        var message = await db.OutboxMessages.Include(m => m.Attachments).FirstAsync(m => m.Id == id, ct);
        var opts = options.CurrentValue;
        message.Attempts++;
        try
        {
            await transport.SendAsync(ToMime(message, opts), ct);
            message.State = OutboxState.Sent;
            message.SentAt = clock.GetUtcNow().UtcDateTime;
            message.LastError = null;
            message.ClaimedUntil = null;
            await db.SaveChangesAsync(CancellationToken.None);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            message.LastError = Truncate($"{ex.GetType().Name}: {ex.Message}", 1000);
            message.ClaimedUntil = null;
            if (message.Attempts >= opts.MaxAttempts)
            {
                message.State = OutboxState.Failed;
                log.LogError(ex, "Outbox message {Id} to {To} failed for good after {Attempts} attempts", message.Id, message.ToAddress, message.Attempts);
            }
            else
            {
                message.State = OutboxState.Pending;
                message.NextAttemptAt = now + RetryDelay(message.Attempts, opts);
                log.LogWarning("Outbox message {Id} to {To}: attempt {Attempts} failed ({Error}); next at {Next:o}", message.Id, message.ToAddress, message.Attempts, ex.Message, message.NextAttemptAt);
            }
            await db.SaveChangesAsync(CancellationToken.None);
            return false;
        }
    }

    /// <summary>Exponential backoff: first delay, doubled each attempt, capped.</summary>
    public static TimeSpan RetryDelay(int attempts, MailOptions o)
    {
        var seconds = o.FirstRetrySeconds * Math.Pow(2, Math.Max(0, attempts - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, o.MaxRetryDelayMinutes * 60));
    }

    public static MimeMessage ToMime(OutboxMessage m, MailOptions o)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(o.FromName, o.FromAddress));
        mime.To.Add(new MailboxAddress(m.ToName, m.ToAddress));
        mime.Subject = m.Subject;
        mime.MessageId = $"egi-{m.Id}-{m.CreatedAt:yyyyMMddHHmmss}@{o.FromAddress.Split('@').LastOrDefault() ?? "egi"}";
        var body = new BodyBuilder { HtmlBody = m.HtmlBody, TextBody = m.TextBody };
        foreach (var a in m.Attachments)
            body.Attachments.Add(a.FileName, a.Content, ContentType.Parse(a.ContentType));
        mime.Body = body.ToMessageBody();
        return mime;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}

/// <summary>The hosted delivery worker: dispatches whenever woken, and at least every Mail:PollSeconds.</summary>
public sealed class OutboxWorker(OutboxDispatcher dispatcher, OutboxSignal signal, IOptionsMonitor<MailOptions> options, ILogger<OutboxWorker> log)
    : SignalledWorker(signal, log)
{
    protected override TimeSpan PollInterval => TimeSpan.FromSeconds(options.CurrentValue.PollSeconds);

    protected override Task RunRoundAsync(CancellationToken ct) => dispatcher.DispatchDueAsync(ct);
}
