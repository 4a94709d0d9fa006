using Egi.Domain.Common;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Features.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.Web.Tests.Evaluations;

/// <summary>
/// The same step saved twice at once (a form sent twice, two tabs): the later save is refused as stale, with its
/// Spanish message, never a server error — the notice each save queues carries the same deduplication key, and the
/// later one's collided in the outbox before the evaluation's version was compared (found by the load command's write
/// mix on PostgreSQL: 25–29 answers 500 in 8 s). Both providers.
/// </summary>
public abstract class ConcurrentSaveTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private (IServiceScope Scope, EvaluationWorkflow Workflow) RequestAs(string userId, int servantId)
    {
        var scope = app.RequestScope(userId, servantId);
        return (scope, scope.ServiceProvider.GetRequiredService<EvaluationWorkflow>());
    }

    [Fact]
    public async Task Goals_sent_twice_at_once_are_saved_once_and_the_second_is_refused_as_stale()
    {
        var id = await scenario.EvaluationIdAsync(EvaluationScenario.Camila);
        var servantId = await scenario.ServantIdAsync(EvaluationScenario.Camila);
        var userId = await app.WithDbAsync(d => d.Users.Where(u => u.ServantId == servantId).Select(u => u.Id).SingleAsync());
        var (firstScope, first) = RequestAs(userId, servantId);
        var (secondScope, second) = RequestAs(userId, servantId);
        using var _ = firstScope;
        using var __ = secondScope;
        var a = await first.LoadAsync(id, planItems: Array.Empty<int?>());
        var b = await second.LoadAsync(id, planItems: Array.Empty<int?>());
        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.Equal(a.Evaluation.Version, b.Evaluation.Version);

        // The second request has checked the outbox for its notice and is about to write when the first one commits.
        Outcome? firstOutcome = null;
        app.Transactions.Before(secondScope.ServiceProvider.GetRequiredService<EgiDbContext>(), async () =>
            firstOutcome = await first.RunAsync(a, a.Evaluation.Version, e => e.SubmitGoals(a.Actor, EvaluationScenario.Goals(60, 40), a.Context)));
        var outcome = await second.RunAsync(b, b.Evaluation.Version, e => e.SubmitGoals(b.Actor, EvaluationScenario.Goals(50, 50), b.Context));

        Assert.NotNull(firstOutcome);
        Assert.True(firstOutcome.Succeeded, firstOutcome.ToString());
        Assert.True(outcome.IsStale, outcome.ToString());
        Assert.Contains(EvaluationMessages.StaleEvaluation, outcome.ToString(), StringComparison.Ordinal);
        var saved = await scenario.EvaluationAsync(EvaluationScenario.Camila);
        Assert.Equal(EvaluationState.GoalApproval, saved.State);
        Assert.Equal([60, 40], saved.OrderedGoals.Select(g => g.Weight));
        // The refused save's audit line (queued with the evaluation, in the same SaveChanges) is not left in its context
        // for a later save to write.
        var refused = secondScope.ServiceProvider.GetRequiredService<EgiDbContext>();
        Assert.DoesNotContain(refused.ChangeTracker.Entries<AuditEntry>(), e => e.State == EntityState.Added);
    }
}

public sealed class ConcurrentSaveTestsSqlite(SqliteHost host) : ConcurrentSaveTests(host), IClassFixture<SqliteHost>;

public sealed class ConcurrentSaveTestsPostgres(PostgresHost host) : ConcurrentSaveTests(host), IClassFixture<PostgresHost>;
