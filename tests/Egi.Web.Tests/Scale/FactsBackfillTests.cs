using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Scale;

/// <summary>
/// Rows saved before the facts existed (the migration adds the columns empty, revision 0) get them at start-up from
/// the domain, on both providers; and a change of the period's windows refreshes the deadlines of evaluations that
/// were not loaded.
/// </summary>
public abstract class FactsBackfillTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(50, 50), p.Context));
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.ApproveGoals(p.Evaluator, p.Context));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<List<(int Id, WaitingOn WaitingOn, DateOnly? Submitted, DateOnly Deadline, int Waits)>> FactsAsync() =>
        app.WithDbAsync(async d => (await d.Evaluations.AsNoTracking().OrderBy(e => e.Id)
                .Select(e => new { e.Id, e.Facts.WaitingOn, e.Facts.GoalsSubmittedOn, e.Facts.GoalsDeadline, Waits = e.Waits.Count() }).ToListAsync())
            .Select(x => (x.Id, x.WaitingOn, x.GoalsSubmittedOn, x.GoalsDeadline, x.Waits)).ToList());

    [Fact]
    public async Task Stale_rows_get_their_facts_back_from_the_domain()
    {
        var expected = await FactsAsync();
        Assert.Contains(expected, f => f.Submitted is not null);
        Assert.All(expected, f => Assert.True(f.Waits > 0));

        // As the migration leaves them: empty facts, revision 0, no waits.
        await app.WithDbAsync(async d =>
        {
            await d.Database.ExecuteSqlRawAsync("DELETE FROM \"EvaluationWaits\"");
            await d.Database.ExecuteSqlRawAsync("UPDATE \"Evaluations\" SET \"Facts_Revision\" = 0, \"Facts_WaitingOn\" = 0, \"Facts_GoalsSubmittedOn\" = NULL");
        });
        Assert.NotEqual(expected, await FactsAsync());

        await app.WithDbAsync(d => DatabaseInitializer.RefreshStaleFactsAsync(d));

        Assert.Equal(expected, await FactsAsync());
        Assert.Equal(0, await app.WithDbAsync(d => d.Evaluations.CountAsync(e => e.Facts.Revision < EvaluationFacts.CurrentRevision)));
    }

    /// <summary>
    /// Facts revision 7 (migration EarlyWarningAndPartialFacts): an accepted first follow-up saved before it has no stored early
    /// warning and its dependencia's tally none; the next start recomputes the fact and, with it, the tally.
    /// </summary>
    [Fact]
    public async Task An_early_warning_saved_before_its_column_is_stored_and_counted_at_start_up()
    {
        const string camila = EvaluationScenario.Camila;
        var th = new Egi.Domain.Evaluations.Actor("th-prueba", null, "Talento Humano (prueba)", IsTalentoHumano: true);
        await scenario.ActAsync(camila, (e, p) => e.AcceptGoals(p.Evaluado, p.Context));
        await scenario.ActAsync(camila, (e, p) => e.ReopenStep(th, EvaluationStep.FollowUpI, scenario.Today.AddDays(30), "Prueba: primer seguimiento", p.Context));
        // Goals 50/50 agreed at 40 % each; 20 and 20 % achieved: 50 × 20/40 + 50 × 20/40 = 50,00, No satisfactorio.
        await scenario.ActAsync(camila, (e, p) => e.SubmitSelfEvaluation(p.Evaluado, 1, Reports.ConsolidationApp.Progress(1, 20, 20), p.Context));
        await scenario.ActAsync(camila, (e, p) => e.ApproveSelfEvaluation(p.Evaluator, 1, p.Context));
        await scenario.ActAsync(camila, (e, p) => e.AcceptSelfEvaluation(p.Evaluado, p.Context));
        Task<(bool Fact, int Tallied)> WarningsAsync() => app.WithDbAsync(async d =>
            ((await d.Evaluations.AsNoTracking().SingleAsync(e => e.PeriodId == scenario.PeriodId && e.EvaluadoId == d.Servants.Single(s => s.DocumentNumber == camila).Id)).Facts.EarlyWarning,
             await d.Set<Egi.Web.Features.Shared.DependencyTally>().Where(t => t.PeriodId == scenario.PeriodId).SumAsync(t => t.EarlyWarnings)));
        Assert.Equal((true, 1), await WarningsAsync());

        // As the migration leaves them: the columns at their defaults, the facts of revision 6.
        await app.WithDbAsync(async d =>
        {
            await d.Database.ExecuteSqlRawAsync("UPDATE \"Evaluations\" SET \"Facts_Revision\" = 6, \"Facts_EarlyWarning\" = FALSE");
            await d.Database.ExecuteSqlRawAsync("UPDATE \"DependencyTallies\" SET \"EarlyWarnings\" = 0");
        });
        Assert.Equal((false, 0), await WarningsAsync());

        await app.WithDbAsync(d => DatabaseInitializer.RefreshStaleFactsAsync(d));
        Assert.Equal((true, 1), await WarningsAsync());
    }

    [Fact]
    public async Task Moving_a_window_moves_the_stored_deadlines_of_every_evaluation_of_the_period()
    {
        var newEnd = new DateOnly(2026, 12, 20);
        await app.WithDbAsync(async d =>
        {
            var p = await d.Periods.SingleAsync(x => x.Id == scenario.PeriodId);
            Assert.Empty(p.SetWindows(p.Windows.Select(w => w.Stage == Egi.Domain.Calendar.Stage.GoalSetting ? w with { End = newEnd } : w).ToList()));
            await d.SaveChangesAsync();
        });
        Assert.All(await FactsAsync(), f => Assert.True(f.Deadline >= newEnd, $"evaluation {f.Id}: deadline {f.Deadline}"));
    }
}

public sealed class FactsBackfillTestsSqlite(SqliteHost host) : FactsBackfillTests(host), IClassFixture<SqliteHost>;

public sealed class FactsBackfillTestsPostgres(PostgresHost host) : FactsBackfillTests(host), IClassFixture<PostgresHost>;
