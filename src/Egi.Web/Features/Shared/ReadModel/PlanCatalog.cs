using Egi.Domain.Evaluations;
using Egi.Domain.Planning;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Features.Shared;

/// <summary>An item a goal may link to, as the goal form shows it.</summary>
public sealed record PlanItemChoice(int Id, string Label);

/// <summary>A group of the goal form's list: one plan, or the plans de acción of the other dependencias.</summary>
public sealed record PlanItemGroup(string Label, IReadOnlyList<PlanItemChoice> Items);

/// <summary>
/// The plan items a goal of one evaluado may link to, in the order the goal form offers them (SPEC §7): the plan de
/// acción of the evaluado's dependencia first, then the PEI and the PND (<see cref="Groups"/>, in every goal's list);
/// then the planes de acción of the other dependencias. Those are hundreds of items in a large entity: the page names
/// them by <see cref="OtherPlans"/> and the browser fetches them once per stamp (wwwroot/js/plan-items.js,
/// Evaluations/PlanChoices); <see cref="Others"/> holds only the items of theirs the goals have chosen, so that a list
/// shows its choice, and keeps it without JavaScript.
/// </summary>
public sealed record PlanItemChoices(IReadOnlyList<PlanItemGroup> Groups, IReadOnlyList<PlanItemGroup> Others, OtherPlans? OtherPlans = null)
{
    public static PlanItemChoices None { get; } = new([], []);

    public IReadOnlyDictionary<int, string> Labels { get; } = Groups.Concat(Others).SelectMany(g => g.Items).ToDictionary(i => i.Id, i => i.Label);

    public bool IsEmpty => Groups.Count == 0 && Others.Count == 0 && OtherPlans is null;

    /// <summary>The group of <see cref="Others"/> that holds <paramref name="itemId"/>, if any.</summary>
    public PlanItemGroup? OtherGroupOf(int? itemId) =>
        itemId is { } id ? Others.FirstOrDefault(g => g.Items.Any(i => i.Id == id)) : null;
}

/// <summary>
/// Where the browser fetches the other dependencias' planes de acción of <paramref name="PeriodId"/>: the goal's own
/// dependencia (whose plan the list already has) is left out of them, and <paramref name="Stamp"/> (<see cref="PlanChoicesStamp"/>)
/// names the version, so the browser keeps the answer until a plan changes. Null stamp: not kept.
/// </summary>
public sealed record OtherPlans(int PeriodId, int OwnDependencyId, string? Stamp)
{
    /// <summary>The address, under the application's base path (<paramref name="pathBase"/>, from configuration, never from the Host header).</summary>
    public string Url(string pathBase) =>
        $"{pathBase}/Evaluations/PlanChoices/{PeriodId.ToString(System.Globalization.CultureInfo.InvariantCulture)}" + (Stamp is null ? "" : $"?v={Stamp}");
}

/// <summary>Reads the period's plans for the goal forms and the evaluation pages.</summary>
public sealed class PlanCatalog(EgiDbContext db)
{
    /// <summary>An item with its plan and the name of the plan's dependencia (planes de acción).</summary>
    private sealed record ChoiceRow(int Id, string Code, string Name, int PlanId, PlanKind Kind, int? DependencyId, string PlanName, string? DependencyName);

    /// <summary>Whether other dependencias have planes de acción, and the stamp of the choices (a row only when they have).</summary>
    private sealed record OthersHead(string? Stamp);

    /// <summary>Whether the period has any plan item (compiled once: a save of goals that names none asks it).</summary>
    private static readonly PerModel<Func<EgiDbContext, int, CancellationToken, Task<bool>>> AnyItem =
        CompiledQueries.Single((EgiDbContext db, int periodId, CancellationToken ct) =>
            db.Set<PlanItem>().Any(i => db.Set<InstitutionalPlan>().Any(p => p.Id == i.PlanId && p.PeriodId == periodId)));

