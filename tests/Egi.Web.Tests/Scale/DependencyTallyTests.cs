using System.Text.Json;
using Egi.Domain.Calendar;
using Egi.Web.Data;
using Egi.Web.Features.Shared;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Egi.Web.Tests.Scale;

/// <summary>
/// Issue 11: the totals per period and dependencia (a count per state among them) are stored (<see cref="DependencyTally"/>) and kept by each
/// save in its transaction. After every kind of change — a transition, a servant who moves to another dependencia, new
/// evaluations opened in bulk, a period's calendar that moves every evaluation's facts, saves of one dependencia at the
/// same time — what the reports read equals a count of the evaluations made then, for every period, on both providers.
/// </summary>
public abstract class DependencyTallyTests(QuietHost host) : IAsyncLifetime
{
    protected readonly EgiAppFactory app = host.App;
    protected EvaluationScenario scenario = null!;

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private DateOnly Today => BogotaTime.Today(app.Clock);

    /// <summary>A period's totals and state counts as text, in a fixed order (dependencia, then state).</summary>
    private static string Text(PeriodTotals t) => JsonSerializer.Serialize(new
    {
        Totals = t.Totals.OrderBy(x => x.DependencyId).ToList(),
        States = t.States.OrderBy(x => x.DependencyId).ThenBy(x => x.State).Select(x => $"{x.DependencyId}/{x.State}={x.Count}").ToList(),
    });

    /// <summary>For every period: the stored tallies read as the reports read them equal a recount of the evaluations.</summary>
    protected Task AssertTalliedAsync(string after) =>
        app.WithDbAsync(async d =>
        {
            var periods = await d.Periods.AsNoTracking().ToListAsync();
            Assert.NotEmpty(periods);
            foreach (var period in periods)
            {
                var recounted = Text(await DependencyTallies.RecountedAsync(d, period, Today));
                var stored = Text(await DependencyTallies.ReadAsync(d, period, Today, states: true));
                Assert.True(recounted == stored, $"After {after}, the stored totals of {period.Name} differ from a recount:\nrecount {recounted}\nstored  {stored}");
            }
        });

    private Task<DependencyTotals> TotalsOfAsync(int dependencyId) =>
        app.WithDbAsync(async d =>
        {
            var period = await d.Periods.AsNoTracking().SingleAsync(p => p.Id == scenario.PeriodId);
            return (await DependencyTallies.ReadAsync(d, period, Today)).Totals.Single(t => t.DependencyId == dependencyId);
        });

