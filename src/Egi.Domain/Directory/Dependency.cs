namespace Egi.Domain.Directory;

/// <summary>A dependencia of the entity. Dependencias form a tree (Dirección General → Subdirecciones → Grupos).</summary>
public sealed class Dependency
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int? ParentId { get; set; }
    public bool Active { get; set; } = true;

    /// <summary>
    /// This dependencia's place in the tree order of all of them (<see cref="TreeOrder"/>): a derived fact, set by
    /// <see cref="PlaceInTree"/> on every save that adds, removes, re-codes or moves a dependencia, so that lists and
    /// reports sort by a stored, indexed number instead of walking the tree in every query.
    /// </summary>
    public int TreePosition { get; set; }

    /// <summary>
    /// The dependencias in tree order, each with its depth: each parent before its children, siblings by code (ordinal,
    /// then id). A dependencia whose superior is not among them is a root; one caught in a loop of parents (which
    /// <see cref="Validate"/> refuses, but a damaged table may hold) is placed after the others, by code, so that none is
    /// ever left out.
    /// </summary>
    public static IReadOnlyList<(Dependency Dependency, int Depth)> TreeOrder(IEnumerable<Dependency> dependencies)
    {
        var all = dependencies.OrderBy(d => d.Code, StringComparer.Ordinal).ThenBy(d => d.Id).ToList();
        var ids = all.Select(d => d.Id).ToHashSet();
        var children = all.ToLookup(d => d.ParentId is { } p && p != d.Id && ids.Contains(p) ? p : (int?)null);
        var ordered = new List<(Dependency, int)>(all.Count);
        var placed = new HashSet<Dependency>(ReferenceEqualityComparer.Instance);

        void Walk(Dependency d, int depth)
        {
            if (!placed.Add(d)) return;
            ordered.Add((d, depth));
            foreach (var child in children[d.Id]) Walk(child, depth + 1);
        }

        foreach (var root in children[null]) Walk(root, 0);
        foreach (var d in all.Where(d => !placed.Contains(d))) Walk(d, 0);
        return ordered;
    }

    /// <summary>Sets every dependencia's <see cref="TreePosition"/> to its index in <see cref="TreeOrder"/>.</summary>
    public static void PlaceInTree(IEnumerable<Dependency> dependencies)
    {
        var position = 0;
        foreach (var (d, _) in TreeOrder(dependencies))
        {
            if (d.TreePosition != position) d.TreePosition = position;
            position++;
        }
    }

    /// <summary>Validates a dependencia against the others of the tree (no duplicate code, no cycle).</summary>
    public static IReadOnlyList<Common.FieldError> Validate(int id, string? code, string? name, int? parentId, IReadOnlyDictionary<int, int?> parentOf, Func<string, bool> codeTakenByOther)
    {
        var errors = new List<Common.FieldError>();
        if (string.IsNullOrWhiteSpace(code)) errors.Add(new("Code", "El campo «Código» es obligatorio."));
        else if (code.Trim().Length > 20) errors.Add(new("Code", "El campo «Código» admite máximo 20 caracteres."));
        else if (codeTakenByOther(code.Trim())) errors.Add(new("Code", $"Ya existe otra dependencia con el código «{code.Trim()}»."));
        if (string.IsNullOrWhiteSpace(name)) errors.Add(new("Name", "El campo «Nombre» es obligatorio."));
        else if (name.Trim().Length > 200) errors.Add(new("Name", "El campo «Nombre» admite máximo 200 caracteres."));
        if (parentId is { } p)
        {
            if (id != 0 && p == id) errors.Add(new("ParentId", "Una dependencia no puede depender de sí misma."));
            else if (!parentOf.ContainsKey(p)) errors.Add(new("ParentId", "La dependencia superior no existe."));
            else if (id != 0 && Hierarchy.WouldCreateCycle(id, p, k => parentOf.GetValueOrDefault(k)))
                errors.Add(new("ParentId", "La dependencia superior elegida depende de esta: se formaría un ciclo."));
        }
        return errors;
    }

    /// <summary>
    /// Rules of the «Activa» flag: a dependencia that still has active servants or active dependencias
    /// under it cannot be deactivated, and an active dependencia cannot hang from an inactive one.
    /// </summary>
    /// <param name="name">The dependencia's name, for the message.</param>
    /// <param name="active">The state being saved.</param>
    /// <param name="activeServants">Servants not retired whose dependencia is this one.</param>
    /// <param name="activeChildren">Active dependencias whose superior is this one.</param>
    /// <param name="parentName">The chosen superior's name, or null for none.</param>
    /// <param name="parentActive">Whether the chosen superior is active (true when there is none).</param>
    public static IReadOnlyList<Common.FieldError> ValidateStatus(string name, bool active, int activeServants, int activeChildren, string? parentName, bool parentActive)
    {
        var errors = new List<Common.FieldError>();
        if (!active && (activeServants > 0 || activeChildren > 0))
        {
            var what = new List<string>();
            if (activeServants > 0) what.Add(activeServants == 1 ? "1 servidor activo" : $"{activeServants} servidores activos");
            if (activeChildren > 0) what.Add(activeChildren == 1 ? "1 dependencia activa a su cargo" : $"{activeChildren} dependencias activas a su cargo");
            errors.Add(new("Active",
                $"No se puede desactivar «{name.Trim()}»: tiene {string.Join(" y ", what)}. " +
                "Traslade primero los servidores a otra dependencia y desactive o traslade las dependencias a su cargo."));
        }
        if (active && !parentActive)
            errors.Add(new("ParentId", $"La dependencia superior «{parentName}» está inactiva: elija una dependencia activa o active primero la superior."));
        return errors;
    }
}
