using System.Net;
using System.Text.RegularExpressions;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Egi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.Web.Tests.Account;

/// <summary>
/// Two application hosts on one database, as two instances behind a reverse proxy: the data-protection key ring is in
/// the database, so a sign-in cookie, an antiforgery token or an e-mailed link made by one is good on the other.
/// </summary>
public abstract partial class SeveralInstancesTests(Db db) : IAsyncLifetime
{
    private EgiAppFactory first = null!;
    private EgiAppFactory second = null!;

    public Task InitializeAsync()
    {
        first = new EgiAppFactory(db);
        second = first.SecondInstance();
        _ = first.Services; // the first instance creates and seeds the database; the second starts on it
        _ = second.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
    }

    private static async Task<string> TokenAtAsync(HttpClient client, string url)
    {
        var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return HttpClientFormExtensions.AntiforgeryToken(await page.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string token, Dictionary<string, string>? fields = null) =>
        client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = token }));

    private static Dictionary<string, string> Credentials => new() { ["Input.Email"] = Accounts.Evaluado, ["Input.Password"] = EgiAppFactory.Password };

    /// <summary>One browser (one cookie jar) whose requests the proxy sends to either instance.</summary>
    private static (HttpClient OnFirst, HttpClient OnSecond) Browser(EgiAppFactory a, EgiAppFactory b)
    {
        var cookies = new CookieContainer();
        return (a.CreateDefaultClient(new CookieContainerHandler(cookies)), b.CreateDefaultClient(new CookieContainerHandler(cookies)));
    }

    [Fact]
    public async Task A_sign_in_cookie_from_one_instance_opens_a_signed_in_page_on_the_other()
    {
        var (onFirst, onSecond) = Browser(first, second);
        var signIn = await PostAsync(onFirst, "/Account/Login", await TokenAtAsync(onFirst, "/Account/Login"), Credentials);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var pending = await onSecond.GetAsync("/Pending");
        Assert.Equal(HttpStatusCode.OK, pending.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onFirst.GetAsync("/Pending")).StatusCode);

        // The key ring is in the database, and out of the audit trail.
        Assert.True(await first.WithDbAsync(d => d.DataProtectionKeys.CountAsync()) >= 1);
        Assert.False(await first.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.EntityType.Contains("DataProtection"))));
    }

    [Fact]
    public async Task An_instance_on_another_database_does_not_read_the_cookie()
    {
        // The control of the test above: the hosts do not share keys by another way (such as the home folder).
        await using var elsewhere = new EgiAppFactory(db);
        var (onFirst, onElsewhere) = Browser(first, elsewhere);
        var signIn = await PostAsync(onFirst, "/Account/Login", await TokenAtAsync(onFirst, "/Account/Login"), Credentials);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var pending = await onElsewhere.GetAsync("/Pending");
        Assert.Equal(HttpStatusCode.Redirect, pending.StatusCode);
        Assert.StartsWith("/Account/Login", pending.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_antiforgery_token_from_one_instance_is_accepted_by_the_other_on_a_post()
    {
        var (onFirst, onSecond) = Browser(first, second);

        // A forged token is refused: the check is on.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(onSecond, "/Account/Login", "forged", Credentials)).StatusCode);

        // Anonymous: the sign-in form comes from the first instance, its POST goes to the second.
        var signIn = await PostAsync(onSecond, "/Account/Login", await TokenAtAsync(onFirst, "/Account/Login"), Credentials);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // Signed in (the token is bound to the user): a page of the first instance, the sign-out POST on the second.
        var signOut = await PostAsync(onSecond, "/Account/Logout", await TokenAtAsync(onFirst, "/Pending"));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.StartsWith("/Account/Login", signOut.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await onFirst.GetAsync("/Pending")).StatusCode); // signed out everywhere
    }

    [Fact]
    public async Task An_invitation_link_made_by_one_instance_is_good_on_the_other()
    {
        string token;
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(Accounts.Evaluado))!;
            token = await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose);
        }
        await using (var scope = second.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(Accounts.Evaluado))!;
            Assert.True(await users.VerifyUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose, token));
        }
    }
}

public sealed class SeveralInstancesTestsSqlite() : SeveralInstancesTests(Db.Sqlite);

public sealed class SeveralInstancesTestsPostgres() : SeveralInstancesTests(Db.Postgres);