    [Fact]
    public async Task What_the_reports_read_equals_a_recount_after_every_kind_of_change()
    {
        await AssertTalliedAsync("opening the period in bulk");
        Assert.True(await app.WithDbAsync(d => d.Set<DependencyTally>().AnyAsync(t => t.PeriodId == scenario.PeriodId)));

        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(60, 40), p.Context));
        await AssertTalliedAsync("submitting goals");
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.ApproveGoals(p.Evaluator, p.Context));
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.AcceptGoals(p.Evaluado, p.Context));
        await AssertTalliedAsync("agreeing goals");

        // Camila moves to another dependencia: her agreed goals leave one line of the summary and join the other.
        var camila = await scenario.ServantIdAsync(EvaluationScenario.Camila);
        var (from, to) = await app.WithDbAsync(async d =>
        {
            var from = await d.Servants.Where(s => s.Id == camila).Select(s => s.DependencyId).SingleAsync();
            return (from, await d.Dependencies.Where(x => x.Id != from).OrderBy(x => x.Id).Select(x => x.Id).FirstAsync());
        });
        var (fromBefore, toBefore) = (await TotalsOfAsync(from), await app.WithDbAsync(async d =>
        {
            var period = await d.Periods.AsNoTracking().SingleAsync(p => p.Id == scenario.PeriodId);
            return (await DependencyTallies.ReadAsync(d, period, Today)).Totals.SingleOrDefault(t => t.DependencyId == to)?.Agreed ?? 0;
        }));
        await app.WithDbAsync(async d =>
        {
            (await d.Servants.SingleAsync(s => s.Id == camila)).DependencyId = to;
            await d.SaveChangesAsync();
        });
        await AssertTalliedAsync("a servant moving to another dependencia");
        Assert.Equal(fromBefore.Agreed - 1, (await TotalsOfAsync(from)).Agreed);
        Assert.Equal(toBefore + 1, (await TotalsOfAsync(to)).Agreed);

        // She moves on to a new dependencia, its only evaluada, and back: the new one is left without evaluations and
        // without a tally (the stored row of a dependencia with none is deleted, not kept with her in it).
        var created = await app.WithDbAsync(async d =>
        {
            var dependency = new Egi.Domain.Directory.Dependency { Code = "990", Name = "Grupo de conteo", ParentId = to };
            d.Dependencies.Add(dependency);
            await d.SaveChangesAsync();
            return dependency.Id;
        });
        async Task MoveCamilaAsync(int dependencyId) => await app.WithDbAsync(async d =>
        {
            (await d.Servants.SingleAsync(s => s.Id == camila)).DependencyId = dependencyId;
            await d.SaveChangesAsync();
        });
        await MoveCamilaAsync(created);
        await AssertTalliedAsync("a servant moving to a dependencia where she is the only one");
        Assert.Equal(1, (await TotalsOfAsync(created)).Agreed);
        await MoveCamilaAsync(to);
        await AssertTalliedAsync("the only servant of a dependencia leaving it");
        Assert.False(await app.WithDbAsync(d => d.Set<DependencyTally>().AnyAsync(t => t.DependencyId == created)));

        await scenario.AddEvaluadosAsync(3, "Conteo", 870000000, "conteo");
        await AssertTalliedAsync("new evaluations opened in bulk");

        // The stage-1 window closes earlier: every evaluation of the period has its facts refreshed by the save.
        await app.WithDbAsync(async d =>
        {
            var p = await d.Periods.SingleAsync(x => x.Id == scenario.PeriodId);
            p.SetWindows(p.Windows.Select(w => w.Stage == Stage.GoalSetting ? w with { End = new(2026, 11, 20) } : w).ToList());
            await d.SaveChangesAsync();
        });
        await AssertTalliedAsync("a period's calendar moving every deadline");
    }

    /// <summary>
    /// Migration TalliesPerDependency turned the rows per (period, dependencia, state) into one per (period, dependencia)
    /// with a column per state. Its Down and Up both empty the table (the rows are derived, none is converted), and the
    /// next start counts every tally again from the evaluations: what the reports read then equals a recount, state
    /// counts included.
    /// </summary>
    [Fact]
    public async Task After_the_migration_to_one_row_per_dependencia_the_next_start_counts_the_tallies_again()
    {
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(60, 40), p.Context));
        await app.WithDbAsync(d => d.GetService<IMigrator>().MigrateAsync("ImprovementIndexFinalized"));
        Assert.Equal(0, await app.WithDbAsync(d => d.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM \"DependencyTallies\"").SingleAsync()));
        // Rows as the previous version stored them: one dependencia in two states (their counts do not matter, the
        // migration drops them; two rows of one dependencia would break its new key if it kept them).
        var oldRows = OldTallyRow(scenario.PeriodId, 5) + OldTallyRow(scenario.PeriodId, 6);
        await app.WithDbAsync(d => d.Database.ExecuteSqlRawAsync(oldRows));

        await app.WithDbAsync(d => d.Database.MigrateAsync());
        Assert.False(await app.WithDbAsync(d => d.Set<DependencyTally>().AnyAsync()));
        await DatabaseInitializer.InitializeAsync(app.Services);

        Assert.True(await app.WithDbAsync(d => d.Set<DependencyTally>().AnyAsync(t => t.PeriodId == scenario.PeriodId && t.InGoalApproval == 1)));
        await AssertTalliedAsync("the migration and the next start");
    }

    /// <summary>An INSERT of a tally row of the schema before TalliesPerDependency (every count 0, no sum).</summary>
    private static string OldTallyRow(int periodId, int state)
    {
        string[] counts =
        [
            "Servants", "NotStarted", "Formulation", "Approval", "Acceptance", "Agreed", "ClosedNotAgreed", "Stage2NotStarted",
            "Stage2InProgress", "Stage2Accepted", "Stage2NotApplicable", "FirstFollowUpCount", "Scored", "Outstanding",
            "Satisfactory", "Unsatisfactory", "NoEvaluation", "InGoals", "InFollowUpI", "InFollowUpII", "Finalized", "Closed",
            "OfEvaluableType",
        ];
        return $"INSERT INTO \"DependencyTallies\" (\"PeriodId\", \"DependencyId\", \"State\", {string.Join(", ", counts.Select(c => $"\"{c}\""))}) "
            + $"SELECT {periodId}, (SELECT min(\"Id\") FROM \"Dependencies\"), {state}, {string.Join(", ", counts.Select(_ => "0"))};";
    }

    /// <summary>
    /// «Sin evaluación» is read as the eligible servants less the evaluated ones of an evaluable vinculación the tallies
    /// keep, plus those retired by today: it equals the servants looked for one by one when eligible servants have no
    /// evaluation, and evaluados of the same dependencia change vinculación, become gerente público (the tallies are
    /// counted again) or retire. (In a dependencia with none without an evaluation, a wrong subtraction would go below
    /// zero and show nothing: hence two of them there.)
    /// </summary>
    [Fact]
    public async Task Servants_without_an_evaluation_stay_right_when_vinculacion_or_retirement_change()
    {
        var felipe = await scenario.AddEvaluadosAsync(3, "Vinculación", 872000000, "vinculacion");
        var dependency = await app.WithDbAsync(d => d.Servants.Where(s => s.Id == felipe).Select(s => s.DependencyId).SingleAsync());
        var before = (await TotalsOfAsync(dependency)).NoEvaluation;

        // Two eligible servants without an evaluation (nobody opened one).
        await app.WithDbAsync(async d =>
        {
            for (var i = 0; i < 2; i++)
                d.Servants.Add(NewServants.Of($"87100000{i}", dependency, bossId: felipe, firstNames: $"Sin {i}", lastNames: "Evaluación"));
            await d.SaveChangesAsync();
        });
        await AssertTalliedAsync("eligible servants without an evaluation");
        Assert.Equal(before + 2, (await TotalsOfAsync(dependency)).NoEvaluation);

        async Task ChangeAsync(string document, Action<Egi.Domain.Directory.Servant> change)
        {
            var id = await scenario.ServantIdAsync(document);
            await app.WithDbAsync(async d =>
            {
                change(await d.Servants.SingleAsync(s => s.Id == id));
                await d.SaveChangesAsync();
            });
        }
        await ChangeAsync("872000000", s => s.EmploymentType = Egi.Domain.Directory.EmploymentType.Career);
        await AssertTalliedAsync("an evaluado who became carrera administrativa");
        await ChangeAsync("872000001", s => s.IsPublicManager = true);
        await AssertTalliedAsync("an evaluado marked gerente público");
        await ChangeAsync("872000002", s => s.RetirementDate = Today.AddDays(-1));
        await AssertTalliedAsync("an evaluado retired yesterday");
        await ChangeAsync("872000000", s => s.EmploymentType = Egi.Domain.Directory.EmploymentType.Provisional);
        await AssertTalliedAsync("the first one provisional again");
        Assert.Equal(before + 2, (await TotalsOfAsync(dependency)).NoEvaluation);
    }

    /// <summary>
    /// A save reads its evaluado's dependencia twice: before it writes, to choose the tallies to lock first (from the
    /// servant the page loaded with the evaluation), and after, inside the locks, to count. When Talento Humano moved
    /// her in between, the second read finds the dependencia she joined, whose tallies the save then locks (on
    /// PostgreSQL, out of order: held at its commit) and counts: her new state is counted where she is now, not where
    /// the page found her.
    /// </summary>
    [Fact]
    public async Task An_evaluada_moved_after_her_evaluation_was_read_is_counted_where_she_is_now()
    {
        var camila = await scenario.ServantIdAsync(EvaluationScenario.Camila);
        var to = await app.WithDbAsync(async d =>
        {
            var from = await d.Servants.Where(s => s.Id == camila).Select(s => s.DependencyId).SingleAsync();
            return await d.Dependencies.Where(x => x.Id != from).OrderBy(x => x.Id).Select(x => x.Id).FirstAsync();
        });
        var approvalBefore = await app.WithDbAsync(async d =>
        {
            var period = await d.Periods.AsNoTracking().SingleAsync(p => p.Id == scenario.PeriodId);
            return (await DependencyTallies.ReadAsync(d, period, Today)).Totals.SingleOrDefault(t => t.DependencyId == to)?.Approval ?? 0;
        });
        var heldAtCommit = (bool?)null;
        await app.WithDbAsync(async d =>
        {
            // As the goals page loads them: her evaluation and, tracked with it, her servant row.
            var evaluation = await d.Evaluations.SingleAsync(e => e.PeriodId == scenario.PeriodId && e.EvaluadoId == camila);
            var servant = await d.Servants.SingleAsync(s => s.Id == camila);
            var period = await d.Periods.AsNoTracking().SingleAsync(p => p.Id == scenario.PeriodId);
            var user = await d.Users.Where(u => u.ServantId == camila).Select(u => u.Id).SingleAsync();

            // Meanwhile Talento Humano moves her to another dependencia.
            await app.WithDbAsync(async other =>
            {
                (await other.Servants.SingleAsync(s => s.Id == camila)).DependencyId = to;
                await other.SaveChangesAsync();
            });

            var outcome = evaluation.SubmitGoals(new(user, camila, servant.FullName), EvaluationScenario.Goals(50, 50),
                new(Today, app.Clock.GetUtcNow().UtcDateTime, period, servant.HireDate));
            Assert.True(outcome.Succeeded, outcome.ToString());
            if (d.Database.IsNpgsql())
                app.Transactions.BeforeCommit(d, async () => heldAtCommit = await app.WithDbAsync(other => other.Database.SqlQuery<bool>(
                    $"""SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = {scenario.PeriodId}::oid AND objid = {to}::oid AND objsubid = 1 AND granted) AS "Value" """).SingleAsync()));
            await d.SaveChangesAsync();
        });
        await AssertTalliedAsync("a save of an evaluada moved after her evaluation was read");
        Assert.Equal(approvalBefore + 1, (await TotalsOfAsync(to)).Approval);
        if (heldAtCommit is { } held) Assert.True(held, "The save held the tallies of the dependencia she joined when it committed");
    }

    [Fact]
    public async Task Saves_of_one_dependencia_at_the_same_time_leave_the_right_totals()
    {
        // The demo's evaluados with an account (and an evaluator with one) in the dependencia that has most of them.
        var documents = await app.WithDbAsync(async d =>
        {
            var withAccount = d.Users.Where(u => u.ServantId != null).Select(u => u.ServantId!.Value);
            var rows = await (from e in d.Evaluations
                              where e.PeriodId == scenario.PeriodId && withAccount.Contains(e.EvaluadoId) && withAccount.Contains(e.EvaluatorId)
                              join s in d.Servants on e.EvaluadoId equals s.Id
                              select new { s.DocumentNumber, s.DependencyId }).ToListAsync();
            return rows.GroupBy(r => r.DependencyId).MaxBy(g => g.Count())!.Select(r => r.DocumentNumber).ToList();
        });
        Assert.True(documents.Count >= 3, $"{documents.Count} evaluados in the busiest dependencia");
        await Task.WhenAll(documents.Select(doc => Task.Run(() =>
            scenario.ActAsync(doc, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(50, 50), p.Context)))));
        await AssertTalliedAsync($"{documents.Count} saves of one dependencia at the same time");
        await Task.WhenAll(documents.Select(doc => Task.Run(() => scenario.ActAsync(doc, (e, p) => e.ApproveGoals(p.Evaluator, p.Context)))));
        await AssertTalliedAsync($"{documents.Count} more");
    }

    [Fact]
    public async Task A_database_without_tallies_gets_them_counted_at_start_up()
    {
        var before = await app.WithDbAsync(async d =>
            Text(await DependencyTallies.ReadAsync(d, await d.Periods.AsNoTracking().SingleAsync(p => p.Id == scenario.PeriodId), Today)));
        await app.WithDbAsync(d => d.Set<DependencyTally>().ExecuteDeleteAsync());
        await DatabaseInitializer.InitializeAsync(app.Services);
        Assert.True(await app.WithDbAsync(d => d.Set<DependencyTally>().AnyAsync()));
        await AssertTalliedAsync("counting them at start-up");
        Assert.Equal(before, await app.WithDbAsync(async d =>
            Text(await DependencyTallies.ReadAsync(d, await d.Periods.AsNoTracking().SingleAsync(p => p.Id == scenario.PeriodId), Today))));
    }
}

