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

    private readonly List<(string Name, IReadOnlyList<XlsxColumn> Columns, object Table)> sheets = [];
    private readonly List<IDisposable> readers = [];

    public IReadOnlyList<string> SheetNames => sheets.Select(s => s.Name).ToList();

    /// <summary>
    /// Adds a sheet. Each row has one value per column, in order; null leaves the cell empty.
    /// Sheet names: at most 31 characters, unique, without : \ / ? * [ ].
    /// </summary>
    public XlsxWorkbook AddSheet(string name, IReadOnlyList<XlsxColumn> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        Check(name, columns);
        var table = new DataTable(name) { Locale = System.Globalization.CultureInfo.InvariantCulture };
        foreach (var c in columns) table.Columns.Add(c.Header, ClrType(c.Kind));
        foreach (var row in rows) table.Rows.Add(Cells(name, columns, row));
        sheets.Add((name, columns, table));
        return this;
    }

    /// <summary>
    /// Adds a sheet whose rows are read only while the workbook is written (<see cref="WriteTo"/>): a long list goes
    /// from the database to the file without being held in memory. Same cells as <see cref="AddSheet"/>. The rows are
    /// read and turned into cells on a thread of their own, at most <see cref="Prefetched{T}.Capacity"/> ahead of the
    /// writer, so reading the database and writing the file run at the same time; a sheet's rows are all read (its
    /// query closed) before the next sheet's are, as when one thread did both.
    /// </summary>
    public XlsxWorkbook AddStreamedSheet(string name, IReadOnlyList<XlsxColumn> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        Check(name, columns);
        var cells = new Prefetched<object[]>(rows.Select(r => Cells(name, columns, r)));
        readers.Add(cells);
        sheets.Add((name, columns, new RowReader(columns.Select(c => (c.Header, ClrType(c.Kind))).ToList(), cells)));
        return this;
    }

    private static object[] Cells(string name, IReadOnlyList<XlsxColumn> columns, IReadOnlyList<object?> row)
    {
        if (row.Count != columns.Count)
            throw new ArgumentException($"Sheet «{name}»: a row has {row.Count} values for {columns.Count} columns.", nameof(row));
        return row.Select((v, i) => Cell(columns[i].Kind, v)).ToArray();
    }

    private void Check(string name, IReadOnlyList<XlsxColumn> columns)
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
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>Writes the workbook to <paramref name="stream"/>, reading the rows of streamed sheets as it goes.</summary>
    public void WriteTo(Stream stream)
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
        var workbook = sheets.ToDictionary(s => s.Name, s => s.Table);
        try
        {
            MiniExcel.SaveAs(stream, workbook, printHeader: true, excelType: ExcelType.XLSX, configuration: configuration);
        }
        finally
        {
            // A write that failed half-way stops the reading thread and waits for it: nothing reads after the request.
            foreach (var reader in readers) reader.Dispose();
        }
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

/// <summary>A forward-only reader over rows produced on demand: how MiniExcel reads a streamed sheet.</summary>
internal sealed class RowReader(IReadOnlyList<(string Name, Type Type)> columns, IEnumerable<object[]> rows) : System.Data.Common.DbDataReader
{
    private IEnumerator<object[]>? rows2;
    private object[] current = [];
    private bool closed;

    public override int FieldCount => columns.Count;
    public override object this[int ordinal] => GetValue(ordinal);
    public override object this[string name] => GetValue(GetOrdinal(name));
    public override int RecordsAffected => -1;
    public override bool HasRows => true;
    public override bool IsClosed => closed;
    public override int Depth => 0;

    public override bool Read()
    {
        rows2 ??= rows.GetEnumerator();
        if (!rows2.MoveNext()) return false;
        current = rows2.Current;
        return true;
    }

    public override bool NextResult() => false;
    public override string GetName(int ordinal) => columns[ordinal].Name;
    public override Type GetFieldType(int ordinal) => columns[ordinal].Type;
    public override string GetDataTypeName(int ordinal) => columns[ordinal].Type.Name;
    public override int GetOrdinal(string name) => columns.Select((c, i) => (c, i)).First(x => x.c.Name == name).i;
    public override object GetValue(int ordinal) => current[ordinal];

    public override int GetValues(object[] values)
    {
        var n = Math.Min(values.Length, current.Length);
        Array.Copy(current, values, n);
        return n;
    }

    public override bool IsDBNull(int ordinal) => current[ordinal] is DBNull;
    public override bool GetBoolean(int ordinal) => (bool)current[ordinal];
    public override byte GetByte(int ordinal) => (byte)current[ordinal];
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();
    public override char GetChar(int ordinal) => (char)current[ordinal];
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();
    public override DateTime GetDateTime(int ordinal) => (DateTime)current[ordinal];
    public override decimal GetDecimal(int ordinal) => (decimal)current[ordinal];
    public override double GetDouble(int ordinal) => Convert.ToDouble(current[ordinal], System.Globalization.CultureInfo.InvariantCulture);
    public override float GetFloat(int ordinal) => Convert.ToSingle(current[ordinal], System.Globalization.CultureInfo.InvariantCulture);
    public override Guid GetGuid(int ordinal) => (Guid)current[ordinal];
    public override short GetInt16(int ordinal) => Convert.ToInt16(current[ordinal], System.Globalization.CultureInfo.InvariantCulture);
    public override int GetInt32(int ordinal) => (int)current[ordinal];
    public override long GetInt64(int ordinal) => Convert.ToInt64(current[ordinal], System.Globalization.CultureInfo.InvariantCulture);
    public override string GetString(int ordinal) => (string)current[ordinal];
    public override System.Collections.IEnumerator GetEnumerator() => throw new NotSupportedException();

    public override void Close()
    {
        closed = true;
        rows2?.Dispose();
    }
}

/// <summary>
/// A sequence read on a thread of its own, in chunks of <see cref="Chunk"/> items and at most <see cref="Capacity"/> items
/// ahead of whoever enumerates it (once). Its end is reached only after the source's enumeration has ended (a database
/// reader closed); an exception of the source is thrown to the reader. <see cref="Dispose"/> stops the reading thread
/// and waits for it.
/// </summary>
internal sealed class Prefetched<T>(IEnumerable<T> source) : IEnumerable<T>, IDisposable
{
    public const int Chunk = 128;
    public const int Capacity = Chunk * 8;

    private readonly System.Collections.Concurrent.BlockingCollection<List<T>> chunks = new(Capacity / Chunk);
    private readonly CancellationTokenSource stop = new();
    private Task? reading;
    private System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure;
    private bool disposed;

    public IEnumerator<T> GetEnumerator()
    {
        if (reading is not null) throw new InvalidOperationException("A prefetched sequence is read once.");
        reading = Task.Factory.StartNew(Read, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return Items();
    }

    private IEnumerator<T> Items()
    {
        foreach (var chunk in chunks.GetConsumingEnumerable())
            foreach (var item in chunk) yield return item;
        reading!.Wait();
        failure?.Throw();
    }

    private void Read()
    {
        try
        {
            var chunk = new List<T>(Chunk);
            foreach (var item in source)
            {
                chunk.Add(item);
                if (chunk.Count < Chunk) continue;
                chunks.Add(chunk, stop.Token);
                chunk = new List<T>(Chunk);
            }
            if (chunk.Count > 0) chunks.Add(chunk, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
        }
        finally
        {
            chunks.CompleteAdding();
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        stop.Cancel();
        reading?.Wait();
        chunks.Dispose();
        stop.Dispose();
    }
}
