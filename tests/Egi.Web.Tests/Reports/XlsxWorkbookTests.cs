using System.IO.Compression;
using Egi.Web.Reports;
using MiniExcelLibs;

namespace Egi.Web.Tests.Reports;

/// <summary>The shared .xlsx writer: typed cells that Excel can sort, filter and add up.</summary>
public sealed class XlsxWorkbookTests
{
    private static readonly XlsxColumn[] Columns =
    [
        new("Documento"),
        new("Fecha", XlsxKind.Date),
        new("Metas", XlsxKind.Integer),
        new("Puntaje", XlsxKind.Decimal),
        new("% concertadas", XlsxKind.Percent),
    ];

    private static byte[] Sample() => new XlsxWorkbook()
        .AddSheet("Datos", Columns,
        [
            ["0012345", new DateOnly(2026, 11, 24), 3, 87.25m, 85.5m],
            ["98765", null, 0, null, 0m],
        ])
        .AddSheet("Vacía", [new("Dependencia"), new("Servidores", XlsxKind.Integer)], [])
        .ToBytes();

    [Fact]
    public void Cells_keep_their_type_text_stays_text_and_a_percentage_is_a_fraction()
    {
        using var file = new MemoryStream(Sample());
        var rows = file.Query(useHeaderRow: true, sheetName: "Datos").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("0012345", rows[0]["Documento"]); // leading zeros kept
        Assert.Equal(new DateTime(2026, 11, 24), rows[0]["Fecha"]);
        Assert.Equal(3d, rows[0]["Metas"]);
        Assert.Equal(87.25d, rows[0]["Puntaje"]);
        Assert.Equal(0.855d, (double)rows[0]["% concertadas"]!, 10);
        Assert.Null(rows[1]["Fecha"]);
        Assert.Null(rows[1]["Puntaje"]);
        Assert.Equal(0d, rows[1]["Metas"]);
    }

    [Fact]
    public void Dates_and_percentages_carry_the_spanish_display_formats()
    {
        using var zip = new ZipArchive(new MemoryStream(Sample()));
        using var reader = new StreamReader(zip.GetEntry("xl/styles.xml")!.Open());
        var styles = reader.ReadToEnd();
        Assert.Contains("formatCode=\"dd/mm/yyyy\"", styles, StringComparison.Ordinal);
        Assert.Contains("formatCode=\"0.0%\"", styles, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sheet_without_rows_still_has_its_headers()
    {
        using var file = new MemoryStream(Sample());
        Assert.Equal(["Datos", "Vacía"], MiniExcel.GetSheetNames(file));
        var rows = file.Query(useHeaderRow: false, sheetName: "Vacía").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["Dependencia", "Servidores"], Assert.Single(rows).Values);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_values_or_a_bad_sheet_name_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => new XlsxWorkbook().AddSheet("Datos", Columns, [["solo uno"]]));
        Assert.Throws<ArgumentException>(() => new XlsxWorkbook().AddSheet("Hoja/1", Columns, []));
        Assert.Throws<ArgumentException>(() => new XlsxWorkbook().AddSheet("Datos", Columns, []).AddSheet("datos", Columns, []));
        Assert.Throws<ArgumentException>(() => new XlsxWorkbook().AddSheet("A", [new("Fecha", XlsxKind.Date)], []).AddSheet("B", [new("Fecha", XlsxKind.Text)], []));
    }
}
