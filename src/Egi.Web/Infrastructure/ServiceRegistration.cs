using System.Globalization;
using System.Security.Claims;
using Egi.Web.Data;
using Egi.Web.Notifications;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Egi.Web.Infrastructure;

public static class ServiceRegistration
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("es-CO");

    public static string ResolveDataFolder(IConfiguration config, IHostEnvironment env)
    {
        var folder = config["Egi:DataFolder"] ?? "data";
        var full = Path.IsPathRooted(folder) ? folder : Path.Combine(env.ContentRootPath, folder);
        PrivateFolder.Create(full);
        return full;
    }

    public const string DataProtectionApplicationName = "EGI";

    public static IServiceCollection AddEgiData(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var db = config.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddScoped<IAuditActor, HttpAuditActor>();
        // The data-protection key ring lives in the database, not in this machine's home folder: every instance behind a
        // proxy (and this one after a restart or a redeploy) reads sign-in cookies, antiforgery tokens and e-mailed links
        // protected by any other. The application name isolates the keys from other apps' if a database were ever shared.
        var dataProtection = services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        // The contexts come from a pool (EF Core's AddDbContextPool): a new context per request rebuilt its internal
        // services, compared its options by reflection and looked for a compiled model in the assembly's attributes —
        // most of what /health allocated (bench/profile.sh). A context rented for a request is given that request's
        // audit actor (on every rent: UseScopeServices) and goes back to the pool once, its tracked entities and
        // settings reset by EF Core, when the request's scope ends: the scope's lease gives it back, and the container's
        // disposal of the context itself (under both of its types) does nothing to a leased context.
        // EF Core checks on every query and every row that no two threads use one context at once; it only detects a
        // programming error, which the test suite (Development) still catches, and in production it cost 12–20 % of the
        // CPU of the evaluation page, «Por aprobar» and the goal form (A/B on SQLite, bench/HISTORY.md «13:00 UTC on 05/12/2026»).
        var threadSafetyChecks = !env.IsProduction();
        // A list in a query (`periodIds.Contains(e.PeriodId)`) goes to the database as one parameter — json_each(@ids) on
        // SQLite, = ANY(@ids) on PostgreSQL (where Npgsql already did so) — not as EF Core 10's default of one parameter
        // per element. With one per element EF Core writes the SQL again at every execution (its cache keeps no statement
        // whose text depends on a list's values) under a lock that concurrent requests for the same query queue on: 15 %
        // of «Por aprobar»'s sampled time on SQLite. One parameter keeps one statement per query, written once (README
        // «03:00 UTC on 06/12/2026»). A list whose length the planner must see is marked EF.MultipleParameters (ReportQuery).
        const ParameterTranslationMode lists = ParameterTranslationMode.Parameter;
        if (db.IsPostgres)
        {
            var cs = PostgresConnectionString.WithDefaults(config.GetConnectionString("Postgres")
                ?? throw new InvalidOperationException("Database:Provider es Postgres pero falta ConnectionStrings:Postgres."));
            services.AddDbContextPool<PostgresEgiDbContext>(o => o.UseNpgsql(cs, n => n.UseParameterizedCollectionMode(lists)).EnableThreadSafetyChecks(threadSafetyChecks));
            UseScopeServices<PostgresEgiDbContext>(services);
            services.AddScoped<EgiDbContext>(sp => sp.GetRequiredService<PostgresEgiDbContext>());
            dataProtection.PersistKeysToDbContext<PostgresEgiDbContext>();
        }
        else
        {
            var cs = config.GetConnectionString("Sqlite");
            if (string.IsNullOrWhiteSpace(cs))
                cs = $"Data Source={Path.Combine(ResolveDataFolder(config, env), "egi.db")}";
            services.AddDbContextPool<SqliteEgiDbContext>(o => o.UseSqlite(cs, q => q.UseParameterizedCollectionMode(lists)).EnableThreadSafetyChecks(threadSafetyChecks)
                .AddInterceptors(new SqlitePragmas()).KeepStatementsPrepared());
            UseScopeServices<SqliteEgiDbContext>(services);
            services.AddScoped<EgiDbContext>(sp => sp.GetRequiredService<SqliteEgiDbContext>());
            dataProtection.PersistKeysToDbContext<SqliteEgiDbContext>();
        }
        return services;
    }

    /// <summary>
    /// Wraps AddDbContextPool's registration of the context (the scope's lease of a pooled context) so that every rent
    /// is given the scope's audit actor, clock and outbox signal, whoever asks for it first.
    /// </summary>
    private static void UseScopeServices<TContext>(IServiceCollection services) where TContext : EgiDbContext
    {
        var leased = services.Single(d => d.ServiceType == typeof(TContext));
        var rent = leased.ImplementationFactory
            ?? throw new InvalidOperationException($"AddDbContextPool no registró {typeof(TContext).Name} con una fábrica.");
        services.Remove(leased);
        services.AddScoped(sp =>
        {
            var db = (TContext)rent(sp);
            db.Use(sp.GetService<IAuditActor>(), sp.GetService<TimeProvider>(), sp.GetService<OutboxSignal>());
            return db;
        });
    }

    public const int PasswordResetHours = 24;

    /// <summary>How often an open session's security stamp is checked against the account (see AddEgiIdentity).</summary>
    public static readonly TimeSpan SecurityStampInterval = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddEgiIdentity(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<EgiDbContext>()
            .AddUserStore<EgiUserStore>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<InvitationTokenProvider>(InvitationTokenProvider.ProviderName)
            .AddErrorDescriber<SpanishIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<EgiClaimsPrincipalFactory>();

        // Password-reset links expire after a day; invitation links after InvitationTokenProviderOptions.Days.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(PasswordResetHours));
        services.AddOptions<InvitationTokenProviderOptions>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "egi.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx =>
            {
                if (IsApi(ctx.Request)) ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                else ctx.Response.Redirect(ctx.RedirectUri);
                return Task.CompletedTask;
            };
            // A signed-in person without the right gets a real 403 (rendered as a Spanish page), not a redirect.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        // Every sign-in cookie is checked against the account's security stamp at least every SecurityStampInterval:
        // revoking a role, locking an account, a retiro or a new e-mail renews the stamp, so an open session ends at
        // its first request after that interval (the default would be 30 minutes). The check also refreshes the
        // roles in the cookie, so a granted role appears within the same interval.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = SecurityStampInterval);
        services.ConfigureApplicationCookie(o => o.Events.OnValidatePrincipal = ValidateStampWhenDueAsync);
        // The last sign-in of each account is recorded when the sign-in cookie is issued (not when it is refreshed).
        services.ConfigureApplicationCookie(o => o.Events.OnSignedIn = LastSignIn.RecordAsync);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.TalentoHumano, p => p.RequireRole(EgiRoles.TalentoHumano))
            .AddPolicy(Policies.Reports, p => p.RequireRole(EgiRoles.TalentoHumano, EgiRoles.Consulta))
            .AddPolicy(Policies.Plans, p => p.RequireRole(EgiRoles.TalentoHumano, EgiRoles.Planeacion))
            .AddPolicy(Policies.ProcessRead, p => p.RequireRole(EgiRoles.TalentoHumano, EgiRoles.Planeacion, EgiRoles.Consulta));
        return services;
    }

    /// <summary>
    /// Identity's check of the sign-in cookie, called only once the interval since the cookie was issued has passed —
    /// the same test Identity's validator makes first, with the same clock. Identity's own handler resolves that
    /// validator for every request, and with it SignInManager, UserManager and their dependencies: a tenth of what a
    /// small page allocated (bench/profile.sh), to learn that nothing was due.
    /// </summary>
    public static async Task ValidateStampWhenDueAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (context.Properties.IssuedUtc is { } issued && now - issued <= options.ValidationInterval) return;
        try
        {
            await SecurityStampValidator.ValidatePrincipalAsync(context);
        }
        catch (Exception e) when (Features.ErrorModel.IsUnavailable(e))
        {
            // The account could not be read in time. The session is neither renewed nor ended: the page's own use of the
            // database answers with the «El sistema está ocupado» page, and the next request checks again. Failing here
            // would fail the error page too (the request's authentication is done once), and the person would get no page.
        }
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    public static void UseSpanishCulture(this WebApplication app)
    {
        CultureInfo.DefaultThreadCurrentCulture = Culture;
        CultureInfo.DefaultThreadCurrentUICulture = Culture;
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Culture),
            SupportedCultures = [Culture],
            SupportedUICultures = [Culture],
        });
    }
}

