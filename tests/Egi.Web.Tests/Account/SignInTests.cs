using System.Net;
using Egi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.Web.Tests.Account;

public abstract class SignInTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync()
    {
        return host.StartTestAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Anonymous_user_is_sent_to_the_spanish_sign_in_page()
    {
        var client = app.NewClient();
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
        var page = await (await client.GetAsync(response.Headers.Location)).Content.ReadAsStringAsync();
        Assert.Contains("Iniciar sesión", WebUtility.HtmlDecode(page));
        Assert.Contains("lang=\"es-CO\"", page);
    }

    [Fact]
    public async Task Talento_humano_signs_in_and_sees_the_role_menu()
    {
        var client = await app.SignedInAsync(Accounts.TalentoHumano);
        var home = WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        Assert.Contains("Bienvenido(a), Sandra Milena López Quintero", home);
        Assert.Contains("href=\"/Directory/Servants\"", home);
        Assert.Contains("Talento Humano", home);
    }

    [Fact]
    public async Task Evaluado_does_not_get_the_talento_humano_menu()
    {
        var client = await app.SignedInAsync(Accounts.Evaluado);
        var home = WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        Assert.DoesNotContain("href=\"/Directory/Servants\"", home);
        Assert.Contains("Evaluable", home);
    }

    [Fact]
    public async Task Wrong_password_is_refused_in_spanish()
    {
        var client = app.NewClient();
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = Accounts.Evaluado, ["Input.Password"] = "equivocada" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("El correo o la contraseña no son correctos", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_even_for_the_right_password()
    {
        var client = app.NewClient();
        for (var i = 0; i < 5; i++)
            await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = Accounts.Jefe, ["Input.Password"] = "equivocada" + i });

        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = Accounts.Jefe, ["Input.Password"] = EgiAppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Lockout", response.Headers.Location!.OriginalString);

        var locked = await app.WithDbAsync(async _ =>
        {
            using var scope = app.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Data.AppUser>>();
            return await users.IsLockedOutAsync((await users.FindByEmailAsync(Accounts.Jefe))!);
        });
        Assert.True(locked);
    }

    [Fact]
    public async Task Four_failed_attempts_do_not_lock()
    {
        var client = app.NewClient();
        for (var i = 0; i < 4; i++)
            await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = Accounts.Jefe, ["Input.Password"] = "equivocada" + i });
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = Accounts.Jefe, ["Input.Password"] = EgiAppFactory.Password });
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Change_password_requires_the_current_one_and_then_works()
    {
        var client = await app.SignedInAsync(Accounts.Evaluado);
        var bad = await client.PostFormAsync("/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = "no-es-esta",
            ["Input.NewPassword"] = "NuevaClave2027",
            ["Input.ConfirmPassword"] = "NuevaClave2027",
        });
        Assert.Contains("La contraseña actual no es correcta", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));

        var weak = await client.PostFormAsync("/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = EgiAppFactory.Password,
            ["Input.NewPassword"] = "corta",
            ["Input.ConfirmPassword"] = "corta",
        });
        Assert.Contains("al menos 10 caracteres", WebUtility.HtmlDecode(await weak.Content.ReadAsStringAsync()));

        var ok = await client.PostFormAsync("/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = EgiAppFactory.Password,
            ["Input.NewPassword"] = "NuevaClave2027",
            ["Input.ConfirmPassword"] = "NuevaClave2027",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        await app.SignedInAsync(Accounts.Evaluado, "NuevaClave2027");
    }

    [Fact]
    public async Task Sign_out_from_the_menu_ends_the_session()
    {
        var client = await app.SignedInAsync(Accounts.Evaluado);
        var response = await client.PostFormAsync("/Account/Logout", new(), getUrl: "/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.OriginalString);
        var after = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Health_answers_when_the_database_answers()
    {
        var response = await app.NewClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_page_is_a_spanish_404()
    {
        var client = await app.SignedInAsync(Accounts.Evaluado);
        var response = await client.GetAsync("/no-existe");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Página no encontrada", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }
}

public sealed class SignInTestsSqlite(SqliteHost host) : SignInTests(host), IClassFixture<SqliteHost>;

public sealed class SignInTestsPostgres(PostgresHost host) : SignInTests(host), IClassFixture<PostgresHost>;
