using System.Net;
using Egi.Web.Data;
using Egi.Web.Notifications;
using Egi.Web.Notifications.Calendar;
using Egi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.Web.Tests.Notifications;

public abstract class InvitationsPageTests(SmtpHost host) : IAsyncLifetime
{
    private readonly TestSmtpServer smtp = host.Smtp;
    private readonly EgiAppFactory app = host.App;

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Makes a demo account look never activated (no password), as an imported servant's would be.</summary>
    private async Task<string> RemovePasswordAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.True((await users.RemovePasswordAsync(user)).Succeeded);
        return user.Id;
    }

    [Fact]
    public async Task Talento_humano_resends_an_invitation_that_arrives_and_works()
    {
        var userId = await RemovePasswordAsync(Accounts.Evaluado);
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var page = WebUtility.HtmlDecode(await hr.GetStringAsync("/Directory/Invitations"));
        Assert.Contains("Camila Andrea Salazar Nieto", page);
        Assert.Contains("Nunca", page);

        var resend = await hr.PostFormAsync($"/Directory/Invitations?handler=Resend&userId={userId}", new(), getUrl: "/Directory/Invitations");
        Assert.Equal(HttpStatusCode.Redirect, resend.StatusCode);
        var mail = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal(Accounts.Evaluado, mail.To.Mailboxes.Single().Address);
        var link = MailTestHelpers.LinkIn(mail);
        var set = await app.NewClient().PostFormAsync(link, new() { ["Input.NewPassword"] = "Activada2026x", ["Input.ConfirmPassword"] = "Activada2026x" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        await app.SignedInAsync(Accounts.Evaluado, "Activada2026x");
        Assert.DoesNotContain("Camila Andrea Salazar Nieto", WebUtility.HtmlDecode(await hr.GetStringAsync("/Directory/Invitations")));
        Assert.Equal(1, await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.Action == "Invitar" && a.EntityId == userId)));
    }

    [Fact]
    public async Task Only_talento_humano_may_resend()
    {
        var userId = await RemovePasswordAsync(Accounts.Evaluado);
        var anonymous = await app.NewClient().GetAsync("/Directory/Invitations");
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery);
        foreach (var who in new[] { Accounts.Jefe, Accounts.Consulta, Accounts.Planeacion })
        {
            var client = await app.SignedInAsync(who);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Directory/Invitations")).StatusCode);
            var post = await client.PostFormAsync($"/Directory/Invitations?handler=Resend&userId={userId}", new(), getUrl: "/Account/ChangePassword");
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }
        Assert.Equal(0, await app.WithDbAsync(d => d.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task An_attachment_arrives_with_the_message()
    {
        var start = new DateTimeOffset(2027, 3, 10, 9, 0, 0, TimeSpan.FromHours(-5));
        var ics = new CalendarEvent("sesion-1@egi", "Socialización EGI", "Uso del módulo de metas", "Sala 3", null, start, start.AddHours(2),
            new CalendarPerson(Accounts.TalentoHumano, "Talento Humano"), [new CalendarPerson(Accounts.Evaluado, "Camila")]);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            await notifier.QueueAsync(new Recipient(Accounts.Evaluado, "Camila", null),
                new RenderedEmail("Citación: socialización EGI", "<p>Citación</p>", "Citación", "Citación", null), Egi.Web.Notifications.MailKind.SessionInvitation,
                attachments: [new MailAttachment("invitacion.ics", IcsWriter.ContentType(ics), IcsWriter.WriteUtf8(ics, start))]);
            await scope.ServiceProvider.GetRequiredService<EgiDbContext>().SaveChangesAsync();
        }
        var mail = Assert.Single(await smtp.WaitForAsync(1));
        var attachment = Assert.Single(mail.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal("invitacion.ics", attachment.FileName);
        Assert.Equal("text/calendar", attachment.ContentType.MimeType);
        Assert.NotNull(attachment.Content);
        using var content = new MemoryStream();
        await attachment.Content.DecodeToAsync(content);
        var calendar = IcsReader.Parse(content.ToArray());
        var vevent = calendar.Component("VEVENT");
        Assert.Equal("20270310T090000", vevent.One("DTSTART").Value);
        Assert.Equal("America/Bogota", vevent.One("DTSTART").Param("TZID"));
        Assert.Equal("mailto:" + Accounts.Evaluado, vevent.One("ATTENDEE").Value);
    }
}

public sealed class InvitationsPageTestsSqlite(SmtpSqliteHost host) : InvitationsPageTests(host), IClassFixture<SmtpSqliteHost>;

public sealed class InvitationsPageTestsPostgres(SmtpPostgresHost host) : InvitationsPageTests(host), IClassFixture<SmtpPostgresHost>;
