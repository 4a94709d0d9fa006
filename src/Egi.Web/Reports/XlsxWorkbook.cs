using System.Data;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Egi.Web.Reports;

/// <summary>How a column of a report is written to the .xlsx.</summary>
public enum XlsxKind
{
    /// <summary>Text as it is (document numbers stay text: no lost leading zeros, no scientific notation).</summary>
    Text,

    /// <summary>A whole number (counts), up to ±2 147 483 647.</summary>
    Integer,

    /// <summary>A decimal number with two decimals shown (scores).</summary>
    Decimal,

    /// <summary>
    /// A real Excel date (sortable and filterable), shown as dd/mm/aaaa. Accepts <see cref="DateOnly"/> or
    /// <see cref="DateTime"/> (the time is dropped).
    /// </summary>
    Date,

    /// <summary>
    /// A percentage given in points (85.5 means 85,5 %): written as the number 0.855 with the format 0.0 %,
    /// so Excel in Spanish shows «85,5 %» and formulas see a real number.
    /// </summary>
    Percent,
}

/// <summary>A column of a sheet: its header (first row) and kind. Width in Excel characters; 0 picks one by kind.</summary>
public sealed record XlsxColumn(string Header, XlsxKind Kind = XlsxKind.Text, double Width = 0);

/// <summary>
/// A workbook of plain tables, one per sheet, written with MiniExcel: a header row (frozen, with autofilter) and
/// one row per record, each cell typed by its column. Every report of the product (stages, annual, dashboards'
/// downloads) writes its .xlsx through this, so dates, counts and percentages look the same everywhere.
/// A sheet with no rows still has its header row.
/// </summary>
public sealed class XlsxWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Excel's format codes: the month is «mm» in a date.</summary>
    private const string DateFormat = "dd/mm/yyyy";
    private const string PercentFormat = "0.0%";
    private const string DecimalFormat = "0.00";

    private readonly List<(string Name, IReadOnlyList<XlsxColumn> Columns, DataTable Table)> sheets = [];

    public IReadOnlyList<string> SheetNames => sheets.Select(s => s.Name).ToList();

    /// <summary>
    /// Adds a sheet. Each row has one value per column, in order; null leaves the cell empty.
    /// Sheet names: at most 31 characters, unique, without : \ / ? * [ ].
    /// </summary>
    public XlsxWorkbook AddSheet(string name, IReadOnlyList<XlsxColumn> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 31 || name.IndexOfAny([':', '\\', '/', '?', '*', '[', ']']) >= 0)
            throw new ArgumentException($"Invalid sheet name «{name}».", nameof(name));
        if (sheets.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
            throw new ArgumentException($"Duplicate sheet name «{name}».", nameof(name));
        if (columns.Count == 0 || columns.Select(c => c.Header).Distinct(StringComparer.OrdinalIgnoreCase).Count() != columns.Count)
            throw new ArgumentException("A sheet needs at least one column and unique headers.", nameof(columns));
        foreach (var c in columns)
        {
            // MiniExcel formats columns by header across the whole workbook: one header, one kind.
            var clash = sheets.SelectMany(s => s.Columns).FirstOrDefault(o => o.Header == c.Header && (o.Kind != c.Kind || o.Width != c.Width));
            if (clash is not null) throw new ArgumentException($"Column «{c.Header}» is declared with two different kinds or widths.", nameof(columns));
        }

        var table = new DataTable(name) { Locale = System.Globalization.CultureInfo.InvariantCulture };
        foreach (var c in columns) table.Columns.Add(c.Header, ClrType(c.Kind));
        foreach (var row in rows)
        {
            if (row.Count != columns.Count)
                throw new ArgumentException($"Sheet «{name}»: a row has {row.Count} values for {columns.Count} columns.", nameof(rows));
            table.Rows.Add(row.Select((v, i) => Cell(columns[i].Kind, v)).ToArray());
        }
        sheets.Add((name, columns, table));
        return this;
    }

    public byte[] ToBytes()
    {
        if (sheets.Count == 0) throw new InvalidOperationException("A workbook needs at least one sheet.");
        var columns = sheets.SelectMany(s => s.Columns).DistinctBy(c => c.Header).Select(c => new DynamicExcelColumn(c.Header)
        {
            Width = c.Width > 0 ? c.Width : DefaultWidth(c),
            Format = c.Kind switch
            {
                XlsxKind.Date => DateFormat,
                XlsxKind.Percent => PercentFormat,
                XlsxKind.Decimal => DecimalFormat,
                _ => null,
            },
        }).ToArray();
        // No Culture here: with one, MiniExcel writes numbers as localized text ("0,5") instead of numbers.
        var configuration = new OpenXmlConfiguration { DynamicColumns = columns };
        var workbook = sheets.ToDictionary(s => s.Name, s => (object)s.Table);
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, workbook, printHeader: true, excelType: ExcelType.XLSX, configuration: configuration);
        return stream.ToArray();
    }

    private static Type ClrType(XlsxKind kind) => kind switch
    {
        // Int32, not Int64: MiniExcel writes a long as text (it may exceed Excel's 15 digits).
        XlsxKind.Integer => typeof(int),
        XlsxKind.Decimal or XlsxKind.Percent => typeof(decimal),
        XlsxKind.Date => typeof(DateTime),
        _ => typeof(string),
    };

    private static object Cell(XlsxKind kind, object? value) => value switch
    {
        null => DBNull.Value,
        _ => kind switch
        {
            XlsxKind.Text => Convert.ToString(value, Infrastructure.ServiceRegistration.Culture) ?? "",
            XlsxKind.Integer => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture),
            XlsxKind.Decimal => Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture),
            XlsxKind.Percent => Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture) / 100m,
            XlsxKind.Date => value switch
            {
                DateOnly d => d.ToDateTime(TimeOnly.MinValue),
                DateTime t => t.Date,
                _ => throw new ArgumentException($"A date column needs DateOnly or DateTime, not {value.GetType().Name}."),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        },
    };

    private static double DefaultWidth(XlsxColumn c) => c.Kind switch
    {
        XlsxKind.Date => 12,
        XlsxKind.Integer or XlsxKind.Decimal or XlsxKind.Percent => Math.Max(10, Math.Min(c.Header.Length + 2, 18)),
        _ => Math.Max(14, Math.Min(c.Header.Length + 4, 40)),
    };
}