public sealed class DependencyTallyTestsSqlite(QuietSqliteHost host) : DependencyTallyTests(host), IClassFixture<QuietSqliteHost>;

public sealed class DependencyTallyTestsPostgres(QuietPostgresHost host) : DependencyTallyTests(host), IClassFixture<QuietPostgresHost>
{
    /// <summary>
    /// PostgreSQL: a save locks the tallies of its own dependencia, not the whole period (bench/window.sh: with one lock
    /// per period, 32 saves at once spent four fifths of their time waiting for it). While another transaction holds
    /// the tallies of one dependencia, a save in another dependencia goes through, a save in that one waits until the
    /// holder commits; a count of the whole period waits for both and they for it.
    /// </summary>
    [Fact]
    public async Task A_save_waits_only_for_the_saves_of_its_own_dependencia()
    {
        // Two evaluados (with accounts, and evaluators with accounts) in two different dependencias.
        var rows = await app.WithDbAsync(async d =>
        {
            var withAccount = d.Users.Where(u => u.ServantId != null).Select(u => u.ServantId!.Value);
            return await (from e in d.Evaluations
                          where e.PeriodId == scenario.PeriodId && withAccount.Contains(e.EvaluadoId) && withAccount.Contains(e.EvaluatorId)
                                && e.State == Egi.Domain.Evaluations.EvaluationState.GoalFormulation
                          join s in d.Servants on e.EvaluadoId equals s.Id
                          select new { s.DocumentNumber, s.DependencyId }).ToListAsync();
        });
        var byDependency = rows.GroupBy(r => r.DependencyId).OrderByDescending(g => g.Count()).ToList();
        Assert.True(byDependency.Count >= 2 && byDependency[0].Count() >= 2, "two evaluados in one dependencia and one in another");
        var (lockedDependency, inLocked, otherInLocked) = (byDependency[0].Key, byDependency[0].First().DocumentNumber, byDependency[0].Skip(1).First().DocumentNumber);
        var inOther = byDependency[1].First().DocumentNumber;
        Task Submit(string document) => Task.Run(() =>
            scenario.ActAsync(document, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(50, 50), p.Context)));