    /// <summary>The items every goal's list carries: the PND, the PEI and the plan de acción of one dependencia.</summary>
    private static readonly PerModel<Func<EgiDbContext, int, int, IAsyncEnumerable<ChoiceRow>>> OwnRows =
        CompiledQueries.List((EgiDbContext db, int periodId, int dependencyId) =>
            from i in db.Set<PlanItem>().AsNoTracking()
            join p in db.Set<InstitutionalPlan>().AsNoTracking() on i.PlanId equals p.Id
            join d in db.Dependencies.AsNoTracking() on p.DependencyId equals d.Id into ds
            from d in ds.DefaultIfEmpty()
            where p.PeriodId == periodId && (p.Kind != PlanKind.Action || p.DependencyId == dependencyId)
            select new ChoiceRow(i.Id, i.Code, i.Name, p.Id, p.Kind, p.DependencyId, p.Name, d == null ? null : d.Name));

    private static readonly PerModel<Func<EgiDbContext, int, int, CancellationToken, Task<OthersHead?>>> Head =
        CompiledQueries.Single((EgiDbContext db, int periodId, int dependencyId, CancellationToken ct) =>
            db.Set<InstitutionalPlan>().AsNoTracking()
                .Where(p => p.PeriodId == periodId && p.Kind == PlanKind.Action && p.DependencyId != dependencyId
                    && db.Set<PlanItem>().Any(i => i.PlanId == p.Id))
                .Select(p => new OthersHead(db.Set<ReadModelStamp>().Where(s => s.Key == PlanChoicesStamp.Key).Select(s => s.Value).FirstOrDefault()))
                .FirstOrDefault());

    /// <summary>The items of the period's planes de acción (or those of them in <paramref name="only"/>), with their dependencia's name.</summary>
    private static IQueryable<ChoiceRow> ActionItems(EgiDbContext db, int periodId, IReadOnlyCollection<int>? only = null) =>
        from i in only is null ? db.Set<PlanItem>().AsNoTracking() : db.Set<PlanItem>().AsNoTracking().Where(i => only.Contains(i.Id))
        join p in db.Set<InstitutionalPlan>().AsNoTracking() on i.PlanId equals p.Id
        join d in db.Dependencies.AsNoTracking() on p.DependencyId equals d.Id into ds
        from d in ds.DefaultIfEmpty()
        where p.PeriodId == periodId && p.Kind == PlanKind.Action
        select new ChoiceRow(i.Id, i.Code, i.Name, p.Id, p.Kind, p.DependencyId, p.Name, d == null ? null : d.Name);

    /// <summary>
    /// What a save of goals that name <paramref name="named"/> checks their links against (<see cref="PlanItemLookup"/>):
    /// those of them that are items of the period's plans, with their labels, in one command; and, only when none is, whether
    /// the period has any item at all.
    /// </summary>
    public async Task<PlanItemLookup> LookupAsync(int periodId, IEnumerable<int?> named, CancellationToken ct = default)
    {
        var ids = named.OfType<int>().Distinct().ToArray();
        var labels = ids.Length == 0 ? [] : (await (
            from i in db.Set<PlanItem>().AsNoTracking()
            join p in db.Set<InstitutionalPlan>().AsNoTracking() on i.PlanId equals p.Id
            where p.PeriodId == periodId && ids.Contains(i.Id)
            select new { i.Id, i.Code, i.Name, p.Kind }).ToListAsync(ct)).ToDictionary(r => r.Id, r => PlanItem.Label(r.Kind, r.Code, r.Name));
        return new PlanItemLookup(labels, labels.Count > 0 || await AnyItem.For(db)(db, periodId, ct));
    }

