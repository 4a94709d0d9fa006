using System.Net;
using System.Text.RegularExpressions;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Egi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Egi.Web.Tests.Operations;

/// <summary>
/// A production start (issue 12, item 1): outside Development EGI refuses to start without Mail:BaseUrl or with the
/// demo not explicitly allowed, says why in the log in Spanish and English, and warns about AllowedHosts=*.
/// </summary>
public sealed class ProductionStartTests
{
    private static async Task<ProductionAppFactory> RefusedAsync(Action<ProductionAppFactory> configure)
    {
        var app = new ProductionAppFactory(Db.Sqlite);
        configure(app);
        Assert.ThrowsAny<Exception>(() => app.CreateClient());
        await Task.CompletedTask;
        return app;
    }

    [Fact]
    public async Task Without_mail_base_url_production_refuses_to_start_and_says_why()
    {
        await using var app = await RefusedAsync(a => a.Settings["Mail:BaseUrl"] = null);
        Assert.True(app.Log.Has(LogLevel.Critical, "EGI no arranca: falta Mail:BaseUrl"), string.Join("\n", app.Log.Lines));
        Assert.True(app.Log.Has(LogLevel.Critical, "EGI refuses to start: Mail:BaseUrl is missing"));
    }

    [Fact]
    public async Task A_base_url_that_is_not_an_absolute_http_url_is_refused()
    {
        foreach (var bad in new[] { "egi.entidad.gov.co", "ftp://egi.entidad.gov.co", "/egi" })
        {
            await using var app = await RefusedAsync(a => a.Settings["Mail:BaseUrl"] = bad);
            Assert.True(app.Log.Has(LogLevel.Critical, $"Mail:BaseUrl=«{bad}» no es una dirección http(s) completa"), string.Join("\n", app.Log.Lines));
        }
    }

    [Fact]
    public async Task The_demo_outside_development_needs_an_explicit_opt_in_and_is_then_warned_about()
    {
        await using (var refused = await RefusedAsync(a => a.Settings["Egi:SeedDemo"] = "true"))
        {
            Assert.True(refused.Log.Has(LogLevel.Critical, "EGI no arranca: Egi:SeedDemo=true fuera de Development"), string.Join("\n", refused.Log.Lines));
            Assert.True(refused.Log.Has(LogLevel.Critical, "Egi:AllowDemoOutsideDevelopment=true"));
            Assert.True(refused.Log.Has(LogLevel.Critical, "EGI refuses to start: Egi:SeedDemo=true outside Development"));
        }

        await using var allowed = new ProductionAppFactory(Db.Sqlite);
        allowed.Settings["Egi:SeedDemo"] = "true";
        allowed.Settings["Egi:AllowDemoOutsideDevelopment"] = "true";
        var client = allowed.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.True(allowed.Log.Has(LogLevel.Warning, "Entidad de demostración habilitada fuera de Development"));
        Assert.True(await allowed.Services.CreateScope().ServiceProvider.GetRequiredService<EgiDbContext>().Servants.AnyAsync());
    }

    [Fact]
    public async Task A_proper_configuration_starts_and_allowed_hosts_comes_from_configuration()
    {
        await using (var open = new ProductionAppFactory(Db.Sqlite))
        {
            Assert.Equal(HttpStatusCode.OK, (await open.NewClient().GetAsync("/health")).StatusCode);
            Assert.True(open.Log.Has(LogLevel.Warning, "AllowedHosts=* acepta cualquier encabezado Host"), string.Join("\n", open.Log.Lines));
            Assert.True(open.Log.Has(LogLevel.Warning, "Mail:Transport=Pickup (por omisión): las invitaciones"), string.Join("\n", open.Log.Lines));
            Assert.DoesNotContain(open.Log.Lines, l => l.Level == LogLevel.Critical);
            Assert.False(await open.Services.CreateScope().ServiceProvider.GetRequiredService<EgiDbContext>().Servants.AnyAsync()); // no demo
        }

        await using (var clear = new ProductionAppFactory(Db.Sqlite))
        {
            clear.Settings["Mail:Transport"] = "Smtp";
            clear.Settings["Mail:Smtp:User"] = "egi";
            Assert.Equal(HttpStatusCode.OK, (await clear.NewClient().GetAsync("/health")).StatusCode);
            Assert.True(clear.Log.Has(LogLevel.Warning, "Mail:Smtp:Security no exige cifrado"), string.Join("\n", clear.Log.Lines));
            Assert.False(clear.Log.Has(LogLevel.Warning, "Mail:Transport="));
        }

        await using var strict = new ProductionAppFactory(Db.Sqlite);
        strict.Settings["AllowedHosts"] = "egi.test";
        strict.Settings["Mail:Transport"] = "Smtp";
        strict.Settings["Mail:Smtp:User"] = "egi";
        strict.Settings["Mail:Smtp:Security"] = "StartTls";
        Assert.Equal(HttpStatusCode.OK, (await strict.NewClient("https://egi.test").GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await strict.NewClient("http://attacker.example").GetAsync("/health")).StatusCode);
        Assert.False(strict.Log.Has(LogLevel.Warning, "AllowedHosts=*"));
        Assert.False(strict.Log.Has(LogLevel.Warning, "Mail:"));
    }

