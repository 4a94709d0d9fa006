using System.Globalization;
using Egi.Domain.Competencies;
using Egi.Domain.Evaluations;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Reports;

/// <summary>Activity 16: the annual results, on screen and as .xlsx, for Talento Humano and Consulta only (see <see cref="ConsolidationApp"/>).</summary>
public abstract class AnnualReportTests(ConsolidationApp fixture)
{
    private const string Url = "/Reports/Annual";
    private const string Entity = "Informe anual";
    private EgiAppFactory App => fixture.App;

    [Fact]
    public async Task The_screen_shows_the_date_of_each_step_and_the_scores_of_a_finished_evaluation_and_the_state_of_the_others()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var html = await fixture.PageAsync(hr, Url);
        var rows = HtmlTables.Rows(html, "servidores");
        Assert.Equal(29, rows.Count);
        Assert.Equal(
            ["Documento", "Nombre", "Empleo", "Dependencia", "Evaluador", "Estado", "En espera de",
             "Fecha de envío de metas", "Fecha de aprobación o modificación de metas", "Fecha de concertación de metas",
             "Fecha de envío de la autoevaluación I", "Fecha de aprobación o modificación de la evaluación I", "Fecha de aceptación de la evaluación I",
             "Fecha de envío de la autoevaluación II", "Fecha de aprobación o modificación de la evaluación II",
             "Fecha de calificación de competencias", "Fecha de finalización", "Fecha de cierre por retiro",
             "Calificación primer seguimiento", "Componente metas", "Componente competencias", "Calificación final", "Nivel",
             "Evaluaciones parciales", "Metas en la última parcial"],
            HtmlTables.Headers(html, "servidores"));
        var s = fixture.CamilaScore;
        const string Day = "24/11/2026"; // the test clock's today: every step of the set-up happened on it

        // Goals 60×90 % + 40×75 % = 84,00; first follow-up 60 × 30/40 + 40 × 20/40 = 65,00.
        Assert.Equal(84.00m, s.GoalsComponent);
        Assert.Equal(["Finalizada", "—", .. Enumerable.Repeat(Day, 10), "—", "65,00", "84,00", ConsolidationApp.Score(s.CompetenciesComponent), ConsolidationApp.Score(s.Final), s.LevelLabel, "—", "—"],
            rows.Single(r => r[0] == ConsolidationApp.Camila).Skip(5));
        Assert.Equal(["Autoevaluación II", "Evaluado", .. Enumerable.Repeat(Day, 6), .. Enumerable.Repeat("—", 5), "65,00", "—", "—", "—", "Sin finalizar", "—", "—"],
            rows.Single(r => r[0] == ConsolidationApp.Laura).Skip(5));
        Assert.Equal(["Formulación de metas", "Evaluado", .. Enumerable.Repeat("—", 15), "Sin finalizar", "—", "—"], rows.Single(r => r[0] == "1024567890").Skip(5));

        Assert.Contains("href=\"/Reports/Stage1\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Reports/Stage2\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Reports/Records\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Per_dependencia_it_counts_the_evaluations_in_each_state_as_the_list_of_servants_shows_them()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var html = await fixture.PageAsync(hr, Url);
        Assert.Equal(
            ["Dependencia", "Servidores", "Sin evaluación", "Formulación de metas", "Aprobación de metas", "Aceptación de metas",
             "Autoevaluación I", "Aprobación de la evaluación I", "Aceptación de la evaluación I", "Autoevaluación II",
             "Aprobación de la evaluación II", "Calificación de competencias", "Aceptación final", "Finalizada", "Cerrada por retiro"],
            HtmlTables.Headers(html, "estados"));
        var states = HtmlTables.Headers(html, "estados").Skip(3).ToList();
        var servants = HtmlTables.Rows(html, "servidores");
        var lines = HtmlTables.Rows(html, "estados");

        // Every dependencia's line is the count of its servants by the state the list shows (the list has one page here).
        foreach (var line in lines.Take(lines.Count - 1))
        {
            var mine = servants.Where(r => r[3] == line[0]).ToList();
            Assert.Equal(mine.Count.ToString(CultureInfo.InvariantCulture), line[1]);
            Assert.Equal(mine.Count(r => !states.Contains(r[5])).ToString(CultureInfo.InvariantCulture), line[2]);
            Assert.Equal(states.Select(st => mine.Count(r => r[5] == st).ToString(CultureInfo.InvariantCulture)), line.Skip(3));
        }
        var energy = lines.Single(l => l[0] == "Subdirección de Energía");
        Assert.Equal("1", energy[states.IndexOf("Finalizada") + 3]);
        Assert.Equal("1", energy[states.IndexOf("Autoevaluación I") + 3]);
        var total = lines[^1];
        Assert.Equal("Total entidad", total[0]);
        Assert.Equal("29", total[1]);
        // Camila finished, Laura in Autoevaluación II, Santiago in Autoevaluación I.
        Assert.Equal(["1", "1", "1"], new[] { "Finalizada", "Autoevaluación II", "Autoevaluación I" }.Select(st => total[states.IndexOf(st) + 3]));
    }

