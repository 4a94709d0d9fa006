using Egi.Domain.Competencies;
using Egi.Domain.Directory;

namespace Egi.Domain.Tests.Competencies;

public class CompetencyCatalogueTests
{
    private static readonly string[] Common =
    [
        "Aprendizaje continuo", "Orientación a resultados", "Orientación al usuario y al ciudadano",
        "Compromiso con la organización", "Trabajo en equipo", "Adaptación al cambio",
    ];

    [Theory]
    [InlineData(HierarchyLevel.Asistencial, false, 9)]
    [InlineData(HierarchyLevel.Asistencial, true, 9)]
    [InlineData(HierarchyLevel.Profesional, false, 10)]
    [InlineData(HierarchyLevel.Profesional, true, 12)]
    [InlineData(HierarchyLevel.Directivo, true, 13)]
    [InlineData(HierarchyLevel.Directivo, false, 13)]
    [InlineData(HierarchyLevel.Asesor, false, 11)]
    [InlineData(HierarchyLevel.Tecnico, false, 9)]
    [InlineData(HierarchyLevel.Tecnico, true, 9)]
    public void Count_per_level(HierarchyLevel level, bool hasStaff, int expected)
    {
        Assert.Equal(expected, CompetencyCatalogue.Default().Applicable(level, hasStaff).Count);
    }

    public static TheoryData<HierarchyLevel, bool, string[]> ExactLists => new()
    {
        { HierarchyLevel.Directivo, false, ["Visión estratégica", "Liderazgo efectivo", "Planeación", "Toma de decisiones", "Gestión del desarrollo de las personas", "Pensamiento sistémico", "Resolución de conflictos"] },
        { HierarchyLevel.Asesor, false, ["Confiabilidad técnica", "Creatividad e innovación", "Iniciativa", "Construcción de relaciones", "Conocimiento del entorno"] },
        { HierarchyLevel.Profesional, false, ["Aporte técnico-profesional", "Comunicación efectiva", "Gestión de procedimientos", "Instrumentación de decisiones"] },
        { HierarchyLevel.Profesional, true, ["Aporte técnico-profesional", "Comunicación efectiva", "Gestión de procedimientos", "Instrumentación de decisiones", "Dirección y desarrollo de personal", "Toma de decisiones"] },
        { HierarchyLevel.Tecnico, false, ["Confiabilidad técnica", "Disciplina", "Responsabilidad"] },
        { HierarchyLevel.Asistencial, false, ["Manejo de la información", "Relaciones interpersonales", "Colaboración"] },
    };

    [Theory]
    [MemberData(nameof(ExactLists))]
    public void Exact_names_and_order_common_first(HierarchyLevel level, bool hasStaff, string[] ownNames)
    {
        Assert.Equal(Common.Concat(ownNames).ToArray(), CompetencyCatalogue.Default().Applicable(level, hasStaff).ToArray());
    }

