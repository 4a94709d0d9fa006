using Egi.Domain.Evaluations;
using Egi.Domain.Planning;
using Egi.Web.Data;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Plans;

/// <summary>
/// The goals' links to the plans' items (<see cref="GoalPlanLink"/>, issue 11): what the plan pages and the coverage
/// report count is stored by each save that changes an evaluation's goals, and equals at every step what the domain
/// derives from the goals themselves (<see cref="Evaluation.GoalPlanLinks"/>); a save that does not touch the goals
/// does not write them; evaluations saved before the table existed get their rows at start-up. Both providers.
/// </summary>
public abstract class GoalPlanLinkTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Text(GoalPlanLink l) =>
        $"evaluación {l.EvaluationId} #{l.Position}: meta {l.GoalNumber}, vigencia {l.PeriodId}, evaluado {l.EvaluadoId}, ítem {l.PlanItemId?.ToString() ?? "ninguno"}";

    private Task<List<string>> StoredAsync() =>
        app.WithDbAsync(async d => (await d.Set<GoalPlanLink>().AsNoTracking().ToListAsync()).Select(Text).Order(StringComparer.Ordinal).ToList());

    private Task<List<string>> DerivedAsync() =>
        app.WithDbAsync(async d => (await d.Evaluations.AsNoTracking().ToListAsync()).SelectMany(e => e.GoalPlanLinks()).Select(Text).Order(StringComparer.Ordinal).ToList());

    private async Task AssertStoredAsDerivedAsync(string step)
    {
        var derived = await DerivedAsync();
        var stored = await StoredAsync();
        Assert.True(derived.SequenceEqual(stored), $"{step}:\nderived\n  {string.Join("\n  ", derived)}\nstored\n  {string.Join("\n  ", stored)}");
    }

    private Task<Dictionary<string, int>> ItemsAsync() =>
        app.WithDbAsync(d => d.Set<PlanItem>().AsNoTracking().Where(i => i.Code == "1.1" || i.Code == "1.2" || i.Code == "EN-01").ToDictionaryAsync(i => i.Code, i => i.Id));

    private Task<List<int?>> CamilasLinksAsync(int evaluationId) =>
        app.WithDbAsync(d => d.Set<GoalPlanLink>().AsNoTracking().Where(l => l.EvaluationId == evaluationId).OrderBy(l => l.Position).Select(l => l.PlanItemId).ToListAsync());

    [Fact]
    public async Task Every_change_of_the_goals_stores_their_links_again_and_other_saves_do_not_write_them()
    {
        var items = await ItemsAsync();
        var camila = await scenario.EvaluationIdAsync(EvaluationScenario.Camila);
        await AssertStoredAsDerivedAsync("the demo entity");

        // A draft of three goals: two linked, one not.
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.SaveGoals(p.Evaluado,
            [.. EvaluationScenario.Goals(40, 30, 30).Select((g, i) => g with { PlanItemId = i switch { 0 => items["1.1"], 2 => items["EN-01"], _ => null } })], p.Context));
        Assert.Equal([items["1.1"], null, items["EN-01"]], await CamilasLinksAsync(camila));
        await AssertStoredAsDerivedAsync("a draft of three goals");

        // The draft again with two goals: one removed, the first one's item changed.
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.SaveGoals(p.Evaluado,
            [.. EvaluationScenario.Goals(50, 50).Select((g, i) => i == 0 ? g with { PlanItemId = items["1.2"] } : g)], p.Context));
        Assert.Equal([items["1.2"], null], await CamilasLinksAsync(camila));
        await AssertStoredAsDerivedAsync("a goal removed, another relinked");

        // Sent as they are, then the jefe links the second goal to EN-01 (a modification with its justification).
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.SubmitGoals(p.Evaluado,
            [.. EvaluationScenario.Goals(50, 50).Select((g, i) => i == 0 ? g with { PlanItemId = items["1.2"] } : g)], p.Context));
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.ModifyGoals(p.Evaluator,
            [.. e.OrderedGoals.Select(g => g.Number == 2 ? g with { PlanItemId = items["EN-01"] } : g)],
            new Dictionary<string, string> { [FieldChange.Key(2, nameof(Goal.PlanItemId))] = "La meta aporta a la convocatoria" }, p.Context));
        Assert.Equal([items["1.2"], items["EN-01"]], await CamilasLinksAsync(camila));
        await AssertStoredAsDerivedAsync("the jefe's modification");

        // Accepting the goals changes the state, not the goals: the links are not written again.
        app.Queries.Reset();
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.AcceptGoals(p.Evaluado, p.Context));
        Assert.DoesNotContain(app.Queries.Texts, t => t.Contains("\"GoalPlanLinks\"", StringComparison.Ordinal));
        await AssertStoredAsDerivedAsync("the goals accepted");
    }

    [Fact]
    public async Task Evaluations_saved_before_the_links_were_stored_get_them_at_start_up()
    {
        var items = await ItemsAsync();
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.SubmitGoals(p.Evaluado,
            [.. EvaluationScenario.Goals(60, 40).Select((g, i) => i == 0 ? g with { PlanItemId = items["EN-01"] } : g)], p.Context));
        var expected = await StoredAsync();
        Assert.Contains(expected, l => l.EndsWith($"ítem {items["EN-01"]}", StringComparison.Ordinal));

        // As the migration leaves a database of facts' revision 4: no links.
        await app.WithDbAsync(async d =>
        {
            await d.Database.ExecuteSqlRawAsync("DELETE FROM \"GoalPlanLinks\"");
            await d.Database.ExecuteSqlRawAsync("UPDATE \"Evaluations\" SET \"Facts_Revision\" = 4");
        });
        Assert.Empty(await StoredAsync());

        await app.WithDbAsync(d => DatabaseInitializer.RefreshStaleFactsAsync(d));

        Assert.Equal(expected, await StoredAsync());
        await AssertStoredAsDerivedAsync("after the start-up");
    }
}

public sealed class GoalPlanLinkTestsSqlite(SqliteHost host) : GoalPlanLinkTests(host), IClassFixture<SqliteHost>;

public sealed class GoalPlanLinkTestsPostgres(PostgresHost host) : GoalPlanLinkTests(host), IClassFixture<PostgresHost>;
