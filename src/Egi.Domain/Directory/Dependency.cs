namespace Egi.Domain.Directory;

/// <summary>A dependencia of the entity. Dependencias form a tree (Dirección General → Subdirecciones → Grupos).</summary>
public sealed class Dependency
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int? ParentId { get; set; }
    public bool Active { get; set; } = true;

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
            if (p == id) errors.Add(new("ParentId", "Una dependencia no puede depender de sí misma."));
            else if (!parentOf.ContainsKey(p)) errors.Add(new("ParentId", "La dependencia superior no existe."));
            else if (id != 0 && Hierarchy.WouldCreateCycle(id, p, k => parentOf.GetValueOrDefault(k)))
                errors.Add(new("ParentId", "La dependencia superior elegida depende de esta: se formaría un ciclo."));
        }
        return errors;
    }
}
