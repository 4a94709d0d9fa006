using Egi.Web.Features.Shared;
using System.Linq.Expressions;
using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Reports;

/// <summary>
/// The rows of the consolidation reports and the dashboard as SQL: servants with an evaluation in the period plus,
/// while the period is not closed, eligible servants without one (left join), each with the stored facts of their
/// evaluation. Summaries are the stored tallies (<see cref="DependencyTallies"/>); lists are ordered in the database (dependencia in tree order, name,
/// document) and read a page at a time, or streamed in one query for the .xlsx.
/// </summary>
public static class ReportQuery
{
    /// <summary>The rows of one dependencia (or all) that match the status and the text of the filter.</summary>
    public static IQueryable<ReportRow> Filtered(IQueryable<ReportRow> rows, Stage1Filter filter)
    {
        if (filter.DependencyId is { } d) rows = rows.Where(r => r.DependencyId == d);
        if (filter.Status is { } st) rows = rows.Where(r => r.Stage1 == st);
        if (filter.Text.Length > 0) rows = rows.Where(TextMatch(filter.Text));
        if (filter.EarlyWarningsOnly) rows = rows.Where(r => r.EarlyWarning == true);
        return rows;
    }

    /// <summary>
    /// The list order: dependencia in tree order (its stored <see cref="ReportRow.DependencyPosition"/>, ties by id), then
    /// «apellidos, nombres» (<see cref="ReportRow.SortKey"/>), document and id. Every key is an indexed column, so SQLite
    /// walks the dependencias' and the servants' indexes in this order instead of sorting the period: a streamed .xlsx
    /// gets its first row at once.
    /// </summary>
    public static IQueryable<ReportRow> Ordered(IQueryable<ReportRow> rows) =>
        rows.OrderBy(r => r.DependencyPosition).ThenBy(r => r.DependencyId).ThenBy(r => r.SortKey).ThenBy(r => r.Document).ThenBy(r => r.ServantId);

    /// <summary>
    /// One page of the ordered rows, with the names of any Comisión Evaluadora on it. Two queries: the servants' ids of
    /// the page (the sort reads only the columns it orders and filters by), then the rows of those ids — so the whole
    /// period is never sorted with every column of the row.
    /// </summary>
    public static Task<(List<ReportRow> Rows, Members Members)> PageAsync(EgiDbContext db, IQueryable<ReportRow> ordered, Paging paging, CancellationToken ct) =>
        PageAsync(db, ordered, paging, paging.Skip, ct);

    /// <summary>
    /// One page of the ordered rows when the number of rows of each dependencia is already known (the totals, in tree
    /// order, each with its count of rows for the filter shown): only the dependencias the page spans are read and
    /// sorted — a page of 50 sorts the hundred-odd rows of one or two dependencias, not the whole period. Falls back to
    /// <see cref="PageAsync"/> when a dependencia of the rows is not in the tree (its place in the order is unknown).
    /// When those dependencias hold at most <paramref name="oneQuerySpan"/> rows, the page is one query (their wide rows
    /// sorted, the page taken); above it, the ids of the page first, then their rows.
    /// </summary>
    public static Task<(List<ReportRow> Rows, Members Members)> PageAsync(EgiDbContext db, IQueryable<ReportRow> ordered, Paging paging,
        IReadOnlyList<(int DependencyId, int Count)> perDependencyInOrder, IReadOnlyList<DependencyNode> tree, CancellationToken ct,
        int oneQuerySpan = OneQuerySpan)
    {
        var known = tree.Select(d => d.Id).ToHashSet();
        if (perDependencyInOrder.Any(x => !known.Contains(x.DependencyId))) return PageAsync(db, ordered, paging, ct);
        var (span, skip) = Span(perDependencyInOrder, paging.Skip, paging.PageSize);
        if (span.Count == 0) return Task.FromResult((new List<ReportRow>(), Members.None));
        // One parameter per dependencia (EF pads the list, so a few statement texts serve every page): a planner that
        // plans once for every span (PostgreSQL's generic plan) sees how many dependencias there are, where an array
        // parameter made it guess ten, and joined every evaluation of the period for a page of 50.
        // Tested on the servant's dependencia and on the joined one (ReportRow.DependencyRowId), so only those are read.
        var inSpan = ordered.Where(r => EF.MultipleParameters(span).Contains(r.DependencyId) && EF.MultipleParameters(span).Contains(r.DependencyRowId));
        var spanRows = perDependencyInOrder.Where(x => span.Contains(x.DependencyId)).Sum(x => x.Count);
        return spanRows <= oneQuerySpan ? OneQueryPageAsync(db, inSpan, paging, skip, ct) : PageAsync(db, inSpan, paging, skip, ct);
    }

