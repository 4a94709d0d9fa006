using Egi.Web.Notifications;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.Web.Tests.Notifications;

/// <summary>
/// Several delivery workers over one outbox (as several application instances would run): each message goes out once.
/// The host has no delivery worker of its own: only the dispatchers of the test run.
/// </summary>
public abstract class ConcurrentDispatchTests(QuietSmtpHost host) : IAsyncLifetime
{
    private readonly TestSmtpServer smtp = host.Smtp;
    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync() => host.StartTestAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Three_dispatchers_deliver_every_message_exactly_once()
    {
        const int count = 60;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            for (var i = 0; i < count; i++)
                await notifier.QueueAsync(new Recipient($"persona{i}@egi-demo.gov.co", $"Persona {i}", null),
                    new RenderedEmail($"Mensaje {i}", $"<p>{i}</p>", $"{i}", $"{i}", null), Egi.Web.Notifications.MailKind.ControlReminder, $"prueba-{i}");
            await scope.ServiceProvider.GetRequiredService<Data.EgiDbContext>().SaveChangesAsync();
        }

        var dispatchers = Enumerable.Range(0, 3).Select(_ => ActivatorUtilities.CreateInstance<OutboxDispatcher>(app.Services)).ToList();
        var sentCounts = await Task.WhenAll(dispatchers.Select(d => Task.Run(() => d.DispatchDueAsync(CancellationToken.None))));

        Assert.Equal(count, sentCounts.Sum());
        // Every dispatcher has returned, and the test server stores a message before it answers: all have arrived.
        Assert.Equal(count, (await smtp.WaitForAsync(count)).Count);
        // One more complete pass finds nothing left: no message goes out twice.
        Assert.Equal(0, await dispatchers[0].DispatchDueAsync(CancellationToken.None));
        Assert.Equal(count, smtp.Messages.Count);
        Assert.Equal(count, smtp.Messages.Select(m => m.Subject).Distinct().Count());
        Assert.Equal(count, await app.WithDbAsync(d => d.OutboxMessages.CountAsync(m => m.State == OutboxState.Sent && m.Attempts == 1)));
    }

    [Fact]
    public async Task The_same_deduplication_key_is_queued_once()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        var email = new RenderedEmail("Recordatorio", "<p>x</p>", "x", "x", null);
        var to = new Recipient("a@egi-demo.gov.co", "A", null);
        Assert.True(await notifier.QueueAsync(to, email, Egi.Web.Notifications.MailKind.ControlReminder, "clave-1"));
        Assert.False(await notifier.QueueAsync(to, email, Egi.Web.Notifications.MailKind.ControlReminder, "clave-1"));
        await scope.ServiceProvider.GetRequiredService<Data.EgiDbContext>().SaveChangesAsync();
        Assert.False(await notifier.QueueAsync(to, email, Egi.Web.Notifications.MailKind.ControlReminder, "clave-1"));
        Assert.Equal(1, await app.WithDbAsync(d => d.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task A_claim_left_by_a_crashed_instance_is_taken_over_after_it_expires()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var data = scope.ServiceProvider.GetRequiredService<Data.EgiDbContext>();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            data.OutboxMessages.Add(new OutboxMessage
            {
                CreatedAt = now,
                NextAttemptAt = now,
                ToAddress = "b@egi-demo.gov.co",
                ToName = "B",
                Subject = "Huérfano",
                Kind = nameof(Egi.Web.Notifications.MailKind.ControlReminder),
                State = OutboxState.Sending,
                ClaimedBy = "otra-instancia",
                ClaimedUntil = now.AddMinutes(5),
            });
            await data.SaveChangesAsync();
        }
        var dispatcher = ActivatorUtilities.CreateInstance<OutboxDispatcher>(app.Services);
        Assert.Equal(0, await dispatcher.DispatchDueAsync(CancellationToken.None));
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(CancellationToken.None));
        Assert.Equal("Huérfano", Assert.Single(await smtp.WaitForAsync(1)).Subject);
    }
}

public sealed class ConcurrentDispatchTestsSqlite(QuietSmtpSqliteHost host) : ConcurrentDispatchTests(host), IClassFixture<QuietSmtpSqliteHost>;

public sealed class ConcurrentDispatchTestsPostgres(QuietSmtpPostgresHost host) : ConcurrentDispatchTests(host), IClassFixture<QuietSmtpPostgresHost>;