/// <summary>
/// The claims of a sign-in cookie: Identity's (the account's id, name, e-mail and security stamp, its claims, its roles
/// and their claims) plus the directory link and display name. Identity's own factory reads the account's claims, then
/// its roles, then each role by name and that role's claims: five statements for one role, seven for two. This reads
/// them in one. It runs at every sign-in and at every session's check against its account, once a
/// <see cref="ServiceRegistration.SecurityStampInterval"/> per session: for a person who reads a page more than a
/// minute after the last one, on nearly every page.
/// </summary>
public sealed class EgiClaimsPrincipalFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, EgiDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    public const string ServantClaim = "egi:servant";
    public const string DisplayNameClaim = "egi:name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var names = Options.ClaimsIdentity;
        var identity = new ClaimsIdentity(IdentityConstants.ApplicationScheme, names.UserNameClaimType, names.RoleClaimType);
        identity.AddClaim(new Claim(names.UserIdClaimType, user.Id));
        identity.AddClaim(new Claim(names.UserNameClaimType, user.UserName ?? ""));
        if (!string.IsNullOrEmpty(user.Email)) identity.AddClaim(new Claim(names.EmailClaimType, user.Email));
        identity.AddClaim(new Claim(names.SecurityStampClaimType, user.SecurityStamp ?? ""));
        var rows = new List<AccountClaimRow>();
        await foreach (var row in AccountClaimsQuery.For(db)(db, user.Id)) rows.Add(row);
        // In Identity's order: the account's claims, then each role followed by its claims.
        foreach (var row in rows.Where(r => r.Kind == AccountClaimKind.Account)) identity.AddClaim(new Claim(row.Type, row.Value));
        foreach (var role in rows.Where(r => r.Kind == AccountClaimKind.Role))
        {
            identity.AddClaim(new Claim(names.RoleClaimType, role.Value));
            foreach (var claim in rows.Where(r => r.Kind == AccountClaimKind.OfRole && r.RoleId == role.RoleId))
                identity.AddClaim(new Claim(claim.Type, claim.Value));
        }
        if (user.ServantId is { } id) identity.AddClaim(new Claim(ServantClaim, id.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(DisplayNameClaim, string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName ?? "" : user.DisplayName));
        return identity;
    }

    private enum AccountClaimKind { Account, Role, OfRole }

    private sealed record AccountClaimRow(AccountClaimKind Kind, string RoleId, string Type, string Value);

    /// <summary>
    /// The account's claims, its roles and its roles' claims: one statement (UNION ALL), compiled once. EF Core unites
    /// only rows of columns: each part is an anonymous row, made a record after the union.
    /// </summary>
    private static readonly PerModel<Func<EgiDbContext, string, IAsyncEnumerable<AccountClaimRow>>> AccountClaimsQuery =
        CompiledQueries.List((EgiDbContext db, string userId) =>
            db.UserClaims.Where(c => c.UserId == userId)
                .Select(c => new { Kind = AccountClaimKind.Account, RoleId = "", Type = c.ClaimType ?? "", Value = c.ClaimValue ?? "" })
                .Concat(from ur in db.UserRoles
                        where ur.UserId == userId
                        join r in db.Roles on ur.RoleId equals r.Id
                        select new { Kind = AccountClaimKind.Role, RoleId = r.Id, Type = "", Value = r.Name ?? "" })
                .Concat(from ur in db.UserRoles
                        where ur.UserId == userId
                        join rc in db.RoleClaims on ur.RoleId equals rc.RoleId
                        select new { Kind = AccountClaimKind.OfRole, rc.RoleId, Type = rc.ClaimType ?? "", Value = rc.ClaimValue ?? "" })
                .Select(r => new AccountClaimRow(r.Kind, r.RoleId, r.Type, r.Value)));
}
