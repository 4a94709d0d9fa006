using Egi.Domain.Directory;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Shared;

/// <summary>A servant as a picker offers them: «Apellidos, Nombres · Empleo».</summary>
public sealed record ServantChoice(int Id, string DocumentNumber, string FirstNames, string LastNames, string Job, DateOnly? RetirementDate, bool Retired)
{
    public string FullName => $"{FirstNames} {LastNames}".Trim();

    public string Text => $"{LastNames}, {FirstNames} · {Job}{(Retired ? " (retirado)" : "")}";

    /// <summary>A servant already read whole, as a picker offers them.</summary>
    public static ServantChoice Of(Servant s, DateOnly today) =>
        new(s.Id, s.DocumentNumber, s.FirstNames, s.LastNames, s.Job, s.RetirementDate, s.IsRetired(today));
}

/// <summary>
/// What the pickers of a servant (a new evaluator, a committee, a jefe inmediato) offer and accept, read from the
/// database a few at a time: a short list of suggestions, a search over the stored <see cref="Servant.SearchText"/>, the
/// people already chosen, and what a search box typed without choosing resolves to. An entity of thousands of servants is
/// never read whole (each picker listed every servant before: five lists of 5 000 on Talento Humano's administration page).
/// </summary>
public sealed class ServantChoices(EgiDbContext db)
{
    /// <summary>At most this many suggestions (the search finds anyone else).</summary>
    public const int SuggestionLimit = 50;

    /// <summary>At most this many results of a search.</summary>
    public const int SearchLimit = 20;

    /// <summary>Active servants of a dependencia (but <paramref name="exclude"/>), jefes first, then by «apellidos, nombres».</summary>
    public async Task<IReadOnlyList<ServantChoice>> OfDependencyAsync(int dependencyId, int? exclude, DateOnly today, bool onlyJefes, CancellationToken ct) =>
        await Rows(db.Servants.AsNoTracking().Where(Servant.ActiveOn(today))
                .Where(s => s.DependencyId == dependencyId && s.Id != exclude && (!onlyJefes || s.HasStaff))
                .OrderByDescending(s => s.HasStaff).ThenBy(s => s.SortKey).ThenBy(s => s.Id).Take(SuggestionLimit), today)
            .ToListAsync(ct);

    /// <summary>The servants of <paramref name="ids"/> that exist, retired or not (the names a page mentions, the people chosen).</summary>
    public async Task<IReadOnlyDictionary<int, ServantChoice>> ByIdsAsync(IEnumerable<int> ids, DateOnly today, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0) return new Dictionary<int, ServantChoice>();
        return await Rows(db.Servants.AsNoTracking().Where(s => list.Contains(s.Id)), today).ToDictionaryAsync(c => c.Id, ct);
    }

    /// <summary>
    /// Active servants (but <paramref name="exclude"/>) whose document, names, e-mail or empleo contain every word typed,
    /// the one whose document is exactly the text first; at most <see cref="SearchLimit"/>, and whether there are more.
    /// </summary>
    public async Task<(IReadOnlyList<ServantChoice> Found, bool More)> SearchAsync(string? text, int? exclude, DateOnly today, CancellationToken ct)
    {
        var words = DirectoryLabels.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6).ToList();
        if (words.Count == 0) return ([], false);
        var document = ServantInput.NormalizeDocument(text);
        var matching = db.Servants.AsNoTracking().Where(Servant.ActiveOn(today)).Where(s => s.Id != exclude);
        foreach (var word in words) matching = matching.Where(s => s.SearchText.Contains(word));
        var found = await Rows(matching.OrderBy(s => s.DocumentNumber == document ? 0 : 1).ThenBy(s => s.SortKey).ThenBy(s => s.Id).Take(SearchLimit + 1), today)
            .ToListAsync(ct);
        return found.Count > SearchLimit ? (found.Take(SearchLimit).ToList(), true) : (found, false);
    }

    /// <summary>
    /// What a search box typed without choosing from the list stands for: the servant whose document it is, or the only
    /// one it matches; otherwise a Spanish message for <paramref name="field"/> (no match, or several: the page then
    /// lists them).
    /// </summary>
    public async Task<(ServantChoice? Match, string? Error, IReadOnlyList<ServantChoice> Found)> ResolveAsync(string text, string field, int? exclude,
        DateOnly today, CancellationToken ct)
    {
        var (found, more) = await SearchAsync(text, exclude, today, ct);
        var document = ServantInput.NormalizeDocument(text);
        if (found.FirstOrDefault(c => c.DocumentNumber == document) is { } exact) return (exact, null, found);
        return found.Count switch
        {
            1 => (found[0], null, found),
            0 => (null, SharedMessages.PickerNoMatch(field, text.Trim()), found),
            _ => (null, SharedMessages.PickerSeveral(field, text.Trim(), found.Count, more), found),
        };
    }

    private static IQueryable<ServantChoice> Rows(IQueryable<Servant> servants, DateOnly today) =>
        servants.Select(s => new ServantChoice(s.Id, s.DocumentNumber, s.FirstNames, s.LastNames,
            Servant.JobOf(s.JobTitle, s.JobCode, s.JobGrade), s.RetirementDate, Servant.RetiredBy(s.RetirementDate, today)));
}

/// <summary>A group of a picker's list: its label, its people, and which of the three it is (elegidos, resultados, sugeridos).</summary>
public sealed record ServantOptionGroup(string Label, IReadOnlyList<ServantChoice> Choices, string Kind);

/// <summary>
/// Model of the partial _ServantPicker: a list (single or multiple) with the suggestions, the results of the search typed
/// and the people already chosen, and the search box beside it (wwwroot/js/servant-picker.js fills the list as one
/// types; without JavaScript, what is typed is resolved when the form is sent: <see cref="ServantChoices.ResolveAsync"/>).
/// The label of the list and its errors are the page's.
/// </summary>
public sealed record ServantPicker(string Name, string Id, string SearchName, string? Search, bool Multiple, string? Empty,
    IReadOnlyCollection<int> Selected, IReadOnlyList<ServantOptionGroup> Groups, int? Exclude)
{
    public string? InvalidClass { get; init; }
    public string? AriaInvalid { get; init; }
    public string? DescribedBy { get; init; }

    /// <summary>Marks one option of the list, e.g. «(evaluador actual)».</summary>
    public int? Marked { get; init; }

    public string? MarkedText { get; init; }

    /// <summary>The servants' ids a list posted (its values); anything else is left out.</summary>
    public static IReadOnlySet<int> IdsOf(IEnumerable<string?> values) =>
        values.Select(v => int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0).ToHashSet();

    /// <summary>
    /// The groups in order: the people chosen, the results of <paramref name="search"/>, the suggestions (each person
    /// once, in the first group that has them).
    /// </summary>
    public static IReadOnlyList<ServantOptionGroup> GroupsOf(string suggestedLabel, IEnumerable<ServantChoice> suggested, string? search,
        IEnumerable<ServantChoice> found, IEnumerable<ServantChoice> chosen)
    {
        var seen = new HashSet<int>();
        var groups = new List<ServantOptionGroup>();
        void Add(string label, IEnumerable<ServantChoice> choices, string kind)
        {
            var list = choices.Where(c => seen.Add(c.Id)).ToList();
            if (list.Count > 0) groups.Add(new(label, list, kind));
        }
        Add("Elegidos", chosen, "elegidos");
        Add(string.IsNullOrWhiteSpace(search) ? "Resultados de la búsqueda" : $"Resultados de «{search.Trim()}»", found, "resultados");
        Add(suggestedLabel, suggested, "sugeridos");
        return groups;
    }
}
