using System.Net;
using Egi.Domain.Calendar;
using Egi.Web.Features.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Evaluations;

/// <summary>
/// The pages that start from the open periods read them in the menu's command (<c>CurrentUser.OpenPeriodsAsync</c>): an
/// account that is nobody in the directory gets them too, and with no period open the menu is still read — the evaluado
/// keeps «Mi evaluación» and the jefe «Por aprobar» in the menu — and each page says that no period is open.
/// </summary>
public abstract class OpenPeriodsMenuTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        await EvaluationScenario.OpenAsync(app);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<string> HtmlAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_account_without_a_servant_reads_the_open_periods_and_no_open_period_keeps_the_menu()
    {
        var evaluado = await app.SignedInAsync(Accounts.Evaluado);
        var jefe = await app.SignedInAsync(Accounts.Jefe);
        var consulta = await app.SignedInAsync(Accounts.Consulta);
        const string noPeriod = "No hay una vigencia abierta";
        Assert.DoesNotContain(noPeriod, await HtmlAsync(consulta, "/Pending"));
        Assert.DoesNotContain(noPeriod, await HtmlAsync(jefe, "/Evaluations/ToApprove"));

        await app.WithDbAsync(d => d.Periods.ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PeriodStatus.Closed)));

        var pending = await HtmlAsync(evaluado, "/Pending");
        Assert.Contains(noPeriod, pending);
        Assert.Contains("href=\"/Evaluations/Mine\"", pending);
        var mine = await HtmlAsync(evaluado, "/Evaluations/Mine");
        Assert.Contains(EvaluationMessages.NoOpenPeriod, mine);
        Assert.Contains("href=\"/Evaluations/Mine\"", mine);
        var toApprove = await HtmlAsync(jefe, "/Evaluations/ToApprove");
        Assert.Contains(noPeriod, toApprove);
        Assert.Contains("href=\"/Evaluations/ToApprove\"", toApprove);
        Assert.Contains(noPeriod, await HtmlAsync(consulta, "/Pending"));
    }
}

public sealed class OpenPeriodsMenuTestsSqlite(SqliteHost host) : OpenPeriodsMenuTests(host), IClassFixture<SqliteHost>;

public sealed class OpenPeriodsMenuTestsPostgres(PostgresHost host) : OpenPeriodsMenuTests(host), IClassFixture<PostgresHost>;
