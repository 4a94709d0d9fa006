using System.Net;
using Egi.Domain.Evaluations;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Egi.Web.Tests.Operations;

/// <summary>
/// Every connection of the pool busy for longer than the pool's wait (the last day of a window, past what the machine
/// serves): the request that finds none gets the Spanish «El sistema está ocupado» page with how long to wait — not an
/// empty answer (the error page's menu would have needed the database too) — and the save that held the connection
/// completes once it goes on. A session due for its check against the account then is neither ended nor renewed: it
/// gets the same page, and the next request checks it.
/// </summary>
public sealed class DatabaseBusyTests(QuietPostgresHost host) : IClassFixture<QuietPostgresHost>, IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(50, 50), p.Context));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_request_that_finds_no_free_connection_gets_the_busy_page_and_the_save_holding_it_completes()
    {
        // One connection in the pool, and a second of wait for it.
        await using var production = app.InProduction(b => b.UseSetting("ConnectionStrings:Postgres", app.ConnectionString + ";Maximum Pool Size=1;Timeout=1"));
        HttpClient SignedOut() => production.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var jefe = SignedOut();
        var evaluado = SignedOut();
        Assert.Equal(HttpStatusCode.Redirect, (await jefe.PostFormAsync("/Account/Login", new() { ["Input.Email"] = Accounts.Jefe, ["Input.Password"] = EgiAppFactory.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await evaluado.PostFormAsync("/Account/Login", new() { ["Input.Email"] = Accounts.Evaluado, ["Input.Password"] = EgiAppFactory.Password })).StatusCode);
        var page = $"/Evaluations/Approval/{await scenario.EvaluationIdAsync(EvaluationScenario.Camila)}";
        var html = await jefe.GetStringAsync(page);
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = HttpClientFormExtensions.AntiforgeryToken(html), ["Version"] = Ap.Version(html) };

        // The approval's save holds the only connection (its transaction has begun) until the test lets it go on.
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var goOn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Transactions.Before(null, async () =>
        {
            holding.SetResult();
            await goOn.Task;
        });
        var approval = jefe.PostAsync($"{page}?handler=Approve", new FormUrlEncodedContent(form));
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var busy = await evaluado.GetAsync("/Pending");
        // Once more with the session due for its check against the account, which cannot be read either.
        app.Clock.Advance(Egi.Web.Infrastructure.ServiceRegistration.SecurityStampInterval + TimeSpan.FromSeconds(1));
        var busyAndDue = await evaluado.GetAsync("/Pending");
        goOn.SetResult();
        foreach (var answer in new[] { busy, busyAndDue })
        {
            var text = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
            Assert.True(answer.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)answer.StatusCode}: {text[..Math.Min(400, text.Length)]}");
            Assert.Equal(TimeSpan.FromSeconds(Egi.Web.Features.ErrorModel.DatabaseRetrySeconds), answer.Headers.RetryAfter?.Delta);
            Assert.Contains("El sistema está ocupado", text);
            Assert.Contains("no pudo usar la base de datos a tiempo", text);
            Assert.Contains("Cerrar sesión", text); // the page of a signed-in person, its menu without the database's facts
            Assert.DoesNotContain("pool", PageText.WithoutRandomValues(text), StringComparison.OrdinalIgnoreCase);
        }
        // The session was not renewed unchecked: the next request checks it and renews its cookie.
        Assert.False(busyAndDue.Headers.Contains("Set-Cookie") && busyAndDue.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("egi.auth=", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.Redirect, (await approval).StatusCode);
        Assert.Equal(EvaluationState.GoalAcceptance, (await scenario.EvaluationAsync(EvaluationScenario.Camila)).State);
        var checkedNow = await evaluado.GetAsync("/Pending");
        Assert.Equal(HttpStatusCode.OK, checkedNow.StatusCode);
        Assert.Contains(checkedNow.Headers.GetValues("Set-Cookie"), c => c.StartsWith("egi.auth=", StringComparison.Ordinal));
    }
}
