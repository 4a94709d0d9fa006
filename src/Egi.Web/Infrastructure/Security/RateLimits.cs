using Microsoft.Extensions.Options;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.RateLimiting;

namespace Egi.Web.Infrastructure.Security;

/// <summary>One limit: <see cref="PermitLimit"/> requests per fixed window of <see cref="WindowSeconds"/>.</summary>
public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }
    public int WindowSeconds { get; set; }

    public RateLimitRule()
    {
    }

    public RateLimitRule(int permitLimit, int windowSeconds)
    {
        PermitLimit = permitLimit;
        WindowSeconds = windowSeconds;
    }

    internal FixedWindowRateLimiterOptions ToOptions() => new()
    {
        PermitLimit = Math.Max(1, PermitLimit),
        Window = TimeSpan.FromSeconds(Math.Max(1, WindowSeconds)),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

/// <summary>A form's limits: per client IP and per account (the e-mail or account posted, or the signed-in person).</summary>
public sealed class RateLimitPair
{
    public RateLimitRule PerIp { get; set; } = new();
    public RateLimitRule PerAccount { get; set; } = new();
}

/// <summary>Configuration section <c>RateLimits</c> (README, «Seguridad»).</summary>
public sealed class RateLimitsOptions
{
    /// <summary>Sign-in posts. Per IP generous enough for an office behind one address at the start of a day.</summary>
    public RateLimitPair SignIn { get; set; } = new() { PerIp = new(30, 60), PerAccount = new(10, 300) };

    /// <summary>«Olvidé mi contraseña»: each post may send an e-mail.</summary>
    public RateLimitPair ForgotPassword { get; set; } = new() { PerIp = new(10, 900), PerAccount = new(3, 900) };

    /// <summary>Reset password, set the first password (invitation) and change password.</summary>
    public RateLimitPair Password { get; set; } = new() { PerIp = new(20, 900), PerAccount = new(10, 900) };

    /// <summary>The JSON API (policy <see cref="RateLimits.ApiPolicy"/>): per account when signed in, else per IP.</summary>
    public RateLimitRule Api { get; set; } = new(120, 60);

    /// <summary>What is wrong with the section, in Spanish, naming each setting (checked when the application starts).</summary>
    public IEnumerable<string> Problems()
    {
        var rules = new (string Key, RateLimitRule? Rule)[]
        {
            ("RateLimits:SignIn:PerIp", SignIn.PerIp), ("RateLimits:SignIn:PerAccount", SignIn.PerAccount),
            ("RateLimits:ForgotPassword:PerIp", ForgotPassword.PerIp), ("RateLimits:ForgotPassword:PerAccount", ForgotPassword.PerAccount),
            ("RateLimits:Password:PerIp", Password.PerIp), ("RateLimits:Password:PerAccount", Password.PerAccount), ("RateLimits:Api", Api),
        };
        foreach (var (key, rule) in rules.Where(r => r.Rule is not null))
            foreach (var problem in OptionsValidation.Between(key + ":PermitLimit", rule!.PermitLimit, 1, 1_000_000)
                .Concat(OptionsValidation.Between(key + ":WindowSeconds", rule.WindowSeconds, 1, 86_400)))
                yield return problem;
    }

    public RateLimitPair For(RateLimitedForm.FormKind kind) => kind switch
    {
        RateLimitedForm.FormKind.SignIn => SignIn,
        RateLimitedForm.FormKind.ForgotPassword => ForgotPassword,
        _ => Password,
    };
}

/// <summary>Endpoint metadata of a page whose POST is limited; <see cref="AccountField"/> names the posted account.</summary>
public sealed record RateLimitedForm(RateLimitedForm.FormKind Kind, string? AccountField)
{
    public enum FormKind
    {
        SignIn,
        ForgotPassword,
        Password,
    }
}

/// <summary>
/// ASP.NET Core's rate limiter on the sign-in and password forms (per IP and per account, chained) and the policy
/// <see cref="ApiPolicy"/> for the JSON API. A refused request gets 429, <c>Retry-After</c> and the Spanish error page
/// (or a Spanish problem JSON under /api). The limiters live in each instance's memory.
/// </summary>
public static class RateLimits
{
    public const string ApiPolicy = "api";
    private const string AccountItem = "egi:rate-limit-account";
    public const string RetryAfterItem = "egi:retry-after";

    /// <summary>Marks the limited pages (their POST only; GET is never limited).</summary>
    public static void AddEgiRateLimitedForms(this PageConventionCollection conventions)
    {
        Mark(conventions, "/Account/Login", RateLimitedForm.FormKind.SignIn, "Input.Email");
        Mark(conventions, "/Account/ForgotPassword", RateLimitedForm.FormKind.ForgotPassword, "Email");
        Mark(conventions, "/Account/ResetPassword", RateLimitedForm.FormKind.Password, "UserId");
        Mark(conventions, "/Account/SetPassword", RateLimitedForm.FormKind.Password, "UserId");
        Mark(conventions, "/Account/ChangePassword", RateLimitedForm.FormKind.Password, null); // the signed-in person
    }

    private static void Mark(PageConventionCollection conventions, string page, RateLimitedForm.FormKind kind, string? field) =>
        conventions.AddPageApplicationModelConvention(page, m => m.EndpointMetadata.Add(new RateLimitedForm(kind, field)));

    public static IServiceCollection AddEgiRateLimits(this IServiceCollection services, IConfiguration config)
    {
        var limits = new RateLimitsOptions();
        config.GetSection("RateLimits").Bind(limits);
        if (limits.Problems().ToList() is { Count: > 0 } problems) throw new OptionsValidationException("RateLimits", typeof(RateLimitsOptions), problems);
        services.AddSingleton(limits);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(c => FormPartition(c, limits, perAccount: false)),
                PartitionedRateLimiter.Create<HttpContext, string>(c => FormPartition(c, limits, perAccount: true)));
            // The policy «api» itself (per API key, signed-in person or address) is Infrastructure/Api/ApiRateLimitPolicy.
            o.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    /// <summary>
    /// Reads the posted form of a limited page before the limiter (whose partitioner cannot await) and keeps the
    /// account it names; model binding later reads the same buffered form. Then the limiter itself.
    /// </summary>
    public static IApplicationBuilder UseEgiRateLimits(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method)
                && context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedForm>() is { } form)
            {
                string? account = null;
                if (form.AccountField is null) account = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null;
                else if (context.Request.HasFormContentType)
                {
                    var posted = await context.Request.ReadFormAsync(context.RequestAborted);
                    account = posted[form.AccountField].ToString();
                }
                if (!string.IsNullOrWhiteSpace(account))
                    context.Items[AccountItem] = account.Trim().ToUpperInvariant();
            }
            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    private static RateLimitPartition<string> FormPartition(HttpContext context, RateLimitsOptions limits, bool perAccount)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedForm>() is not { } form)
            return RateLimitPartition.GetNoLimiter("");
        var pair = limits.For(form.Kind);
        if (!perAccount)
            return RateLimitPartition.GetFixedWindowLimiter($"{form.Kind}|ip|{ClientIp(context)}", _ => pair.PerIp.ToOptions());
        return context.Items[AccountItem] is string account
            ? RateLimitPartition.GetFixedWindowLimiter($"{form.Kind}|cuenta|{account}", _ => pair.PerAccount.ToOptions())
            : RateLimitPartition.GetNoLimiter("");
    }

    private static string ClientIp(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "desconocida";

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? (int)Math.Ceiling(retryAfter.TotalSeconds)
            : 60;
        seconds = Math.Max(1, seconds);
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits))
            .LogWarning("Rate limit reached: {Method} {Path} from {Ip}", context.Request.Method, context.Request.Path, ClientIp(context));

        if (ServiceRegistration.IsApi(context.Request))
        {
            SetRetryAfter(context, seconds);
            // The same problem as every other refusal of the API (its type and status included).
            await Api.ApiProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests, Api.ApiProblems.Title(StatusCodes.Status429TooManyRequests, false),
                Api.ApiProblems.Detail(StatusCodes.Status429TooManyRequests, context.Request.Method, WaitText(seconds), false, null, null));
            return;
        }
        await RefuseAsync(context, seconds, $"Demasiados intentos seguidos. Por seguridad, espere {WaitText(seconds)} e intente de nuevo.", ct);
    }

    /// <summary>
    /// A page refused for <paramref name="seconds"/> (the status code already set: 429 here, 503 for the consolidation
    /// pages' turns): <c>Retry-After</c>, the wait kept for the error page, which the status-code pages re-execute
    /// (the Spanish page with the layout); without them, <paramref name="plainText"/>.
    /// </summary>
    public static async Task RefuseAsync(HttpContext context, int seconds, string plainText, CancellationToken ct)
    {
        SetRetryAfter(context, seconds);
        if (context.Features.Get<IStatusCodePagesFeature>() is null)
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(plainText, ct);
        }
    }

    private static void SetRetryAfter(HttpContext context, int seconds)
    {
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Items[RetryAfterItem] = seconds;
    }

    /// <summary>«45 segundos», «1 minuto», «15 minutos».</summary>
    public static string WaitText(int seconds)
    {
        if (seconds < 60) return seconds == 1 ? "1 segundo" : $"{seconds} segundos";
        var minutes = (seconds + 59) / 60;
        return minutes == 1 ? "1 minuto" : $"{minutes} minutos";
    }
}
