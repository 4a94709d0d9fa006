using System.Globalization;
using Egi.Domain.Calendar;
using Microsoft.AspNetCore.WebUtilities;

namespace Egi.Web.Features.Shared;

/// <summary>Which page of a list is shown: 1-based, clamped to the pages there are.</summary>
public sealed record Paging(int Page, int PageSize, int TotalRows)
{
    public const int DefaultSize = 50;

    public int PageCount => Math.Max(1, (TotalRows + PageSize - 1) / PageSize);
    public int Skip => (Page - 1) * PageSize;
    public int FirstRow => TotalRows == 0 ? 0 : Skip + 1;
    public int LastRow => Math.Min(TotalRows, Skip + PageSize);
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;

    public static Paging Of(int? requested, int totalRows, int pageSize = DefaultSize)
    {
        var pages = Math.Max(1, (totalRows + pageSize - 1) / pageSize);
        return new(Math.Clamp(requested ?? 1, 1, pages), pageSize, totalRows);
    }
}

/// <summary>
/// What the page navigation of a list needs: where it stands, the address of each page, the navigation's accessible
/// name, when a page has more than one list, the id of its status line (unique on the page), and what the rows are
/// («servidores», «ítems»).
/// </summary>
public sealed record PagerModel(Paging Paging, Func<int, string> Url, string Label, string StatusId = "paginacion-estado", string Rows = "servidores");

/// <summary>Choosing the period of a report or list, and the page links of a list.</summary>
public static class ReportPages
{
    /// <summary>The period shown when none is chosen: the newest open one, else the newest.</summary>
    public static Period? DefaultPeriod(IReadOnlyList<Period> periods) =>
        periods.Where(p => p.Status == PeriodStatus.Open).MaxBy(p => p.Year) ?? periods.MaxBy(p => p.Year);

    /// <summary>The page asked for in the address; anything but a positive number is the first page.</summary>
    public static int Parse(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;

    /// <summary>
    /// The period chosen in «vigencia» (its id as text): none → the default (<see cref="DefaultPeriod"/>);
    /// one that is not in the list → null, with the Spanish message under the key «vigencia» of <paramref name="errors"/>.
    /// </summary>
    public static Period? ChoosePeriod(IReadOnlyList<Period> periods, string? text, IDictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return DefaultPeriod(periods);
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && periods.FirstOrDefault(p => p.Id == id) is { } chosen)
            return chosen;
        errors["vigencia"] = SharedMessages.PeriodNotFound;
        return null;
    }

    public static string Url(string path, IDictionary<string, string?> query) =>
        QueryHelpers.AddQueryString(path, query.Where(kv => kv.Value is not null).Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)));

    /// <summary>The page numbers offered as links: the first, the last and two around the current one (0 = an ellipsis).</summary>
    public static IReadOnlyList<int> Numbers(Paging p)
    {
        var wanted = new SortedSet<int> { 1, p.PageCount };
        for (var i = p.Page - 2; i <= p.Page + 2; i++)
            if (i >= 1 && i <= p.PageCount) wanted.Add(i);
        var result = new List<int>();
        var last = 0;
        foreach (var n in wanted)
        {
            if (n > last + 1) result.Add(0);
            result.Add(n);
            last = n;
        }
        return result;
    }
}
