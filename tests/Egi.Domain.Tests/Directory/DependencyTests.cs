using Egi.Domain.Directory;

namespace Egi.Domain.Tests.Directory;

public class DependencyTests
{
    // The demo tree: 1 Dirección General → 2 Secretaría General → 3 Grupo de Talento Humano; 1 → 4 Subdirección de Energía → 5 Grupo de Información.
    private static readonly Dictionary<int, int?> Tree = new()
    {
        [1] = null,
        [2] = 1,
        [3] = 2,
        [4] = 1,
        [5] = 4,
    };

    private static readonly Dictionary<string, int> CodeOwner = new() { ["100"] = 1, ["200"] = 2, ["210"] = 3, ["300"] = 4, ["310"] = 5 };

    private static IReadOnlyList<Common.FieldError> Validate(int id, string? code, string? name, int? parentId) =>
        Dependency.Validate(id, code, name, parentId, Tree, c => CodeOwner.TryGetValue(c, out var owner) && owner != id);

    [Fact]
    public void A_new_dependencia_with_a_free_code_and_an_existing_parent_is_accepted()
    {
        Assert.Empty(Validate(0, "320", "Grupo Interno de Trabajo de Regulación", 4));
        Assert.Empty(Validate(0, " 500 ", " Subdirección de Hidrocarburos ", null));
    }

