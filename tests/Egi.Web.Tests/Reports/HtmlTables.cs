using System.Net;
using System.Text.RegularExpressions;

namespace Egi.Web.Tests.Reports;

/// <summary>Reads a table of a page as a person sees it: one list of cell texts per row (th and td alike).</summary>
internal static partial class HtmlTables
{
    /// <summary>The body and footer rows of the table with this id (header rows left out).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Rows(string html, string tableId)
    {
        var table = Table(html, tableId);
        var body = Regex.Replace(table, "<thead.*?</thead>", "", RegexOptions.Singleline | RegexOptions.IgnoreCase);
        return RowRegex().Matches(body).Select(m => (IReadOnlyList<string>)CellRegex().Matches(m.Value).Select(c => Text(c.Groups[1].Value)).ToList()).ToList();
    }

    /// <summary>The body row whose first cell is <paramref name="firstCell"/>, as header text → cell text (columns read by name, not position).</summary>
    public static IReadOnlyDictionary<string, string> RowByHeaders(string html, string tableId, string firstCell) =>
        Headers(html, tableId).Zip(Rows(html, tableId).Single(r => r[0] == firstCell)).ToDictionary(p => p.First, p => p.Second);

    /// <summary>The header texts of the table with this id.</summary>
    public static IReadOnlyList<string> Headers(string html, string tableId)
    {
        var head = Regex.Match(Table(html, tableId), "<thead.*?</thead>", RegexOptions.Singleline | RegexOptions.IgnoreCase).Value;
        return CellRegex().Matches(head).Select(c => Text(c.Groups[1].Value)).ToList();
    }

    public static bool HasTable(string html, string tableId) => html.Contains($"id=\"{tableId}\"", StringComparison.Ordinal);

    private static string Table(string html, string tableId)
    {
        var start = html.IndexOf($"id=\"{tableId}\"", StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException($"No table #{tableId} on the page.");
        var end = html.IndexOf("</table>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    /// <summary>What a person reads: tags removed, entities decoded, whitespace collapsed.</summary>
    public static string Text(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    [GeneratedRegex("<tr[\\s>].*?</tr>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex RowRegex();

    [GeneratedRegex("<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex CellRegex();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();
}