    [Fact]
    public async Task The_summary_has_the_averages_and_the_count_at_each_level_per_dependencia_and_for_the_entity()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var html = await fixture.PageAsync(hr, Url);
        Assert.Equal(["Dependencia", "Servidores", "Promedio metas", "Promedio competencias", "Promedio final", "Sobresaliente", "Satisfactorio", "No satisfactorio", "Sin finalizar"],
            HtmlTables.Headers(html, "resumen"));
        var s = fixture.CamilaScore;
        string Level(string label) => s.LevelLabel == label ? "1" : "0";
        var summary = HtmlTables.Rows(html, "resumen");
        IReadOnlyList<string> Expected(string name, string servants, string notFinished) =>
            [name, servants, "84,00", ConsolidationApp.Score(s.CompetenciesComponent), ConsolidationApp.Score(s.Final),
             Level("Sobresaliente"), Level("Satisfactorio"), Level("No satisfactorio"), notFinished];
        Assert.Equal(Expected("Subdirección de Energía", "5", "4"), summary.Single(r => r[0] == "Subdirección de Energía"));
        Assert.Equal(["Oficina Asesora de Planeación", "3", "—", "—", "—", "0", "0", "0", "3"], summary.Single(r => r[0] == "Oficina Asesora de Planeación"));
        Assert.Equal(Expected("Total entidad", "29", "28"), summary[^1]);
    }

    [Fact]
    public async Task The_xlsx_equals_the_screen_and_reads_and_exports_are_audited()
    {
        var consulta = await App.SignedInAsync(Accounts.Consulta);
        var reads = await fixture.AuditCountAsync("Consultar", Entity);
        var html = await fixture.PageAsync(consulta, Url);
        Assert.Equal(reads + 1, await fixture.AuditCountAsync("Consultar", Entity));

        var exports = await fixture.AuditCountAsync("Exportar", Entity);
        string[] counts = ["Servidores", "Sobresaliente", "Satisfactorio", "No satisfactorio", "Sin finalizar", .. HtmlTables.Headers(html, "estados").Skip(2)];
        var (sheets, name) = await fixture.SheetsAsync(consulta, Url, (column, v) =>
            counts.Contains(column) && v is not null
                ? Convert.ToInt32(v, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
                : ConsolidationApp.Cell(v));
        Assert.Equal("anual-2026.xlsx", name);
        Assert.Equal(exports + 1, await fixture.AuditCountAsync("Exportar", Entity));
        Assert.Equal(["Servidores", "Resumen por dependencia", "Estados por dependencia"], sheets.Keys);
        Assert.Equal(HtmlTables.Rows(html, "servidores"), sheets["Servidores"]);
        Assert.Equal(HtmlTables.Rows(html, "resumen"), sheets["Resumen por dependencia"]);
        Assert.Equal(HtmlTables.Rows(html, "estados"), sheets["Estados por dependencia"]);
    }

    [Fact]
    public async Task Anonymous_is_sent_to_sign_in_and_evaluados_jefes_and_planeacion_get_403() =>
        await fixture.RefusedAsync(Url, Entity);
}

public sealed class AnnualReportTestsSqlite(ConsolidationSqliteApp fixture) : AnnualReportTests(fixture), IClassFixture<ConsolidationSqliteApp>;

public sealed class AnnualReportTestsPostgres(ConsolidationPostgresApp fixture) : AnnualReportTests(fixture), IClassFixture<ConsolidationPostgresApp>;

