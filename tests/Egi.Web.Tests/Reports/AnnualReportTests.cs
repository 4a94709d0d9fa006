using System.Globalization;
using Egi.Web.Tests.Infrastructure;

namespace Egi.Web.Tests.Reports;

/// <summary>Activity 16: the annual results, on screen and as .xlsx, for Talento Humano and Consulta only (see <see cref="ConsolidationApp"/>).</summary>
public abstract class AnnualReportTests(ConsolidationApp fixture)
{
    private const string Url = "/Reports/Annual";
    private const string Entity = "Informe anual";
    private EgiAppFactory App => fixture.App;

    [Fact]
    public async Task The_screen_shows_the_scores_of_a_finished_evaluation_and_the_state_of_the_others()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var html = await fixture.PageAsync(hr, Url);
        var rows = HtmlTables.Rows(html, "servidores");
        Assert.Equal(29, rows.Count);
        var s = fixture.CamilaScore;

        // Goals 60×90 % + 40×75 % = 84,00.
        Assert.Equal(84.00m, s.GoalsComponent);
        // Documento, Nombre, Empleo, Dependencia, Evaluador, Estado, En espera de, Metas, Competencias, Final, Nivel
        Assert.Equal(["Finalizada", "—", "84,00", ConsolidationApp.Score(s.CompetenciesComponent), ConsolidationApp.Score(s.Final), s.LevelLabel],
            rows.Single(r => r[0] == ConsolidationApp.Camila).Skip(5));
        Assert.Equal(["Autoevaluación II", "Evaluado", "—", "—", "—", "Sin finalizar"], rows.Single(r => r[0] == ConsolidationApp.Laura).Skip(5));
        Assert.Equal(["Formulación de metas", "Evaluado", "—", "—", "—", "Sin finalizar"], rows.Single(r => r[0] == "1024567890").Skip(5));

        Assert.Contains("href=\"/Reports/Stage1\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Reports/Stage2\"", html, StringComparison.Ordinal);
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
        var (servants, summary, name) = await fixture.XlsxAsync(consulta, Url, (column, v) =>
            column is "Servidores" or "Sobresaliente" or "Satisfactorio" or "No satisfactorio" or "Sin finalizar"
                ? Convert.ToInt32(v, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
                : ConsolidationApp.Cell(v));
        Assert.Equal("anual-2026.xlsx", name);
        Assert.Equal(exports + 1, await fixture.AuditCountAsync("Exportar", Entity));
        Assert.Equal(HtmlTables.Rows(html, "servidores"), servants);
        Assert.Equal(HtmlTables.Rows(html, "resumen"), summary);
    }

    [Fact]
    public async Task Anonymous_is_sent_to_sign_in_and_evaluados_jefes_and_planeacion_get_403() =>
        await fixture.RefusedAsync(Url, Entity);
}

public sealed class AnnualReportTestsSqlite(ConsolidationSqliteApp fixture) : AnnualReportTests(fixture), IClassFixture<ConsolidationSqliteApp>;

public sealed class AnnualReportTestsPostgres(ConsolidationPostgresApp fixture) : AnnualReportTests(fixture), IClassFixture<ConsolidationPostgresApp>;