    [Fact]
    public async Task Admin_create_refuses_a_malformed_email_and_a_production_without_base_url()
    {
        await using var app = new ProductionAppFactory(Db.Sqlite);
        foreach (var bad in new[] { "persona", "persona@", "@entidad.gov.co", "per sona@entidad.gov.co", "a@b@entidad.gov.co" })
        {
            var run = await Commands.RunAsync(["admin", "create", "--email", bad, .. app.CommandArgs()]);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"El correo «{bad}» no es válido", run.Error);
            Assert.Empty(run.Output);
        }
        var missing = await Commands.RunAsync(["admin", "create", .. app.CommandArgs()]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("Falta --email en «admin create»", missing.Error);
        Assert.False(File.Exists(Path.Combine(app.DataFolder, "egi.db"))); // nothing was created or migrated

        app.Settings["Mail:BaseUrl"] = null;
        var noBase = await Commands.RunAsync(["admin", "create", "--email", "persona@entidad.gov.co", .. app.CommandArgs()]);
        Assert.Equal(1, noBase.ExitCode);
        Assert.Contains("EGI no arranca: falta Mail:BaseUrl", noBase.Error);
        Assert.DoesNotContain("SetPassword", noBase.Output);
    }
}

/// <summary>
/// The first administrator (issue 12, item 1): on a fresh database, <c>admin create</c> migrates it, creates a Talento
/// Humano account and prints (and mails) a one-time link on Mail:BaseUrl; the person sets a password through it and
/// signs in as Talento Humano. Running it again gives the same account a new link and no second role.
/// </summary>
public abstract partial class AdminCreateTests(Db db) : IAsyncLifetime
{
    private readonly TestSmtpServer smtp = new();
    private ProductionAppFactory app = null!;
    private const string Email = "jefa.talento@entidad.gov.co";

