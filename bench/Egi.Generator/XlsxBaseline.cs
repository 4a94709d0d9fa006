using System.Diagnostics;
using MiniExcelLibs;

namespace Egi.Generator;

/// <summary>
/// The floor of issue 11's .xlsx target: MiniExcel writing, from memory, the same sheets and rows as a report's .xlsx
/// (read back from the file the application produced). The application streams its rows from the database while it
/// writes; this writes rows that are already in memory, so the ratio of the two is what the streaming costs.
/// </summary>
internal static class XlsxBaseline
{
    public static int Run(string file, int runs)
    {
        var sheets = new Dictionary<string, object>();
        var rows = 0;
        foreach (var name in MiniExcel.GetSheetNames(file))
        {
            var list = MiniExcel.Query(file, useHeaderRow: true, sheetName: name)
                .Select(r => (IDictionary<string, object>)new Dictionary<string, object>((IDictionary<string, object>)r))
                .ToList();
            rows += list.Count;
            sheets[name] = list;
        }
        var best = TimeSpan.MaxValue;
        long size = 0;
        for (var run = 0; run < Math.Max(1, runs); run++)
        {
            using var stream = new MemoryStream();
            var watch = Stopwatch.StartNew();
            MiniExcel.SaveAs(stream, sheets, printHeader: true, excelType: ExcelType.XLSX);
            watch.Stop();
            size = stream.Length;
            if (watch.Elapsed < best) best = watch.Elapsed;
        }
        Console.WriteLine($"MiniExcel from memory: {sheets.Count} sheets, {rows} rows, {size / 1024} KB, best of {Math.Max(1, runs)}: {best.TotalMilliseconds:0} ms");
        return 0;
    }
}
