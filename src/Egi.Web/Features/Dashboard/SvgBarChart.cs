using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;

namespace Egi.Web.Features.Dashboard;

/// <summary>
/// Draws a <see cref="DashboardChart"/> as a server-rendered SVG of horizontal (stacked) bars: no script, no CDN.
/// It scales with its container (viewBox, width 100 %); each series has its own fill pattern and the bars carry their
/// numbers as text, so colour is never the only carrier; the SVG is role="img" labelled by its title and summary.
/// </summary>
public static class SvgBarChart
{
    // Narrow on purpose: each label sits above its bar, so on a phone the text keeps a readable size.
    private const int Width = 420;
    private const int LabelWidth = 4;
    private const int RightMargin = 44;
    private const int RowHeight = 42;
    private const int LabelHeight = 16;
    private const int BarHeight = 20;
    private const int Top = 24;
    private const int LegendRow = 22;
    private const int LegendColumns = 2;

    private static readonly string[] Colors = ["#004884", "#b35900", "#00704a", "#a8327d", "#3a6ea5", "#5c636a"];

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// The chart as HTML that is written straight into the response when the page is sent, a row at a time. Built
    /// into one string first, the dashboard's charts of 57 dependencias were half of what a view allocated, in strings
    /// past the large-object threshold that each forced a full collection (bench/profile.sh). Numbers are formatted
    /// into the row's buffer and texts are encoded into it, with no string of their own: a view of the dashboard draws
    /// about 120 bars, each with its tooltip.
    /// </summary>
    public static IHtmlContent Render(DashboardChart chart) => new Svg(chart);