        var waitingBefore = await WaitingForLocksAsync();
        using (var scope = app.Services.CreateScope())
        {
            var holder = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
            await using (var tx = await holder.Database.BeginTransactionAsync())
            {
                var locks = await DependencyTallies.LockAsync(holder, [(scenario.PeriodId, [lockedDependency])]);
                Assert.True(locks.Holds(scenario.PeriodId, lockedDependency));
                Assert.False(locks.Holds(scenario.PeriodId, byDependency[1].Key));

                var other = Submit(inOther);
                await Eventually.UntilAsync(() => other.IsCompleted, "the save of another dependencia to go through while one is locked");
                await other;
                await WaitsUntilAsync(Submit(inLocked), waitingBefore, () => tx.CommitAsync(), "the save of the locked dependencia");
            }
        }
        await AssertTalliedAsync("saves of two dependencias while one of them was locked");

        // A count of the whole period (the first count at start-up) holds every dependencia of it.
        using (var scope = app.Services.CreateScope())
        {
            var holder = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
            await using var tx = await holder.Database.BeginTransactionAsync();
            var locks = await DependencyTallies.LockAsync(holder, [(scenario.PeriodId, null)]);
            Assert.True(locks.Holds(scenario.PeriodId, lockedDependency) && locks.Holds(scenario.PeriodId, byDependency[1].Key));
            await WaitsUntilAsync(Submit(otherInLocked), waitingBefore, () => tx.RollbackAsync(), "a save during the count of the whole period");
        }
        await AssertTalliedAsync("a save that waited for the count of the whole period");
    }

    /// <summary>
    /// The one deadlock the tallies' locks allow, made real: an approval whose evaluada Talento Humano moved after the page
    /// loaded her locks her old dependencia's tallies, saves, finds her new one and waits for its lock, which another
    /// transaction holds; that one then asks for the old dependencia's. PostgreSQL refuses the approval to end the
    /// deadlock: the jefe gets the Spanish 409 page, nothing of the approval is stored, the other transaction goes on,
    /// and sent again the approval goes through.
    /// </summary>
    [Fact]
    public async Task A_deadlock_refuses_the_save_with_a_spanish_409_and_keeps_nothing_of_it()
    {
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(50, 50), p.Context));
        var id = await scenario.EvaluationIdAsync(EvaluationScenario.Camila);
        var camila = await scenario.ServantIdAsync(EvaluationScenario.Camila);
        var (from, to) = await app.WithDbAsync(async d =>
        {
            var from = await d.Servants.Where(s => s.Id == camila).Select(s => s.DependencyId).SingleAsync();
            return (from, await d.Dependencies.Where(x => x.Id != from).OrderBy(x => x.Id).Select(x => x.Id).FirstAsync());
        });
        // Outside Development the error page answers, not the developer's exception page.
        await using var production = app.InProduction();
        var jefe = production.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await jefe.PostFormAsync("/Account/Login", new() { ["Input.Email"] = Accounts.Jefe, ["Input.Password"] = EgiAppFactory.Password });
        var page = $"/Evaluations/Approval/{id}";
        async Task<HttpResponseMessage> ApproveAsync()
        {
            var html = await jefe.GetStringAsync(page);
            var form = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = HttpClientFormExtensions.AntiforgeryToken(html),
                ["Version"] = Evaluations.Ap.Version(html),
            };
            return await jefe.PostAsync($"{page}?handler=Approve", new FormUrlEncodedContent(form));
        }
        var versionBefore = (await scenario.EvaluationAsync(EvaluationScenario.Camila)).Version;
        var waitingBefore = await WaitingForLocksAsync();

        using var scope = app.Services.CreateScope();
        var other = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
        await using var tx = await other.Database.BeginTransactionAsync();
        // Its own deadlock check comes long after the approval's: PostgreSQL refuses the approval, not this one.
        await other.Database.ExecuteSqlRawAsync("SET LOCAL deadlock_timeout = '60s'");
        // When the approval's save begins (the page has loaded her): she moves, and the other transaction takes the
        // tallies of the dependencia she joins.
        app.Transactions.Before(null, async () =>
        {
            await app.WithDbAsync(async d =>
            {
                (await d.Servants.SingleAsync(s => s.Id == camila)).DependencyId = to;
                await d.SaveChangesAsync();
            });
            await other.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({DependencyTallies.PairKey(scenario.PeriodId, to)})");
        });
        var approval = ApproveAsync();
        await Eventually.UntilAsync(async () => await WaitingForLocksAsync() > waitingBefore, "the approval to wait for the tallies of the dependencia she joined");
        var closing = other.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({DependencyTallies.PairKey(scenario.PeriodId, from)})");
        var refused = await approval;
        await closing;
        await tx.CommitAsync();

        Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.StatusCode);
        var text = System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Otro cambio se guardaba al mismo tiempo", text);
        Assert.DoesNotContain("deadlock", text, StringComparison.OrdinalIgnoreCase);
        var kept = await scenario.EvaluationAsync(EvaluationScenario.Camila);
        Assert.Equal(Egi.Domain.Evaluations.EvaluationState.GoalApproval, kept.State);
        Assert.Equal(versionBefore, kept.Version);
        await AssertTalliedAsync("an approval refused to end a deadlock");

        var again = await ApproveAsync();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(Egi.Domain.Evaluations.EvaluationState.GoalAcceptance, (await scenario.EvaluationAsync(EvaluationScenario.Camila)).State);
        await AssertTalliedAsync("the approval sent again");
    }

    /// <summary>
    /// <paramref name="save"/> waits for a lock (PostgreSQL shows one more connection waiting than
    /// <paramref name="waitingBefore"/>) and has not ended; once <paramref name="release"/> ends the holder's
    /// transaction, it ends.
    /// </summary>
    private async Task WaitsUntilAsync(Task save, int waitingBefore, Func<Task> release, string what)
    {
        await Eventually.UntilAsync(async () => await WaitingForLocksAsync() > waitingBefore, $"{what} to wait for its lock");
        Assert.False(save.IsCompleted, $"{what} ended while the lock was held");
        await release();
        await save;
    }

    /// <summary>How many advisory locks PostgreSQL's connections are waiting for now.</summary>
    private Task<int> WaitingForLocksAsync() =>
        app.WithDbAsync(d => d.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").SingleAsync());
}
