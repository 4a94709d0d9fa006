using Egi.Domain.Directory;

namespace Egi.Domain.Tests.Directory;

public class HierarchyTests
{
    // 1 ← 2 ← 3 ← 4 (4 reports to 3, 3 to 2, 2 to 1); 5 alone; 6 ↔ 7 an existing loop.
    private static readonly Dictionary<int, int?> Bosses = new()
    {
        [1] = null,
        [2] = 1,
        [3] = 2,
        [4] = 3,
        [5] = null,
        [6] = 7,
        [7] = 6,
    };

    private static int? BossOf(int id) => Bosses.GetValueOrDefault(id);

    [Fact]
    public void Self_is_a_cycle() => Assert.True(Hierarchy.WouldCreateCycle(3, 3, BossOf));

    [Fact]
    public void Direct_report_as_boss_is_a_cycle() => Assert.True(Hierarchy.WouldCreateCycle(3, 4, BossOf));

    [Fact]
    public void Indirect_report_as_boss_is_a_cycle() => Assert.True(Hierarchy.WouldCreateCycle(1, 4, BossOf));

    [Fact]
    public void Someone_above_or_aside_is_not_a_cycle()
    {
        Assert.False(Hierarchy.WouldCreateCycle(4, 1, BossOf));
        Assert.False(Hierarchy.WouldCreateCycle(3, 5, BossOf));
        Assert.False(Hierarchy.WouldCreateCycle(5, 4, BossOf));
    }

    [Fact]
    public void An_existing_unrelated_loop_does_not_hang_and_is_not_blamed_on_this_change()
    {
        Assert.False(Hierarchy.WouldCreateCycle(5, 6, BossOf));
    }

    [Fact]
    public void Joining_an_existing_loop_from_inside_is_a_cycle()
    {
        Assert.True(Hierarchy.WouldCreateCycle(6, 7, BossOf));
    }

    [Fact]
    public void NodesInCycles_finds_only_the_members_of_loops()
    {
        // a→b→c→a is a loop; d→a leads into it but is not part of it; e→e loops on itself; f→g is a chain.
        var parent = new Dictionary<string, string>
        {
            ["a"] = "b",
            ["b"] = "c",
            ["c"] = "a",
            ["d"] = "a",
            ["e"] = "e",
            ["f"] = "g",
        };
        var found = Hierarchy.NodesInCycles(parent);
        Assert.Equal(new[] { "a", "b", "c", "e" }, found.Order().ToArray());
    }

    [Fact]
    public void NodesInCycles_of_a_tree_is_empty()
    {
        var parent = new Dictionary<int, int> { [2] = 1, [3] = 1, [4] = 2, [5] = 4 };
        Assert.Empty(Hierarchy.NodesInCycles(parent));
    }

    [Fact]
    public void NodesInCycles_finds_two_separate_loops_whatever_the_start()
    {
        var parent = new Dictionary<int, int> { [10] = 1, [1] = 2, [2] = 1, [3] = 4, [4] = 5, [5] = 3 };
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, Hierarchy.NodesInCycles(parent).Order().ToArray());
    }
}

public class BossRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static readonly Dictionary<int, Servant> People = new()
    {
        [1] = new Servant { Id = 1, FirstNames = "Andrés", LastNames = "Rodríguez" },
        [2] = new Servant { Id = 2, FirstNames = "Felipe", LastNames = "Navarro", BossId = 1 },
        [3] = new Servant { Id = 3, FirstNames = "Adriana", LastNames = "Forero", BossId = 2 },
        [4] = new Servant { Id = 4, FirstNames = "Daniel", LastNames = "Quiroga", BossId = 3 },
        [5] = new Servant { Id = 5, FirstNames = "Fabián", LastNames = "Rojas", BossId = 1, RetirementDate = new DateOnly(2026, 8, 31) },
    };

    private static Egi.Domain.Common.FieldError? Check(int servant, int? boss) =>
        BossRules.Check(servant, boss, id => People.GetValueOrDefault(id), id => People.GetValueOrDefault(id)?.BossId);

    [Fact]
    public void No_boss_is_fine() => Assert.Null(Check(2, null));

    [Fact]
    public void A_boss_above_is_fine() => Assert.Null(Check(4, 1));

    [Fact]
    public void The_person_cannot_be_their_own_boss()
    {
        var error = Check(3, 3);
        Assert.Equal("BossId", error?.Field);
        Assert.Equal("El jefe inmediato no puede ser la misma persona.", error?.Message);
    }

    [Fact]
    public void A_boss_that_does_not_exist_is_refused()
    {
        Assert.Equal("El jefe inmediato elegido no existe en el directorio.", Check(3, 999)?.Message);
    }

    [Fact]
    public void A_new_servant_posting_boss_zero_gets_does_not_exist_not_same_person()
    {
        Assert.Equal("El jefe inmediato elegido no existe en el directorio.", Check(0, 0)?.Message);
    }

    [Fact]
    public void A_new_servant_can_have_any_existing_boss()
    {
        Assert.Null(Check(0, 4));
    }

    [Fact]
    public void A_direct_report_as_boss_is_a_cycle_naming_the_boss()
    {
        var error = Check(3, 4);
        Assert.Equal("Daniel Quiroga ya depende (directa o indirectamente) de esta persona: se formaría un ciclo de jefes.", error?.Message);
    }

    [Fact]
    public void An_indirect_report_as_boss_is_a_cycle()
    {
        Assert.Contains("ciclo de jefes", Check(1, 4)?.Message);
    }

    [Fact]
    public void A_newly_chosen_retired_boss_is_refused()
    {
        var error = BossRules.Check(4, 5, currentBossId: 3, Today, id => People.GetValueOrDefault(id), id => People.GetValueOrDefault(id)?.BossId);
        Assert.Equal("BossId", error?.Field);
        Assert.Equal("Fabián Rojas está retirado(a) desde el 31/08/2026: elija un jefe inmediato activo.", error?.Message);
    }

    [Fact]
    public void Keeping_a_boss_who_retired_meanwhile_is_allowed()
    {
        Assert.Null(BossRules.Check(4, 5, currentBossId: 5, Today, id => People.GetValueOrDefault(id), id => People.GetValueOrDefault(id)?.BossId));
    }

    [Fact]
    public void A_boss_retiring_in_the_future_is_still_active()
    {
        Assert.Null(BossRules.Check(4, 5, currentBossId: 3, new DateOnly(2026, 8, 30), id => People.GetValueOrDefault(id), id => People.GetValueOrDefault(id)?.BossId));
    }

    [Fact]
    public void The_overload_keeps_the_structural_rules()
    {
        Assert.Contains("ciclo", BossRules.Check(1, 4, null, Today, id => People.GetValueOrDefault(id), id => People.GetValueOrDefault(id)?.BossId)?.Message);
    }
}
