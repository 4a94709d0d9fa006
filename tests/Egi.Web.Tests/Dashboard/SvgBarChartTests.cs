using System.Text.Encodings.Web;
using Egi.Web.Features.Dashboard;

namespace Egi.Web.Tests.Dashboard;

/// <summary>
/// The dashboard's SVG writes its texts encoded and its numbers as the table shows them (es-CO), straight into the
/// response: a dependencia's name with quotes, an ampersand or angle brackets cannot break the markup.
/// </summary>
public sealed class SvgBarChartTests
{
    private static string Render(DashboardChart chart)
    {
        var writer = new StringWriter();
        SvgBarChart.Render(chart).WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    [Fact]
    public void Names_are_encoded_in_the_title_the_row_and_the_series_and_stacked_numbers_read_as_the_table()
    {
        const string name = "Oficina \"Norte\" & <Sur>";
        var chart = new DashboardChart("avance", "Avance & <etapas>", "resumen", "Dependencia", ["Finalizada", "Con \"reparos\""],
            [new ChartRow(name, [1234m, null])], false, "hoja");

        var svg = Render(chart);

        Assert.Contains("<title id=\"avance-titulo\">Avance &amp; &lt;etapas&gt;</title>", svg, StringComparison.Ordinal);
        Assert.Contains("<g data-row=\"Oficina &quot;Norte&quot; &amp; &lt;Sur&gt;\">", svg, StringComparison.Ordinal);
        // The tooltip: each series with its value («—» without data) and the total, as the table writes them.
        Assert.Contains("<title>Oficina &quot;Norte&quot; &amp; &lt;Sur&gt;: Finalizada 1.234, Con &quot;reparos&quot; —; total 1.234</title>", svg, StringComparison.Ordinal);
        Assert.Contains("data-series=\"Finalizada\" data-value=\"1.234\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("data-series=\"Con &quot;reparos&quot;\" data-value", svg, StringComparison.Ordinal); // no bar without data
        Assert.Contains(">Con &quot;reparos&quot;</text>", svg, StringComparison.Ordinal); // the legend
        Assert.DoesNotContain("<Sur>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Scores_keep_two_decimals_with_a_comma_and_a_long_name_is_cut_with_an_ellipsis()
    {
        var name = new string('D', 60);
        var chart = new DashboardChart("promedios", "Promedio", "resumen", "Dependencia", ["Promedio"], [new ChartRow(name, [87.5m])], true, "hoja");

        var svg = Render(chart);

        Assert.Contains($"<title>{name}: 87,50</title>", svg, StringComparison.Ordinal);
        Assert.Contains("data-value=\"87,50\"", svg, StringComparison.Ordinal);
        Assert.Contains($">{new string('D', 55)}…</text>", svg, StringComparison.Ordinal);
        Assert.Equal("87,50", chart.Format(87.5m));
    }
}
