using Egi.Web.Features.Shared;
using Egi.Domain.Directory;

namespace Egi.Web.Features.Directory.Dependencies;

/// <summary>One dependencia placed in the tree, with its active servants and its path from the root.</summary>
public sealed class DependencyNode(Dependency dependency, int depth, string path, int activeServants)
{
    public Dependency Dependency { get; } = dependency;
    public int Depth { get; } = depth;

    /// <summary>"Dirección General › Secretaría General › Grupo…": how the select shows it.</summary>
    public string Path { get; } = path;
    public int ActiveServants { get; } = activeServants;
    public List<DependencyNode> Children { get; } = [];
}

/// <summary>Builds the tree of dependencias (children ordered by code) from the flat table.</summary>
public sealed class DependencyTree
{
    private const string Separator = " › ";

    private DependencyTree(IReadOnlyList<DependencyNode> roots, IReadOnlyList<DependencyNode> ordered)
    {
        Roots = roots;
        Ordered = ordered;
    }

    public IReadOnlyList<DependencyNode> Roots { get; }

    /// <summary>Every node, depth first (parents before their children).</summary>
    public IReadOnlyList<DependencyNode> Ordered { get; }

    public static DependencyTree Build(IEnumerable<Dependency> dependencies, IReadOnlyDictionary<int, int>? activeServants = null)
    {
        var all = dependencies.OrderBy(d => d.Code, StringComparer.Ordinal).ThenBy(d => d.Id).ToList();
        var ids = all.Select(d => d.Id).ToHashSet();
        var childrenOf = all.Where(d => d.ParentId is { } p && ids.Contains(p)).ToLookup(d => d.ParentId!.Value);
        var roots = new List<DependencyNode>();
        var ordered = new List<DependencyNode>();
        var placed = new HashSet<int>();

        DependencyNode Place(Dependency d, DependencyNode? parent)
        {
            placed.Add(d.Id);
            var node = new DependencyNode(d, parent is null ? 0 : parent.Depth + 1,
                parent is null ? d.Name : parent.Path + Separator + d.Name,
                activeServants?.GetValueOrDefault(d.Id) ?? 0);
            ordered.Add(node);
            foreach (var child in childrenOf[d.Id].Where(c => !placed.Contains(c.Id)))
                node.Children.Add(Place(child, node));
            return node;
        }

        foreach (var d in all.Where(d => d.ParentId is not { } p || !ids.Contains(p)))
            roots.Add(Place(d, null));
        // A damaged table (a loop of parents) must still show every dependencia, never hide one.
        foreach (var d in all.Where(d => !placed.Contains(d.Id)))
            roots.Add(Place(d, null));
        return new DependencyTree(roots, ordered);
    }

    /// <summary>The node and all the nodes below it.</summary>
    public static IEnumerable<DependencyNode> Subtree(DependencyNode node) =>
        node.Children.SelectMany(Subtree).Prepend(node);
}
