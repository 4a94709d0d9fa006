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

    /// <summary>
    /// Streamed sheets are read on a thread of their own, ahead of the writer: every row arrives in order, each sheet's
    /// rows are all read (their reader closed) before the next sheet's are read, and none on the writer's thread.
    /// </summary>
    [Fact]
    public void Streamed_sheets_keep_their_rows_in_order_and_are_read_one_after_the_other_off_the_writing_thread()
    {
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var writer = Environment.CurrentManagedThreadId;
        var readOnWriter = false;
        IEnumerable<IReadOnlyList<object?>> Rows(string sheet, int count)
        {
            log.Enqueue($"{sheet} opened");
            try
            {
                for (var i = 0; i < count; i++)
                {
                    readOnWriter |= Environment.CurrentManagedThreadId == writer;
                    yield return [$"{sheet}-{i}"];
                }
            }
            finally
            {
                log.Enqueue($"{sheet} closed");
            }
        }
        var bytes = new XlsxWorkbook()
            .AddStreamedSheet("Uno", [new("Documento")], Rows("Uno", 5000))
            .AddStreamedSheet("Dos", [new("Documento")], Rows("Dos", 300))
            .ToBytes();

        using var file = new MemoryStream(bytes);
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => $"Uno-{i}"), file.Query(useHeaderRow: true, sheetName: "Uno").Select(r => (string)((IDictionary<string, object>)r)["Documento"]));
        file.Position = 0;
        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"Dos-{i}"), file.Query(useHeaderRow: true, sheetName: "Dos").Select(r => (string)((IDictionary<string, object>)r)["Documento"]));
        Assert.Equal(["Uno opened", "Uno closed", "Dos opened", "Dos closed"], log);
        Assert.False(readOnWriter);
    }

    /// <summary>A row source that fails fails the write with its own exception; the reading thread has stopped by then.</summary>
    [Fact]
    public void A_failing_row_source_fails_the_write_with_its_exception()
    {
        var closed = false;
        IEnumerable<IReadOnlyList<object?>> Rows()
        {
            try
            {
                for (var i = 0; i < 1000; i++) yield return [$"fila-{i}"];
                throw new InvalidOperationException("la base de datos no responde");
            }
            finally
            {
                closed = true;
            }
        }
        var error = Assert.Throws<InvalidOperationException>(() => new XlsxWorkbook().AddStreamedSheet("Datos", [new("Documento")], Rows()).ToBytes());
        Assert.Equal("la base de datos no responde", error.Message);
        Assert.True(closed);
    }

    /// <summary>
    /// A write that fails half-way (the file's stream refuses more bytes) stops the reading thread: the source is closed
    /// before the write returns, and is not read to its end.
    /// </summary>
    [Fact]
    public void A_write_that_fails_half_way_stops_the_reading_thread_before_it_returns()
    {
        var read = 0;
        var closed = false;
        IEnumerable<IReadOnlyList<object?>> Rows()
        {
            try
            {
                for (var i = 0; i < 10_000_000; i++)
                {
                    Interlocked.Increment(ref read);
                    yield return [$"fila número {i} con un texto largo para llenar el archivo"];
                }
            }
            finally
            {
                closed = true;
            }
        }
        using var full = new FullDisk(1 << 20);
        Assert.Throws<IOException>(() => new XlsxWorkbook().AddStreamedSheet("Datos", [new("Documento")], Rows()).WriteTo(full));
        Assert.True(closed);
        Assert.True(read < 10_000_000, $"{read} rows read");
    }

    /// <summary>A stream that refuses to grow past a size, as a full disk does.</summary>
    private sealed class FullDisk(int capacity) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Length + count > capacity) throw new IOException("No queda espacio en el disco.");
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

        public override void WriteByte(byte value) => Write([value], 0, 1);
    }
}
