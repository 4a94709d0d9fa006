using System.Globalization;
using Egi.Domain.Calendar;
using Microsoft.AspNetCore.WebUtilities;

namespace Egi.Web.Features.Reports;

/// <summary>
/// What the page navigation of a list needs: where it stands, the address of each page, the navigation's accessible
/// name and, when a page has more than one list, the id of its status line (unique on the page).
/// </summary>
public sealed record PagerModel(Paging Paging, Func<int, string> Url, string Label, string StatusId = "paginacion-estado");

public static class ReportPages
{
    /// <summary>The page asked for in the address; anything but a positive number is the first page.</summary>
    public static int Parse(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;

    /// <summary>
    /// The period chosen in «vigencia» (its id as text): none → the default (<see cref="Stage1Report.DefaultPeriod"/>);
    /// one that is not in the list → null, with the Spanish message under the key «vigencia» of <paramref name="errors"/>.
    /// </summary>
    public static Period? ChoosePeriod(IReadOnlyList<Period> periods, string? text, IDictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return Stage1Report.DefaultPeriod(periods);
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && periods.FirstOrDefault(p => p.Id == id) is { } chosen)
            return chosen;
        errors["vigencia"] = "La «Vigencia» elegida no existe: elija una de la lista.";
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