    public async Task InitializeAsync()
    {
        await smtp.StartAsync();
        app = new ProductionAppFactory(db);
        app.Settings["Mail:Transport"] = "Smtp";
        app.Settings["Mail:Smtp:Host"] = "127.0.0.1";
        app.Settings["Mail:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Mail:Smtp:Security"] = "None";
        app.Settings["Mail:Smtp:TimeoutSeconds"] = "60";
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [GeneratedRegex(@"https://egi\.test(/Account/(?:SetPassword|ResetPassword)\?\S+)")]
    private static partial Regex Link();

    private static string LinkIn(string text)
    {
        var match = Link().Match(text);
        Assert.True(match.Success, $"No link in: {text}");
        return match.Groups[1].Value;
    }

    [Fact]
    public async Task The_first_administrator_sets_a_password_from_the_printed_link_and_administers()
    {
        var first = await Commands.RunAsync(["admin", "create", "--email", Email, "--name", "Luisa Fernanda Ríos", .. app.CommandArgs()]);
        Assert.True(first.ExitCode == 0, first.Error + first.Output);
        Assert.Contains($"Cuenta de Talento Humano lista: {Email} (cuenta creada, rol Talento Humano asignado", first.Output);
        Assert.Contains("/Account/SetPassword?", first.Output);
        Assert.Contains($"El mismo enlace se envió por correo a {Email}", first.Output);
        var mail = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal(Email, mail.To.Mailboxes.Single().Address);
        Assert.NotNull(mail.TextBody);
        Assert.Equal(LinkIn(first.Output), LinkIn(mail.TextBody));

        // Again: the same account, the role once, a new link.
        var second = await Commands.RunAsync(["admin", "create", "--email", Email.ToUpperInvariant(), .. app.CommandArgs()]);
        Assert.True(second.ExitCode == 0, second.Error + second.Output);
        Assert.Contains("(cuenta existente, enlace para crear la contraseña)", second.Output);
        var link = LinkIn(second.Output);

        // The web application starts on the database the command migrated, with no other account.
        var client = app.NewClient();
        var user = await WithUsersAsync(async users =>
        {
            var all = await users.Users.ToListAsync();
            var account = Assert.Single(all);
            Assert.Equal("Luisa Fernanda Ríos", account.DisplayName);
            Assert.Equal(new[] { EgiRoles.TalentoHumano }, (await users.GetRolesAsync(account)).ToArray());
            return account;
        });

        var page = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(Email, WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
        var set = await client.PostFormAsync(link, new() { ["Input.NewPassword"] = "Primera.Clave2026", ["Input.ConfirmPassword"] = "Primera.Clave2026" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);

        var login = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = Email, ["Input.Password"] = "Primera.Clave2026" });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Directory/Servants")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Audit")).StatusCode);

        // The links are one-time: once the password exists the invitation no longer opens.
        Assert.Contains("no es válido", WebUtility.HtmlDecode(await (await app.NewClient().GetAsync(LinkIn(first.Output))).Content.ReadAsStringAsync()));

        // Run on an account that has a password and was locked by administration: the operator's recovery unlocks it
        // and gives a reset link (the way back in), which works too.
        await WithDbAsync(async d =>
        {
            var locked = await d.Users.SingleAsync();
            locked.Lock = AccountLock.TalentoHumano;
            locked.LockoutEnd = DateTimeOffset.MaxValue;
            return await d.SaveChangesAsync();
        });
        var third = await Commands.RunAsync(["admin", "create", "--email", Email, .. app.CommandArgs()]);
        Assert.True(third.ExitCode == 0, third.Error + third.Output);
        Assert.Contains("cuenta desbloqueada, enlace para restablecer la contraseña", third.Output);
        Assert.Equal(AccountLock.None, await WithDbAsync(d => d.Users.Select(u => u.Lock).SingleAsync()));
        var reset = LinkIn(third.Output);
        Assert.Contains("/Account/ResetPassword?", reset);
        var other = app.NewClient();
        var changed = await other.PostFormAsync(reset, new() { ["Input.NewPassword"] = "Segunda.Clave2026", ["Input.ConfirmPassword"] = "Segunda.Clave2026" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var again = await other.PostFormAsync("/Account/Login", new() { ["Input.Email"] = Email, ["Input.Password"] = "Segunda.Clave2026" });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);

        var audit = await WithDbAsync(d => d.AuditEntries.Where(a => a.Action == "Crear administrador" && a.EntityId == user.Id).ToListAsync());
        Assert.Equal(3, audit.Count);
        Assert.All(audit, a => Assert.Equal("Consola del servidor (admin create)", a.UserName));
        Assert.Equal(1, await WithUsersAsync(async users => (await users.GetUsersInRoleAsync(EgiRoles.TalentoHumano)).Count));
    }

    [Fact]
    public async Task Without_local_accounts_the_command_prints_no_password_link_but_how_to_sign_in_with_the_institutional_account()
    {
        app.Settings["Authentication:Oidc:Enabled"] = "true";
        app.Settings["Authentication:Oidc:Authority"] = "https://sso.entidad.gov.co/realms/entidad";
        app.Settings["Authentication:Oidc:ClientId"] = "egi";
        app.Settings["Authentication:Oidc:DisplayName"] = "Cuenta de la entidad";
        app.Settings["Authentication:Oidc:LocalAccounts"] = "false";
        var run = await Commands.RunAsync(["admin", "create", "--email", Email, "--name", "Luisa Fernanda Ríos", .. app.CommandArgs()]);
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.True(run.Output.Contains($"Cuenta de Talento Humano lista: {Email} (cuenta creada, rol Talento Humano asignado, sin contraseña: ingresa con la cuenta institucional).", StringComparison.Ordinal), run.Output);
        Assert.Contains("no hay enlace que enviar", run.Output);
        Assert.Contains("La persona entra en https://egi.test/Account/Login con «Ingresar con la cuenta institucional» (la página de inicio de sesión de Cuenta de la entidad).", run.Output);
        Assert.DoesNotContain("/Account/SetPassword", run.Output);
        Assert.DoesNotContain("/Account/ResetPassword", run.Output);
        Assert.Equal(0, await WithDbAsync(d => d.OutboxMessages.CountAsync()));
        var account = await WithUsersAsync(async users =>
        {
            var user = Assert.Single(await users.Users.ToListAsync());
            Assert.False(await users.HasPasswordAsync(user));
            Assert.True(await users.IsInRoleAsync(user, EgiRoles.TalentoHumano));
            return user;
        });
        Assert.Contains("sin contraseña", await WithDbAsync(d => d.AuditEntries.Where(a => a.Action == "Crear administrador" && a.EntityId == account.Id).Select(a => a.Summary).SingleAsync()));
    }

    private async Task<T> WithUsersAsync<T>(Func<UserManager<AppUser>, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    private async Task<T> WithDbAsync<T>(Func<EgiDbContext, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<EgiDbContext>());
    }
}

public sealed class AdminCreateTestsSqlite() : AdminCreateTests(Db.Sqlite);

public sealed class AdminCreateTestsPostgres() : AdminCreateTests(Db.Postgres);
