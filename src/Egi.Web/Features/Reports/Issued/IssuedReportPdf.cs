using System.Globalization;
using Egi.Domain.Process;
using Egi.Web.Reports;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Egi.Web.Features.Reports.Issued;

/// <summary>
/// The PDF of an issued report (PDFsharp 6, A4 landscape, DejaVu Sans embedded; WinAnsi text, which holds every letter
/// of Spanish): the heading with its number, date and issuer, the frozen tables (the header repeats on each page a table
/// spans), the conclusions and the recommendations, and «página n de N» on every page. Drawn from the stored report
/// only: nothing is read again from the evaluations.
/// </summary>
public static class IssuedReportPdf
{
    public const string ContentType = "application/pdf";

    public static string FileName(IssuedReport r) =>
        $"{r.Kind.Key()}-{r.PeriodName.Replace(' ', '-').ToLowerInvariant()}-{r.Id.ToString(CultureInfo.InvariantCulture)}.pdf";

    public static byte[] Write(IssuedReport r, string? replacedBy)
    {
        PdfFonts.EnsureResolver();
        using var document = new PdfDocument();
        document.Info.Title = IssuedText.Title(r);
        document.Info.Subject = r.Kind.Subject();
        document.Info.Author = r.IssuedBy;
        document.Info.Creator = "EGI — Evaluación de la Gestión Institucional";
        var w = new Writer(document);

        w.Line("Sistema de Evaluación de la Gestión Institucional · Procedimiento P-TH-10", w.Small);
        w.Line(IssuedText.Title(r), w.Title);
        w.Line(r.Kind.Subject(), w.Body);
        w.Space(4);
        w.Line($"Informe {IssuedText.Number(r.Id)}. Emitido el {IssuedText.IssuedAt(r)} (hora de Bogotá) por {r.IssuedBy}.", w.Body);
        if (r.ReplacesId is { } old) w.Line($"Corrige y reemplaza al informe {IssuedText.Number(old)}.", w.Body);
        if (replacedBy is not null) w.Line($"Este informe fue reemplazado por el informe {replacedBy}.", w.Bold);
        w.Line($"Cifras de la consolidación congeladas a la fecha de emisión: {r.Snapshot.Servants.ToString("N0", Infrastructure.ServiceRegistration.Culture)} servidores en la vigencia.", w.Body);

        foreach (var table in r.Snapshot.Tables)
        {
            w.Space(10);
            w.Heading(IssuedText.TableTitle(table.Code));
            w.Table(table);
        }

        w.Space(10);
        w.Heading("Conclusiones");
        w.Paragraphs(r.Conclusions);
        w.Space(6);
        w.Heading("Recomendaciones");
        w.Paragraphs(r.Recommendations);
        w.Finish($"{r.Kind.Label()} {IssuedText.Number(r.Id)} — {r.PeriodName}");

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private sealed class Writer
    {
        private const double Margin = 40;
        private const double FooterSpace = 24;
        private static readonly XPdfFontOptions Options = new(PdfFontEncoding.WinAnsi);
        private static readonly XPen Rule = new(XColors.Gray, 0.5);
        private static readonly XPen Light = new(XColors.LightGray, 0.4);

        private readonly PdfDocument document;
        private XGraphics gfx = null!;
        private double y;

        public Writer(PdfDocument document)
        {
            this.document = document;
            NewPage();
        }

        public XFont Title { get; } = new(PdfFonts.Family, 16, XFontStyleEx.Bold, Options);
        public XFont HeadingFont { get; } = new(PdfFonts.Family, 12, XFontStyleEx.Bold, Options);
        public XFont Body { get; } = new(PdfFonts.Family, 10, XFontStyleEx.Regular, Options);
        public XFont Bold { get; } = new(PdfFonts.Family, 10, XFontStyleEx.Bold, Options);
        public XFont Small { get; } = new(PdfFonts.Family, 8, XFontStyleEx.Regular, Options);
        private XFont Cell { get; } = new(PdfFonts.Family, 7.5, XFontStyleEx.Regular, Options);
        private XFont CellBold { get; } = new(PdfFonts.Family, 7.5, XFontStyleEx.Bold, Options);
        private XFont HeaderNarrow { get; } = new(PdfFonts.Family, 6.5, XFontStyleEx.Bold, Options);

        private double Width => gfx.PageSize.Width - 2 * Margin;
        private double Bottom => gfx.PageSize.Height - Margin - FooterSpace;

        private void NewPage()
        {
            gfx?.Dispose();
            var page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            page.Orientation = PdfSharp.PageOrientation.Landscape;
            gfx = XGraphics.FromPdfPage(page);
            y = Margin;
        }

        private static double Height(XFont font) => font.Size * 1.35;

        private void Ensure(double height)
        {
            if (y + height > Bottom) NewPage();
        }

        public void Space(double points) => y += points;

        /// <summary>A line of text, wrapped to the page's width.</summary>
        public void Line(string text, XFont font)
        {
            foreach (var line in Wrap(text, font, Width))
            {
                Ensure(Height(font));
                gfx.DrawString(line, font, XBrushes.Black, new XRect(Margin, y, Width, Height(font)), XStringFormats.TopLeft);
                y += Height(font);
            }
        }

        public void Heading(string text)
        {
            Ensure(Height(HeadingFont) * 3);
            Line(text, HeadingFont);
            y += 2;
        }

        /// <summary>The person's text as written: each line break starts a new paragraph.</summary>
        public void Paragraphs(string text)
        {
            foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            {
                if (paragraph.Trim().Length == 0) y += Height(Body) / 2;
                else Line(paragraph.Trim(), Body);
            }
        }

        public void Table(SnapshotTable table)
        {
            var columns = table.Columns.Count;
            var wide = columns > 8;
            var first = wide ? 120 : 220;
            var each = (Width - first) / Math.Max(columns, 1);
            var widths = new[] { (double)first }.Concat(Enumerable.Repeat(each, columns)).ToArray();
            string[] headers = ["Dependencia", .. table.Columns.Select(IssuedText.Header)];
            var headerFont = wide ? HeaderNarrow : CellBold;

            void Row(IReadOnlyList<string> cells, XFont font, bool header)
            {
                var wrapped = cells.Select((c, i) => Wrap(c, font, widths[i] - 4)).ToList();
                var height = wrapped.Max(l => l.Count) * Height(font) + 4;
                if (y + height > Bottom)
                {
                    NewPage();
                    if (!header) Row(headers, headerFont, header: true);
                }
                var x = Margin;
                for (var i = 0; i < wrapped.Count; i++)
                {
                    var ly = y + 2;
                    foreach (var line in wrapped[i])
                    {
                        var format = i == 0 ? XStringFormats.TopLeft : XStringFormats.TopRight;
                        gfx.DrawString(line, font, XBrushes.Black, new XRect(x + 2, ly, widths[i] - 4, Height(font)), format);
                        ly += Height(font);
                    }
                    x += widths[i];
                }
                y += height;
                gfx.DrawLine(header ? Rule : Light, Margin, y, Margin + Width, y);
            }

            Row(headers, headerFont, header: true);
            foreach (var line in table.Lines) Row(Cells(table, line), Cell, header: false);
            Row(Cells(table, table.Total), CellBold, header: false);
        }

        private static string[] Cells(SnapshotTable table, SnapshotLine line) =>
            [line.Dependency, .. table.Columns.Select((c, i) => IssuedText.Value(c, i < line.Values.Count ? line.Values[i] : null))];

        /// <summary>«página n de N» and the report's name at the foot of every page.</summary>
        public void Finish(string name)
        {
            gfx.Dispose();
            for (var i = 0; i < document.PageCount; i++)
            {
                using var g = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
                var footY = g.PageSize.Height - Margin;
                g.DrawLine(Light, Margin, footY - 4, g.PageSize.Width - Margin, footY - 4);
                g.DrawString(name, Small, XBrushes.Black, new XRect(Margin, footY, g.PageSize.Width - 2 * Margin, 12), XStringFormats.TopLeft);
                g.DrawString($"Página {i + 1} de {document.PageCount}", Small, XBrushes.Black,
                    new XRect(Margin, footY, g.PageSize.Width - 2 * Margin, 12), XStringFormats.TopRight);
            }
        }

        /// <summary>Breaks a text into lines that fit the width (a word longer than the width is cut, with a hyphen).</summary>
        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            var current = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (gfx.MeasureString(candidate, font).Width <= width)
                {
                    current = candidate;
                    continue;
                }
                if (current.Length > 0) lines.Add(current);
                current = word;
                while (current.Length > 1 && gfx.MeasureString(current, font).Width > width)
                {
                    var cut = current.Length - 1;
                    while (cut > 1 && gfx.MeasureString(current[..cut] + "-", font).Width > width) cut--;
                    lines.Add(current[..cut] + "-");
                    current = current[cut..];
                }
            }
            if (current.Length > 0 || lines.Count == 0) lines.Add(current);
            return lines;
        }
    }
}
