using Egi.Domain.Common;
using Egi.Domain.Evaluations;
using Egi.Web.Features.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.Web.Tests.Evaluations;

/// <summary>
/// An evaluation read for showing (<see cref="EvaluationWorkflow.ReadAsync"/>: untracked, without the period's plan
/// items) is refused by <see cref="EvaluationWorkflow.RunAsync"/>, which would otherwise skip the plan-link check and
/// save nothing; the same evaluation loaded for a change carries the plan items and saves; one loaded for a change without
/// them saves anything but goals.
/// </summary>
public sealed class ReadCaseTests : IAsyncLifetime
{
    private readonly EgiAppFactory app = new(Db.Sqlite);
    private EvaluationScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await EvaluationScenario.OpenAsync(app);

    public async Task DisposeAsync() => await app.DisposeAsync();

    private (IServiceScope Scope, EvaluationWorkflow Workflow) RequestAs(string userId, int servantId)
    {
        var scope = app.RequestScope(userId, servantId);
        return (scope, scope.ServiceProvider.GetRequiredService<EvaluationWorkflow>());
    }

    private async Task<(string UserId, int ServantId)> CamilaAsync()
    {
        var servantId = await scenario.ServantIdAsync(EvaluationScenario.Camila);
        return (await app.WithDbAsync(d => d.Users.Where(u => u.ServantId == servantId).Select(u => u.Id).SingleAsync()), servantId);
    }

    private static Outcome Draft(Evaluation e, EvaluationCase c) => e.SaveGoals(c.Actor, EvaluationScenario.Goals(60, 40), c.Context);

    [Fact]
    public async Task A_case_read_for_showing_cannot_be_saved_and_one_loaded_for_a_change_can()
    {
        var id = await scenario.EvaluationIdAsync(EvaluationScenario.Camila);
        var (userId, servantId) = await CamilaAsync();
        var (scope, workflow) = RequestAs(userId, servantId);
        using var _ = scope;

        var read = await workflow.ReadAsync(id);
        Assert.NotNull(read);
        Assert.Null(read.Context.PlanItems);
        await Assert.ThrowsAsync<InvalidOperationException>(() => workflow.RunAsync(read, read.Evaluation.Version, e => Draft(e, read)));
        Assert.Empty((await scenario.EvaluationAsync(EvaluationScenario.Camila)).Goals);

        var loaded = await workflow.LoadAsync(id, planItems: Array.Empty<int?>());
        Assert.NotNull(loaded);
        Assert.NotNull(loaded.Context.PlanItems);
        var outcome = await workflow.RunAsync(loaded, loaded.Evaluation.Version, e => Draft(e, loaded));
        Assert.True(outcome.Succeeded, outcome.ToString());
        Assert.Equal(2, (await scenario.EvaluationAsync(EvaluationScenario.Camila)).Goals.Count);
    }

    /// <summary>
    /// A case loaded for a change that is not the goals' (a decision, a self-evaluation…) skips the period's plan items;
    /// a transition that replaces its goals is refused, since they would not be checked against the items.
    /// </summary>
    [Fact]
    public async Task A_case_loaded_without_the_plan_items_does_not_save_goals()
    {
        var id = await scenario.EvaluationIdAsync(EvaluationScenario.Camila);
        var (userId, servantId) = await CamilaAsync();
        var (scope, workflow) = RequestAs(userId, servantId);
        using var _ = scope;
        var loaded = await workflow.LoadAsync(id);
        Assert.NotNull(loaded);
        Assert.Null(loaded.Context.PlanItems);
        await Assert.ThrowsAsync<InvalidOperationException>(() => workflow.RunAsync(loaded, loaded.Evaluation.Version, e => Draft(e, loaded)));
        Assert.Empty((await scenario.EvaluationAsync(EvaluationScenario.Camila)).Goals);
    }
}
