using System.Net;
using Egi.Web.Data;
using Egi.Web.Features.Accounts;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Egi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.Web.Tests.AccountsAndRoles;

/// <summary>
/// «Cuentas y roles» (issue 12 item 2): only Talento Humano reaches it; the list is searched and paged in the database;
/// granting and revoking roles, locking and unlocking and resending the invitation are audited; revoking a role or
/// locking ends open sessions at their next request after the stamp interval; the last active Talento Humano stays.
/// </summary>
public abstract class AccountsPageTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync() => host.StartTestAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<string> UserIdAsync(string email) =>
        app.WithDbAsync(d => d.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static async Task<HttpResponseMessage> ActAsync(HttpClient client, string userId, string handler, string? role = null)
    {
        var fields = new Dictionary<string, string>();
        if (role is not null) fields["role"] = role;
        return await client.PostFormAsync($"/Accounts/Details/{userId}?handler={handler}", fields, getUrl: $"/Accounts/Details/{userId}");
    }

    /// <summary>Moves the clock past the security stamp interval: an open session's cookie is checked at its next request.</summary>
    private void PastStampInterval() => app.Clock.Advance(ServiceRegistration.SecurityStampInterval + TimeSpan.FromSeconds(1));

    private static bool SentToSignIn(HttpResponseMessage r) =>
        r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.OriginalString.Contains("/Account/Login", StringComparison.Ordinal);

    [Fact]
    public async Task Only_Talento_Humano_reaches_the_accounts_screen_and_its_actions()
    {
        var target = await UserIdAsync(Accounts.Evaluado);
        var anonymous = await app.NewClient().GetAsync("/Accounts");
        Assert.True(SentToSignIn(anonymous));
        foreach (var email in new[] { Accounts.Evaluado, Accounts.Jefe, Accounts.Planeacion, Accounts.Consulta })
        {
            var client = await app.SignedInAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Accounts")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Accounts/Details/{target}")).StatusCode);
            foreach (var handler in new[] { "Lock", "Grant" })
            {
                var post = await client.PostFormAsync($"/Accounts/Details/{target}?handler={handler}",
                    new() { ["role"] = EgiRoles.TalentoHumano }, getUrl: "/Account/ChangePassword");
                Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
            }
        }
        var user = await app.WithDbAsync(d => d.Users.AsNoTracking().SingleAsync(u => u.Id == target));
        Assert.Equal(AccountLock.None, user.Lock);
        Assert.False(await app.WithDbAsync(d => d.UserRoles.AnyAsync(ur => ur.UserId == target)));

        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var html = WebUtility.HtmlDecode(await hr.GetStringAsync("/Accounts"));
        Assert.Contains("<h1 class=\"h3 mb-3\">Cuentas y roles</h1>", html);
        Assert.Contains("href=\"/Accounts\">Cuentas y roles</a>", WebUtility.HtmlDecode(await hr.GetStringAsync("/")));
        Assert.DoesNotContain("href=\"/Accounts\"", WebUtility.HtmlDecode(await (await app.SignedInAsync(Accounts.Consulta)).GetStringAsync("/")));
    }

    [Fact]
    public async Task The_list_is_searched_filtered_and_paged_in_the_database_with_roles_servant_last_sign_in_and_state()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var total = await app.WithDbAsync(d => d.Users.CountAsync());
        Assert.True(total > IndexModel.PageSize);

        var first = WebUtility.HtmlDecode(await hr.GetStringAsync("/Accounts"));
        Assert.Contains($"Se encontraron {total} cuentas.", first);
        Assert.Contains($"Página 1 de {(total + IndexModel.PageSize - 1) / IndexModel.PageSize}", first);
        var second = WebUtility.HtmlDecode(await hr.GetStringAsync("/Accounts?pagina=2"));
        Assert.Contains("Página 2 de", second);

        // Accent- and case-insensitive through the servant's search text; the document finds the servant's account.
        var byName = WebUtility.HtmlDecode(await hr.GetStringAsync("/Accounts?q=sandra+LOPEZ"));
        Assert.Contains("Se encontró 1 cuenta.", byName);
        Assert.Contains(Accounts.TalentoHumano, byName);
        Assert.Contains("Talento Humano", byName);
        Assert.Contains("Documento 52678901", byName);
        // Signed in a moment ago, through the real sign-in page: 24/11/2026 10:00 in Bogotá.
        Assert.Contains("24/11/2026 10:00", byName);
        Assert.Contains("Se encontró 1 cuenta.", WebUtility.HtmlDecode(await hr.GetStringAsync("/Accounts?q=52678901")));

        var consulta = WebUtility.HtmlDecode(await hr.GetStringAsync("/Accounts?rol=Consulta"));
        Assert.Contains("Se encontró 1 cuenta.", consulta);
        Assert.Contains("Sin servidor vinculado", consulta);
        Assert.Contains("Nunca", consulta); // Control Interno never signed in
        Assert.Contains("Se encontraron 0 cuentas.", WebUtility.HtmlDecode(await hr.GetStringAsync("/Accounts?estado=bloqueadas")));
        // Bad filters are ignored, never an error.
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync("/Accounts?pagina=abc&rol=%3Cx%3E&estado=zzz")).StatusCode);
    }

    [Fact]
    public async Task A_role_granted_and_revoked_is_audited_and_the_open_session_loses_it()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var evaluado = await UserIdAsync(Accounts.Evaluado);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(hr, evaluado, "Grant", EgiRoles.Planeacion)).StatusCode);

        var session = await app.SignedInAsync(Accounts.Evaluado);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/Plans")).StatusCode);
        var bystander = await app.SignedInAsync(Accounts.Jefe);

        var revoked = await ActAsync(hr, evaluado, "Revoke", EgiRoles.Planeacion);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.False(await app.WithDbAsync(d => d.UserRoles.AnyAsync(ur => ur.UserId == evaluado)));
        PastStampInterval();
        Assert.True(SentToSignIn(await session.GetAsync("/Plans")));
        Assert.Equal(HttpStatusCode.OK, (await bystander.GetAsync("/")).StatusCode); // other sessions go on

        var audit = await app.WithDbAsync(d => d.AuditEntries.Where(a => a.EntityId == evaluado && a.EntityType == "Cuenta")
            .Select(a => new { a.Action, a.Summary, a.UserName }).ToListAsync());
        Assert.Contains(audit, a => a.Action == "Otorgar rol" && a.Summary.Contains("Planeación", StringComparison.Ordinal) && a.UserName == Accounts.TalentoHumano);
        Assert.Contains(audit, a => a.Action == "Revocar rol" && a.Summary.Contains("Planeación", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_last_active_Talento_Humano_is_never_revoked_or_locked_and_a_locked_account_cannot_sign_in()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var sandra = await UserIdAsync(Accounts.TalentoHumano);
        var planeacion = await UserIdAsync(Accounts.Planeacion);

        var refused = await ActAsync(hr, sandra, "Revoke", EgiRoles.TalentoHumano);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(AccountAdministration.LastTalentoHumano, await TextAsync(refused));
        Assert.Contains("No puede bloquear su propia cuenta.", await TextAsync(await ActAsync(hr, sandra, "Lock")));

        // A second Talento Humano locks the first: allowed, the first's session ends and her sign-in is refused.
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(hr, planeacion, "Grant", EgiRoles.TalentoHumano)).StatusCode);
        var second = await app.SignedInAsync(Accounts.Planeacion);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(second, sandra, "Lock")).StatusCode);
        Assert.Equal(AccountLock.TalentoHumano, await app.WithDbAsync(d => d.Users.Where(u => u.Id == sandra).Select(u => u.Lock).SingleAsync()));
        PastStampInterval();
        Assert.True(SentToSignIn(await hr.GetAsync("/Accounts")));
        var login = await app.NewClient().PostFormAsync("/Account/Login",
            new() { ["Input.Email"] = Accounts.TalentoHumano, ["Input.Password"] = EgiAppFactory.Password });
        Assert.Contains("/Account/Lockout", login.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // Now the second is the only active Talento Humano: revoking her own role is refused, in Spanish.
        var last = await ActAsync(second, planeacion, "Revoke", EgiRoles.TalentoHumano);
        Assert.Contains(AccountAdministration.LastTalentoHumano, await TextAsync(last));
        Assert.True(await app.WithDbAsync(d => d.UserRoles.AnyAsync(ur => ur.UserId == planeacion
            && d.Roles.Any(r => r.Id == ur.RoleId && r.Name == EgiRoles.TalentoHumano))));

        // Unlocked, the first signs in again; with two active, the second's role can go.
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(second, sandra, "Unlock")).StatusCode);
        var back = await app.SignedInAsync(Accounts.TalentoHumano);
        Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(back, planeacion, "Revoke", EgiRoles.TalentoHumano)).StatusCode);

        var actions = await app.WithDbAsync(d => d.AuditEntries.Where(a => a.EntityType == "Cuenta").Select(a => a.Action).ToListAsync());
        Assert.Contains("Bloquear cuenta", actions);
        Assert.Contains("Desbloquear cuenta", actions);
    }

    [Fact]
    public async Task The_invitation_is_sent_again_only_to_an_account_without_a_password()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var evaluado = await UserIdAsync(Accounts.Evaluado);
        var already = await ActAsync(hr, evaluado, "Invite");
        Assert.Contains("ya creó su contraseña", await TextAsync(already));
        Assert.Equal(0, await app.WithDbAsync(d => d.OutboxMessages.CountAsync(m => m.Kind == nameof(Egi.Web.Notifications.MailKind.Invitation) && m.ToAddress == Accounts.Evaluado)));

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.RemovePasswordAsync((await users.FindByIdAsync(evaluado))!)).Succeeded);
        }
        var sent = await ActAsync(hr, evaluado, "Invite");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var message = await app.WithDbAsync(d => d.OutboxMessages.SingleAsync(m => m.Kind == nameof(Egi.Web.Notifications.MailKind.Invitation) && m.ToAddress == Accounts.Evaluado));
        Assert.Contains("/Account/SetPassword?userId=", message.TextBody, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.Action == "Invitar" && a.EntityId == evaluado)));
    }
}

public sealed class AccountsPageTestsSqlite(SqliteHost host) : AccountsPageTests(host), IClassFixture<SqliteHost>;

public sealed class AccountsPageTestsPostgres(PostgresHost host) : AccountsPageTests(host), IClassFixture<PostgresHost>;
