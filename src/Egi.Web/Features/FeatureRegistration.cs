using Egi.Web.Features.Directory;
using Egi.Web.Features.Evaluations;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure.Api;

namespace Egi.Web.Features;

/// <summary>One place where each feature adds its services and JSON endpoints.</summary>
public static class FeatureRegistration
{
    public static IServiceCollection AddEgiFeatures(this IServiceCollection services)
    {
        services.AddScoped<Shared.ServantAccounts>();
        services.AddScoped<Directory.Import.ServantImporter>();
        services.AddScoped<Directory.DirectorySync>();
        services.AddScoped<Shared.ServantChoices>();
        services.AddScoped<Shared.AccountAdministration>();
        services.AddSingleton<Web.Notifications.IScheduledJob, Directory.RetirementJob>();
        services.AddScoped<Evaluations.EvaluationWorkflow>();
        services.AddScoped<Shared.EvaluationOpening>();
        services.AddScoped<Shared.EvaluatorChanges>();
        services.AddScoped<Improvement.ImprovementService>();
        services.AddScoped<Improvement.EdlImporter>();
        services.AddScoped<Shared.PlanCatalog>();
        Infrastructure.FileStoreRegistration.AddEgiFileStore(services);
        return services;
    }

    public static IEndpointRouteBuilder MapEgiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (Data.EgiDbContext db, CancellationToken ct) =>
                await Operations.Health.DatabaseAnswersAsync(db, ct)
                    ? Results.Text("Healthy", "text/plain")
                    : Results.Text("Unhealthy: la base de datos no responde", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable))
            .AllowAnonymous()
            .ExcludeFromDescription();

        // Every JSON endpoint shares the rate-limit policy "api" (RateLimits:Api): per API key, per account, or per IP.
        var api = app.MapGroup("/api/v1");
        app.MapEgiApi(api);
        api.MapDirectoryApi();
        api.MapEvaluationsApi();
        return app;
    }
}