    /// <summary>
    /// Up to this many rows in the dependencias a page spans, sorting their wide rows costs less than a second query
    /// (a dependencia of a 5 000-servant entity holds about a hundred).
    /// </summary>
    public const int OneQuerySpan = 2_000;

    private static async Task<(List<ReportRow> Rows, Members Members)> OneQueryPageAsync(EgiDbContext db, IQueryable<ReportRow> ordered, Paging paging, int skip, CancellationToken ct)
    {
        var rows = await ordered.Skip(skip).Take(paging.PageSize).ToListAsync(ct);
        return (rows, await Members.OfAsync(db, rows, ct));
    }

    /// <summary>The dependencias (in order) whose rows hold rows <paramref name="skip"/>…+<paramref name="take"/>, and how many of their rows come first.</summary>
    public static (List<int> Span, int Skip) Span(IReadOnlyList<(int DependencyId, int Count)> perDependencyInOrder, int skip, int take)
    {
        var span = new List<int>();
        var before = 0;
        var within = 0;
        foreach (var (dependency, count) in perDependencyInOrder)
        {
            if (count <= 0) continue;
            if (before + count <= skip) { before += count; continue; }
            if (span.Count == 0) within = skip - before;
            span.Add(dependency);
            before += count;
            if (before >= skip + take) break;
        }
        return (span, within);
    }

    private static async Task<(List<ReportRow> Rows, Members Members)> PageAsync(EgiDbContext db, IQueryable<ReportRow> ordered, Paging paging, int skip, CancellationToken ct)
    {
        var ids = await ordered.Select(r => r.ServantId).Skip(skip).Take(paging.PageSize).ToListAsync(ct);
        var rows = ids.Count == 0 ? [] : await ordered.Where(r => EF.Parameter(ids).Contains(r.ServantId)).ToListAsync(ct);
        return (rows, await Members.OfAsync(db, rows, ct));
    }

    /// <summary>
    /// Every row, in order, from one query read as it goes (for the .xlsx: never the whole list in memory), each with the
    /// names of the committees of the whole list, read first (<see cref="Members.OfAll"/>: rare rows, two queries).
    /// Reading the ordered ids first and then the rows by batches of ids cost a query per batch that filtered and sorted
    /// the period again: at 50 000 servants more than writing the file.
    /// </summary>
    public static IEnumerable<(ReportRow Row, Members Members)> Stream(EgiDbContext db, IQueryable<ReportRow> ordered)
    {
        var members = Members.OfAll(db, ordered);
        foreach (var row in ordered.AsEnumerable()) yield return (row, members);
    }

    /// <summary>«Búsqueda» in SQL: lower case without Spanish accents, on the name, job and evaluator; the document without dots.</summary>
    private static Expression<Func<ReportRow, bool>> TextMatch(string text)
    {
        var needle = DirectoryLabels.Normalize(text);
        var document = ServantInput.NormalizeDocument(needle);
        Expression<Func<string>> needleValue = () => needle;
        Expression<Func<string>> documentValue = () => document;
        var r = Expression.Parameter(typeof(ReportRow), "r");
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        Expression body = Expression.Constant(false);
        foreach (var field in new[] { nameof(ReportRow.Name), nameof(ReportRow.JobText), nameof(ReportRow.EvaluatorSearch) })
        {
            var value = Expression.Property(r, field);
            var match = Expression.AndAlso(Expression.NotEqual(value, Expression.Constant(null, typeof(string))),
                Expression.Call(Fold(value), contains, needleValue.Body));
            body = Expression.OrElse(body, match);
        }
        if (document.Length > 0)
            body = Expression.OrElse(body, Expression.Call(Expression.Property(r, nameof(ReportRow.Document)), contains, documentValue.Body));
        return Expression.Lambda<Func<ReportRow, bool>>(body, r);
    }

