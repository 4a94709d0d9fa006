using System.Net;
using Egi.Web.Infrastructure.Security;
using Egi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.Web.Tests.Security;

/// <summary>
/// The consolidation pages take turns (<see cref="ConsolidationLimiter"/>): with every turn taken, a view waits in order,
/// one more than the queue holds gets 503 in Spanish with Retry-After, and the pages outside the limit, sign-in and the
/// refusals of authorization answer at once. Here one turn and a queue of one; the test holds the turn itself.
/// </summary>
public sealed class ConsolidationLimitTests : IAsyncLifetime
{
    private EgiAppFactory app = null!;

    public Task InitializeAsync()
    {
        app = new EgiAppFactory(Db.Sqlite);
        app.Settings["RateLimits:Consolidation:Concurrent"] = "1";
        app.Settings["RateLimits:Consolidation:Queue"] = "1";
        app.Settings["RateLimits:Consolidation:RetryAfterSeconds"] = "7";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task With_every_turn_taken_a_view_waits_one_more_gets_503_in_spanish_and_other_pages_answer_at_once()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var evaluado = await app.SignedInAsync(Accounts.Evaluado);
        var anonymous = app.NewClient();
        var limiter = app.Services.GetRequiredService<ConsolidationLimiter>();
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync("/Dashboard")).StatusCode);

        Task<HttpResponseMessage> waiting;
        using (var held = await limiter.AcquireAsync())
        {
            Assert.True(held.IsAcquired);
            waiting = hr.GetAsync("/Dashboard");
            await WaitUntilAsync(() => limiter.Statistics!.CurrentQueuedCount == 1, waiting);

            var refused = await hr.GetAsync("/Reports/Stage1");
            var body = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)refused.StatusCode}: {body[..Math.Min(body.Length, 1500)]}");
            Assert.Equal("7", string.Join(",", refused.Headers.GetValues("Retry-After")));
            Assert.Contains("El sistema está ocupado", body, StringComparison.Ordinal);
            Assert.Contains(ConsolidationLimit.BusyText(7), body, StringComparison.Ordinal);
            Assert.Contains("lang=\"es-CO\"", body, StringComparison.Ordinal);

            // Outside the limit, and refused before it: they do not wait for a turn.
            Assert.Equal(HttpStatusCode.OK, (await evaluado.GetAsync("/Pending")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await evaluado.GetAsync("/Dashboard")).StatusCode);
            var toSignIn = await anonymous.GetAsync("/Reports/Annual");
            Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
            Assert.StartsWith("/Account/Login", toSignIn.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);

            // Another 503 (here the error page asked for directly) does not claim to be this limit's.
            var other = WebUtility.HtmlDecode(await hr.GetStringAsync("/Error?code=503"));
            Assert.Contains("Servicio no disponible", other, StringComparison.Ordinal);
            Assert.DoesNotContain("consultas de tableros", other, StringComparison.Ordinal);

            Assert.False(waiting.IsCompleted);
            Assert.Equal(1, limiter.Statistics!.CurrentQueuedCount);
        }

        // The turn given back: the waiting view is served.
        var served = await waiting.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("data-chart=\"avance\"", await served.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, limiter.Statistics!.CurrentQueuedCount);
        Assert.Equal(1, limiter.Statistics.CurrentAvailablePermits);
    }

    [Fact]
    public void The_pages_that_read_a_whole_period_take_turns_and_the_evaluados_and_jefes_pages_do_not()
    {
        var marked = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ConsolidationPage>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText).ToHashSet(StringComparer.Ordinal);
        foreach (var page in new[] { "/Dashboard", "/Control", "/Reports/Stage1", "/Reports/Stage2", "/Reports/Annual", "/Reports/Records", "/Reports/Control", "/Plans/Coverage", "/Improvement/Candidates" })
            Assert.Contains(page, marked);
        foreach (var page in new[] { "/Pending", "/Evaluations/ToApprove", "/Evaluations/Mine", "/Help", "/Account/Login", "/Directory/Servants", "/Plans", "/Improvement" })
            Assert.DoesNotContain(page, marked);
    }

    [Fact]
    public void The_defaults_are_two_turns_per_processor_and_a_queue_of_200_and_bad_values_are_named_in_spanish()
    {
        var defaults = new ConsolidationLimitOptions();
        Assert.Equal(2 * Environment.ProcessorCount, defaults.Concurrent);
        Assert.Equal(200, defaults.Queue);
        Assert.Empty(defaults.Problems());
        var bad = new ConsolidationLimitOptions { Concurrent = 0, Queue = -1, RetryAfterSeconds = 0 }.Problems().ToList();
        Assert.Equal(3, bad.Count);
        Assert.Contains(bad, p => p.StartsWith("RateLimits:Consolidation:Concurrent debe estar entre 1 y", StringComparison.Ordinal));
        Assert.Contains(bad, p => p.StartsWith("RateLimits:Consolidation:Queue debe estar entre 0 y", StringComparison.Ordinal));
    }

    /// <summary>Polls until <paramref name="condition"/> (the request was queued), failing if the request ended first.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, Task<HttpResponseMessage> request)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (request.IsCompleted) Assert.Fail($"The view was answered ({(int)(await request).StatusCode}) instead of waiting for a turn.");
            if (DateTime.UtcNow > deadline) Assert.Fail("The view never joined the queue.");
            await Task.Delay(20);
        }
    }
}
