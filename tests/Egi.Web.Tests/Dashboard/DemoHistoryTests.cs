using System.Globalization;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using Egi.Web.Data;
using Egi.Web.Tests.Infrastructure;
using Egi.Web.Tests.Reports;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Dashboard;

/// <summary>The demo's previous year (Vigencia 2025): closed, every evaluation finished through the domain, with mixed results.</summary>
public abstract class DemoHistoryTests(DemoScenarioHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync() => host.StartTestAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_previous_year_is_closed_with_finished_evaluations_and_mixed_levels_and_the_dashboard_shows_them()
    {
        var (period, evaluations) = await app.WithDbAsync(async d =>
        {
            var p = await d.Periods.AsNoTracking().SingleAsync(x => x.Year == 2025);
            return (p, await d.Evaluations.AsNoTracking().Where(e => e.PeriodId == p.Id).ToListAsync());
        });
        Assert.Equal(PeriodStatus.Closed, period.Status);
        Assert.True(evaluations.Count >= 20, $"{evaluations.Count} evaluations");
        Assert.All(evaluations, e => Assert.Equal(EvaluationState.Finalized, e.State));
        Assert.All(evaluations, e => Assert.Equal(10, e.History.Count));

        var policy = new ScoringPolicy(period.Settings);
        var levels = evaluations.Select(e => policy.Score(e).Level).ToList();
        Assert.True(levels.Count(l => l == RatingLevel.Sobresaliente) >= 5);
        Assert.True(levels.Count(l => l == RatingLevel.Satisfactorio) >= 3);
        Assert.InRange(levels.Count(l => l == RatingLevel.NoSatisfactorio), 2, 3);
        var lowCompetency = evaluations.Where(e => e.Competencies.Any(c => c.Value < 3)).ToList();
        Assert.True(lowCompetency.Count >= 2);
        Assert.Contains(lowCompetency, e => policy.Score(e).Level != RatingLevel.NoSatisfactorio);

        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var html = await hr.GetStringAsync($"/Dashboard?vigencia={period.Id.ToString(CultureInfo.InvariantCulture)}");
        var table = HtmlTables.Rows(html, "datos-niveles");
        Assert.Equal(levels.Count(l => l == RatingLevel.Sobresaliente).ToString(CultureInfo.InvariantCulture), table[0][1]);
        Assert.Equal(levels.Count(l => l == RatingLevel.NoSatisfactorio).ToString(CultureInfo.InvariantCulture), table[2][1]);
    }

    [Fact]
    public async Task Applying_it_again_changes_nothing()
    {
        var before = await app.WithDbAsync(d => d.Evaluations.CountAsync());
        await app.WithDbAsync(d => DemoHistory.ApplyAsync(d, 2026));
        Assert.Equal(before, await app.WithDbAsync(d => d.Evaluations.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(d => d.Periods.CountAsync(p => p.Year == 2025)));
    }
}

public sealed class DemoHistoryTestsSqlite(DemoScenarioSqliteHost host) : DemoHistoryTests(host), IClassFixture<DemoScenarioSqliteHost>;

public sealed class DemoHistoryTestsPostgres(DemoScenarioPostgresHost host) : DemoHistoryTests(host), IClassFixture<DemoScenarioPostgresHost>;

/// <summary>The demo scenario at start-up (Egi:DemoScenario): the previous year closed, the current one under way.</summary>
public abstract class DemoScenarioHost(Db db) : SharedHost(db, app => app.Settings["Egi:DemoScenario"] = "true");

public sealed class DemoScenarioSqliteHost() : DemoScenarioHost(Db.Sqlite);

public sealed class DemoScenarioPostgresHost() : DemoScenarioHost(Db.Postgres);
