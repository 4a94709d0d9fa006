using System.Data.Common;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Data.Migrations;
using Egi.Web.Features.Shared;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Scale;

/// <summary>
/// Issue 11: the migrations create one index per followed-up step over the columns the control points filter on, on
/// both providers, and SQLite answers the count of late evaluations of each step from that index alone (the plan names
/// it as a covering index: no wide row of the period is read); with the statistics refreshed at start-up
/// (<see cref="Data.PlannerStatistics"/>), a jefe's evaluations are read through the evaluator's index, not every
/// evaluation of the period.
/// </summary>
public abstract class QueryPlanTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync() => host.StartTestAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_step_has_its_deadline_index_with_its_columns_in_order()
    {
        foreach (var (name, columns) in ControlDeadlineIndexesSql.Indexes)
        {
            var actual = await app.WithDbAsync(d => IndexColumnsAsync(d, name));
            Assert.Equal(columns, actual);
        }
    }

    [Fact]
    public async Task The_report_index_has_every_column_the_totals_read_in_order()
    {
        var actual = await app.WithDbAsync(d => IndexColumnsAsync(d, ReportIndexSql.Name));
        Assert.Equal(ReportIndexSql.Columns, actual);
    }

    [Fact]
    public async Task The_improvement_index_has_every_column_the_rule_reads_in_order()
    {
        var (actual, partial) = await app.WithDbAsync(async d => (await IndexColumnsAsync(d, ImprovementIndexSql.Name), await ReadAsync(d, d.Database.IsNpgsql()
            ? "SELECT (i.indpred IS NOT NULL)::int FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = @name"
            : "SELECT partial FROM pragma_index_list('Evaluations') WHERE name = @name", ("@name", ImprovementIndexSql.Name))));
        Assert.Equal(ImprovementIndexSql.Columns, actual);
        Assert.Equal("1", Assert.Single(partial)); // finalized evaluations only (ImprovementIndexSql.Filter)
    }

    /// <summary>
    /// The rows of a report test whether a servant is listed (an evaluation in the period, or eligible while it is open)
    /// on the evaluation the row already joins: no second look-up of the period's evaluations, which PostgreSQL ran as
    /// a hash of every evaluation of the period for each page of 50.
    /// </summary>
    [Fact]
    public async Task A_reports_rows_look_up_the_periods_evaluations_once()
    {
        var scenario = await EvaluationScenario.OpenAsync(app);
        var sql = await app.WithDbAsync(async d =>
        {
            var period = await d.Periods.AsNoTracking().SingleAsync(p => p.Id == scenario.PeriodId);
            return EvaluationRows.Of(d, period, new DateOnly(2026, 12, 4)).ToQueryString();
        });
        Assert.DoesNotContain("EXISTS", sql, StringComparison.OrdinalIgnoreCase);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(sql, "FROM \"Evaluations\""));
    }

    /// <summary>
    /// A report's page read by the dependencias it spans tests them on the joined dependencia's own id as well as on the
    /// servant's: PostgreSQL does not carry a list of values across a join, and without it compared every dependencia of
    /// the entity with every servant of the page's dependencias (at 50 000 servants the page's query took 11–12 ms, 7 with it).
    /// </summary>
    [Fact]
    public async Task A_reports_page_reads_only_the_dependencias_it_spans() =>
        await app.WithDbAsync(async d =>
        {
            var scenario = await EvaluationScenario.OpenAsync(app);
            var period = await d.Periods.AsNoTracking().SingleAsync(p => p.Id == scenario.PeriodId);
            var today = new DateOnly(2026, 12, 4);
            var tree = await DependencyNodes.LoadAsync(d, default);
            var totals = (await DependencyTallies.ReadAsync(d, period, today)).Totals;
            var perDependency = tree.Select(n => (n.Id, totals.Where(t => t.DependencyId == n.Id).Sum(t => t.Servants))).ToList();
            var ordered = Features.Reports.ReportQuery.Ordered(EvaluationRows.Of(d, period, today));
            app.Queries.Reset();
            var (rows, _) = await Features.Reports.ReportQuery.PageAsync(d, ordered, Paging.Of(1, perDependency.Sum(x => x.Item2)), perDependency, tree, default);
            Assert.NotEmpty(rows);
            var page = Assert.Single(app.Queries.Texts, t => t.Contains("FROM \"Servants\"", StringComparison.Ordinal) && t.Contains("\"TreePosition\"", StringComparison.Ordinal));
            Assert.Matches("\"?d\"?\\.\"Id\" IN \\(", page);
        });

    private static async Task<List<string>> IndexColumnsAsync(DbContext db, string index)
    {
        var sql = db.Database.IsNpgsql()
            ? """
              SELECT a.attname FROM pg_index i
              JOIN pg_class c ON c.oid = i.indexrelid
              CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
              WHERE c.relname = @name ORDER BY k.n
              """
            : "SELECT name FROM pragma_index_info(@name) ORDER BY seqno";
        return await ReadAsync(db, sql, ("@name", index));
    }

    protected static async Task<List<string>> ReadAsync(DbContext db, string sql, params (string Name, object? Value)[] parameters)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                p.Value = value ?? DBNull.Value;
                command.Parameters.Add(p);
            }
            var result = new List<string>();
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) result.Add(reader.GetValue(reader.FieldCount - 1).ToString() ?? "");
            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

