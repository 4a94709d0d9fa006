using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Egi.Web.Tests.Infrastructure;
using Egi.Web.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Egi.Web.Tests.Dashboard;

/// <summary>
/// The dashboard (SPEC §5) over the known set-up of <see cref="ConsolidationApp"/>: Camila Finalizada, Laura in the second
/// follow-up, Santiago in the first (reopened until 24/12/2026), the other 26 in «Formulación de metas»; the goal window
/// is 01/11–15/12/2026 and the first follow-up's (01/01–30/06/2026) has closed, so 25 of those are late on it: Sara Lucía
/// Mejía, hired on 03/11/2026, is not (a late hire is never late for a first follow-up that closed before she entered).
/// </summary>
public abstract partial class DashboardTests(ConsolidationApp fixture)
{
    private const string Url = "/Dashboard";
    private EgiAppFactory App => fixture.App;

    private static string Text(string html) => WebUtility.HtmlDecode(html);

    [GeneratedRegex(@"\b(?:src|href)\s*=\s*[""']?(?:https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalResource();

    [Fact]
    public async Task The_five_charts_are_svg_images_with_a_title_a_summary_and_the_numbers_in_a_table()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var html = await fixture.PageAsync(hr, Url);
        foreach (var id in new[] { "avance", "niveles", "promedios", "atrasos", "alertas" })
        {
            Assert.Contains($"role=\"img\" aria-labelledby=\"{id}-titulo {id}-resumen\"", html, StringComparison.Ordinal);
            Assert.Contains($"<title id=\"{id}-titulo\">", html, StringComparison.Ordinal);
            Assert.Contains($"id=\"{id}-resumen\"", html, StringComparison.Ordinal);
            Assert.True(HtmlTables.HasTable(html, $"datos-{id}"), id);
        }
        Assert.Contains("<summary>Ver datos", html, StringComparison.Ordinal);
        // Charts are drawn on the server: nothing (script, stylesheet, image) comes from another origin.
        // Not a search for "cdn": a random anti-forgery token contained it once (CI, 05/12/2026).
        Assert.DoesNotMatch(ExternalResource(), html);
    }

    [Fact]
    public async Task The_stage_progress_counts_where_each_dependencias_evaluations_stand()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var html = await fixture.PageAsync(hr, Url);
        Assert.Equal(["Dependencia", "Sin evaluación", "Concertación de metas", "Primer seguimiento", "Segundo seguimiento", "Finalizada", "Cerrada por retiro", "Total"],
            HtmlTables.Headers(html, "datos-avance"));
        var rows = HtmlTables.Rows(html, "datos-avance");
        Assert.Equal(["Subdirección de Energía", "0", "3", "1", "0", "1", "0", "5"], rows.Single(r => r[0] == "Subdirección de Energía"));
        Assert.Equal(["Oficina Asesora de Planeación", "0", "2", "0", "1", "0", "0", "3"], rows.Single(r => r[0] == "Oficina Asesora de Planeación"));
        Assert.Equal(["Total entidad", "0", "26", "1", "1", "1", "0", "29"], rows[^1]);
        Assert.Contains("De 29 servidores de la Vigencia 2026: 3 con las metas concertadas, 2 con el primer seguimiento aceptado y 1 con la evaluación finalizada", Text(html), StringComparison.Ordinal);
        // The bar of Energía in the SVG carries the same numbers.
        Assert.Contains("data-series=\"Concertación de metas\" data-value=\"3\"", Segment(html, "avance", "Subdirección de Energía"), StringComparison.Ordinal);
        Assert.Contains("data-series=\"Finalizada\" data-value=\"1\"", Segment(html, "avance", "Subdirección de Energía"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_levels_the_averages_and_the_late_steps_have_the_right_numbers()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var html = await fixture.PageAsync(hr, Url);
        var s = fixture.CamilaScore;
        string Count(string level) => s.LevelLabel == level ? "1" : "0";

        Assert.Equal(
            [["Sobresaliente", Count("Sobresaliente")], ["Satisfactorio", Count("Satisfactorio")], ["No satisfactorio", Count("No satisfactorio")], ["Sin calificar", "28"]],
            HtmlTables.Rows(html, "datos-niveles"));
        Assert.Contains("data-value=\"28\"", Segment(html, "niveles", "Sin calificar"), StringComparison.Ordinal);

        var averages = HtmlTables.Rows(html, "datos-promedios");
        Assert.Equal(["Subdirección de Energía", ConsolidationApp.Score(s.Final)], averages.Single(r => r[0] == "Subdirección de Energía"));
        Assert.Equal(["Oficina Asesora de Planeación", "—"], averages.Single(r => r[0] == "Oficina Asesora de Planeación"));
        Assert.Equal(["Total entidad", ConsolidationApp.Score(s.Final)], averages[^1]);

        Assert.Equal(
            [
                ["Formulación y concertación de metas", "0", "0", "0"],
                ["Primer seguimiento (autoevaluación I)", "25", "0", "25"],
                ["Segundo seguimiento (autoevaluación II) y competencias", "0", "0", "0"],
            ],
            HtmlTables.Rows(html, "datos-atrasos"));
        Assert.Contains("hay 25 pasos atrasados", Text(html), StringComparison.Ordinal);

        // Camila's and Laura's accepted first follow-ups (65,00, in the No satisfactorio band) are early warnings.
        Assert.Equal(["Dependencia", "Sin alerta", "Alerta temprana", "Total"], HtmlTables.Headers(html, "datos-alertas"));
        var warnings = HtmlTables.Rows(html, "datos-alertas");
        Assert.Equal(["Subdirección de Energía", "0", "1", "1"], warnings.Single(r => r[0] == "Subdirección de Energía"));
        Assert.Equal(["Oficina Asesora de Planeación", "0", "1", "1"], warnings.Single(r => r[0] == "Oficina Asesora de Planeación"));
        Assert.Equal(["Total entidad", "0", "2", "2"], warnings[^1]);
        Assert.Contains("De 2 primeros seguimientos aceptados, 2 son alertas tempranas: su calificación quedó hasta 65,00", Text(html), StringComparison.Ordinal);
        Assert.Contains($"href=\"/Reports/Stage2?vigencia={fixture.PeriodId}&amp;alertas=1\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_xlsx_has_one_sheet_per_chart_equal_to_its_table_and_reads_and_exports_are_audited()
    {
        var consulta = await App.SignedInAsync(Accounts.Consulta);
        var reads = await fixture.AuditCountAsync("Consultar", "Tablero");
        var html = await fixture.PageAsync(consulta, Url);
        Assert.Equal(reads + 1, await fixture.AuditCountAsync("Consultar", "Tablero"));

        var exports = await fixture.AuditCountAsync("Exportar", "Tablero");
        var response = await consulta.PostFormAsync($"{Url}?handler=Xlsx", new() { ["vigencia"] = fixture.PeriodId.ToString(CultureInfo.InvariantCulture) }, getUrl: Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("tablero-2026.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(exports + 1, await fixture.AuditCountAsync("Exportar", "Tablero"));

        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var sheets = new[] { ("Avance por dependencia", "avance"), ("Niveles", "niveles"), ("Promedio por dependencia", "promedios"), ("Pasos atrasados", "atrasos"), ("Alertas tempranas", "alertas") };
        Assert.Equal(sheets.Select(x => x.Item1), MiniExcel.GetSheetNames(file));
        foreach (var (sheet, table) in sheets)
        {
            var rows = file.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(HtmlTables.Headers(html, $"datos-{table}"), rows[0].Keys.ToList());
            var cells = rows.Select(r => (IReadOnlyList<string>)r.Values.Select(v => v switch
            {
                null => "—",
                string text => text,
                _ when table == "promedios" => ConsolidationApp.Cell(v),
                _ => Convert.ToInt32(v, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            }).ToList()).ToList();
            Assert.Equal(HtmlTables.Rows(html, $"datos-{table}"), cells);
        }
    }

    [Fact]
    public async Task The_goals_agreed_on_the_dashboard_are_the_stage_1_reports_concertadas()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var total = HtmlTables.Rows(await fixture.PageAsync(hr, "/Reports/Stage1"), "resumen")[^1];
        Assert.Equal("Total entidad", total[0]);
        var agreed = total[6]; // «Concertadas»
        Assert.Equal("3", agreed);
        var html = await fixture.PageAsync(hr, Url);
        Assert.Contains($"servidores de la Vigencia 2026: {agreed} con las metas concertadas", Text(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_period_shows_a_spanish_message_and_no_chart()
    {
        var hr = await App.SignedInAsync(Accounts.TalentoHumano);
        var html = await fixture.PageAsync(hr, $"{Url}?vigencia=abc");
        Assert.Contains("La «Vigencia» elegida no existe", Text(html), StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_is_sent_to_sign_in_and_evaluados_jefes_and_planeacion_get_403() =>
        await fixture.RefusedAsync(Url, "Tablero");

    /// <summary>The SVG group of one bar of a chart.</summary>
    private static string Segment(string html, string chart, string row)
    {
        var svg = html.IndexOf($"data-chart=\"{chart}\"", StringComparison.Ordinal);
        var start = html.IndexOf($"<g data-row=\"{row}\"", svg, StringComparison.Ordinal);
        Assert.True(start > 0, $"No bar «{row}» in chart {chart}");
        return html[start..html.IndexOf("</g>", start, StringComparison.Ordinal)];
    }
}

public sealed class DashboardTestsSqlite(ConsolidationSqliteApp fixture) : DashboardTests(fixture), IClassFixture<ConsolidationSqliteApp>;

public sealed class DashboardTestsPostgres(ConsolidationPostgresApp fixture) : DashboardTests(fixture), IClassFixture<ConsolidationPostgresApp>;