    private static readonly (string From, string To)[] Accents =
    [
        ("Á", "a"), ("á", "a"), ("É", "e"), ("é", "e"), ("Í", "i"), ("í", "i"), ("Ó", "o"), ("ó", "o"),
        ("Ú", "u"), ("ú", "u"), ("Ü", "u"), ("ü", "u"), ("Ñ", "n"), ("ñ", "n"),
    ];

    private static Expression Fold(Expression text)
    {
        var replace = typeof(string).GetMethod(nameof(string.Replace), [typeof(string), typeof(string)])!;
        foreach (var (from, to) in Accents)
            text = Expression.Call(text, replace, Expression.Constant(from), Expression.Constant(to));
        return Expression.Call(text, typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!);
    }
}

/// <summary>The members of the Comisiones Evaluadoras of some rows, with their names (read only when there is one).</summary>
public sealed class Members
{
    private sealed record Committee(int Id, int EvaluatorId, List<int> MemberIds, List<int> EscalationIds, int? RecorderId);

    private readonly Dictionary<int, Committee> byEvaluation;
    private readonly Dictionary<int, string> names;

    private Members(Dictionary<int, Committee> byEvaluation, Dictionary<int, string> names)
    {
        this.byEvaluation = byEvaluation;
        this.names = names;
    }

    public static Members None { get; } = new([], []);

    private static List<int> Wanted(IReadOnlyList<ReportRow> rows) =>
        rows.Where(r => r.EvaluationId is not null && (r.Committee == true || r.Escalated == true)).Select(r => r.EvaluationId!.Value).ToList();

    private static IQueryable<Committee> Query(EgiDbContext db, List<int> ids) =>
        db.Evaluations.AsNoTracking().Where(e => EF.Parameter(ids).Contains(e.Id))
            .Select(e => new Committee(e.Id, e.EvaluatorId, e.CommitteeMemberIds, e.EscalationMemberIds, e.EscalationRecorderId));

    private static IQueryable<KeyValuePair<int, string>> Names(EgiDbContext db, List<int> ids) =>
        db.Servants.AsNoTracking().Where(s => EF.Parameter(ids).Contains(s.Id)).Select(s => new KeyValuePair<int, string>(s.Id, s.FirstNames + " " + s.LastNames));

    private static List<int> PersonIds(List<Committee> committees) =>
        committees.SelectMany(c => c.MemberIds.Concat(c.EscalationIds)).Distinct().ToList();

    public static async Task<Members> OfAsync(EgiDbContext db, IReadOnlyList<ReportRow> rows, CancellationToken ct)
    {
        var ids = Wanted(rows);
        if (ids.Count == 0) return None;
        var committees = await Query(db, ids).ToListAsync(ct);
        var people = PersonIds(committees);
        var names = await Names(db, people).ToListAsync(ct);
        return new(committees.ToDictionary(c => c.Id), names.ToDictionary(n => n.Key, n => n.Value.Trim()));
    }

    /// <summary>The committees of every row of <paramref name="rows"/> that has one (asked of the database, not read row by row).</summary>
    public static Members OfAll(EgiDbContext db, IQueryable<ReportRow> rows)
    {
        var ids = rows.Where(r => r.EvaluationId != null && (r.Committee == true || r.Escalated == true)).Select(r => r.EvaluationId!.Value).ToList();
        return Of(db, ids);
    }

    public static Members Of(EgiDbContext db, IReadOnlyList<ReportRow> rows) => Of(db, Wanted(rows));

    private static Members Of(EgiDbContext db, List<int> ids)
    {
        if (ids.Count == 0) return None;
        var committees = Query(db, ids).ToList();
        var names = Names(db, PersonIds(committees)).ToList();
        return new(committees.ToDictionary(c => c.Id), names.ToDictionary(n => n.Key, n => n.Value.Trim()));
    }

