using System.Security.Claims;
using Egi.Domain.Common;
using Egi.Domain.Evaluations;
using Egi.Web.Features.Evaluations;
using Egi.Web.Infrastructure;
using Egi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.Web.Tests.Evaluations;

/// <summary>
/// An evaluation read for showing (<see cref="EvaluationWorkflow.ReadAsync"/>: untracked, without the period's plan
/// items) is refused by <see cref="EvaluationWorkflow.RunAsync"/>, which would otherwise skip the plan-link check and
/// save nothing; the same evaluation loaded for a change carries the plan items and saves.
/// </summary>
public sealed class ReadCaseTests : IAsyncLifetime
{
    private readonly EgiAppFactory app = new(Db.Sqlite);
    private EvaluationScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await EvaluationScenario.OpenAsync(app);

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_case_read_for_showing_cannot_be_saved_and_one_loaded_for_a_change_can()
    {
        var id = await scenario.EvaluationIdAsync(EvaluationScenario.Camila);
        var servantId = await scenario.ServantIdAsync(EvaluationScenario.Camila);
        var userId = await app.WithDbAsync(d => d.Users.Where(u => u.ServantId == servantId).Select(u => u.Id).SingleAsync());
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, userId),
                new Claim(EgiClaimsPrincipalFactory.ServantClaim, servantId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ], "test")),
            RequestServices = scope.ServiceProvider,
        };
        var workflow = scope.ServiceProvider.GetRequiredService<EvaluationWorkflow>();
        Outcome Draft(Evaluation e, Actor actor, EvaluationContext context) => e.SaveGoals(actor, EvaluationScenario.Goals(60, 40), context);

        var read = await workflow.ReadAsync(id);
        Assert.NotNull(read);
        Assert.Null(read.Context.PlanItems);
        await Assert.ThrowsAsync<InvalidOperationException>(() => workflow.RunAsync(read, read.Evaluation.Version, e => Draft(e, read.Actor, read.Context)));
        Assert.Empty((await scenario.EvaluationAsync(EvaluationScenario.Camila)).Goals);

        var loaded = await workflow.LoadAsync(id);
        Assert.NotNull(loaded);
        Assert.NotNull(loaded.Context.PlanItems);
        var outcome = await workflow.RunAsync(loaded, loaded.Evaluation.Version, e => Draft(e, loaded.Actor, loaded.Context));
        Assert.True(outcome.Succeeded, outcome.ToString());
        Assert.Equal(2, (await scenario.EvaluationAsync(EvaluationScenario.Camila)).Goals.Count);
    }
}
