using Egi.Web.Features.Shared;
using System.Globalization;
using Egi.Domain.Directory;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Directory.Servants;

/// <summary>
/// The directory list. Filters are query-string text (never a binding error). The directory of one entity is a
/// few hundred to a few thousand rows: it is read whole and filtered in memory, which keeps search accent- and
/// case-insensitive on both SQLite and PostgreSQL and lets the domain compute eligibility.
/// </summary>
public sealed class IndexModel(EgiDbContext db, CurrentUser me) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "dependencia")]
    public string? DependencyFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "nivel")]
    public string? LevelFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "vinculacion")]
    public string? TypeFilter { get; set; }

    /// <summary>"si", "no" or empty.</summary>
    [BindProperty(SupportsGet = true, Name = "evaluable")]
    public string? EligibleFilter { get; set; }

    /// <summary>"activos" (default), "retirados" or "todos".</summary>
    [BindProperty(SupportsGet = true, Name = "estado")]
    public string? StatusFilter { get; set; }

    /// <summary>"nombre" (default), "-nombre", "documento", "-documento", "dependencia", "-dependencia".</summary>
    [BindProperty(SupportsGet = true, Name = "orden")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public string? PageText { get; set; }

    public sealed record Row(Servant Servant, string Dependency, Servant? Boss, bool BossRetired, Eligibility Eligibility);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;
    public string Status { get; private set; } = "activos";
    public string SortKey { get; private set; } = "nombre";
    public bool Descending { get; private set; }
    public IReadOnlyList<SelectListItem> DependencyOptions { get; private set; } = [];
    public bool HasFilters { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = me.Today;
        var tree = await DependencyNodes.LoadAsync(db, ct);
        var depNames = tree.ToDictionary(d => d.Id, d => d.Name);
        DependencyOptions = tree.Select(d => new SelectListItem(d.Path, ServantLookups.Id(d.Id))).ToList();

        IQueryable<Servant> rows = db.Servants.AsNoTracking();

        Status = StatusFilter?.Trim().ToLowerInvariant() switch
        {
            "retirados" => "retirados",
            "todos" => "todos",
            _ => "activos",
        };
        rows = Status switch
        {
            "retirados" => rows.Where(Servant.RetiredOn(today)),
            "todos" => rows,
            _ => rows.Where(Servant.ActiveOn(today)),
        };

        if (int.TryParse(DependencyFilter, NumberStyles.None, CultureInfo.InvariantCulture, out var depId))
            rows = rows.Where(s => s.DependencyId == depId);
        if (Enum.TryParse<HierarchyLevel>(LevelFilter, out var level) && Enum.IsDefined(level))
            rows = rows.Where(s => s.Level == level);
        if (Enum.TryParse<EmploymentType>(TypeFilter, out var type) && Enum.IsDefined(type))
            rows = rows.Where(s => s.EmploymentType == type);
        if (EligibleFilter == "si") rows = rows.Where(Eligibility.IsEligibleOn(today));
        else if (EligibleFilter == "no")
        {
            var eligibleIds = db.Servants.Where(Eligibility.IsEligibleOn(today)).Select(s => s.Id);
            rows = rows.Where(s => !eligibleIds.Contains(s.Id));
        }
        if (!string.IsNullOrWhiteSpace(Query)) rows = Matching(rows, Query, tree);

        HasFilters = !string.IsNullOrWhiteSpace(Query) || !string.IsNullOrWhiteSpace(DependencyFilter) || !string.IsNullOrWhiteSpace(LevelFilter)
            || !string.IsNullOrWhiteSpace(TypeFilter) || !string.IsNullOrWhiteSpace(EligibleFilter) || Status != "activos";

        var sort = (Sort ?? "").Trim().ToLowerInvariant();
        Descending = sort.StartsWith('-');
        SortKey = sort.TrimStart('-') switch
        {
            "documento" => "documento",
            "dependencia" => "dependencia",
            _ => "nombre",
        };
        // The dependencia's place in alphabetical order of names, computed over the ~60 dependencias, sorts in SQL.
        var depRank = tree.OrderBy(d => d.Name, ServantLookups.NameOrder).Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var ordered = SortKey switch
        {
            "documento" => Descending
                ? rows.OrderByDescending(s => s.DocumentNumber.Length).ThenByDescending(s => s.DocumentNumber)
                : rows.OrderBy(s => s.DocumentNumber.Length).ThenBy(s => s.DocumentNumber),
            "dependencia" => OrderByDependency(rows, depRank).ThenBy(s => s.SortKey).ThenBy(s => s.Id),
            _ => Descending ? rows.OrderByDescending(s => s.SortKey).ThenByDescending(s => s.Id) : rows.OrderBy(s => s.SortKey).ThenBy(s => s.Id),
        };

        Total = await rows.CountAsync(ct);
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = int.TryParse(PageText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, PageCount) : 1;
        var page = await (
            from s in ordered.Skip((PageNumber - 1) * PageSize).Take(PageSize)
            join b in db.Servants on s.BossId equals (int?)b.Id into bosses
            from boss in bosses.DefaultIfEmpty()
            select new { Servant = s, Boss = boss }).ToListAsync(ct);
        Rows = page.Select(x => new Row(x.Servant, depNames.GetValueOrDefault(x.Servant.DependencyId, "—"), x.Boss,
            x.Boss?.IsRetired(today) == true, x.Servant.EligibilityOn(today))).ToList();
    }

    private IOrderedQueryable<Servant> OrderByDependency(IQueryable<Servant> rows, IReadOnlyDictionary<int, int> rank)
    {
        // CASE over the dependencias' ids: their alphabetical rank.
        var ids = rank.OrderBy(x => x.Value).Select(x => x.Key).ToList();
        return Descending ? rows.OrderByDescending(RankOf(ids)) : rows.OrderBy(RankOf(ids));
    }

    /// <summary>s => CASE DependencyId WHEN id0 THEN 0 WHEN id1 THEN 1 … END, built for the current list of dependencias.</summary>
    private static System.Linq.Expressions.Expression<Func<Servant, int>> RankOf(IReadOnlyList<int> ids)
    {
        var s = System.Linq.Expressions.Expression.Parameter(typeof(Servant), "s");
        var dep = System.Linq.Expressions.Expression.Property(s, nameof(Servant.DependencyId));
        System.Linq.Expressions.Expression body = System.Linq.Expressions.Expression.Constant(ids.Count);
        for (var i = ids.Count - 1; i >= 0; i--)
            body = System.Linq.Expressions.Expression.Condition(
                System.Linq.Expressions.Expression.Equal(dep, System.Linq.Expressions.Expression.Constant(ids[i])),
                System.Linq.Expressions.Expression.Constant(i), body);
        return System.Linq.Expressions.Expression.Lambda<Func<Servant, int>>(body, s);
    }

    /// <summary>
    /// Every word must appear in the servant's normalized search text (document, names, e-mail, empleo) or in the name
    /// of their dependencia; digits also match the document without its dots.
    /// </summary>
    private static IQueryable<Servant> Matching(IQueryable<Servant> rows, string query, IReadOnlyList<DependencyNode> tree)
    {
        var doc = ServantInput.NormalizeDocument(query.Trim());
        var docQuery = doc.Length > 0 && doc.All(char.IsAsciiDigit) ? doc : null;
        var words = DirectoryLabels.Normalize(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var matching = rows;
        foreach (var word in words)
        {
            var w = word;
            var deps = tree.Where(d => DirectoryLabels.Normalize(d.Name).Contains(w, StringComparison.Ordinal)).Select(d => d.Id).ToList();
            matching = matching.Where(s => s.SearchText.Contains(w) || deps.Contains(s.DependencyId));
        }
        if (docQuery is null) return matching;
        var byDocument = rows.Where(s => s.DocumentNumber.Contains(docQuery)).Select(s => s.Id);
        var byWords = matching.Select(s => s.Id);
        return rows.Where(s => byDocument.Contains(s.Id) || byWords.Contains(s.Id));
    }

    /// <summary>
    /// A servant's page. Built from the application's base path once per page, not by a tag helper per row (route
    /// generation for each of 50 rows twice was a fifth of what the list allocated).
    /// </summary>
    public string DetailsUrl(int id) => (detailsBase ??= Url.Content("~/Directory/Servants/Details/")) + id.ToString(CultureInfo.InvariantCulture);

    private string? detailsBase;

    public string? LinkTo(int? page = null, string? sort = null) => Url.Page("./Index", new
    {
        q = string.IsNullOrWhiteSpace(Query) ? null : Query.Trim(),
        dependencia = NullIfBlank(DependencyFilter),
        nivel = NullIfBlank(LevelFilter),
        vinculacion = NullIfBlank(TypeFilter),
        evaluable = NullIfBlank(EligibleFilter),
        estado = Status == "activos" ? null : Status,
        orden = sort ?? (SortKey == "nombre" && !Descending ? null : (Descending ? "-" : "") + SortKey),
        pagina = page is null or 1 ? null : page,
    });

    /// <summary>Link for a sortable column header: first click ascending, second click descending.</summary>
    public string? SortLink(string key) => LinkTo(1, SortKey == key && !Descending ? "-" + key : key);

    public string? AriaSort(string key) => SortKey == key ? (Descending ? "descending" : "ascending") : null;

    /// <summary>The page numbers to link: first, last and two either side of the current one; null marks a gap.</summary>
    public IEnumerable<int?> PageWindow()
    {
        int? last = null;
        for (var i = 1; i <= PageCount; i++)
        {
            if (i != 1 && i != PageCount && Math.Abs(i - PageNumber) > 2) continue;
            if (last is { } l && i - l > 1) yield return null;
            yield return i;
            last = i;
        }
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