/// <summary>
/// Issue 13, item 4: the averages of the annual report (and of the dashboard, which reads the same sums) are computed
/// from the unrounded scores and rounded once. Camila's final rating is 86,025 (shown 86,03) and Santiago's 86,000, both
/// in the Subdirección de Energía: the average is 86,0125 → 86,01; averaging the rounded scores would give 86,02.
/// </summary>
public abstract class AnnualAverageTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;
    private static readonly Actor TalentoHumano = new("th-prueba", null, "Talento Humano (prueba)", IsTalentoHumano: true);

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
        var applicable = CompetencyCatalogue.Default().Applicable(Egi.Domain.Directory.HierarchyLevel.Profesional, hasStaff: false);
        Assert.Equal(10, applicable.Count);

        // Camila: goals 60/40 at 90/75 % → 84; nine Siempre and one Frecuentemente → 97,5; final 71,4 + 14,625 = 86,025.
        await CompetencyWalk.ToCompetencyRatingAsync(scenario, EvaluationScenario.Camila);
        await RateAndAcceptAsync(EvaluationScenario.Camila, applicable.Select(c => new CompetencyScore { Competency = c, Value = c == "Trabajo en equipo" ? 3 : 4 }).ToList(), applicable);

        // Santiago: goals 50/50 at 90/85 % → 87,5; nine Frecuentemente and one Siempre → 31/40 = 77,5; final 74,375 + 11,625 = 86,000.
        var s = EvaluationScenario.Santiago;
        await scenario.ActAsync(s, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(50, 50), p.Context));
        await scenario.ActAsync(s, (e, p) => e.ApproveGoals(p.Evaluator, p.Context));
        await scenario.ActAsync(s, (e, p) => e.AcceptGoals(p.Evaluado, p.Context));
        foreach (var (step, followUp, achieved) in new[] { (EvaluationStep.FollowUpI, 1, new[] { 40, 40 }), (EvaluationStep.FollowUpII, 2, new[] { 90, 85 }) })
        {
            await scenario.ActAsync(s, (e, p) => e.ReopenStep(TalentoHumano, step, scenario.Today.AddDays(30), "Prueba: seguimiento", p.Context));
            var progress = achieved.Select((a, i) => new GoalProgress { FollowUp = followUp, GoalNumber = i + 1, AchievedPercent = a, Narrative = "Avance" }).ToList();
            await scenario.ActAsync(s, (e, p) => e.SubmitSelfEvaluation(p.Evaluado, followUp, progress, p.Context));
            await scenario.ActAsync(s, (e, p) => e.ApproveSelfEvaluation(p.Evaluator, followUp, p.Context));
            if (followUp == 1) await scenario.ActAsync(s, (e, p) => e.AcceptSelfEvaluation(p.Evaluado, p.Context));
        }
        await RateAndAcceptAsync(s, applicable.Select((c, i) => new CompetencyScore { Competency = c, Value = i == 0 ? 4 : 3 }).ToList(), applicable);
    }

    private async Task RateAndAcceptAsync(string document, List<CompetencyScore> ratings, IReadOnlyList<string> applicable)
    {
        await scenario.ActAsync(document, (e, p) => e.RateCompetencies(p.Evaluator, ratings, applicable.ToList(), p.Context));
        await scenario.ActAsync(document, (e, p) => e.AcceptFinal(p.Evaluado, p.Context));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_average_of_a_dependencia_is_the_unrounded_scores_average_rounded_once()
    {
        var facts = await app.WithDbAsync(d => d.Evaluations.AsNoTracking().Where(e => e.PeriodId == scenario.PeriodId && e.Facts.FinalScore != null)
            .Select(e => new { e.Facts.FinalScore, e.Facts.FinalScoreUnrounded }).ToListAsync());
        Assert.Equal([(86.03m, 86.025m), (86.00m, 86.000m)], facts.Select(f => (f.FinalScore!.Value, f.FinalScoreUnrounded!.Value)).OrderByDescending(f => f.Item1));

        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var response = await hr.GetAsync("/Reports/Annual");
        var html = await response.Content.ReadAsStringAsync();
        var servants = HtmlTables.Rows(html, "servidores");
        // «Calificación final»: before «Nivel», «Evaluaciones parciales» and «Metas en la última parcial».
        Assert.Equal("86,03", servants.Single(r => r[0] == EvaluationScenario.Camila)[^4]);
        Assert.Equal("86,00", servants.Single(r => r[0] == EvaluationScenario.Santiago)[^4]);

        // Dependencia, Servidores, Promedio metas, Promedio competencias, Promedio final, …
        // metas (84 + 87,5) / 2 = 85,75; competencias (97,5 + 77,5) / 2 = 87,50; final (86,025 + 86) / 2 = 86,0125 → 86,01
        // (the rounded scores would give (86,03 + 86,00) / 2 = 86,015 → 86,02).
        var energy = HtmlTables.Rows(html, "resumen").Single(r => r[0] == "Subdirección de Energía");
        Assert.Equal(["85,75", "87,50", "86,01"], energy.Skip(2).Take(3));
        Assert.Equal(["85,75", "87,50", "86,01"], HtmlTables.Rows(html, "resumen")[^1].Skip(2).Take(3));
    }
}

public sealed class AnnualAverageTestsSqlite(SqliteHost host) : AnnualAverageTests(host), IClassFixture<SqliteHost>;

public sealed class AnnualAverageTestsPostgres(PostgresHost host) : AnnualAverageTests(host), IClassFixture<PostgresHost>;

/// <summary>The annual report's partial evaluations in words.</summary>
public class AnnualPartialsTextTests
{
    [Theory]
    [InlineData(0, 0, "—")]
    [InlineData(1, 0, "1 registrada")]
    [InlineData(2, 0, "2 registradas")]
    [InlineData(0, 1, "1 pendiente")]
    [InlineData(1, 2, "1 registrada, 2 pendientes")]
    public void The_partials_of_a_row_are_counted_in_words(int recorded, int pending, string text) =>
        Assert.Equal(text, Egi.Web.Features.Reports.AnnualText.PartialsText(recorded, pending));
}
