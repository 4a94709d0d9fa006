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
        var tree = await ServantLookups.DependencyTreeAsync(db, ct);
        var depNames = tree.ToDictionary(d => d.Id, d => d.Name);
        DependencyOptions = tree.Select(d => new SelectListItem(d.Path, ServantLookups.Id(d.Id))).ToList();

        var all = await db.Servants.AsNoTracking().ToListAsync(ct);
        var byId = all.ToDictionary(s => s.Id);
        IEnumerable<Servant> rows = all;

        Status = StatusFilter?.Trim().ToLowerInvariant() switch
        {
            "retirados" => "retirados",
            "todos" => "todos",
            _ => "activos",
        };
        rows = Status switch
        {
            "retirados" => rows.Where(s => s.IsRetired(today)),
            "todos" => rows,
            _ => rows.Where(s => !s.IsRetired(today)),
        };

        if (int.TryParse(DependencyFilter, NumberStyles.None, CultureInfo.InvariantCulture, out var depId))
            rows = rows.Where(s => s.DependencyId == depId);
        if (Enum.TryParse<HierarchyLevel>(LevelFilter, out var level) && Enum.IsDefined(level))
            rows = rows.Where(s => s.Level == level);
        if (Enum.TryParse<EmploymentType>(TypeFilter, out var type) && Enum.IsDefined(type))
            rows = rows.Where(s => s.EmploymentType == type);
        if (EligibleFilter is "si" or "no")
        {
            var wanted = EligibleFilter == "si";
            rows = rows.Where(s => s.EligibilityOn(today).IsEligible == wanted);
        }
        if (!string.IsNullOrWhiteSpace(Query)) rows = rows.Where(Matches(Query, depNames));

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
        var ordered = SortKey switch
        {
            "documento" => Order(rows, s => s.DocumentNumber.PadLeft(15, '0'), StringComparer.Ordinal),
            "dependencia" => Order(rows, s => depNames.GetValueOrDefault(s.DependencyId, ""), ServantLookups.NameOrder)
                .ThenBy(ServantLookups.SortName, ServantLookups.NameOrder),
            _ => Order(rows, ServantLookups.SortName, ServantLookups.NameOrder),
        };

        var list = ordered.ToList();
        Total = list.Count;
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = int.TryParse(PageText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, PageCount) : 1;
        Rows = list.Skip((PageNumber - 1) * PageSize).Take(PageSize).Select(s =>
        {
            var boss = s.BossId is { } b ? byId.GetValueOrDefault(b) : null;
            return new Row(s, depNames.GetValueOrDefault(s.DependencyId, "—"), boss, boss?.IsRetired(today) == true, s.EligibilityOn(today));
        }).ToList();
    }

    private IOrderedEnumerable<Servant> Order(IEnumerable<Servant> rows, Func<Servant, string> key, IComparer<string> comparer) =>
        Descending ? rows.OrderByDescending(key, comparer) : rows.OrderBy(key, comparer);

    /// <summary>
    /// Every word of the query must appear in the document (dots and spaces ignored), the name, the e-mail,
    /// the empleo or the dependencia, ignoring accents and case.
    /// </summary>
    private static Func<Servant, bool> Matches(string query, IReadOnlyDictionary<int, string> depNames)
    {
        var doc = ServantInput.NormalizeDocument(query.Trim());
        var docQuery = doc.Length > 0 && doc.All(char.IsAsciiDigit) ? doc : null;
        var words = DirectoryLabels.Normalize(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return s =>
        {
            if (docQuery is not null && s.DocumentNumber.Contains(docQuery, StringComparison.Ordinal)) return true;
            var text = DirectoryLabels.Normalize($"{s.DocumentNumber} {s.FirstNames} {s.LastNames} {s.Email} {s.Job} {depNames.GetValueOrDefault(s.DependencyId, "")}");
            return words.All(w => text.Contains(w, StringComparison.Ordinal));
        };
    }

    /// <summary>The URL of this list with the current filters and a different page or sort.</summary>
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
