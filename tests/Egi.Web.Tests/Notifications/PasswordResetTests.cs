using System.Net;
using Egi.Web.Data;
using Egi.Web.Features.Account;
using Egi.Web.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Notifications;

public abstract class PasswordResetTests(SmtpHost host) : IAsyncLifetime
{
    private readonly TestSmtpServer smtp = host.Smtp;
    private readonly EgiAppFactory app = host.App;

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Reset_link_arrives_over_smtp_in_spanish_and_sets_a_new_password_once()
    {
        var client = app.NewClient();
        var asked = await client.PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = Accounts.Evaluado });
        Assert.Contains("recibirá un mensaje", WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync()));

        var mail = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal("EGI — restablecer su contraseña", mail.Subject);
        Assert.Equal(Accounts.Evaluado, mail.To.Mailboxes.Single().Address);
        Assert.Contains("Hola, Camila Andrea Salazar Nieto", mail.TextBody);
        Assert.Contains("Restablecer contraseña", mail.HtmlBody);
        var link = MailTestHelpers.LinkIn(mail);
        Assert.StartsWith("/Account/ResetPassword?", link);

        var form = await client.GetStringAsync(link);
        Assert.Contains(Accounts.Evaluado, form);
        var set = await client.PostFormAsync(link, new() { ["Input.NewPassword"] = "OtraClave2026x", ["Input.ConfirmPassword"] = "OtraClave2026x" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        await app.SignedInAsync(Accounts.Evaluado, "OtraClave2026x");

        var again = WebUtility.HtmlDecode(await app.NewClient().GetStringAsync(link));
        Assert.Contains("El enlace no es válido, ya se usó o venció", again);
    }

    [Fact]
    public async Task Unknown_email_gets_the_same_answer_and_nothing_is_sent()
    {
        var asked = await app.NewClient().PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = "nadie@otra-entidad.gov.co" });
        Assert.Contains("recibirá un mensaje", WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync()));
        Assert.Equal(0, await app.WithDbAsync(d => d.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task A_locked_account_gets_no_reset_link_and_a_reset_never_unlocks_it()
    {
        // Locked by Talento Humano: «Olvidé mi contraseña» answers as for any e-mail, and sends nothing.
        await SetLockAsync(Accounts.Evaluado, AccountLock.TalentoHumano, DateTimeOffset.MaxValue);
        var asked = await app.NewClient().PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = Accounts.Evaluado });
        Assert.Contains("recibirá un mensaje", WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync()));
        Assert.Equal(0, await app.WithDbAsync(d => d.OutboxMessages.CountAsync()));
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.Action == "Solicitar restablecimiento" && a.Summary.Contains("no se envió el enlace"))));

        // A reset link issued anyway (by a token made after the lock) shows why, sets nothing and unlocks nothing.
        string link;
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(Accounts.Evaluado))!;
            var token = await users.GeneratePasswordResetTokenAsync(user);
            link = $"/Account/ResetPassword?userId={Uri.EscapeDataString(user.Id)}&code={Uri.EscapeDataString(token)}";
        }
        var client = app.NewClient();
        var form = WebUtility.HtmlDecode(await client.GetStringAsync(link));
        Assert.Contains(AccountMessages.PasswordLocked, form);
        Assert.DoesNotContain("Guardar contraseña", form);
        var set = await client.PostFormAsync(link, new() { ["Input.NewPassword"] = "OtraClave2026x", ["Input.ConfirmPassword"] = "OtraClave2026x" }, getUrl: "/Account/ForgotPassword");
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Contains(AccountMessages.PasswordLocked, WebUtility.HtmlDecode(await set.Content.ReadAsStringAsync()));
        foreach (var password in new[] { "OtraClave2026x", EgiAppFactory.Password })
        {
            var login = await app.NewClient().PostFormAsync("/Account/Login", new() { ["Input.Email"] = Accounts.Evaluado, ["Input.Password"] = password });
            Assert.Contains("/Account/Lockout", login.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        }
        var after = await app.WithDbAsync(d => d.Users.SingleAsync(u => u.Email == Accounts.Evaluado));
        Assert.Equal(AccountLock.TalentoHumano, after.Lock);
        Assert.Equal(DateTimeOffset.MaxValue, after.LockoutEnd);
    }

    [Fact]
    public async Task An_account_locked_by_a_retiro_refuses_the_sign_in_whatever_identitys_lockout_end_holds()
    {
        // As a row left by an older version or by a direct reset would be: the lock recorded, Identity's end cleared.
        await SetLockAsync(Accounts.Jefe, AccountLock.Retirement, null);
        var login = await app.NewClient().PostFormAsync("/Account/Login", new() { ["Input.Email"] = Accounts.Jefe, ["Input.Password"] = EgiAppFactory.Password });
        Assert.Contains("/Account/Lockout", login.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }

    private Task SetLockAsync(string email, AccountLock kind, DateTimeOffset? end) => app.WithDbAsync(async d =>
    {
        var user = await d.Users.SingleAsync(u => u.Email == email);
        user.Lock = kind;
        user.LockoutEnd = end;
        await d.SaveChangesAsync();
    });

    [Fact]
    public async Task A_weak_new_password_is_refused_with_the_reason_and_the_link_stays_usable()
    {
        var client = app.NewClient();
        await client.PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = Accounts.Jefe });
        var link = MailTestHelpers.LinkIn((await smtp.WaitForAsync(1))[0]);
        var weak = await client.PostFormAsync(link, new() { ["Input.NewPassword"] = "abc", ["Input.ConfirmPassword"] = "abc" });
        Assert.Contains("al menos 10 caracteres", WebUtility.HtmlDecode(await weak.Content.ReadAsStringAsync()));
        var ok = await client.PostFormAsync(link, new() { ["Input.NewPassword"] = "ClaveBuena2026", ["Input.ConfirmPassword"] = "ClaveBuena2026" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
    }

    [Fact]
    public async Task Tampered_code_is_refused()
    {
        var client = app.NewClient();
        await client.PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = Accounts.Jefe });
        var link = MailTestHelpers.LinkIn((await smtp.WaitForAsync(1))[0]);
        var tampered = link.Replace("code=", "code=X", StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(tampered));
        Assert.Contains("El enlace no es válido", page);
        var post = await client.PostFormAsync(tampered, new() { ["Input.NewPassword"] = "ClaveBuena2026", ["Input.ConfirmPassword"] = "ClaveBuena2026" }, getUrl: "/Account/ForgotPassword");
        Assert.Contains("El enlace no es válido", WebUtility.HtmlDecode(await post.Content.ReadAsStringAsync()));
        // The e-mail arrives before the worker records it as sent: wait for the record, then nothing else was queued.
        await Eventually.UntilAsync(async () => await app.WithDbAsync(d => d.OutboxMessages.AnyAsync(m => m.State == OutboxState.Sent)),
            "the reset e-mail to be recorded as sent");
        Assert.Equal(OutboxState.Sent, await app.WithDbAsync(d => d.OutboxMessages.Select(m => m.State).SingleAsync()));
    }

    [Fact]
    public async Task A_forged_host_header_never_reaches_the_link_of_the_email()
    {
        await using var smtp2 = new TestSmtpServer();
        await smtp2.StartAsync();
        await using var bare = new EgiAppFactory(app.Db).WithSmtp(smtp2);
        bare.Settings["Mail:BaseUrl"] = ""; // the documented default: no base URL configured
        var client = bare.NewClient();
        client.DefaultRequestHeaders.Host = "attacker.example";

        await client.PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = Accounts.Evaluado });

        var mail = Assert.Single(await smtp2.WaitForAsync(1));
        Assert.DoesNotContain("attacker.example", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("attacker.example", mail.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/Account/ResetPassword?", mail.TextBody);
    }
}

public sealed class PasswordResetTestsSqlite(SmtpSqliteHost host) : PasswordResetTests(host), IClassFixture<SmtpSqliteHost>;

public sealed class PasswordResetTestsPostgres(SmtpPostgresHost host) : PasswordResetTests(host), IClassFixture<SmtpPostgresHost>;