    private sealed class Svg(DashboardChart chart) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder) => Write(chart, writer);
    }

    private static void Write(DashboardChart chart, TextWriter writer)
    {
        var plot = Width - LabelWidth - RightMargin;
        var legendRows = chart.IsStacked ? (chart.Series.Count + LegendColumns - 1) / LegendColumns : 0;
        var height = Top + (chart.Rows.Count * RowHeight) + 16 + (legendRows * LegendRow);
        var max = (double)chart.Max;
        var id = chart.Id;
        // One piece (the head, a row, the legend) at a time, handed to the writer and cleared.
        var sb = new StringBuilder(4096); // a row of six series fits in one chunk
        var text = new StringWriter(sb, Invariant);
        void Flush()
        {
            foreach (var chunk in sb.GetChunks()) writer.Write(chunk.Span);
            sb.Clear();
        }
        void Encoded(string s) => Encoder.Encode(text, s);
        void Number(decimal? v) => DashboardText.Append(sb, v, chart.IsDecimal);
        sb.Append(Invariant, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" role=\"img\" ")
          .Append(Invariant, $"aria-labelledby=\"{id}-titulo {id}-resumen\" class=\"egi-chart\" data-chart=\"{id}\" preserveAspectRatio=\"xMinYMin meet\">")
          .Append(Invariant, $"<title id=\"{id}-titulo\">");
        Encoded(chart.Title);
        sb.Append("</title><defs>");
        for (var i = 0; i < chart.Series.Count; i++) AppendPattern(sb, id, i);
        sb.Append("</defs>");

        // Axis: 0, half and max, with light grid lines.
        foreach (var f in new[] { 0d, 0.5, 1d })
        {
            var x = LabelWidth + (plot * f);
            var value = (decimal)(max * f);
            sb.Append(Invariant, $"<line x1=\"{x:0.##}\" y1=\"{Top - 4}\" x2=\"{x:0.##}\" y2=\"{Top + (chart.Rows.Count * RowHeight)}\" stroke=\"#ced4da\" stroke-width=\"1\"/>");
            if (!chart.IsDecimal && f == 0.5 && max % 2 != 0) continue;
            sb.Append(Invariant, $"<text x=\"{x:0.##}\" y=\"{Top - 8}\" font-size=\"12\" text-anchor=\"{(f == 0 ? "start" : "middle")}\" fill=\"#495057\">");
            Number(value);
            sb.Append("</text>");
        }

        Flush();
        for (var r = 0; r < chart.Rows.Count; r++)
        {
            var row = chart.Rows[r];
            var y = Top + (r * RowHeight) + LabelHeight;
            sb.Append("<g data-row=\"");
            Encoded(row.Label);
            sb.Append("\"><title>");
            Encoded(row.Label);
            sb.Append(": ");
            AppendDescription(sb, text, chart, row);
            sb.Append(Invariant, $"</title><text x=\"{LabelWidth}\" y=\"{y - 4}\" font-size=\"13\" fill=\"#212529\">");
            if (row.Label.Length > 56)
            {
                Encoder.Encode(text, row.Label, 0, 55);
                sb.Append('…');
            }
            else Encoded(row.Label);
            sb.Append("</text>");
            var x = (double)LabelWidth;
            for (var s = 0; s < chart.Series.Count; s++)
            {
                if (row.Values[s] is not { } v || v <= 0) continue;
                var w = plot * (double)v / max;
                sb.Append(Invariant, $"<rect x=\"{x:0.##}\" y=\"{y}\" width=\"{w:0.##}\" height=\"{BarHeight}\" fill=\"url(#{id}-p{s})\" stroke=\"#212529\" stroke-width=\"0.5\" data-series=\"");
                Encoded(chart.Series[s]);
                sb.Append("\" data-value=\"");
                Number(v);
                sb.Append("\"/>");
                if (chart.IsStacked && w >= 22)
                {
                    sb.Append(Invariant, $"<text x=\"{x + (w / 2):0.##}\" y=\"{y + 14}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#000\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">");
                    Number(v);
                    sb.Append("</text>");
                }
                x += w;
            }
            sb.Append(Invariant, $"<text x=\"{x + 4:0.##}\" y=\"{y + 14}\" font-size=\"13\" font-weight=\"bold\" fill=\"#212529\">");
            Number(chart.IsStacked ? row.Total : row.Values[0]);
            sb.Append("</text></g>");
            Flush();
        }

        if (chart.IsStacked)
        {
            var ly = Top + (chart.Rows.Count * RowHeight) + 12;
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var lx = LabelWidth + ((s % LegendColumns) * 200);
                var yy = ly + ((s / LegendColumns) * LegendRow);
                sb.Append(Invariant, $"<rect x=\"{lx}\" y=\"{yy}\" width=\"16\" height=\"14\" fill=\"url(#{id}-p{s})\" stroke=\"#212529\" stroke-width=\"0.5\"/>")
                  .Append(Invariant, $"<text x=\"{lx + 22}\" y=\"{yy + 12}\" font-size=\"13\" fill=\"#212529\">");
                Encoded(chart.Series[s]);
                sb.Append("</text>");
            }
        }
        sb.Append("</svg>");
        Flush();
    }

    /// <summary>A row's numbers in words, for the tooltip of its bar («Finalizada 3, …; total 12», or the one value), encoded.</summary>
    private static void AppendDescription(StringBuilder sb, TextWriter encodeInto, DashboardChart chart, ChartRow row)
    {
        if (!chart.IsStacked)
        {
            DashboardText.Append(sb, row.Values[0], chart.IsDecimal);
            return;
        }
        for (var i = 0; i < chart.Series.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            Encoder.Encode(encodeInto, chart.Series[i]);
            sb.Append(' ');
            DashboardText.Append(sb, row.Values[i], chart.IsDecimal);
        }
        sb.Append("; total ");
        DashboardText.Append(sb, row.Total, chart.IsDecimal);
    }

    /// <summary>A fill per series: a colour plus a distinct texture (solid, stripes, dots, grid…).</summary>
    private static void AppendPattern(StringBuilder sb, string chartId, int i)
    {
        var color = Colors[i % Colors.Length];
        var texture = (i % 6) switch
        {
            0 => "",
            1 => "<path d=\"M0,8 L8,0\" stroke=\"#fff\" stroke-width=\"2\"/>",
            2 => "<circle cx=\"4\" cy=\"4\" r=\"1.6\" fill=\"#fff\"/>",
            3 => "<path d=\"M0,4 H8 M4,0 V8\" stroke=\"#fff\" stroke-width=\"1.2\"/>",
            4 => "<path d=\"M0,0 L8,8\" stroke=\"#fff\" stroke-width=\"2\"/>",
            _ => "<path d=\"M0,2 H8 M0,6 H8\" stroke=\"#fff\" stroke-width=\"1\"/>",
        };
        sb.Append(Invariant, $"<pattern id=\"{chartId}-p{i}\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" fill=\"{color}\"/>{texture}</pattern>");
    }
}
