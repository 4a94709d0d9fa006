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
/// then the planes de acción of the other dependencias (<see cref="Others"/>: hundreds of items in a large entity, sent
/// once per page and added to every goal's list by the browser, see _OtherPlanItems).
/// </summary>
public sealed record PlanItemChoices(IReadOnlyList<PlanItemGroup> Groups, IReadOnlyList<PlanItemGroup> Others)
{
    public static PlanItemChoices None { get; } = new([], []);

    public IReadOnlyDictionary<int, string> Labels { get; } = Groups.Concat(Others).SelectMany(g => g.Items).ToDictionary(i => i.Id, i => i.Label);

    public bool IsEmpty => Groups.Count == 0 && Others.Count == 0;

    /// <summary>The group of <see cref="Others"/> that holds <paramref name="itemId"/>, if any.</summary>
    public PlanItemGroup? OtherGroupOf(int? itemId) =>
        itemId is { } id ? Others.FirstOrDefault(g => g.Items.Any(i => i.Id == id)) : null;
}

/// <summary>Reads the period's plans for the goal forms and the evaluation pages.</summary>
public sealed class PlanCatalog(EgiDbContext db)
{
    private sealed record Row(int Id, string Code, string Name, int PlanId, PlanKind Kind, int? DependencyId, string PlanName);

    private async Task<List<Row>> RowsAsync(int periodId, CancellationToken ct) => await Rows.For(db)(db, periodId).ToListAsync(ct);

    /// <summary>Compiled once (<see cref="CompiledQueries"/>): every evaluation page reads it.</summary>
    private static readonly PerModel<Func<EgiDbContext, int, IAsyncEnumerable<Row>>> Rows =
        CompiledQueries.List((EgiDbContext db, int periodId) =>
            from i in db.Set<PlanItem>().AsNoTracking()
            join p in db.Set<InstitutionalPlan>().AsNoTracking() on i.PlanId equals p.Id
            where p.PeriodId == periodId
            select new Row(i.Id, i.Code, i.Name, p.Id, p.Kind, p.DependencyId, p.Name));

    /// <summary>Every item of the period's plans: id → label (what the domain checks a goal's link against).</summary>
    public async Task<IReadOnlyDictionary<int, string>> LabelsAsync(int periodId, CancellationToken ct = default) =>
        (await RowsAsync(periodId, ct)).ToDictionary(r => r.Id, r => PlanItem.Label(r.Kind, r.Code, r.Name));

    /// <summary>The grouped choices for an evaluado of <paramref name="dependencyId"/>.</summary>
    public async Task<PlanItemChoices> ChoicesAsync(int periodId, int dependencyId, CancellationToken ct = default)
    {
        var rows = await RowsAsync(periodId, ct);
        if (rows.Count == 0) return PlanItemChoices.None;
        var dependencies = await db.Dependencies.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        static List<PlanItemChoice> Items(IEnumerable<Row> rs) =>
            rs.OrderBy(r => r.Code, NaturalCode.Comparer).Select(r => new PlanItemChoice(r.Id, PlanItem.Label(r.Kind, r.Code, r.Name))).ToList();
        string DependencyName(int? id) => id is { } x && dependencies.TryGetValue(x, out var n) ? n : "";

        var groups = new List<PlanItemGroup>();
        foreach (var plan in rows.Where(r => r.Kind == PlanKind.Action && r.DependencyId == dependencyId).GroupBy(r => r.PlanId))
            groups.Add(new($"Plan de acción de su dependencia — {DependencyName(dependencyId)}", Items(plan)));
        foreach (var kind in new[] { PlanKind.Strategic, PlanKind.NationalDevelopment })
            foreach (var plan in rows.Where(r => r.Kind == kind).GroupBy(r => r.PlanId))
                groups.Add(new($"{kind.Label()} — {plan.First().PlanName}", Items(plan)));
        var others = rows.Where(r => r.Kind == PlanKind.Action && r.DependencyId != dependencyId)
            .GroupBy(r => r.PlanId).OrderBy(g => DependencyName(g.First().DependencyId), StringComparer.CurrentCulture)
            .Select(plan => new PlanItemGroup($"Plan de acción — {DependencyName(plan.First().DependencyId)}", Items(plan))).ToList();
        return new PlanItemChoices(groups, others);
    }
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