    /// <summary>
    /// The grouped choices for an evaluado of <paramref name="dependencyId"/> whose goals have chosen <paramref name="chosen"/>:
    /// two commands (the PND, the PEI and the dependencia's plan; whether other dependencias have plans, with the stamp),
    /// and a third only when a goal chose an item of another dependencia's plan.
    /// </summary>
    public async Task<PlanItemChoices> ChoicesAsync(int periodId, int dependencyId, IEnumerable<int?> chosen, CancellationToken ct = default)
    {
        var rows = await OwnRows.For(db)(db, periodId, dependencyId).ToListAsync(ct);
        var head = await Head.For(db)(db, periodId, dependencyId, ct);
        var own = rows.Select(r => r.Id).ToHashSet();
        var foreign = chosen.OfType<int>().Where(id => !own.Contains(id)).Distinct().ToList();
        var others = foreign.Count == 0 || head is null ? [] : await ActionItems(db, periodId, foreign).ToListAsync(ct);
        if (rows.Count == 0 && head is null) return PlanItemChoices.None;

        var groups = new List<PlanItemGroup>();
        foreach (var plan in rows.Where(r => r.Kind == PlanKind.Action).GroupBy(r => r.PlanId))
            groups.Add(new($"Plan de acción de su dependencia — {plan.First().DependencyName}", Items(plan)));
        foreach (var kind in new[] { PlanKind.Strategic, PlanKind.NationalDevelopment })
            foreach (var plan in rows.Where(r => r.Kind == kind).GroupBy(r => r.PlanId))
                groups.Add(new($"{kind.Label()} — {plan.First().PlanName}", Items(plan)));
        return new PlanItemChoices(groups, ActionPlans(others).Select(p => p.Group).ToList(), head is null ? null : new OtherPlans(periodId, dependencyId, head.Stamp));
    }

    /// <summary>
    /// Every plan de acción of the period, each with its dependencia's id, in the order the lists offer them (by the
    /// dependencia's name), with the stamp they were read under: what Evaluations/PlanChoices sends to the browser.
    /// </summary>
    public async Task<(IReadOnlyList<(int? DependencyId, PlanItemGroup Group)> Plans, string? Stamp)> ActionPlansAsync(int periodId, CancellationToken ct = default)
    {
        var stamp = await db.Set<ReadModelStamp>().AsNoTracking().Where(s => s.Key == PlanChoicesStamp.Key).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return (ActionPlans(await ActionItems(db, periodId).ToListAsync(ct)), stamp);
    }

    private static List<(int? DependencyId, PlanItemGroup Group)> ActionPlans(IEnumerable<ChoiceRow> rows) =>
        rows.GroupBy(r => r.PlanId).OrderBy(g => g.First().DependencyName ?? "", StringComparer.CurrentCulture)
            .Select(plan => (plan.First().DependencyId, new PlanItemGroup($"Plan de acción — {plan.First().DependencyName}", Items(plan)))).ToList();

    private static List<PlanItemChoice> Items(IEnumerable<ChoiceRow> rows) =>
        rows.OrderBy(r => r.Code, NaturalCode.Comparer).Select(r => new PlanItemChoice(r.Id, PlanItem.Label(r.Kind, r.Code, r.Name))).ToList();
}

/// <summary>Orders item codes as people number them: 1.2 before 1.10, PA-2 before PA-10.</summary>
public sealed class NaturalCode : IComparer<string>
{
    public static NaturalCode Comparer { get; } = new();

    public int Compare(string? x, string? y)
    {
        x ??= "";
        y ??= "";
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                int si = i, sj = j;
                while (i < x.Length && char.IsAsciiDigit(x[i])) i++;
                while (j < y.Length && char.IsAsciiDigit(y[j])) j++;
                // Spans, not substrings: a plan of hundreds of items is sorted on every goal form.
                var a = x.AsSpan(si, i - si).TrimStart('0');
                var b = y.AsSpan(sj, j - sj).TrimStart('0');
                var c = a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
                if (c != 0) return c;
            }
            else
            {
                var c = char.ToUpperInvariant(x[i]).CompareTo(char.ToUpperInvariant(y[j]));
                if (c != 0) return c;
                i++;
                j++;
            }
        }
        return (x.Length - i).CompareTo(y.Length - j);
    }
}
