using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.Extensions.Options;

namespace Egi.Web.Infrastructure.Security;

/// <summary>
/// Configuration section <c>RateLimits:Consolidation</c>: how many views of the consolidation pages (the dashboard, the
/// control points, the reports, the plans' coverage, the improvement candidates) one instance runs at once, and how
/// many wait their turn (README, «Límites de intentos»).
/// </summary>
public sealed class ConsolidationLimitOptions
{
    /// <summary>Views at once: by default twice the processors, enough to keep them busy while a view waits for the database.</summary>
    public int Concurrent { get; set; } = 2 * Environment.ProcessorCount;

    /// <summary>Views waiting their turn, in order of arrival; one more is refused with 503.</summary>
    public int Queue { get; set; } = 200;

    /// <summary>The <c>Retry-After</c> of a refusal, in seconds.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    public IEnumerable<string> Problems() =>
        OptionsValidation.Between("RateLimits:Consolidation:Concurrent", Concurrent, 1, 10_000)
            .Concat(OptionsValidation.Between("RateLimits:Consolidation:Queue", Queue, 0, 100_000))
            .Concat(OptionsValidation.Between("RateLimits:Consolidation:RetryAfterSeconds", RetryAfterSeconds, 1, 3_600));
}

/// <summary>Endpoint metadata of a consolidation page: its views take a turn of <see cref="ConsolidationLimiter"/>.</summary>
public sealed class ConsolidationPage
{
    public static ConsolidationPage Instance { get; } = new();

    private ConsolidationPage()
    {
    }
}

/// <summary>
/// The consolidation pages' turns in this instance (one per process): at most <see cref="ConsolidationLimitOptions.Concurrent"/>
/// views at once, the others waiting in order of arrival. A view of the dashboard or of a report reads and draws a whole
/// period (3–8 ms of CPU at 5 000 servants); many at once on a small server took the processors from the evaluados'
/// and jefes' pages, whose «Mis pendientes» fell from 4 000 to under 200 requests a second while Talento Humano
/// refreshed the stage-1 report from 24 connections; with the turns it kept 650–1 000 and a p99 under 30 ms
/// (bench/consolidation.sh, bench/HISTORY.md «17:00 UTC on 06/12/2026»). Waiting in order also evens out the views'
/// own latencies.
/// </summary>
public sealed class ConsolidationLimiter : IDisposable
{
    private readonly ConcurrencyLimiter limiter;

    public ConsolidationLimiter(ConsolidationLimitOptions options)
    {
        Options = options;
        limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Concurrent,
            QueueLimit = options.Queue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public ConsolidationLimitOptions Options { get; }

    /// <summary>Views running and waiting now (diagnostics, tests).</summary>
    public RateLimiterStatistics? Statistics => limiter.GetStatistics();

    /// <summary>A turn: acquired at once, after waiting in the queue, or refused when the queue is full.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(CancellationToken ct = default) => limiter.AcquireAsync(1, ct);

    public void Dispose() => limiter.Dispose();
}

public static class ConsolidationLimit
{
    /// <summary>Set on a request refused for want of a turn: the error page then explains the 503 as this limit's.</summary>
    public const string RefusedItem = "egi:consolidation-refused";

    /// <summary>Marks the consolidation pages (every handler: a view and its downloads alike).</summary>
    public static void AddEgiConsolidationPages(this PageConventionCollection conventions)
    {
        foreach (var folder in new[] { "/Dashboard", "/Control", "/Reports" })
            conventions.AddFolderApplicationModelConvention(folder, Mark);
        conventions.AddPageApplicationModelConvention("/Plans/Coverage", Mark);
        conventions.AddPageApplicationModelConvention("/Improvement/Candidates", Mark);
    }

    private static void Mark(PageApplicationModel model) => model.EndpointMetadata.Add(ConsolidationPage.Instance);

    /// <summary>The options, checked at start (a wrong value stops it, named in Spanish), and the limiter the container makes and disposes.</summary>
    public static IServiceCollection AddEgiConsolidationLimit(this IServiceCollection services, IConfiguration config)
    {
        services.AddCheckedOptions<ConsolidationLimitOptions>(config.GetSection("RateLimits:Consolidation"), o => o.Problems());
        return services.AddSingleton(sp => new ConsolidationLimiter(sp.GetRequiredService<IOptions<ConsolidationLimitOptions>>().Value));
    }

    /// <summary>
    /// After authorization, so that only a request allowed to see the page waits for a turn (an anonymous one is sent
    /// to sign in, an evaluado's refused, at once). A full queue answers 503 with <c>Retry-After</c> and the Spanish
    /// error page; a client that leaves while waiting gives its place up.
    /// </summary>
    public static IApplicationBuilder UseEgiConsolidationLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<ConsolidationPage>() is null)
            {
                await next(context);
                return;
            }
            var limiter = context.RequestServices.GetRequiredService<ConsolidationLimiter>();
            using var turn = await limiter.AcquireAsync(context.RequestAborted);
            if (turn.IsAcquired)
            {
                await next(context);
                return;
            }
            var seconds = limiter.Options.RetryAfterSeconds;
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Items[RefusedItem] = true;
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsolidationLimit))
                .LogWarning("Consolidation pages: {Queue} views already waiting, {Path} refused", limiter.Options.Queue, context.Request.Path);
            await RateLimits.RefuseAsync(context, seconds, BusyText(seconds), context.RequestAborted);
        });

    /// <summary>The refusal's explanation, for the error page and the plain-text answer.</summary>
    public static string BusyText(int seconds) =>
        $"Hay muchas consultas de tableros e informes en curso en este momento. Espere {RateLimits.WaitText(seconds)} y vuelva a cargar la página.";
}
