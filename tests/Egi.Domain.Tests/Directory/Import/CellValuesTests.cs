using Egi.Domain.Directory.Import;

namespace Egi.Domain.Tests.Directory.Import;

public class CellValuesTests
{
    public static TheoryData<object?, string> Documents => new()
    {
        { 1020456789d, "1020456789" },
        { 1.0204567E9, "1020456700" },
        { 52301987m, "52301987" },
        { 79512340L, "79512340" },
        { "1.020.456.789", "1020456789" },
        { "1,020,456,789", "1020456789" },
        { " 52 301 987 ", "52301987" },
        { "1.020.456.789,00", "1020456789" },
        { "1020456789.0", "1020456789" },
        { "1.020456789E9", "1020456789" },
        { "1,020456789E+09", "1020456789" },
        { "1.000", "1000" },
        { "PE123456", "PE123456" },
        { null, "" },
        { "", "" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Document_numbers_come_back_as_their_digits(object? cell, string expected)
    {
        var (value, error) = CellValues.ToDocument(cell);
        Assert.Null(error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1,02046E+09")]
    [InlineData("1.02046E+09")]
    public void Scientific_notation_that_lost_digits_is_refused_with_an_explanation(string text)
    {
        var (_, error) = CellValues.ToDocument(text);
        Assert.NotNull(error);
        Assert.Contains("notación científica", error);
    }

    [Fact]
    public void A_document_with_decimals_is_refused()
    {
        Assert.NotNull(CellValues.ToDocument(1020456789.5).Error);
    }

    public static TheoryData<object?, DateOnly?> Dates => new()
    {
        { new DateTime(2024, 3, 5), new DateOnly(2024, 3, 5) },
        { "05/03/2024", new DateOnly(2024, 3, 5) },
        { "5/3/2024", new DateOnly(2024, 3, 5) },
        { " 31/12/2025 ", new DateOnly(2025, 12, 31) },
        { "05/03/2024 0:00", new DateOnly(2024, 3, 5) },
        { "05/03/2024 12:00:00 a. m.", new DateOnly(2024, 3, 5) },
        { "2024-03-05", new DateOnly(2024, 3, 5) },
        { 45356d, new DateOnly(2024, 3, 5) },
        { null, null },
        { "", null },
    };

    [Theory]
    [MemberData(nameof(Dates))]
    public void Dates_are_read_from_excel_cells_and_from_dd_mm_yyyy_text(object? cell, DateOnly? expected)
    {
        var (value, ok) = CellValues.ToDate(cell);
        Assert.True(ok);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("31/02/2026")]
    [InlineData("13/13/2024")]
    [InlineData("05/03/24")]
    [InlineData("mañana")]
    [InlineData("2024")]
    public void Impossible_or_ambiguous_dates_are_refused(string text)
    {
        Assert.False(CellValues.ToDate(text).Ok);
    }

    [Theory]
    [InlineData("Sí", true)]
    [InlineData("si", true)]
    [InlineData("SI", true)]
    [InlineData("S", true)]
    [InlineData("x", true)]
    [InlineData("1", true)]
    [InlineData("Verdadero", true)]
    [InlineData("No", false)]
    [InlineData("n", false)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData("FALSO", false)]
    public void Yes_no_is_read_as_people_write_it(string text, bool expected)
    {
        Assert.Equal(expected, CellValues.ToYesNo(text));
    }

    [Fact]
    public void Yes_no_from_typed_cells_and_unknown_answers()
    {
        Assert.Equal(true, CellValues.ToYesNo(true));
        Assert.Equal(true, CellValues.ToYesNo(1d));
        Assert.Equal(false, CellValues.ToYesNo(0d));
        Assert.Equal(false, CellValues.ToYesNo(null));
        Assert.Null(CellValues.ToYesNo("Tal vez"));
        Assert.Null(CellValues.ToYesNo(2d));
    }

    [Theory]
    [InlineData(2028d, "2028")]
    [InlineData(19d, "19")]
    [InlineData(12.5, "12.5")]
    [InlineData("  Asesor ", "Asesor")]
    [InlineData(true, "Sí")]
    public void Cells_become_text_as_people_read_them(object cell, string expected)
    {
        Assert.Equal(expected, CellValues.ToText(cell));
    }

    [Fact]
    public void Date_cells_become_dd_mm_yyyy_text()
    {
        Assert.Equal("05/03/2024", CellValues.ToText(new DateTime(2024, 3, 5)));
    }

    [Theory]
    [InlineData("15", "0015")]
    [InlineData("2028", "2028")]
    [InlineData("A12", "A12")]
    [InlineData("", "")]
    public void Job_codes_recover_the_zeros_excel_removed(string text, string expected)
    {
        Assert.Equal(expected, CellValues.JobCode(text));
    }

    [Theory]
    [InlineData("8", "08")]
    [InlineData("19", "19")]
    [InlineData("", "")]
    public void Grades_have_two_digits(string text, string expected)
    {
        Assert.Equal(expected, CellValues.JobGrade(text));
    }
}
