using System.Net;
using Egi.TestOidc;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Egi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.Web.Tests.Account;

/// <summary>
/// Sign-in with the institutional account through a real OpenID Connect provider (OpenIddict, in-process on a real port):
/// the client follows the whole authorization-code flow by hand, hop by hop.
/// </summary>
public abstract class OidcSignInTests(OidcHost host) : IAsyncLifetime
{
    private const string EgiBase = OidcHost.EgiBase;

    private readonly EgiAppFactory app = host.App;
    private TestOidcProvider provider => host.Provider;

    /// <summary>Camila Andrea Salazar Nieto (demo servant 21): an evaluado with an account.</summary>
    private static readonly TestOidcUser Camila = new("sub-camila", "Camila Andrea Salazar Nieto", Accounts.Evaluado);

    private static readonly TestOidcUser Unknown = new("sub-unknown", "Persona Ajena", "persona.ajena@otra-entidad.gov.co");

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        provider.Reset();
        provider.AddUser(Camila);
        provider.AddUser(Unknown);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private void Configure(Dictionary<string, string?> settings) => host.Configure(settings);

    /// <summary>A browser-like client of the provider: keeps its own cookies, does not follow redirects.</summary>
    private HttpClient ProviderClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = provider.Authority };

    /// <summary>
    /// Presses «Ingresar con la cuenta institucional» on EGI, then signs in at the provider as <paramref name="user"/>;
    /// returns the URL the provider sends the browser back to (EGI's /signin-oidc with the code and state).
    /// </summary>
    private async Task<Uri> ThroughProviderAsync(HttpClient egi, TestOidcUser user, string? returnUrl = null)
    {
        var start = await egi.PostFormAsync("/Account/External", new() { ["returnUrl"] = returnUrl ?? "" }, getUrl: "/Account/Login");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith(provider.Authority + "connect/authorize?", authorize.ToString());
        var query = System.Web.HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.Equal(EgiBase + "/signin-oidc", query["redirect_uri"]);

        using var browser = ProviderClient();
        var toLogin = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        var loginUrl = new Uri(provider.Authority, toLogin.Headers.Location!);
        Assert.Equal("/login", loginUrl.AbsolutePath);
        var page = await browser.GetStringAsync(loginUrl);
        Assert.Contains("Ingresar como " + user.Name, page);
        var back = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["returnUrl"] = System.Web.HttpUtility.ParseQueryString(loginUrl.Query)["returnUrl"]!,
            ["sub"] = user.Subject,
        }));
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var answer = await browser.GetAsync(new Uri(provider.Authority, back.Headers.Location!));
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var callback = answer.Headers.Location!;
        Assert.StartsWith(EgiBase + "/signin-oidc?", callback.ToString());
        return callback;
    }

    /// <summary>Follows EGI's redirects (same host only) and returns the last response.</summary>
    private static async Task<HttpResponseMessage> FollowAsync(HttpClient egi, Uri url)
    {
        var response = await egi.GetAsync(url.PathAndQuery);
        for (var hops = 0; hops < 5 && response.StatusCode == HttpStatusCode.Redirect; hops++)
        {
            var next = response.Headers.Location!;
            if (next.IsAbsoluteUri && next.Host != "localhost") break;
            response = await egi.GetAsync(next.IsAbsoluteUri ? next.PathAndQuery : next.OriginalString);
        }
        return response;
    }

    private static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static async Task AssertSignedOutAsync(HttpClient egi)
    {
        var home = await egi.GetAsync("/Pending");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Contains("/Account/Login", home.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_known_servant_signs_in_with_the_institutional_account_and_reaches_their_pending_page()
    {
        var egi = app.NewClient();
        var login = await TextAsync(await egi.GetAsync("/Account/Login"));
        Assert.Contains("Ingresar con la cuenta institucional", login);
        Assert.Contains("Proveedor de prueba", login);
        Assert.Contains("name=\"Input.Password\"", login); // local accounts stay available by default

        var callback = await ThroughProviderAsync(egi, Camila, returnUrl: "/Pending");
        var page = await FollowAsync(egi, callback);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("/Pending", page.RequestMessage!.RequestUri!.AbsolutePath);
        var html = await TextAsync(page);
        Assert.Contains("Mis pendientes", html);
        Assert.Contains("Camila Andrea Salazar Nieto", html);
        Assert.Equal(1, provider.CodesRedeemed);

        // The login is remembered against the account, and audited; no account was created.
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var linked = await users.FindByLoginAsync(OidcOptions.Scheme, Camila.Subject);
        Assert.Equal(Accounts.Evaluado, linked?.Email);
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.Summary == "Inicio de sesión correcto con la cuenta institucional")));

        // Authorization is the usual one: an evaluado is still refused the directory.
        Assert.Equal(HttpStatusCode.Forbidden, (await egi.GetAsync("/Directory/Servants")).StatusCode);
    }

    [Fact]
    public async Task Once_linked_only_that_institutional_account_opens_the_egi_account_whatever_the_claim_says()
    {
        // Camila's first institutional sign-in links her «sub» to her account.
        var egi = app.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await FollowAsync(egi, await ThroughProviderAsync(egi, Camila))).StatusCode);

        // Another institutional account whose e-mail someone set to Camila's in the provider: refused, no session.
        var impostor = new TestOidcUser("sub-impostor", "Otra persona", Accounts.Evaluado);
        provider.AddUser(impostor);
        var other = app.NewClient();
        var refused = await FollowAsync(other, await ThroughProviderAsync(other, impostor));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var text = await TextAsync(refused);
        Assert.Contains("Cuenta institucional distinta", text);
        Assert.Contains($"La cuenta de EGI que corresponde a su correo institucional {Accounts.Evaluado} ya está vinculada a otra cuenta institucional", text);
        await AssertSignedOutAsync(other);

        // Camila's own institutional account with its e-mail changed to her jefe's: it opens neither his account nor hers.
        provider.AddUser(Camila with { Email = Accounts.Jefe });
        var changed = app.NewClient();
        var asJefe = await FollowAsync(changed, await ThroughProviderAsync(changed, Camila with { Email = Accounts.Jefe }));
        Assert.Equal(HttpStatusCode.Forbidden, asJefe.StatusCode);
        Assert.Contains("Su cuenta institucional ya está vinculada a otra cuenta de EGI", await TextAsync(asJefe));
        await AssertSignedOutAsync(changed);
        Assert.Equal(2, await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.Summary.StartsWith("Ingreso con cuenta institucional rechazado: la cuenta institucional"))));

        // Talento Humano unlinks Camila's account (her account in the provider was replaced): the next sign-in links again.
        var camilaUser = await app.WithDbAsync(d => d.Users.Where(u => u.Email == Accounts.Evaluado).Select(u => u.Id).SingleAsync());
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        Assert.Contains("sub-camila", await TextAsync(await hr.GetAsync($"/Accounts/Details/{camilaUser}")));
        var unlinked = await hr.PostFormAsync($"/Accounts/Details/{camilaUser}?handler=Unlink", new());
        Assert.Equal(HttpStatusCode.Redirect, unlinked.StatusCode);
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.Action == "Desvincular cuenta institucional" && a.EntityId == camilaUser)));
        Assert.Contains("Sin vincular", await TextAsync(await hr.GetAsync($"/Accounts/Details/{camilaUser}")));
        var twice = await hr.PostFormAsync($"/Accounts/Details/{camilaUser}?handler=Unlink", new());
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode); // a stale form: refused, said, nothing else changes
        Assert.Contains("no está vinculada a ninguna cuenta institucional", await TextAsync(twice));
        var again = app.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await FollowAsync(again, await ThroughProviderAsync(again, impostor))).StatusCode);
        Assert.Equal("sub-impostor", await app.WithDbAsync(d => d.Set<IdentityUserLogin<string>>().Where(l => l.UserId == camilaUser).Select(l => l.ProviderKey).SingleAsync()));
    }

    [Fact]
    public async Task An_unknown_person_gets_a_spanish_page_and_no_account_is_created()
    {
        var before = await app.WithDbAsync(d => d.Users.CountAsync());
        var egi = app.NewClient();

        var page = await FollowAsync(egi, await ThroughProviderAsync(egi, Unknown));

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var html = await TextAsync(page);
        Assert.Contains("Su cuenta institucional no tiene acceso a EGI", html);
        Assert.Contains("persona.ajena@otra-entidad.gov.co", html);
        Assert.Contains("No se creó ninguna cuenta", html);
        Assert.Contains("lang=\"es-CO\"", html);
        Assert.Equal(before, await app.WithDbAsync(d => d.Users.CountAsync()));
        Assert.False(await app.WithDbAsync(d => d.Set<IdentityUserLogin<string>>().AnyAsync()));
        await AssertSignedOutAsync(egi);
    }

    [Fact]
    public async Task A_tampered_state_is_refused_with_the_spanish_error_page_and_the_code_is_never_redeemed()
    {
        var egi = app.NewClient();
        var callback = await ThroughProviderAsync(egi, Camila);
        var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
        var state = query["state"]!;
        // One character of the protected state changed, as an attacker would.
        query["state"] = state[..10] + (state[10] == 'A' ? 'B' : 'A') + state[11..];
        var tampered = new Uri(EgiBase + "/signin-oidc?" + query);

        var page = await FollowAsync(egi, tampered);

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var html = await TextAsync(page);
        Assert.Contains("No se pudo completar el ingreso", html);
        Assert.DoesNotContain("Exception", html);
        Assert.Equal(0, provider.CodesRedeemed);
        await AssertSignedOutAsync(egi);
    }

    [Fact]
    public async Task The_provider_refusing_the_person_shows_the_spanish_page()
    {
        var refused = new TestOidcUser("sub-refused", "Persona que cancela", Accounts.Evaluado) { Deny = true };
        provider.AddUser(refused);
        var egi = app.NewClient();

        var callback = await ThroughProviderAsync(egi, refused);
        Assert.Contains("error=access_denied", callback.Query);
        var page = await FollowAsync(egi, callback);

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Ingreso cancelado", await TextAsync(page));
        await AssertSignedOutAsync(egi);
    }

    [Fact]
    public async Task A_locked_account_and_a_retired_servant_are_refused()
    {
        var retiredEmail = DemoData.EmailOf(38); // retired on 31/08/2026, before the test clock's 24/11/2026
        var jefeEmail = Accounts.Jefe;
        Assert.True(await app.WithDbAsync(d => d.Users.AnyAsync(u => u.Email == retiredEmail)), "the retired servant has an account");
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var jefe = await users.FindByEmailAsync(jefeEmail);
            await users.SetLockoutEndDateAsync(jefe!, DateTimeOffset.MaxValue); // as a deactivated account
        }
        var lockedUser = new TestOidcUser("sub-locked", "Jefe bloqueado", jefeEmail);
        var retiredUser = new TestOidcUser("sub-retired", "Servidor retirado", retiredEmail);
        provider.AddUser(lockedUser);
        provider.AddUser(retiredUser);

        var egi = app.NewClient();
        var locked = await FollowAsync(egi, await ThroughProviderAsync(egi, lockedUser));
        Assert.Equal(HttpStatusCode.Forbidden, locked.StatusCode);
        Assert.Contains("Cuenta bloqueada", await TextAsync(locked));
        await AssertSignedOutAsync(egi);

        var retired = await FollowAsync(egi, await ThroughProviderAsync(egi, retiredUser));
        Assert.Equal(HttpStatusCode.Forbidden, retired.StatusCode);
        Assert.Contains("31/08/2026", await TextAsync(retired));
        await AssertSignedOutAsync(egi);
        Assert.False(await app.WithDbAsync(d => d.Set<IdentityUserLogin<string>>().AnyAsync()));
    }

    [Fact]
    public async Task A_link_from_another_site_to_the_front_channel_sign_out_does_not_end_the_session()
    {
        var egi = app.NewClient();
        await FollowAsync(egi, await ThroughProviderAsync(egi, Camila));
        Assert.Equal(HttpStatusCode.OK, (await egi.GetAsync("/Pending")).StatusCode);
        var request = new HttpRequestMessage(HttpMethod.Get, "/signout-oidc");
        request.Headers.Referrer = new Uri("https://otro-sitio.example/");
        await egi.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, (await egi.GetAsync("/Pending")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_egi_session_and_the_providers()
    {
        var egi = app.NewClient();
        await FollowAsync(egi, await ThroughProviderAsync(egi, Camila));
        Assert.Equal(HttpStatusCode.OK, (await egi.GetAsync("/Pending")).StatusCode);

        var logout = await egi.PostFormAsync("/Account/Logout", new(), getUrl: "/Pending");

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        var endSession = logout.Headers.Location!;
        Assert.StartsWith(provider.Authority + "connect/endsession?", endSession.ToString());
        var query = System.Web.HttpUtility.ParseQueryString(endSession.Query);
        Assert.False(string.IsNullOrEmpty(query["id_token_hint"]));
        Assert.Equal(EgiBase + "/signout-callback-oidc", query["post_logout_redirect_uri"]);
        await AssertSignedOutAsync(egi);

        using var browser = ProviderClient();
        var back = await browser.GetAsync(endSession);
        Assert.Equal(1, provider.EndSessions);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.StartsWith(EgiBase + "/signout-callback-oidc", back.Headers.Location!.ToString());
        var landing = await FollowAsync(egi, back.Headers.Location!);
        Assert.Equal("/Account/Login", landing.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task The_document_number_claim_can_name_the_person()
    {
        await using var byDocument = new EgiAppFactory(app.Db);
        Configure(byDocument.Settings);
        byDocument.Settings["Authentication:Oidc:ClaimType"] = "documento";
        byDocument.Settings["Authentication:Oidc:MatchBy"] = "DocumentNumber";
        var camila = new TestOidcUser("sub-doc", "Camila por documento", null, new Dictionary<string, string> { ["documento"] = "1.022.345.987" });
        provider.AddUser(camila);
        var egi = byDocument.NewClient();

        var page = await FollowAsync(egi, await ThroughProviderAsync(egi, camila, "/Pending"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Camila Andrea Salazar Nieto", await TextAsync(page));
    }

    [Fact]
    public async Task A_provider_that_does_not_answer_gives_a_spanish_page_not_a_500()
    {
        // A port nothing listens on any more (the class's provider keeps answering the other tests).
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var down = new EgiAppFactory(app.Db);
        Configure(down.Settings);
        down.Settings["Authentication:Oidc:Authority"] = $"http://127.0.0.1:{port}/";
        var egi = down.NewClient();

        var response = await egi.PostFormAsync("/Account/External", new() { ["returnUrl"] = "" }, getUrl: "/Account/Login");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("El proveedor de identidad no responde", await TextAsync(response));
        await AssertSignedOutAsync(egi);
    }

    [Fact]
    public async Task Without_local_accounts_the_password_pages_answer_404_and_sign_in_only_offers_the_button()
    {
        await using var oidcOnly = new EgiAppFactory(app.Db);
        Configure(oidcOnly.Settings);
        oidcOnly.Settings["Authentication:Oidc:LocalAccounts"] = "false";
        var egi = oidcOnly.NewClient();

        var login = await egi.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var html = await TextAsync(login);
        Assert.Contains("Ingresar con la cuenta institucional", html);
        Assert.DoesNotContain("name=\"Input.Password\"", html);
        Assert.DoesNotContain("Olvidé mi contraseña", html);

        var password = await egi.PostFormAsync("/Account/Login", new() { ["Input.Email"] = Accounts.Evaluado, ["Input.Password"] = EgiAppFactory.Password });
        Assert.Equal(HttpStatusCode.NotFound, password.StatusCode);
        foreach (var path in new[] { "/Account/ForgotPassword", "/Account/ResetPassword?userId=x&code=y", "/Account/SetPassword?userId=x&code=y" })
            Assert.Equal(HttpStatusCode.NotFound, (await egi.GetAsync(path)).StatusCode);
        await AssertSignedOutAsync(egi);

        // The institutional account still signs in; then changing a password is not offered and answers 404.
        var page = await FollowAsync(egi, await ThroughProviderAsync(egi, Camila, "/Pending"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("Cambiar contraseña", await TextAsync(page));
        var change = await egi.GetAsync("/Account/ChangePassword");
        Assert.Equal(HttpStatusCode.NotFound, change.StatusCode);
        Assert.Contains("Página no encontrada", await TextAsync(change));
    }
}

public sealed class OidcSignInTestsSqlite(OidcSqliteHost host) : OidcSignInTests(host), IClassFixture<OidcSqliteHost>;

public sealed class OidcSignInTestsPostgres(OidcPostgresHost host) : OidcSignInTests(host), IClassFixture<OidcPostgresHost>;

/// <summary>
/// The class's OpenID Connect provider (in process, on a real port) and the EGI host configured to use it, shared by
/// the tests; each test starts with the host reset and the provider without people or counts.
/// </summary>
public abstract class OidcHost(Db db) : IAsyncLifetime
{
    public const string EgiBase = "http://localhost"; // the address of the in-memory test server

    private readonly SharedHost shared = new Shared(db);

    public TestOidcProvider Provider { get; private set; } = null!;

    public EgiAppFactory App => shared.App;

    public async Task InitializeAsync()
    {
        Provider = await TestOidcProvider.StartAsync();
        Provider.RegisterClient(new Uri(EgiBase));
        Configure(App.Settings);
        await shared.InitializeAsync();
    }

    public Task StartTestAsync() => shared.StartTestAsync();

    public void Configure(Dictionary<string, string?> settings)
    {
        settings["Authentication:Oidc:Enabled"] = "true";
        settings["Authentication:Oidc:Authority"] = Provider.Authority.ToString();
        settings["Authentication:Oidc:ClientId"] = TestOidcProvider.ClientId;
        settings["Authentication:Oidc:ClientSecret"] = TestOidcProvider.ClientSecret;
        settings["Authentication:Oidc:RequireHttpsMetadata"] = "false";
        settings["Authentication:Oidc:BaseUrl"] = EgiBase;
        settings["Authentication:Oidc:DisplayName"] = "Proveedor de prueba";
    }

    public async Task DisposeAsync()
    {
        await shared.DisposeAsync();
        await Provider.DisposeAsync();
    }

    private sealed class Shared(Db db) : SharedHost(db);
}

public sealed class OidcSqliteHost() : OidcHost(Db.Sqlite);

public sealed class OidcPostgresHost() : OidcHost(Db.Postgres);
