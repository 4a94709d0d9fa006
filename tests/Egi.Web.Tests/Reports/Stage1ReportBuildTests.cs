using Egi.Web.Features.Shared;
using Egi.Domain.Calendar;
using Egi.Domain.Common;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Features.Directory.Servants;
using Egi.Web.Features.Reports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Reports;

/// <summary>
/// The rows and summary of the stage-1 report computed in SQL from a small directory (a SQLite database in memory,
/// migrated like the real one; each save stores the evaluations' facts).
/// </summary>
public sealed class Stage1ReportBuildTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static Servant Person(int id, string name, int dependency, int? boss, EmploymentType type = EmploymentType.Provisional, DateOnly? retired = null) => new()
    {
        Id = id,
        DocumentNumber = $"10{id}",
        FirstNames = name,
        LastNames = "Prueba",
        Email = $"p{id}@prueba.gov.co",
        JobTitle = "Profesional",
        DependencyId = dependency,
        BossId = boss,
        EmploymentType = type,
        HireDate = new(2020, 1, 1),
        RetirementDate = retired,
    };

    private static Period OpenPeriod()
    {
        var p = Period.CreateWithDefaults(2026);
        p.Id = 7;
        p.Name = "Vigencia 2026";
        p.Status = PeriodStatus.Open;
        return p;
    }

    /// <summary>A database with the dependencias «Dirección» (1) and its «Grupo» (2), the servants, the period and the evaluations.</summary>
    private static async Task<SqliteEgiDbContext> DatabaseAsync(Period period, IReadOnlyList<Servant> servants, Func<IReadOnlyList<Evaluation>>? evaluations = null)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var db = new SqliteEgiDbContext(new DbContextOptionsBuilder<SqliteEgiDbContext>().UseSqlite(connection).Options);
        await db.Database.MigrateAsync();
        db.Dependencies.Add(new Dependency { Id = 1, Code = "100", Name = "Dirección" });
        db.Dependencies.Add(new Dependency { Id = 2, Code = "200", Name = "Grupo", ParentId = 1 });
        await db.SaveChangesAsync();
        db.Servants.AddRange(servants.Where(s => s.BossId is null));
        await db.SaveChangesAsync();
        db.Servants.AddRange(servants.Where(s => s.BossId is not null));
        db.Periods.Add(period);
        await db.SaveChangesAsync();
        if (evaluations is not null)
        {
            db.Evaluations.AddRange(evaluations());
            await db.SaveChangesAsync();
        }
        db.ChangeTracker.Clear();
        return db;
    }

    private static async Task<Stage1Report> BuildAsync(SqliteEgiDbContext db, Period period, Stage1Filter? filter = null, int page = 1)
    {
        var tree = await DependencyNodes.LoadAsync(db, default);
        return await Stage1Report.BuildAsync(db, period, filter ?? new Stage1Filter(null, null, ""), Today, tree, page);
    }

    [Fact]
    public async Task A_servant_without_an_active_jefe_is_not_started_and_has_no_evaluator()
    {
        var servants = new[]
        {
            Person(1, "Directora", 1, null, EmploymentType.FreeAppointment),
            Person(2, "Sinjefe", 1, null),
            Person(4, "Retirado", 2, 1, retired: new(2026, 10, 1)),
            Person(3, "Jefeido", 2, 4),
            Person(5, "Conjefe", 2, 1),
        };
        var period = OpenPeriod();
        await using var db = await DatabaseAsync(period, servants);
        var report = await BuildAsync(db, period);
        Assert.Equal(["Directora Prueba", "Sinjefe Prueba", "Conjefe Prueba", "Jefeido Prueba"], report.Rows.Select(r => r.Name)); // tree order, then name
        Assert.Equal(Stage1Report.NoEvaluator, report.Rows.Single(r => r.ServantId == 2).Evaluator);
        Assert.Equal(Stage1Report.NoEvaluator, report.Rows.Single(r => r.ServantId == 3).Evaluator);
        Assert.Equal("Directora Prueba", report.Rows.Single(r => r.ServantId == 5).Evaluator);
        Assert.All(report.Rows, r => Assert.Equal(Stage1Status.NotStarted, r.Status));
        Assert.Equal(4, report.Total.NotStarted);
    }

    [Fact]
    public async Task A_comision_evaluadora_lists_every_member_and_who_records()
    {
        var servants = new[] { Person(1, "Ana", 1, null), Person(2, "Beto", 1, 1), Person(3, "Carla", 1, 1), Person(4, "Dora", 2, 1) };
        var period = OpenPeriod();
        await using var db = await DatabaseAsync(period, servants, () =>
        {
            var e = Evaluation.Open(7, 4, 1, new DateTime(2026, 11, 1, 15, 0, 0, DateTimeKind.Utc));
            Assert.True(e.AssignCommittee(new Actor("th", null, "Talento Humano", IsTalentoHumano: true), [2, 3], 3, "Conflicto de interés", DateTime.UtcNow).Succeeded);
            return [e];
        });
        var report = await BuildAsync(db, period);
        var row = report.Rows.Single(r => r.ServantId == 4);
        Assert.Equal("Comisión evaluadora: Beto Prueba, Carla Prueba (registra)", row.Evaluator);
        Assert.Equal(Stage1Status.Formulation, row.Status);
        Assert.Equal("Evaluado", row.WaitingOn);
        // The .xlsx streams every row from one query, with the committees' names read before it: the same text.
        var streamed = report.AllRows(db).ToList();
        Assert.Equal(report.Rows.Select(r => (r.ServantId, r.Evaluator)), streamed.Select(r => (r.ServantId, r.Evaluator)));
    }

    [Fact]
    public async Task A_closed_period_lists_only_the_servants_it_evaluated()
    {
        var servants = new[] { Person(1, "Ana", 1, null), Person(2, "Beto", 1, 1), Person(3, "Carla", 2, 1) };
        var period = OpenPeriod();
        await using var db = await DatabaseAsync(period, servants, () => [Evaluation.Open(7, 2, 1, new DateTime(2026, 1, 10, 15, 0, 0, DateTimeKind.Utc))]);
        Assert.Equal(3, (await BuildAsync(db, period)).Rows.Count);
        period.Status = PeriodStatus.Closed;
        Assert.Equal(["Beto Prueba"], (await BuildAsync(db, period)).Rows.Select(r => r.Name));
    }

    [Fact]
    public async Task The_dependencia_filter_scopes_the_summary_while_status_and_text_only_narrow_the_list()
    {
        var servants = new[] { Person(1, "Ana", 1, null), Person(2, "Beto", 2, 1), Person(3, "Carla", 2, 1), Person(4, "Dora", 2, 1) };
        var period = OpenPeriod();
        await using var db = await DatabaseAsync(period, servants, () => [Evaluation.Open(7, 2, 1, DateTime.UtcNow)]);
        var byStatus = await BuildAsync(db, period, new Stage1Filter(null, Stage1Status.NotStarted, ""));
        Assert.Equal(3, byStatus.Rows.Count);
        Assert.Equal(3, byStatus.RowCount);
        Assert.Equal(4, byStatus.Total.Servants);

        var byDependency = await BuildAsync(db, period, new Stage1Filter(2, null, "dora"));
        Assert.Equal(["Dora Prueba"], byDependency.Rows.Select(r => r.Name));
        Assert.Equal(["Grupo"], byDependency.ByDependency.Select(s => s.Dependency));
        Assert.Equal((3, 2, 1), (byDependency.Total.Servants, byDependency.Total.NotStarted, byDependency.Total.Formulation));
    }

    [Fact]
    public async Task The_search_ignores_accents_and_case_and_the_dots_of_a_document()
    {
        var servants = new[] { Person(1, "Ana", 1, null), Person(2, "Íñigo José", 2, 1), Person(3, "Carla", 2, 1) };
        var period = OpenPeriod();
        await using var db = await DatabaseAsync(period, servants);
        Assert.Equal(["Íñigo José Prueba"], (await BuildAsync(db, period, new Stage1Filter(null, null, "INIGO jose"))).Rows.Select(r => r.Name));
        Assert.Equal(["Carla Prueba"], (await BuildAsync(db, period, new Stage1Filter(null, null, "1.03"))).Rows.Select(r => r.Name));
        // The evaluator (here the jefe who would evaluate) is searched too.
        Assert.Equal(2, (await BuildAsync(db, period, new Stage1Filter(2, null, "ana prueba"))).RowCount);
    }

    private static void Ok(Outcome outcome) => Assert.True(outcome.Succeeded, outcome.ToString());

    [Fact]
    public async Task Goals_agreed_before_a_retirement_count_as_concertadas_in_the_report_and_on_the_dashboard()
    {
        var servants = new[] { Person(1, "Ana", 1, null), Person(2, "Beto", 2, 1, retired: new(2026, 3, 20)), Person(3, "Carla", 2, 1) };
        var period = OpenPeriod();
        var th = new Actor("th", null, "Talento Humano", IsTalentoHumano: true);
        await using var db = await DatabaseAsync(period, servants, () =>
        {
            // Within the default goal window (01/01–31/03/2026).
            var ctx = new EvaluationContext(new DateOnly(2026, 2, 10), new DateTime(2026, 2, 10, 15, 0, 0, DateTimeKind.Utc), period, new DateOnly(2020, 1, 1));
            var agreed = Evaluation.Open(7, 2, 1, new DateTime(2026, 1, 5, 15, 0, 0, DateTimeKind.Utc));
            Ok(agreed.SubmitGoals(new Actor("", 2, "Beto"), Egi.Web.Tests.Evaluations.EvaluationScenario.Goals(60, 40), ctx));
            Ok(agreed.ApproveGoals(new Actor("", 1, "Ana"), ctx));
            Ok(agreed.AcceptGoals(new Actor("", 2, "Beto"), ctx));
            Ok(agreed.CloseByRetirement(th, new DateOnly(2026, 3, 20), ctx with { Today = new DateOnly(2026, 3, 21), Now = new DateTime(2026, 3, 21, 15, 0, 0, DateTimeKind.Utc) }));
            return [agreed, Evaluation.Open(7, 3, 1, new DateTime(2026, 1, 5, 15, 0, 0, DateTimeKind.Utc))];
        });
        var report = await BuildAsync(db, period);
        var beto = report.Rows.Single(r => r.ServantId == 2);
        Assert.Equal((Stage1Status.Agreed, "Cerrada por retiro"), (beto.Status, beto.State));
        Assert.Equal((1, 0), (report.Total.Agreed, report.Total.ClosedNotAgreed));

        var dashboard = await Egi.Web.Features.Dashboard.DashboardData.BuildAsync(db, period, Today);
        Assert.Equal(report.Total.Agreed, dashboard.AgreedGoals);
        Assert.Contains("3 servidores de la Vigencia 2026: 1 con las metas concertadas", dashboard.Chart("avance").Summary, StringComparison.Ordinal);
        Assert.Equal(1m, dashboard.Chart("avance").Rows[^1].Values[5]); // «Cerrada por retiro»
    }

    [Fact]
    public async Task Names_are_ordered_without_regard_to_case_or_accents()
    {
        var servants = new[] { Person(1, "Ana", 1, null), Person(2, "Beto", 2, 1), Person(3, "Álvaro", 2, 1), Person(4, "alba", 2, 1), Person(5, "Íñigo", 2, 1) };
        var period = OpenPeriod();
        await using var db = await DatabaseAsync(period, servants);
        var report = await BuildAsync(db, period, new Stage1Filter(2, null, ""));
        Assert.Equal(["alba Prueba", "Álvaro Prueba", "Beto Prueba", "Íñigo Prueba"], report.Rows.Select(r => r.Name));
    }

    [Fact]
    public async Task The_list_is_read_a_page_of_50_at_a_time_in_the_same_order_as_the_whole_list()
    {
        var servants = new List<Servant> { Person(1, "Directora", 1, null, EmploymentType.FreeAppointment) };
        for (var i = 0; i < 120; i++) servants.Add(Person(100 + i, $"Persona {i:000}", 2, 1));
        var period = OpenPeriod();
        await using var db = await DatabaseAsync(period, servants);

        var first = await BuildAsync(db, period);
        Assert.Equal((1, 3, 121), (first.Paging.Page, first.Paging.PageCount, first.RowCount));
        Assert.Equal(["Directora Prueba", .. Enumerable.Range(0, 49).Select(i => $"Persona {i:000} Prueba")], first.Rows.Select(r => r.Name));

        var second = await BuildAsync(db, period, page: 2);
        Assert.Equal(Enumerable.Range(49, 50).Select(i => $"Persona {i:000} Prueba"), second.Rows.Select(r => r.Name));
        Assert.Equal((51, 100), (second.Paging.FirstRow, second.Paging.LastRow));

        var beyond = await BuildAsync(db, period, page: 9);
        Assert.Equal(3, beyond.Paging.Page); // clamped to the last page
        Assert.Equal(Enumerable.Range(99, 21).Select(i => $"Persona {i:000} Prueba"), beyond.Rows.Select(r => r.Name));

        // The .xlsx reads every row, in batches, in the same order as the pages.
        Assert.Equal(first.Rows.Concat(second.Rows).Concat(beyond.Rows).Select(r => r.ServantId), first.AllRows(db).Select(r => r.ServantId));
        Assert.Equal(121, first.Total.Servants);
        Assert.Equal(120, first.ByDependency.Single(d => d.DependencyId == 2).NotStarted);
    }

    [Theory]
    [InlineData(2, 3, "66,7 %")]
    [InlineData(1, 3, "33,3 %")]
    [InlineData(1, 8, "12,5 %")]
    [InlineData(3, 3, "100,0 %")]
    [InlineData(0, 0, "0,0 %")]
    public void The_percentage_agreed_has_one_decimal_in_spanish(int agreed, int servants, string expected)
    {
        var summary = new Stage1Summary(null, "Total", servants, servants - agreed, 0, 0, 0, agreed, 0);
        Assert.Equal(expected, Stage1Text.Percent(summary.AgreedPercent));
    }

    [Theory]
    [InlineData("7", null, null, 0)]
    [InlineData("x", "sin-iniciar", null, 1)]
    [InlineData(null, "SIN-INICIAR", "ab", 0)]
    [InlineData("1", "otra", null, 1)]
    public void Filters_are_parsed_leniently_with_spanish_errors(string? dependencia, string? estado, string? q, int errorCount)
    {
        var errors = new Dictionary<string, string>();
        Stage1Filter.Parse(dependencia, estado, q, [1, 2, 7], errors);
        Assert.Equal(errorCount, errors.Count);
    }
}
