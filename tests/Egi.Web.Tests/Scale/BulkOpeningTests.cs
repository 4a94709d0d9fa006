using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Features.Evaluations;
using Egi.Web.Features.Shared;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Scale;

/// <summary>
/// Opening a period in bulk (multi-row INSERTs, nothing tracked) writes exactly the rows the one-by-one path
/// (<c>Add</c> + <c>SaveChanges</c> per evaluation) writes — every column of the evaluation, its stored facts, its
/// waits and its audit line — on both providers, and costs no SQL command per servant: the same number for 10 servants
/// as for 300 on PostgreSQL, at most one more per ten on SQLite (whose statements close at a length).
/// </summary>
public abstract class BulkOpeningTests(QuietHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>New servants under Felipe, without evaluations; hire dates vary (this year's hires get their own goal window).</summary>
    private async Task<List<int>> AddServantsAsync(int count, int firstDocument)
    {
        var felipe = await scenario.ServantIdAsync(EvaluationScenario.Felipe);
        return await app.WithDbAsync(async d =>
        {
            var boss = await d.Servants.AsNoTracking().SingleAsync(s => s.Id == felipe);
            var added = Enumerable.Range(0, count).Select(i => new Servant
            {
                DocumentNumber = (firstDocument + i).ToString(CultureInfo.InvariantCulture),
                FirstNames = $"Masiva {i}",
                LastNames = "Apertura",
                Email = $"apertura{firstDocument + i}@egi-demo.gov.co",
                JobTitle = "Profesional universitario",
                JobCode = "2044",
                JobGrade = "01",
                Level = HierarchyLevel.Profesional,
                DependencyId = boss.DependencyId,
                EmploymentType = i % 3 == 0 ? EmploymentType.FreeAppointment : EmploymentType.Provisional,
                HireDate = i % 4 == 0 ? new DateOnly(2026, 11, 1 + i % 20) : new DateOnly(2018 + i % 5, 1 + i % 12, 1),
                BossId = felipe,
            }).ToList();
            d.Servants.AddRange(added);
            await d.SaveChangesAsync();
            return added.Select(s => s.Id).ToList();
        });
    }

    /// <summary>Every column of the rows of <paramref name="table"/> of these evaluados (or evaluations), as text, keyed by evaluado.</summary>
    private Task<Dictionary<string, string>> RowsAsync(string sql) =>
        app.WithDbAsync(async d =>
        {
            var conn = d.Database.GetDbConnection();
            if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            var rows = new Dictionary<string, string>();
            await using DbDataReader r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                var columns = Enumerable.Range(0, r.FieldCount).Where(i => r.GetName(i) != "Key")
                    .Select(i => $"{r.GetName(i)}={(r.IsDBNull(i) ? "NULL" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))}");
                rows.Add(r.GetString(r.GetOrdinal("Key")), string.Join(" | ", columns));
            }
            return rows;
        });

    /// <summary>The evaluations, their waits and their «Crear» audit lines, without the generated key and the random version.</summary>
    private async Task<(Dictionary<string, string> Evaluations, Dictionary<string, string> Waits, Dictionary<string, string> Audits)> SnapshotAsync(IReadOnlyList<int> servants)
    {
        var ids = string.Join(",", servants);
        var evaluations = await RowsAsync($"SELECT CAST(e.\"EvaluadoId\" AS TEXT) AS \"Key\", e.* FROM \"Evaluations\" e WHERE e.\"EvaluadoId\" IN ({ids})");
        evaluations = evaluations.ToDictionary(x => x.Key, x => string.Join(" | ", x.Value.Split(" | ").Where(c => !c.StartsWith("Id=", StringComparison.Ordinal) && !c.StartsWith("Version=", StringComparison.Ordinal))));
        var waits = await RowsAsync($"SELECT CAST(e.\"EvaluadoId\" AS TEXT) || '/' || CAST(w.\"ServantId\" AS TEXT) AS \"Key\", w.\"ServantId\", w.\"Action\", w.\"Since\" " +
            $"FROM \"EvaluationWaits\" w JOIN \"Evaluations\" e ON e.\"Id\" = w.\"EvaluationId\" WHERE e.\"EvaluadoId\" IN ({ids})");
        var audits = await RowsAsync($"SELECT CAST(e.\"EvaluadoId\" AS TEXT) AS \"Key\", a.\"Action\", a.\"EntityType\", a.\"Summary\", a.\"Before\", a.\"After\", a.\"At\" " +
            $"FROM \"AuditEntries\" a JOIN \"Evaluations\" e ON a.\"EntityId\" = CAST(e.\"Id\" AS TEXT) AND a.\"EntityType\" = 'Evaluación' WHERE e.\"EvaluadoId\" IN ({ids})");
        // The audit's snapshot carries the key and the version: compare the rest.
        audits = audits.ToDictionary(x => x.Key, x =>
        {
            var after = x.Value.Split(" | ").Single(c => c.StartsWith("After=", StringComparison.Ordinal))["After=".Length..];
            var json = JsonNode.Parse(after)!.AsObject();
            json.Remove("Id");
            json.Remove("Version");
            return string.Join(" | ", x.Value.Split(" | ").Where(c => !c.StartsWith("After=", StringComparison.Ordinal)).Append(json.ToJsonString()));
        });
        return (evaluations, waits, audits);
    }

    [Fact]
    public async Task Opening_in_bulk_writes_exactly_what_one_save_per_evaluation_writes()
    {
        var servants = await AddServantsAsync(40, 700000000);

        // The one-by-one path: an Add and a SaveChanges per evaluation (what EnsureForServantAsync does for one servant).
        await app.WithDbAsync(async d =>
        {
            var felipe = await scenario.ServantIdAsync(EvaluationScenario.Felipe);
            var now = app.Clock.GetUtcNow().UtcDateTime;
            foreach (var id in servants)
            {
                d.Evaluations.Add(Evaluation.Open(scenario.PeriodId, id, felipe, now));
                await d.SaveChangesAsync();
            }
        });
        var oneByOne = await SnapshotAsync(servants);
        Assert.Equal(servants.Count, oneByOne.Evaluations.Count);
        Assert.Equal(servants.Count, oneByOne.Waits.Count);
        Assert.Equal(servants.Count, oneByOne.Audits.Count);
        // The facts are computed (current revision) before the rows are compared.
        Assert.All(oneByOne.Evaluations.Values, v => Assert.Contains($"Facts_Revision={EvaluationFacts.CurrentRevision} ", v + " ", StringComparison.Ordinal));

        await app.WithDbAsync(async d =>
        {
            // The audit trail is append-only: the first lines stay, pointing at the keys deleted here.
            // Their waits go with them (ON DELETE CASCADE).
            await d.Evaluations.Where(e => servants.Contains(e.EvaluadoId)).ExecuteDeleteAsync();
        });
        Assert.Empty((await SnapshotAsync(servants)).Evaluations);

        var result = await app.WithDbAsync(async d =>
        {
            var period = await d.Periods.AsNoTracking().SingleAsync(p => p.Id == scenario.PeriodId);
            var opened = await new EvaluationOpening(d, app.Clock).OpenAllAsync(period);
            Assert.Empty(d.ChangeTracker.Entries<Evaluation>());
            return opened;
        });
        Assert.Equal(servants.Count, result.Created);
        var bulk = await SnapshotAsync(servants);

        foreach (var (key, row) in oneByOne.Evaluations) Assert.Equal(row, bulk.Evaluations[key]);
        Assert.Equal(oneByOne.Waits, bulk.Waits);
        foreach (var (key, row) in oneByOne.Audits) Assert.Equal(row, bulk.Audits[key]);

        // Read back through EF Core: the aggregates load (empty JSON parts) and the facts are the domain's.
        await app.WithDbAsync(async d =>
        {
            var period = await d.Periods.AsNoTracking().SingleAsync(p => p.Id == scenario.PeriodId);
            var loaded = await d.Evaluations.Where(e => servants.Contains(e.EvaluadoId)).ToListAsync();
            Assert.Equal(servants.Count, loaded.Count);
            Assert.All(loaded, e =>
            {
                Assert.Empty(e.Goals);
                Assert.Empty(e.History);
                var facts = e.Facts;
                var waits = e.Waits.Select(w => (w.ServantId, w.Action, w.Since)).ToList();
                e.RefreshFacts(period, d.Servants.AsNoTracking().Single(s => s.Id == e.EvaluadoId).HireDate);
                Assert.Equal(waits, e.Waits.Select(w => (w.ServantId, w.Action, w.Since)).ToList());
                Assert.Equal((EvaluationState.GoalFormulation, WaitingOn.Evaluado), (e.State, e.Facts.WaitingOn));
            });
        });
    }

    [Fact]
    public async Task Opening_300_servants_costs_no_sql_command_per_servant()
    {
        async Task<int> OpenCountingAsync()
        {
            return await app.WithDbAsync(async d =>
            {
                var period = await d.Periods.AsNoTracking().SingleAsync(p => p.Id == scenario.PeriodId);
                app.Queries.Reset();
                await new EvaluationOpening(d, app.Clock).OpenAllAsync(period);
                return app.Queries.Count;
            });
        }
        await AddServantsAsync(10, 710000000);
        var few = await OpenCountingAsync();
        await AddServantsAsync(300, 720000000);
        var many = await OpenCountingAsync();
        Assert.Equal(310, await app.WithDbAsync(d => d.Evaluations.CountAsync(e => e.PeriodId == scenario.PeriodId && d.Servants.Any(s => s.Id == e.EvaluadoId && s.LastNames == "Apertura"))));
        // PostgreSQL copies each table of many rows in one command (its own, which EF Core's count does not see; a few rows
        // go in one INSERT, which it does); SQLite's multi-row INSERTs close at BulkInsert.MaxChars characters (a few
        // dozen audit lines each): a command more per dozens of evaluations, never one per evaluation.
        if (app.Db == Db.Postgres)
        {
            Assert.True(many <= few, $"10 servants: {few} SQL commands; 300 servants: {many}");
            Assert.InRange(many, 1, 12);
        }
        else Assert.True(many - few <= (300 - 10) / 10, $"10 servants: {few} SQL commands; 300 servants: {many}");
    }
}

public sealed class BulkOpeningTestsSqlite(QuietSqliteHost host) : BulkOpeningTests(host), IClassFixture<QuietSqliteHost>;

public sealed class BulkOpeningTestsPostgres(QuietPostgresHost host) : BulkOpeningTests(host), IClassFixture<QuietPostgresHost>;
