namespace Egi.Web.Reports;

/// <summary>Writes a workbook to a temporary file (deleted when the response is sent) instead of memory.</summary>
public static class XlsxDownload
{
    public static FileStream ToTempFile(XlsxWorkbook workbook)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        var path = Path.Combine(Path.GetTempPath(), $"egi-{Guid.NewGuid():N}.xlsx");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            workbook.WriteTo(stream);
            stream.Position = 0;
            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}
