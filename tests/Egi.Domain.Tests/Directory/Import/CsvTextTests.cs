using System.Text;
using Egi.Domain.Directory.Import;

namespace Egi.Domain.Tests.Directory.Import;

public class CsvTextTests
{
    private const string Accented = "Número de documento;Apellidos\r\n1020456789;Peña Núñez\r\n";

    [Fact]
    public void Windows_1252_bytes_of_a_spanish_excel_are_decoded_with_their_accents()
    {
        var bytes = CsvText.Windows1252.GetBytes(Accented);
        Assert.Equal(Accented, CsvText.Decode(bytes));
    }

    [Fact]
    public void Utf8_with_bom_is_decoded_and_the_bom_is_dropped()
    {
        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Accented)];
        Assert.Equal(Accented, CsvText.Decode(bytes));
    }

    [Fact]
    public void Utf8_without_bom_is_decoded_as_utf8_not_as_windows_1252()
    {
        Assert.Equal(Accented, CsvText.Decode(Encoding.UTF8.GetBytes(Accented)));
    }

    [Fact]
    public void Utf16_unicode_text_from_excel_is_decoded()
    {
        byte[] bytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Accented)];
        Assert.Equal(Accented, CsvText.Decode(bytes));
    }

    [Fact]
    public void An_image_or_a_pdf_is_not_text()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0];
        Assert.Null(CsvText.Decode(png));
        Assert.Null(CsvText.Decode(Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")));
    }

    [Theory]
    [InlineData("Documento;Nombres;Apellidos\r\n1;2;3", ';')]
    [InlineData("Documento,Nombres,Apellidos\n1,2,3", ',')]
    [InlineData("Documento\tNombres\tApellidos\n1\t2\t3", '\t')]
    [InlineData("\"Apellidos, nombres\";Documento;Correo\n", ';')]
    [InlineData("\"Apellidos; nombres\",Documento,Correo\n", ',')]
    [InlineData("sep=,\nDocumento;Nombres,Apellidos\n", ',')]
    [InlineData("Documento\n123", ';')]
    public void The_separator_comes_from_the_header_line(string text, char expected)
    {
        Assert.Equal(expected, CsvText.DetectSeparator(text));
    }

    [Fact]
    public void Quoted_fields_keep_separators_doubled_quotes_and_line_breaks()
    {
        var text = "A;B;C\r\n\"Profesional; coordinación\";\"Dijo \"\"sí\"\"\";\"dos\r\nlíneas\"\r\n;x;\r\n";
        var records = CsvText.Parse(text, ';');

        Assert.Equal(3, records.Count);
        Assert.Equal(["A", "B", "C"], records[0].Fields);
        Assert.Equal(["Profesional; coordinación", "Dijo \"sí\"", "dos\r\nlíneas"], records[1].Fields);
        Assert.Equal(["", "x", ""], records[2].Fields);
        // A line break inside quotes does not start a new row: numbers are Excel's rows.
        Assert.Equal([1, 2, 3], records.Select(r => r.Number));
    }

    [Fact]
    public void Blank_lines_are_records_so_row_numbers_match_excel()
    {
        var records = CsvText.Parse("A;B\n\n1;2\n", ';');
        Assert.Equal(3, records.Count);
        Assert.Equal(3, records[2].Number);
        Assert.Equal(["1", "2"], records[2].Fields);
    }

    [Fact]
    public void Excel_sep_line_is_not_a_row()
    {
        var records = CsvText.Parse("sep=;\r\nA;B\r\n1;2", CsvText.DetectSeparator("sep=;\r\nA;B\r\n1;2"));
        Assert.Equal(2, records.Count);
        Assert.Equal((1, "A"), (records[0].Number, records[0].Fields[0]));
        Assert.Equal((2, "2"), (records[1].Number, records[1].Fields[1]));
    }

    [Fact]
    public void Last_line_without_line_break_is_read_and_parsing_stops_at_the_limit()
    {
        Assert.Equal(["1", "2"], CsvText.Parse("A;B\n1;2", ';')[1].Fields);
        Assert.Equal(2, CsvText.Parse("A\n1\n2\n3\n", ';', maxRecords: 2).Count);
    }
}
