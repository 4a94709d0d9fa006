using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Web.Features.Directory.Servants;
using Egi.Web.Features.Reports;

namespace Egi.Web.Tests.Reports;

/// <summary>The rows and summary of the stage-1 report computed from a small directory, without a database.</summary>
public sealed class Stage1ReportBuildTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DependencyNode[] Tree = [new(1, "100", "Dirección", "Dirección", 0, true), new(2, "200", "Grupo", "Dirección › Grupo", 1, true)];

    private static Servant Person(int id, string name, int dependency, int? boss, EmploymentType type = EmploymentType.Provisional, DateOnly? retired = null) => new()
    {
        Id = id,
        DocumentNumber = $"10{id}",
        FirstNames = name,
        LastNames = "Prueba",
        JobTitle = "Profesional",
        DependencyId = dependency,
        BossId = boss,
        EmploymentType = type,
        HireDate = new(2020, 1, 1),
        RetirementDate = retired,
    };

    private static Period OpenPeriod() => new() { Id = 7, Year = 2026, Name = "Vigencia 2026", Status = PeriodStatus.Open };

    private static Stage1Report Build(Period period, IReadOnlyList<Servant> servants, IReadOnlyList<Evaluation> evaluations, Stage1Filter? filter = null) =>
        Stage1Report.Build(period, filter ?? new Stage1Filter(null, null, ""), Today, Tree, servants, evaluations);

    [Fact]
    public void A_servant_without_an_active_jefe_is_not_started_and_has_no_evaluator()
    {
        var servants = new[]
        {
            Person(1, "Directora", 1, null, EmploymentType.FreeAppointment),
            Person(2, "Sinjefe", 1, null),
            Person(3, "Jefeido", 2, 4),
            Person(4, "Retirado", 2, 1, retired: new(2026, 10, 1)),
            Person(5, "Conjefe", 2, 1),
        };
        var report = Build(OpenPeriod(), servants, []);
        Assert.Equal(["Directora Prueba", "Sinjefe Prueba", "Conjefe Prueba", "Jefeido Prueba"], report.Rows.Select(r => r.Name)); // tree order, then name
        Assert.Equal(Stage1Report.NoEvaluator, report.Rows.Single(r => r.ServantId == 2).Evaluator);
        Assert.Equal(Stage1Report.NoEvaluator, report.Rows.Single(r => r.ServantId == 3).Evaluator);
        Assert.Equal("Directora Prueba", report.Rows.Single(r => r.ServantId == 5).Evaluator);
        Assert.All(report.Rows, r => Assert.Equal(Stage1Status.NotStarted, r.Status));
        Assert.Equal(4, report.Total.NotStarted);
    }

    [Fact]
    public void A_comision_evaluadora_lists_every_member_and_who_records()
    {
        var servants = new[] { Person(1, "Ana", 1, null), Person(2, "Beto", 1, 1), Person(3, "Carla", 1, 1), Person(4, "Dora", 2, 1) };
        var e = Evaluation.Open(7, 4, 1, new DateTime(2026, 11, 1, 15, 0, 0, DateTimeKind.Utc));
        e.Id = 1;
        Assert.True(e.AssignCommittee(new Actor("th", null, "Talento Humano", IsTalentoHumano: true), [2, 3], 3, "Conflicto de interés", DateTime.UtcNow).Succeeded);
        var row = Build(OpenPeriod(), servants, [e]).Rows.Single(r => r.ServantId == 4);
        Assert.Equal("Comisión evaluadora: Beto Prueba, Carla Prueba (registra)", row.Evaluator);
        Assert.Equal(Stage1Status.Formulation, row.Status);
        Assert.Equal("Evaluado", row.WaitingOn);
    }

    [Fact]
    public void A_closed_period_lists_only_the_servants_it_evaluated()
    {
        var servants = new[] { Person(1, "Ana", 1, null), Person(2, "Beto", 1, 1), Person(3, "Carla", 2, 1) };
        var closed = OpenPeriod();
        closed.Status = PeriodStatus.Closed;
        var e = Evaluation.Open(7, 2, 1, new DateTime(2026, 1, 10, 15, 0, 0, DateTimeKind.Utc));
        Assert.Equal(["Beto Prueba"], Build(closed, servants, [e]).Rows.Select(r => r.Name));
        Assert.Equal(3, Build(OpenPeriod(), servants, [e]).Rows.Count);
    }

    [Fact]
    public void The_dependencia_filter_scopes_the_summary_while_status_and_text_only_narrow_the_list()
    {
        var servants = new[] { Person(1, "Ana", 1, null), Person(2, "Beto", 2, 1), Person(3, "Carla", 2, 1), Person(4, "Dora", 2, 1) };
        var evaluations = new[] { Evaluation.Open(7, 2, 1, DateTime.UtcNow) };
        var byStatus = Build(OpenPeriod(), servants, evaluations, new Stage1Filter(null, Stage1Status.NotStarted, ""));
        Assert.Equal(3, byStatus.Rows.Count);
        Assert.Equal(4, byStatus.Total.Servants);

        var byDependency = Build(OpenPeriod(), servants, evaluations, new Stage1Filter(2, null, "dora"));
        Assert.Equal(["Dora Prueba"], byDependency.Rows.Select(r => r.Name));
        Assert.Equal(["Grupo"], byDependency.ByDependency.Select(s => s.Dependency));
        Assert.Equal((3, 2, 1), (byDependency.Total.Servants, byDependency.Total.NotStarted, byDependency.Total.Formulation));
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