    [Fact]
    public void Editing_keeps_its_own_code()
    {
        Assert.Empty(Validate(5, "310", "Grupo Interno de Trabajo de Información y Estadística", 4));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Code_is_required(string? code)
    {
        var error = Assert.Single(Validate(0, code, "Grupo nuevo", 1));
        Assert.Equal("Code", error.Field);
        Assert.Equal("El campo «Código» es obligatorio.", error.Message);
    }

    [Fact]
    public void Code_longer_than_20_characters_is_refused()
    {
        var error = Assert.Single(Validate(0, new string('9', 21), "Grupo nuevo", 1));
        Assert.Equal("Code", error.Field);
        Assert.Contains("máximo 20", error.Message);
    }

    [Fact]
    public void Code_of_another_dependencia_is_refused_naming_the_code()
    {
        var error = Assert.Single(Validate(0, " 310 ", "Otro grupo", 4));
        Assert.Equal("Code", error.Field);
        Assert.Equal("Ya existe otra dependencia con el código «310».", error.Message);

        var onEdit = Assert.Single(Validate(5, "300", "Grupo Interno de Trabajo de Información", 4));
        Assert.Equal("Code", onEdit.Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Name_is_required(string? name)
    {
        var error = Assert.Single(Validate(0, "320", name, 4));
        Assert.Equal("Name", error.Field);
        Assert.Equal("El campo «Nombre» es obligatorio.", error.Message);
    }

    [Fact]
    public void Name_longer_than_200_characters_is_refused()
    {
        var error = Assert.Single(Validate(0, "320", new string('a', 201), 4));
        Assert.Equal("Name", error.Field);
        Assert.Contains("máximo 200", error.Message);
    }

    [Fact]
    public void Parent_must_exist()
    {
        var error = Assert.Single(Validate(0, "320", "Grupo nuevo", 99));
        Assert.Equal("ParentId", error.Field);
        Assert.Equal("La dependencia superior no existe.", error.Message);
    }

    [Fact]
    public void A_new_dependencia_never_collides_with_itself_even_with_parent_zero()
    {
        // Id 0 means "not saved yet": parent 0 does not exist, it is not "itself".
        var error = Assert.Single(Validate(0, "320", "Grupo nuevo", 0));
        Assert.Equal("La dependencia superior no existe.", error.Message);
    }

    [Fact]
    public void A_dependencia_cannot_be_its_own_parent()
    {
        var error = Assert.Single(Validate(4, "300", "Subdirección de Energía", 4));
        Assert.Equal("ParentId", error.Field);
        Assert.Equal("Una dependencia no puede depender de sí misma.", error.Message);
    }

    [Fact]
    public void A_dependencia_cannot_hang_from_its_child_or_grandchild()
    {
        var child = Assert.Single(Validate(4, "300", "Subdirección de Energía", 5));
        Assert.Equal("ParentId", child.Field);
        Assert.Contains("se formaría un ciclo", child.Message);

        var grandchild = Assert.Single(Validate(1, "100", "Dirección General", 3));
        Assert.Contains("se formaría un ciclo", grandchild.Message);
    }

    [Fact]
    public void Moving_to_another_branch_is_not_a_cycle()
    {
        Assert.Empty(Validate(5, "310", "Grupo Interno de Trabajo de Información", 2));
        Assert.Empty(Validate(2, "200", "Secretaría General", 4));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = Validate(0, "", "", 99);
        Assert.Equal(["Code", "Name", "ParentId"], errors.Select(e => e.Field).ToArray());
    }

    [Fact]
    public void Deactivating_with_active_servants_and_children_says_how_many()
    {
        var error = Assert.Single(Dependency.ValidateStatus("Subdirección de Energía", active: false, activeServants: 6, activeChildren: 1, parentName: "Dirección General", parentActive: true));
        Assert.Equal("Active", error.Field);
        Assert.Contains("6 servidores activos y 1 dependencia activa a su cargo", error.Message);
        Assert.StartsWith("No se puede desactivar «Subdirección de Energía»", error.Message);
    }

    [Fact]
    public void Deactivating_with_one_servant_uses_the_singular()
    {
        var error = Assert.Single(Dependency.ValidateStatus("Grupo", false, 1, 0, null, true));
        Assert.Contains("tiene 1 servidor activo.", error.Message);
        var children = Assert.Single(Dependency.ValidateStatus("Grupo", false, 0, 3, null, true));
        Assert.Contains("tiene 3 dependencias activas a su cargo.", children.Message);
    }

    [Fact]
    public void An_empty_dependencia_can_be_deactivated_and_an_active_one_kept_active()
    {
        Assert.Empty(Dependency.ValidateStatus("Grupo", active: false, activeServants: 0, activeChildren: 0, parentName: null, parentActive: true));
        Assert.Empty(Dependency.ValidateStatus("Grupo", active: true, activeServants: 4, activeChildren: 2, parentName: "Dirección General", parentActive: true));
    }

    [Fact]
    public void An_active_dependencia_cannot_hang_from_an_inactive_one()
    {
        var error = Assert.Single(Dependency.ValidateStatus("Grupo", active: true, 0, 0, parentName: "Subdirección de Minería", parentActive: false));
        Assert.Equal("ParentId", error.Field);
        Assert.Contains("«Subdirección de Minería» está inactiva", error.Message);
        Assert.Empty(Dependency.ValidateStatus("Grupo", active: false, 0, 0, parentName: "Subdirección de Minería", parentActive: false));
    }

    private static Dependency Dep(int id, string code, int? parent) => new() { Id = id, Code = code, Name = $"D{code}", ParentId = parent };

    [Fact]
    public void The_tree_order_puts_each_parent_before_its_children_and_siblings_by_code()
    {
        // Given out of order: 300 before 100, a child before its parent, codes that sort differently as numbers ("1000").
        var all = new[] { Dep(4, "300", 1), Dep(5, "310", 4), Dep(3, "210", 2), Dep(1, "100", null), Dep(2, "200", 1), Dep(6, "1000", 1), Dep(7, "050", null) };

        var order = Dependency.TreeOrder(all);

        Assert.Equal(["050", "100", "1000", "200", "210", "300", "310"], order.Select(x => x.Dependency.Code));
        Assert.Equal([0, 0, 1, 1, 2, 1, 2], order.Select(x => x.Depth));
    }

    [Fact]
    public void A_dependencia_whose_superior_is_missing_or_caught_in_a_loop_is_still_placed_once()
    {
        // 200 and 210 point at each other (a damaged table); 300's superior does not exist; 400 is its own superior.
        var all = new[] { Dep(1, "100", null), Dep(2, "200", 3), Dep(3, "210", 2), Dep(4, "300", 99), Dep(5, "400", 5) };

        var order = Dependency.TreeOrder(all).Select(x => x.Dependency.Code).ToList();

        Assert.Equal(["100", "300", "400", "200", "210"], order);
    }

    [Fact]
    public void Placing_in_the_tree_numbers_every_dependencia_by_its_tree_order()
    {
        var all = new[] { Dep(2, "200", 1), Dep(3, "110", 1), Dep(1, "100", null) };
        all[0].TreePosition = 7;

        Dependency.PlaceInTree(all);

        Assert.Equal([2, 1, 0], all.Select(d => d.TreePosition));
    }
}