    [Theory]
    [InlineData(HierarchyLevel.Directivo, false)]
    [InlineData(HierarchyLevel.Asesor, false)]
    [InlineData(HierarchyLevel.Profesional, false)]
    [InlineData(HierarchyLevel.Profesional, true)]
    [InlineData(HierarchyLevel.Tecnico, false)]
    [InlineData(HierarchyLevel.Asistencial, false)]
    public void No_applicable_list_repeats_a_name(HierarchyLevel level, bool hasStaff)
    {
        var names = CompetencyCatalogue.Default().Applicable(level, hasStaff);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void A_name_added_to_a_level_that_repeats_a_common_one_appears_once()
    {
        var catalogue = CompetencyCatalogue.Default();
        // Unique within its own group, so accepted, but it repeats a common competency.
        Assert.True(catalogue.Add(CompetencyGroup.Tecnico, "Trabajo en equipo", "Duplicado a propósito.", out _).Succeeded);

        var names = catalogue.Applicable(HierarchyLevel.Tecnico, false);
        Assert.Equal(9, names.Count);
        Assert.Single(names, n => n == "Trabajo en equipo");
    }

    [Fact]
    public void Default_has_30_entries_with_unique_codes_and_a_definition_each()
    {
        var entries = CompetencyCatalogue.Default().Entries;
        Assert.Equal(6 + 7 + 5 + 4 + 2 + 3 + 3, entries.Count);
        Assert.Equal(entries.Count, entries.Select(e => e.Code).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(entries, e =>
        {
            Assert.True(e.Active);
            Assert.False(string.IsNullOrWhiteSpace(e.Definition));
            Assert.True(e.Definition.Length <= Competency.DefinitionMaxLength);
            Assert.StartsWith(Competency.CodePrefix(e.Group) + "-", e.Code);
        });
    }

    [Fact]
    public void Repeated_names_have_distinct_codes_per_group()
    {
        var entries = CompetencyCatalogue.Default().Entries;
        var decisions = entries.Where(e => e.Name == "Toma de decisiones").ToList();
        Assert.Equal(["DIR-04", "PRO-P-02"], decisions.Select(e => e.Code).ToArray());
        var reliability = entries.Where(e => e.Name == "Confiabilidad técnica").ToList();
        Assert.Equal(["ASE-01", "TEC-01"], reliability.Select(e => e.Code).ToArray());
        Assert.Equal("COM-01", entries[0].Code);
        Assert.Equal("Aprendizaje continuo", entries[0].Name);
    }

    [Fact]
    public void Deactivating_removes_the_entry_from_applicable_and_activating_restores_it_in_place()
    {
        var catalogue = CompetencyCatalogue.Default();
        Assert.True(catalogue.Deactivate("ASI-02").Succeeded);

        var names = catalogue.Applicable(HierarchyLevel.Asistencial, false);
        Assert.Equal(8, names.Count);
        Assert.DoesNotContain("Relaciones interpersonales", names);
        Assert.False(catalogue.Find("ASI-02")!.Active);

        Assert.True(catalogue.Activate("ASI-02").Succeeded);
        Assert.Equal(Common.Concat(["Manejo de la información", "Relaciones interpersonales", "Colaboración"]).ToArray(),
            catalogue.Applicable(HierarchyLevel.Asistencial, false).ToArray());
    }

    [Fact]
    public void Deactivating_a_common_entry_removes_it_for_every_level()
    {
        var catalogue = CompetencyCatalogue.Default();
        Assert.True(catalogue.Deactivate("COM-05").Succeeded);
        foreach (var level in Enum.GetValues<HierarchyLevel>())
            Assert.DoesNotContain("Trabajo en equipo", catalogue.Applicable(level, true));
        Assert.Equal(11, catalogue.Applicable(HierarchyLevel.Profesional, true).Count);
    }

    [Fact]
    public void Deactivating_the_directivo_toma_de_decisiones_keeps_the_profesional_one()
    {
        var catalogue = CompetencyCatalogue.Default();
        Assert.True(catalogue.Deactivate("DIR-04").Succeeded);
        Assert.DoesNotContain("Toma de decisiones", catalogue.Applicable(HierarchyLevel.Directivo, true));
        Assert.Contains("Toma de decisiones", catalogue.Applicable(HierarchyLevel.Profesional, true));
    }

    [Fact]
    public void Deactivate_and_activate_refuse_unknown_codes_and_no_op_changes()
    {
        var catalogue = CompetencyCatalogue.Default();
        Assert.Equal("No existe la competencia con código «XXX-01».", catalogue.Deactivate("XXX-01").ToString());
        Assert.Equal("La competencia «Disciplina» ya está activa.", catalogue.Activate("TEC-02").ToString());
        Assert.True(catalogue.Deactivate("TEC-02").Succeeded);
        Assert.Equal("La competencia «Disciplina» ya está inactiva.", catalogue.Deactivate("TEC-02").ToString());
    }

    [Fact]
    public void Adding_gets_the_next_code_of_its_group_and_applies_after_the_existing_ones()
    {
        var catalogue = CompetencyCatalogue.Default();
        var outcome = catalogue.Add(CompetencyGroup.Asesor, "  Orientación   al   detalle ", " Revisar con cuidado. ", out var added);

        Assert.True(outcome.Succeeded, outcome.ToString());
        Assert.NotNull(added);
        Assert.Equal("ASE-06", added.Code);
        Assert.Equal("Orientación al detalle", added.Name);
        Assert.Equal("Revisar con cuidado.", added.Definition);
        Assert.Equal("Orientación al detalle", catalogue.Applicable(HierarchyLevel.Asesor, false)[^1]);
        Assert.Equal(12, catalogue.Applicable(HierarchyLevel.Asesor, false).Count);
        Assert.Equal("PRO-P-03", catalogue.NextCode(CompetencyGroup.ProfesionalConPersonalACargo));
    }

    [Fact]
    public void Codes_are_not_reused_after_deactivation()
    {
        var catalogue = CompetencyCatalogue.Default();
        catalogue.Deactivate("ASI-03");
        Assert.True(catalogue.Add(CompetencyGroup.Asistencial, "Atención al detalle", "", out var added).Succeeded);
        Assert.Equal("ASI-04", added!.Code);
    }
}
