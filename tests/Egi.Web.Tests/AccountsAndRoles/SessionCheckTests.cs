using System.Net;
using System.Security.Claims;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Egi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Egi.Web.Tests.AccountsAndRoles;

/// <summary>
/// The check of an open session against its account (once a <see cref="ServiceRegistration.SecurityStampInterval"/>
/// per session, so on nearly every page of a person who reads for more than a minute) and the claims a sign-in cookie
/// carries: the same as Identity's own factory gives, read in one statement whatever the account's roles and claims.
/// </summary>
public abstract class SessionCheckTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync() => host.StartTestAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private const string GrantedClaim = "egi:test-claim";

    /// <summary>Gives the account more to carry: every role, a claim of its own and a claim on two of the roles.</summary>
    private async Task<AppUser> WithRolesAndClaimsAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var user = (await users.FindByEmailAsync(email))!;
        foreach (var role in EgiRoles.All)
            if (!await users.IsInRoleAsync(user, role)) Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        Assert.True((await users.AddClaimAsync(user, new Claim(GrantedClaim, "de la cuenta"))).Succeeded);
        foreach (var name in new[] { EgiRoles.Planeacion, EgiRoles.Consulta })
            Assert.True((await roles.AddClaimAsync((await roles.FindByNameAsync(name))!, new Claim(GrantedClaim, "del rol " + name))).Succeeded);
        return user;
    }

    [Fact]
    public async Task A_session_due_for_its_check_reads_the_account_in_two_statements_whatever_its_roles()
    {
        var evaluado = await app.SignedInAsync(Accounts.Evaluado);
        Assert.Equal(HttpStatusCode.OK, (await evaluado.GetAsync("/Help")).StatusCode);
        app.Queries.Reset();
        Assert.Equal(HttpStatusCode.OK, (await evaluado.GetAsync("/Help")).StatusCode);
        var fresh = app.Queries.Texts.Count(IsAccounts);

        await WithRolesAndClaimsAsync(Accounts.Evaluado);
        app.Clock.Advance(ServiceRegistration.SecurityStampInterval + TimeSpan.FromSeconds(1));
        app.Queries.Reset();
        var due = await evaluado.GetAsync("/Help");
        var texts = app.Queries.Texts;
        Assert.Equal(HttpStatusCode.OK, due.StatusCode);
        // The account by its id (Identity's check of the stamp), then its claims, its three roles and their claims in one.
        Assert.True(texts.Count(IsAccounts) - fresh == 2, string.Join("\n----\n", texts.Where(IsAccounts)));
        // The cookie is renewed with what the account holds now: the roles granted since the sign-in open their pages.
        Assert.Contains(due.Headers.GetValues("Set-Cookie"), c => c.StartsWith("egi.auth=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await evaluado.GetAsync("/Dashboard")).StatusCode);
    }

    /// <summary>
    /// The account by id (where every session's check starts) comes from EGI's store, a compiled query: the same account
    /// as Identity's own store gives, the same tracked instance within a request, none for an id that does not exist.
    /// </summary>
    [Fact]
    public async Task The_account_by_id_is_the_one_identitys_own_store_finds()
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var store = Assert.IsType<EgiUserStore>(services.GetRequiredService<IUserStore<AppUser>>());
        var db = services.GetRequiredService<EgiDbContext>();
        var id = await db.Users.Where(u => u.Email == Accounts.Jefe).Select(u => u.Id).SingleAsync();

        var ours = await store.FindByIdAsync(id);
        using var identitys = new Microsoft.AspNetCore.Identity.EntityFrameworkCore.UserStore<AppUser, IdentityRole, EgiDbContext>(db);
        Assert.NotNull(ours);
        Assert.Same(ours, await identitys.FindByIdAsync(id));
        Assert.Equal((Accounts.Jefe, ours.SecurityStamp), (ours.Email, (await db.Users.AsNoTracking().SingleAsync(u => u.Id == id)).SecurityStamp));
        Assert.Same(ours, await store.FindByIdAsync(id));
        Assert.Null(await store.FindByIdAsync("no-existe"));
        Assert.Null(await store.FindByIdAsync(""));
    }

    private static bool IsAccounts(string sql) => sql.Contains("AspNet", StringComparison.Ordinal);

    [Fact]
    public async Task The_cookie_carries_what_identitys_own_factory_gives_and_the_directory_link()
    {
        await WithRolesAndClaimsAsync(Accounts.Evaluado);
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(Accounts.Evaluado))!;
        var identitys = await new UserClaimsPrincipalFactory<AppUser, IdentityRole>(users,
            services.GetRequiredService<RoleManager<IdentityRole>>(), services.GetRequiredService<IOptions<IdentityOptions>>()).CreateAsync(user);
        var egis = await services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);

        // (in any order: Identity reads the roles in the order the database gives them)
        static string[] Of(ClaimsPrincipal p) => [.. p.Claims.Select(c => c.Type + " = " + c.Value).Order(StringComparer.Ordinal)];
        Assert.Equal(Of(identitys), Of(egis).Where(c => !c.StartsWith("egi:servant", StringComparison.Ordinal) && !c.StartsWith("egi:name", StringComparison.Ordinal)));
        Assert.Contains(GrantedClaim + " = del rol " + EgiRoles.Consulta, Of(egis));
        Assert.Equal(3, egis.Claims.Count(c => c.Type == ClaimTypes.Role));
        Assert.Contains("egi:servant = " + user.ServantId, Of(egis));
        Assert.Contains("egi:name = " + user.DisplayName, Of(egis));
        var (theirs, ours) = ((ClaimsIdentity)identitys.Identity!, (ClaimsIdentity)egis.Identity!);
        Assert.Equal((theirs.AuthenticationType, theirs.NameClaimType, theirs.RoleClaimType), (ours.AuthenticationType, ours.NameClaimType, ours.RoleClaimType));
        Assert.Equal(user.UserName, egis.Identity!.Name);
    }
}

public sealed class SessionCheckTestsSqlite(QuietSqliteHost host) : SessionCheckTests(host), IClassFixture<QuietSqliteHost>;

public sealed class SessionCheckTestsPostgres(QuietPostgresHost host) : SessionCheckTests(host), IClassFixture<QuietPostgresHost>;