public sealed class QueryPlanTestsSqlite(SqliteHost host) : QueryPlanTests(host), IClassFixture<SqliteHost>
{
    private readonly EgiAppFactory app = host.App;

    /// <summary>
    /// Every connection the application opens waits for another writer's lock inside SQLite (busy_timeout), instead of
    /// failing at once into Microsoft.Data.Sqlite's 150 ms sleep, and skips the disk flush of each commit in WAL mode.
    /// </summary>
    [Fact]
    public async Task Every_connection_waits_for_a_writer_inside_sqlite_and_commits_without_a_flush()
    {
        var (busyTimeout, synchronous, journal) = await app.WithDbAsync(async d =>
            ((await ReadAsync(d, "PRAGMA busy_timeout")).Single(), (await ReadAsync(d, "PRAGMA synchronous")).Single(),
                (await ReadAsync(d, "PRAGMA journal_mode")).Single()));
        Assert.Equal("5000", busyTimeout);
        Assert.Equal("1", synchronous); // NORMAL
        Assert.Equal("wal", journal);
    }

    /// <summary>
    /// SQLite reads a column by walking the row's record up to it: every plain column of an evaluation (keys, state, the
    /// stored facts) comes before its JSON documents, so that reading a fact never follows the overflow pages of the
    /// goals and the history (migration EvaluationPlainColumnsFirst; the facts were added after the documents).
    /// </summary>
    [Fact]
    public async Task The_evaluations_plain_columns_come_before_their_json_documents()
    {
        var columns = await app.WithDbAsync(d => ReadAsync(d, "SELECT name FROM pragma_table_info('Evaluations') ORDER BY cid"));
        string[] documents = ["Competencies", "Goals", "History", "Partials", "Progress", "Reopenings", "Tenures", "Versions"];
        Assert.Equal(documents, columns.Where(documents.Contains).Order(StringComparer.Ordinal));
        var firstDocument = columns.FindIndex(c => documents.Contains(c));
        Assert.True(columns.Skip(firstDocument).All(documents.Contains), string.Join(", ", columns));
        Assert.Contains("Facts_FinalScore", columns.Take(firstDocument));
    }

