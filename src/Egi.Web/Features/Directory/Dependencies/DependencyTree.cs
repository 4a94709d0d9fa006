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

/// <summary>Builds the tree of dependencias from the flat table, in the domain's tree order (children by code; <see cref="Dependency.TreeOrder"/>).</summary>
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
        var roots = new List<DependencyNode>();
        var ordered = new List<DependencyNode>();
        // The domain's tree order (Dependency.TreeOrder) is depth first: a node's parent is the last node placed one level up.
        var branch = new List<DependencyNode>();
        foreach (var (d, depth) in Dependency.TreeOrder(dependencies))
        {
            var parent = depth == 0 ? null : branch[depth - 1];
            var node = new DependencyNode(d, depth, parent is null ? d.Name : parent.Path + Separator + d.Name,
                activeServants?.GetValueOrDefault(d.Id) ?? 0);
            branch.RemoveRange(depth, branch.Count - depth);
            branch.Add(node);
            ordered.Add(node);
            if (parent is null) roots.Add(node);
            else parent.Children.Add(node);
        }
        return new DependencyTree(roots, ordered);
    }

    /// <summary>The node and all the nodes below it.</summary>
    public static IEnumerable<DependencyNode> Subtree(DependencyNode node) =>
        node.Children.SelectMany(Subtree).Prepend(node);
}