    /// <summary>Who evaluates, as the stage-1 report has always written it (committee members, and who records).</summary>
    public string EvaluatorOf(ReportRow r, DateOnly today)
    {
        if (r.EvaluationId is not { } id)
            return r.HasBoss && !(r.BossRetirement is { } br && br <= today) ? r.BossName!.Trim() : Stage1Report.NoEvaluator;
        string Name(int person) => names.TryGetValue(person, out var n) ? n : "(servidor no encontrado)";
        byEvaluation.TryGetValue(id, out var c);
        string evaluator;
        if (r.Committee == true && c is not null)
            evaluator = "Comisión evaluadora: " + string.Join(", ", c.MemberIds.Select(m => m == c.EvaluatorId ? $"{Name(m)} (registra)" : Name(m)));
        else
            evaluator = r.EvaluatorName?.Trim() ?? Stage1Report.NoEvaluator;
        if (r.Escalated == true && r.State <= EvaluationState.GoalAcceptance && c is not null && c.EscalationIds.Count > 0)
            evaluator += "; comisión por desacuerdo: " + string.Join(", ", c.EscalationIds.Select(m => m == c.RecorderId ? $"{Name(m)} (registra)" : Name(m)));
        return evaluator;
    }
}

/// <summary>
/// What the stage-2 and annual reports read (filtered by the dependencia, and stage 2's list by its early warnings): the totals per dependencia in
/// tree order, their sum, the page of rows shown, the ordered query the .xlsx streams and the count of each state per
/// dependencia (every dependencia, when asked: <see cref="DependencyTallies"/>).
/// </summary>
public sealed record Consolidation(
    Period Period,
    Stage1Filter Filter,
    DateOnly Today,
    IReadOnlyList<DependencyTotals> ByDependency,
    DependencyTotals Total,
    Paging Paging,
    IReadOnlyList<Stage1Row> Page,
    IReadOnlyList<ReportRow> PageFacts,
    IQueryable<ReportRow> Ordered,
    IReadOnlyDictionary<int, string> DependencyNames,
    IReadOnlyList<StateCount> States)
{
    public string TotalLabel => Filter.DependencyId is null ? "Total entidad" : "Total";

    public string DependencyName(int id) => DependencyNames.GetValueOrDefault(id, "—");

    public static async Task<Consolidation> LoadAsync(EgiDbContext db, Period period, Stage1Filter filter, DateOnly today,
        IReadOnlyList<DependencyNode> tree, int? page, CancellationToken ct, bool withStates = false)
    {
        var all = EvaluationRows.Of(db, period, today);
        var (totals, states) = await DependencyTallies.ReadAsync(db, period, today, ct, states: withStates);
        var names = tree.ToDictionary(d => d.Id, d => d.Name);
        var order = tree.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var scope = totals.Where(t => filter.DependencyId is not { } d || t.DependencyId == d)
            .OrderBy(t => order.GetValueOrDefault(t.DependencyId, int.MaxValue)).ToList();
        var total = DependencyTotals.Sum(scope);
        // The rows listed per dependencia, from the totals: every servant, or (stage 2's filter) the early warnings.
        int Listed(DependencyTotals t) => filter.EarlyWarningsOnly ? t.EarlyWarnings : t.Servants;
        var paging = Paging.Of(page, Listed(total));
        var ordered = ReportQuery.Ordered(ReportQuery.Filtered(all, filter with { Status = null, Text = "" }));
        var facts = new List<ReportRow>();
        var rows = new List<Stage1Row>();
        if (Listed(total) > 0 && page is not null)
        {
            var (lines, members) = await ReportQuery.PageAsync(db, ordered, paging, scope.Select(t => (t.DependencyId, Listed(t))).ToList(), tree, ct);
            facts.AddRange(lines);
            rows.AddRange(lines.Select(r => Stage1Report.RowOf(r, members, names, today)));
        }
        return new(period, filter, today, scope, total, paging, rows, facts, ordered, names, states);
    }

    /// <summary>Every row of the report in list order, streamed from one query (for the .xlsx).</summary>
    public IEnumerable<(Stage1Row Base, ReportRow Facts)> AllRows(EgiDbContext db) =>
        ReportQuery.Stream(db, Ordered).Select(x => (Stage1Report.RowOf(x.Row, x.Members, DependencyNames, Today), x.Row));

    public IEnumerable<(Stage1Row Base, ReportRow Facts)> PageRows => Page.Zip(PageFacts);
}