    /// <summary>Who requires an improvement plan by the rule is found in the improvement index alone, never the wide evaluation rows.</summary>
    [Fact]
    public async Task Who_requires_an_improvement_plan_is_selected_from_the_improvement_index_alone()
    {
        var plan = await app.WithDbAsync(async d =>
        {
            var period = await d.Periods.AsNoTracking().FirstAsync();
            return await PlanAsync(d, d.Evaluations.Where(e => e.PeriodId == period.Id)
                .Where(Egi.Domain.Improvement.ImprovementRule.RequiresPlan(period.Settings)).Select(e => e.EvaluadoId));
        });
        Assert.Contains(plan, line => line.Contains($"COVERING INDEX {ImprovementIndexSql.Name} ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(EvaluationStep.Goals, "IX_Evaluations_PeriodId_GoalsDeadline")]
    [InlineData(EvaluationStep.FollowUpI, "IX_Evaluations_PeriodId_FollowUpIDeadline")]
    [InlineData(EvaluationStep.FollowUpII, "IX_Evaluations_PeriodId_FollowUpIIDeadline")]
    public async Task The_count_of_late_evaluations_reads_the_step_index_alone(EvaluationStep step, string index)
    {
        var plan = await app.WithDbAsync(async d =>
        {
            var periodId = await d.Periods.Select(p => p.Id).FirstAsync();
            return await PlanAsync(d, d.Evaluations.Where(e => e.PeriodId == periodId).Where(StepDeadlines.Late(step, new DateOnly(2026, 11, 24))).Select(e => e.Id));
        });
        Assert.Contains(plan, line => line.Contains($"COVERING INDEX {index} ", StringComparison.Ordinal));
    }

    /// <summary>
    /// The control points' lists of late evaluations (their rows need columns no index holds) are found through the step's
    /// deadline index too. The first improvement index, (period, state, …), offered SQLite a range on the state as good as
    /// the deadline's, and it read every wide row of the period's open evaluations for each list: /Control went from
    /// 2.9 to 10 ms of CPU a view on 5 000 servants. That index now holds only finalized evaluations.
    /// </summary>
    [Theory]
    [InlineData(EvaluationStep.Goals, "IX_Evaluations_PeriodId_GoalsDeadline")]
    [InlineData(EvaluationStep.FollowUpI, "IX_Evaluations_PeriodId_FollowUpIDeadline")]
    [InlineData(EvaluationStep.FollowUpII, "IX_Evaluations_PeriodId_FollowUpIIDeadline")]
    public async Task The_list_of_late_evaluations_is_found_through_the_step_index(EvaluationStep step, string index)
    {
        var scenario = await EvaluationScenario.OpenAsync(app);
        var plan = await app.WithDbAsync(d => PlanAsync(d, d.Evaluations.Where(e => e.PeriodId == scenario.PeriodId)
            .Where(StepDeadlines.Late(step, new DateOnly(2026, 11, 24))).Select(e => new { e.Id, e.EvaluadoId, e.EvaluatorId, e.EscalationRecorderId })));
        Assert.True(plan.Any(line => line.Contains($"SEARCH e USING INDEX {index} ", StringComparison.Ordinal)), string.Join("\n", plan));
    }

    [Fact]
    public async Task A_jefes_evaluations_are_read_through_the_evaluators_index()
    {
        // Opening the period fills the table from empty: the opening refreshes the statistics.
        var scenario = await EvaluationScenario.OpenAsync(app);
        var (stats, plan) = await app.WithDbAsync(async d =>
        {
            var periodId = scenario.PeriodId;
            var jefe = await d.Evaluations.Where(e => e.PeriodId == periodId).Select(e => e.EvaluatorId).FirstAsync();
            var stats = await ReadAsync(d, "SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'Evaluations'");
            return (stats, await PlanAsync(d, d.Evaluations.Where(e => e.PeriodId == periodId && e.EvaluatorId == jefe).Select(e => e.State)));
        });
        Assert.NotEqual("0", Assert.Single(stats));
        Assert.Contains(plan, line => line.Contains("INDEX IX_Evaluations_EvaluatorId_State ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_tallies_of_a_dependencia_are_recounted_from_the_report_index_alone_never_the_wide_evaluation_rows()
    {
        var scenario = await EvaluationScenario.OpenAsync(app);
        var (recount, notEvaluated) = await app.WithDbAsync(async d =>
        {
            var dependency = await d.Dependencies.Select(x => x.Id).FirstAsync();
            return (await PlanAsync(d, DependencyTallies.Recount(d, scenario.PeriodId, [dependency])),
                await PlanAsync(d, DependencyTallies.EligibleAndRetiredEvaluated(d, scenario.PeriodId, new DateOnly(2026, 11, 24))));
        });
        Assert.True(recount.Any(line => line.Contains($"SEARCH e USING COVERING INDEX {ReportIndexSql.Name} ", StringComparison.Ordinal)), string.Join("\n", recount));
        // The servants without an evaluation are counted from the stored headcounts (DependencyHeadcounts), and only the
        // servants with a fecha de retiro are read, through its index: the servants' table is never scanned.
        Assert.DoesNotContain(notEvaluated, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"SCAN s\d*\b"));
        Assert.True(notEvaluated.Count(line => line.Contains(" USING INDEX IX_Servants_RetirementDate (RetirementDate>?", StringComparison.Ordinal)
            || line.Contains(" USING COVERING INDEX IX_Servants_DependencyId_EmploymentType_IsPublicManager_RetirementDate (", StringComparison.Ordinal)) == 2,
            string.Join("\n", notEvaluated));
        // Both read the evaluations by index probes, never a row of the table.
        foreach (var plan in new[] { recount, notEvaluated })
            Assert.DoesNotContain(plan, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"(SCAN|SEARCH) e\d* (USING INDEX |USING INTEGER|\(|$)"));
    }

    /// <summary>
    /// A whole report (its .xlsx) is read in list order by walking the dependencias' stored tree order and, inside each,
    /// the servants' order index: never a sort of the whole period, so the first rows come at once and the rest stream.
    /// </summary>
    [Fact]
    public async Task A_report_is_read_in_list_order_from_the_indexes_without_sorting_the_period()
    {
        var scenario = await EvaluationScenario.OpenAsync(app);
        var plan = await app.WithDbAsync(async d =>
        {
            var period = await d.Periods.SingleAsync(p => p.Id == scenario.PeriodId);
            return await PlanAsync(d, Features.Reports.ReportQuery.Ordered(EvaluationRows.Of(d, period, new DateOnly(2026, 11, 24))));
        });
        // The dependencias in their stored order, then each one's servants — through the list's own index on a large
        // entity, or sorted one dependencia at a time («FOR LAST 4 TERMS») where the planner prefers the eligibility index.
        Assert.True(plan.Any(line => line.Contains("SCAN d USING COVERING INDEX IX_Dependencies_TreePosition", StringComparison.Ordinal))
            && !plan.Any(line => line.Contains("USE TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal)), string.Join("\n", plan));
    }

    /// <summary>SQLite's plan of <paramref name="query"/> (ToQueryString's «.param set» lines bound to NULL: the plan does not depend on them).</summary>
    private static Task<List<string>> PlanAsync<T>(Data.EgiDbContext d, IQueryable<T> query)
    {
        var lines = query.ToQueryString().Split('\n');
        var parameters = lines.Where(l => l.StartsWith(".param set ", StringComparison.Ordinal)).Select(l => (l.Split(' ')[2], (object?)null)).ToArray();
        return ReadAsync(d, "EXPLAIN QUERY PLAN " + string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal))), parameters);
    }
}

public sealed class QueryPlanTestsPostgres(PostgresHost host) : QueryPlanTests(host), IClassFixture<PostgresHost>
{
    private readonly EgiAppFactory app = host.App;

    /// <summary>
    /// The application's connections prepare a statement they run again and again (<see cref="PostgresConnectionString"/>):
    /// after a page's query has run a few times on one connection, PostgreSQL holds it prepared for that connection and no
    /// longer parses and plans it on each run. Npgsql's own default prepares nothing.
    /// </summary>
    [Fact]
    public async Task A_statement_run_again_and_again_is_prepared_on_its_connection()
    {
        var (prepared, maxAutoPrepare) = await app.WithDbAsync(async d =>
        {
            await d.Database.OpenConnectionAsync();
            try
            {
                for (var i = 0; i < 6; i++) await d.Servants.Where(s => s.Id > i).Select(s => s.Id).FirstOrDefaultAsync();
                var statements = await ReadAsync(d, "SELECT statement FROM pg_prepared_statements");
                return (statements, new Npgsql.NpgsqlConnectionStringBuilder(d.Database.GetConnectionString()).MaxAutoPrepare);
            }
            finally
            {
                await d.Database.CloseConnectionAsync();
            }
        });
        Assert.Equal(PostgresConnectionString.DefaultMaxAutoPrepare, maxAutoPrepare);
        Assert.Contains(prepared, sql => sql.Contains("\"Servants\"", StringComparison.Ordinal));
    }

    /// <summary>
    /// Opening a period fills the evaluations from empty, and PostgreSQL's autovacuum analyzes them only on its next
    /// round (a minute or more): the opening refreshes the planner's statistics itself (<see cref="PlannerStatistics"/>).
    /// The start-up analyzes every table too, so the test compares each table's last analysis before and after.
    /// </summary>
    [Fact]
    public async Task Opening_a_period_refreshes_the_planners_statistics()
    {
        const string lastAnalyzed = "SELECT relname || '=' || coalesce(last_analyze::text, '') FROM pg_stat_user_tables " +
            "WHERE relname IN ('Evaluations', 'EvaluationWaits', 'Servants')";
        var before = await app.WithDbAsync(d => ReadAsync(d, lastAnalyzed));
        await Task.Delay(10); // the clock moves on between the two analyses
        await EvaluationScenario.OpenAsync(app);
        var after = await app.WithDbAsync(d => ReadAsync(d, lastAnalyzed));
        Assert.Equal(["EvaluationWaits", "Evaluations", "Servants"], after.Select(x => x.Split('=')[0]).Order(StringComparer.Ordinal).ToList());
        Assert.All(after, x => Assert.NotEqual("", x.Split('=')[1]));
        Assert.Empty(after.Intersect(before));
    }

    /// <summary>
    /// The application's connections keep one plan per prepared statement (<see cref="PostgresConnectionString.ServerSettings"/>):
    /// PostgreSQL's own choice planned several pages' statements again on every request.
    /// </summary>
    [Fact]
    public async Task The_applications_connections_keep_one_plan_per_statement()
    {
        var mode = await app.WithDbAsync(d => ReadAsync(d, "SHOW plan_cache_mode"));
        Assert.Equal("force_generic_plan", Assert.Single(mode));
    }

    /// <summary>
    /// The application's connections never split a statement among parallel workers
    /// (<see cref="PostgresConnectionString.ServerSettings"/>): at 50 000 servants starting two workers for the count of the
    /// eligible servants cost 45 ms of its 52. Shown on a plan PostgreSQL would otherwise run in parallel (every cost of
    /// parallelism made zero for the test); the same statement with workers allowed again is planned in parallel, so the
    /// test can see a parallel plan when there is one.
    /// </summary>
    [Fact]
    public async Task The_applications_connections_plan_no_parallel_workers()
    {
        var (setting, plan, allowed) = await app.WithDbAsync(async d =>
        {
            var connection = d.Database.GetDbConnection();
            await connection.OpenAsync();
            try
            {
                await using var transaction = await connection.BeginTransactionAsync();
                async Task<List<string>> RunAsync(string sql)
                {
                    await using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = sql;
                    var rows = new List<string>();
                    await using var reader = await command.ExecuteReaderAsync();
                    while (await reader.ReadAsync()) rows.Add(reader.GetValue(0).ToString() ?? "");
                    return rows;
                }
                var shown = Assert.Single(await RunAsync("SHOW max_parallel_workers_per_gather"));
                foreach (var free in new[] { "parallel_setup_cost", "parallel_tuple_cost", "min_parallel_table_scan_size", "min_parallel_index_scan_size" })
                    await RunAsync($"SET LOCAL {free} = 0");
                const string count = "EXPLAIN SELECT \"DependencyId\", count(*) FROM \"Servants\" GROUP BY \"DependencyId\"";
                var own = string.Join('\n', await RunAsync(count));
                await RunAsync("SET LOCAL max_parallel_workers_per_gather = 2");
                var withWorkers = string.Join('\n', await RunAsync(count));
                await transaction.RollbackAsync();
                return (shown, own, withWorkers);
            }
            finally
            {
                await connection.CloseAsync();
            }
        });
        Assert.Equal("0", setting);
        Assert.DoesNotContain("Gather", plan, StringComparison.Ordinal);
        Assert.Contains("Gather", allowed, StringComparison.Ordinal);
    }

    /// <summary>
    /// The application's connections are not reset when given back to the pool (<see cref="PostgresConnectionString"/>:
    /// six statements fewer before each query), and what makes that safe holds: a transaction left open on a connection is
    /// rolled back when the connection goes back, so what it wrote is gone, not committed by the next user of the connection.
    /// </summary>
    [Fact]
    public async Task A_connection_given_back_is_not_reset_but_a_transaction_left_open_on_it_is_rolled_back()
    {
        const string code = "ZZ-SIN-CONFIRMAR";
        var noReset = await app.WithDbAsync(async d =>
        {
            var connection = d.Database.GetDbConnection();
            await connection.OpenAsync();
            var transaction = await connection.BeginTransactionAsync();
            await using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = $"INSERT INTO \"Dependencies\" (\"Code\", \"Name\", \"Active\", \"TreePosition\") VALUES ('{code}', 'Sin confirmar', FALSE, 0)";
                Assert.Equal(1, await insert.ExecuteNonQueryAsync());
            }
            await connection.CloseAsync();
            await transaction.DisposeAsync();
            return new Npgsql.NpgsqlConnectionStringBuilder(d.Database.GetConnectionString()).NoResetOnClose;
        });
        Assert.True(noReset);
        for (var i = 0; i < 4; i++) // the pooled connections, the one given back among them
            Assert.Equal(0, await app.WithDbAsync(d => d.Dependencies.CountAsync(x => x.Code == code)));
    }
}

/// <summary>What <see cref="PostgresConnectionString"/> makes of the configured connection string.</summary>
public sealed class PostgresConnectionStringTests
{
    [Theory]
    [InlineData("Host=db;Database=egi;Username=egi;Password='a;b'")]
    [InlineData("Host=db;Database=egi;")]
    public void Automatic_preparation_no_reset_and_the_pools_size_are_added_when_the_configuration_does_not_mention_them(string configured)
    {
        var result = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString.WithDefaults(configured));
        Assert.Equal(PostgresConnectionString.DefaultMaxAutoPrepare, result.MaxAutoPrepare);
        Assert.True(result.NoResetOnClose);
        Assert.Equal(Math.Max(8, 4 * Environment.ProcessorCount), result.MaxPoolSize);
        Assert.Equal("-c plan_cache_mode=force_generic_plan -c max_parallel_workers_per_gather=0", result.Options);
        Assert.Equal("db", result.Host);
        Assert.Equal("egi", result.Database);
    }

    [Theory]
    [InlineData("Host=db;Database=egi;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Database=egi;maxautoprepare=0", 0)]
    [InlineData("Host=db;MAX AUTO PREPARE=20;Database=egi", 20)]
    public void A_configured_value_is_kept_even_zero(string configured, int expected)
    {
        var result = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString.WithDefaults(configured));
        Assert.Equal(expected, result.MaxAutoPrepare);
        Assert.True(result.NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=db;Database=egi;No Reset On Close=false")]
    [InlineData("Host=db;Database=egi;noresetonclose=False;Max Auto Prepare=0")]
    public void A_configured_reset_is_kept(string configured)
    {
        var result = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString.WithDefaults(configured));
        Assert.False(result.NoResetOnClose);
        Assert.Equal("egi", result.Database);
    }

    [Theory]
    [InlineData("Host=db;Database=egi;Maximum Pool Size=30")]
    [InlineData("Host=db;Database=egi;MaxPoolSize=30")]
    [InlineData("Host=db;maximum pool size=30;Database=egi")]
    public void A_configured_pool_size_is_kept_however_it_is_spelled(string configured)
    {
        var result = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString.WithDefaults(configured));
        Assert.Equal(30, result.MaxPoolSize);
        Assert.Equal(PostgresConnectionString.DefaultMaxAutoPrepare, result.MaxAutoPrepare);
        Assert.Equal("egi", result.Database);
    }

    [Fact]
    public void A_string_that_sets_every_setting_is_left_as_it_is()
    {
        const string configured = "Host=db;Database=egi;Max Auto Prepare=20;No Reset On Close=false;Maximum Pool Size=40;Options='-c plan_cache_mode=auto -c max_parallel_workers_per_gather=2'";
        Assert.Equal(configured, PostgresConnectionString.WithDefaults(configured));
    }

    [Fact]
    public void A_server_setting_the_options_give_is_kept_and_the_others_are_added_after_them()
    {
        var result = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString.WithDefaults("Host=db;Database=egi;Options='-c plan_cache_mode=auto'"));
        Assert.Equal("-c plan_cache_mode=auto -c max_parallel_workers_per_gather=0", result.Options);
    }

    [Fact]
    public void A_setting_spelled_two_ways_is_one_setting_and_the_string_is_still_read()
    {
        const string configured = "Host=db;Database=egi;MaxAutoPrepare=5;Max Auto Prepare=20";
        var result = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString.WithDefaults(configured));
        Assert.Equal(20, result.MaxAutoPrepare);
        Assert.True(result.NoResetOnClose);
        Assert.Equal(PostgresConnectionString.OptionsWith(null), result.Options);
    }

    [Fact]
    public void Configured_options_are_kept_with_the_server_settings_after_them()
    {
        var result = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString.WithDefaults("Host=db;Database=egi;Options='-c search_path=egi,public'"));
        Assert.Equal("-c search_path=egi,public -c plan_cache_mode=force_generic_plan -c max_parallel_workers_per_gather=0", result.Options);
        Assert.Equal("egi", result.Database);
        Assert.True(result.NoResetOnClose);
    }
}
