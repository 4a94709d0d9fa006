using System.Net;
using Egi.Web.Data;
using Egi.Web.Features.Directory;
using Egi.Web.Features.Shared;
using Egi.Web.Notifications;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.Web.Tests.Notifications;

/// <summary>
/// The outbox and its delivery over real SMTP. The class's host keeps its SMTP server down when each test starts (the test
/// starts it) and gives a message up after three attempts.
/// </summary>
public abstract class OutboxDeliveryTests(OutboxDeliveryHost host) : IAsyncLifetime
{
    private readonly TestSmtpServer smtp = host.Smtp;
    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync() => host.StartTestAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Waits for the hosted delivery worker to bring a message of the outbox to the expected state.</summary>
    private Task<OutboxMessage> WaitForOutboxAsync(Func<OutboxMessage, bool> condition) =>
        Eventually.ValueAsync(async () => (await OutboxAsync()).FirstOrDefault(condition), "the outbox to reach the expected state");

    private Task<List<OutboxMessage>> OutboxAsync() => app.WithDbAsync(d => d.OutboxMessages.AsNoTracking().ToListAsync());

    [Fact]
    public async Task Smtp_down_when_saved_nothing_is_lost_and_it_is_delivered_exactly_once_when_it_returns()
    {
        // The test runs the delivery rounds itself, one complete pass at a time: "nothing is sent" is then a fact
        // about a finished pass, not a guess after a sleep.
        await app.StopOutboxWorkerAsync();

        // The mail server is down: the request still succeeds, the message waits in the outbox.
        var asked = await app.NewClient().PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = Accounts.Evaluado });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal(0, await app.DispatchOutboxAsync());
        var failed = Assert.Single(await OutboxAsync());
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(OutboxState.Pending, failed.State);
        Assert.NotNull(failed.LastError);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime.AddSeconds(30), failed.NextAttemptAt);

        // Before the backoff elapses nothing is retried, even with the server back.
        await smtp.StartAsync();
        Assert.Equal(0, await app.DispatchOutboxAsync());
        Assert.Empty(smtp.Messages);
        Assert.Equal(1, Assert.Single(await OutboxAsync()).Attempts);

        app.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await app.DispatchOutboxAsync());
        var mail = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal("EGI — restablecer su contraseña", mail.Subject);
        var sent = Assert.Single(await OutboxAsync());
        Assert.Equal(OutboxState.Sent, sent.State);
        Assert.Equal(2, sent.Attempts);

        // Sent is final: later passes never send it again.
        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, await app.DispatchOutboxAsync());
        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_marked_failed_shown_to_talento_humano_and_can_be_resent()
    {
        Assert.Equal(3, app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MailOptions>>().Value.MaxAttempts);
        await app.NewClient().PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = Accounts.Evaluado });
        await WaitForOutboxAsync(m => m.Attempts == 1);
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        await WaitForOutboxAsync(m => m.Attempts == 2);
        Assert.Equal(TimeSpan.FromSeconds(60), OutboxDispatcher.RetryDelay(2, new MailOptions()));
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        var failed = await WaitForOutboxAsync(m => m.State == OutboxState.Failed);
        Assert.Equal(3, failed.Attempts);

        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var page = WebUtility.HtmlDecode(await hr.GetStringAsync("/Notifications/Outbox?State=Failed"));
        Assert.Contains(Accounts.Evaluado, page);
        Assert.Contains("Fallido", page);
        Assert.Contains(failed.LastError!, page);

        await smtp.StartAsync();
        var resend = await hr.PostFormAsync($"/Notifications/Outbox?handler=Resend&id={failed.Id}", new(), getUrl: "/Notifications/Outbox");
        Assert.Equal(HttpStatusCode.Redirect, resend.StatusCode);
        Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal(OutboxState.Sent, (await WaitForOutboxAsync(m => m.State == OutboxState.Sent)).State);
    }

    [Fact]
    public async Task Outbox_screen_refuses_everyone_but_talento_humano()
    {
        var anonymous = await app.NewClient().GetAsync("/Notifications/Outbox");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery);
        foreach (var who in new[] { Accounts.Evaluado, Accounts.Consulta, Accounts.Planeacion, Accounts.Jefe })
        {
            var client = await app.SignedInAsync(who);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Notifications/Outbox")).StatusCode);
            var tokenPage = "/Account/ChangePassword";
            var post = await client.PostFormAsync("/Notifications/Outbox?handler=Resend&id=1", new(), getUrl: tokenPage);
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }
    }

    [Fact]
    public async Task A_value_typed_by_a_person_arrives_html_encoded()
    {
        await smtp.StartAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var data = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
            var servant = await data.Servants.FirstAsync(s => s.DocumentNumber == "1022345987");
            servant.FirstNames = "<script>alert('x')</script>";
            servant.Email = "nuevo.correo@egi-demo.gov.co";
            await data.SaveChangesAsync();
            var user = await data.Users.FirstAsync(u => u.ServantId == servant.Id);
            data.Users.Remove(user);
            await data.SaveChangesAsync();
            var errors = await scope.ServiceProvider.GetRequiredService<ServantAccounts>().EnsureAsync(servant);
            Assert.Empty(errors);
        }
        var mail = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal("nuevo.correo@egi-demo.gov.co", mail.To.Mailboxes.Single().Address);
        Assert.DoesNotContain("<script>", mail.HtmlBody);
        Assert.Contains("&lt;script&gt;", mail.HtmlBody);
    }

    [Fact]
    public async Task Invitation_link_sets_the_first_password_once()
    {
        await smtp.StartAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var data = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
            var servant = new Domain.Directory.Servant();
            servant.Apply(new Domain.Directory.ServantInput
            {
                DocumentNumber = "1099888777",
                FirstNames = "Lucía",
                LastNames = "Nueva Ortiz",
                Email = "lucia.nueva@egi-demo.gov.co",
                JobTitle = "Profesional Universitario",
                JobCode = "2044",
                JobGrade = "08",
                Level = Domain.Directory.HierarchyLevel.Profesional,
                DependencyId = (await data.Dependencies.FirstAsync(d => d.Code == "300")).Id,
                EmploymentType = Domain.Directory.EmploymentType.Provisional,
                HireDate = new DateOnly(2026, 11, 20),
            });
            data.Servants.Add(servant);
            await data.SaveChangesAsync();
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<ServantAccounts>().EnsureAsync(servant));
        }
        var mail = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal("Bienvenido(a) a EGI — cree su contraseña", mail.Subject);
        Assert.Contains("vence en 7 días", mail.TextBody);
        var link = MailTestHelpers.LinkIn(mail);
        Assert.StartsWith("/Account/SetPassword?", link);

        var client = app.NewClient();
        var set = await client.PostFormAsync(link, new() { ["Input.NewPassword"] = "PrimeraClave2026", ["Input.ConfirmPassword"] = "PrimeraClave2026" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        await app.SignedInAsync("lucia.nueva@egi-demo.gov.co", "PrimeraClave2026");
        Assert.Contains("El enlace no es válido", WebUtility.HtmlDecode(await app.NewClient().GetStringAsync(link)));
    }
}

/// <summary>The SMTP server down when a test starts; a message fails for good after three attempts.</summary>
public abstract class OutboxDeliveryHost(Db db) : SmtpHost(db, serverUp: false, configure: app => app.Settings["Mail:MaxAttempts"] = "3");

public sealed class OutboxDeliverySqliteHost() : OutboxDeliveryHost(Db.Sqlite);

public sealed class OutboxDeliveryPostgresHost() : OutboxDeliveryHost(Db.Postgres);

public sealed class OutboxDeliveryTestsSqlite(OutboxDeliverySqliteHost host) : OutboxDeliveryTests(host), IClassFixture<OutboxDeliverySqliteHost>;

public sealed class OutboxDeliveryTestsPostgres(OutboxDeliveryPostgresHost host) : OutboxDeliveryTests(host), IClassFixture<OutboxDeliveryPostgresHost>;
