using Egi.Web.Data;
using Egi.Web.Features;
using Egi.Web.Infrastructure;
using Egi.Web.Notifications;

var builder = WebApplication.CreateBuilder(args);

builder.Services.Configure<EgiOptions>(builder.Configuration.GetSection("Egi"));
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
});
builder.Services.AddEgiOidc(builder.Configuration);
builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => SpanishBindingMessages.Apply(o.ModelBindingMessageProvider));
builder.Services.AddOpenApi();
builder.Services.AddEgiNotifications(builder.Configuration);
builder.Services.AddEgiFeatures();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
app.UseSpanishCulture();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapOpenApi().AllowAnonymous();
app.MapEgiEndpoints();

await DatabaseInitializer.InitializeAsync(app.Services);

if (app.Configuration.GetValue("Egi:StartupBanner", true))
    app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));

app.Run();

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;
