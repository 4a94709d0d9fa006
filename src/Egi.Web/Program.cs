using Egi.Web.Data;
using Egi.Web.Features;
using Egi.Web.Infrastructure.Api;
using Egi.Web.Features.Directory.Jobs;
using Egi.Web.Infrastructure;
using Egi.Web.Infrastructure.Security;
using Egi.Web.Notifications;
using Egi.Web.Operations;

// Operations commands (admin create, backup, restore) run instead of the web application: see README «Puesta en producción».
if (CommandLine.IsCommand(args)) return await CommandLine.RunAsync(args, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCheckedOptions<EgiOptions>(builder.Configuration.GetSection("Egi"), EgiOptions.Check);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddEgiData(builder.Configuration, builder.Environment);
builder.Services.AddEgiIdentity();
builder.Services.AddScoped<CurrentUser>();
builder.Services.AddRazorPages(o =>
{
    o.RootDirectory = "/Features";
    o.Conventions.AllowAnonymousToPage("/Account/Login");
    o.Conventions.AllowAnonymousToPage("/Account/Lockout");
    o.Conventions.AllowAnonymousToPage("/Account/ForgotPassword");
    o.Conventions.AllowAnonymousToPage("/Account/ResetPassword");
    o.Conventions.AllowAnonymousToPage("/Account/SetPassword");
    o.Conventions.AllowAnonymousToPage("/Error");
    o.Conventions.AllowAnonymousToPage("/Help/Index");
    o.Conventions.AuthorizeFolder("/Directory", Policies.TalentoHumano);
    o.Conventions.AuthorizeFolder("/Periods", Policies.TalentoHumano);
    o.Conventions.AuthorizeFolder("/Audit", Policies.TalentoHumano);
    o.Conventions.AuthorizeFolder("/Competencies", Policies.TalentoHumano);
    o.Conventions.AuthorizeFolder("/Reports", Policies.Reports);
    o.Conventions.AuthorizeFolder("/Dashboard", Policies.Reports);
    o.Conventions.AuthorizeFolder("/Control", Policies.Reports);
    o.Conventions.AuthorizeFolder("/Plans", Policies.ProcessRead);
    o.Conventions.AuthorizeFolder("/Sessions", Policies.ProcessRead);
    o.Conventions.AuthorizeFolder("/WorkPlan", Policies.ProcessRead);
    // /Improvement is authorized per resource (evaluado, jefe, Talento Humano, Consulta) in its pages.
    o.Conventions.AddEgiRateLimitedForms();
    o.Conventions.AddEgiConsolidationPages();
});
// Pages carry Spanish as it is (í, ñ, «») instead of character references (&#xED;): readable source and a few per cent
// fewer bytes (2–3 % of a report page). The encoder still escapes < > & " ' and control characters whatever the
// ranges allowed (tests/Egi.Web.Tests/Directory/ServantsListTests.cs).
builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddEgiOidc(builder.Configuration);
builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => SpanishBindingMessages.Apply(o.ModelBindingMessageProvider));
builder.Services.AddOpenApi();
builder.Services.AddEgiNotifications(builder.Configuration);
builder.Services.AddEgiFeatures();
builder.Services.AddEgiApi();
builder.Services.AddEgiDirectoryJobs(builder.Configuration);
builder.Services.AddEgiTransportSecurity(builder.Configuration, builder.Environment);
builder.Services.AddEgiRateLimits(builder.Configuration);
builder.Services.AddEgiConsolidationLimit(builder.Configuration);
builder.Services.AddSingleton<SignInGuard>();
builder.Services.AddEgiUploads(builder.Configuration);

var app = builder.Build();

// Outside Development: Mail:BaseUrl required, demo seeding only on explicit opt-in, a warning for AllowedHosts=*.
if (!ProductionChecks.Verify(app.Configuration, app.Environment, app.Logger)) return 1;

app.UseEgiSecurityHeaders();
app.UseEgiTransportSecurity();
if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/Error");
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
app.UseSpanishCulture();
app.UseRouting();
app.UseAuthentication();
// The rate limiter (forms and the API policy, which partitions by the key in the Authorization header itself).
app.UseEgiRateLimits();
app.UseAuthorization();
// The consolidation pages' turns (Infrastructure/Security/ConsolidationLimit.cs): after authorization, so only a request
// allowed to see the page waits for one.
app.UseEgiConsolidationLimit();
app.UseEgiUploads();

// The fallback policy (signed in) would otherwise cover the static files too: the sign-in page needs its stylesheet.
app.MapStaticAssets().AllowAnonymous();
app.MapRazorPages().WithStaticAssets();
app.MapEgiEndpoints();

await DatabaseInitializer.InitializeAsync(app.Services);

if (app.Configuration.GetValue("Egi:StartupBanner", true))
    app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));

app.Run();
return 0;

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;
