using Egi.Domain.Competencies;

namespace Egi.Domain.Tests.Competencies;

public class CompetencyValidationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Name_is_required(string? name)
    {
        var error = Assert.Single(CompetencyCatalogue.Default().ValidateNew(CompetencyGroup.Directivo, name, "Algo."));
        Assert.Equal("Name", error.Field);
        Assert.Equal("El campo «Nombre» es obligatorio.", error.Message);
    }

    [Fact]
    public void Name_of_150_characters_is_accepted_and_151_refused()
    {
        var catalogue = CompetencyCatalogue.Default();
        Assert.Empty(catalogue.ValidateNew(CompetencyGroup.Tecnico, new string('a', 150), null));

        var error = Assert.Single(catalogue.ValidateNew(CompetencyGroup.Tecnico, new string('a', 151), null));
        Assert.Equal("Name", error.Field);
        Assert.Equal("El campo «Nombre» admite máximo 150 caracteres.", error.Message);
    }

    [Fact]
    public void Definition_of_1000_characters_is_accepted_and_1001_refused()
    {
        var catalogue = CompetencyCatalogue.Default();
        Assert.Empty(catalogue.ValidateNew(CompetencyGroup.Tecnico, "Puntualidad", new string('d', 1000)));

        var error = Assert.Single(catalogue.ValidateNew(CompetencyGroup.Tecnico, "Puntualidad", new string('d', 1001)));
        Assert.Equal("Definition", error.Field);
        Assert.Equal("El campo «Definición» admite máximo 1000 caracteres.", error.Message);
    }

    [Theory]
    [InlineData("Planeación")]
    [InlineData("  planeacion ")]
    [InlineData("PLANEACIÓN")]
    public void Name_must_be_unique_within_its_group_ignoring_case_accents_and_spaces(string name)
    {
        var error = Assert.Single(CompetencyCatalogue.Default().ValidateNew(CompetencyGroup.Directivo, name, ""));
        Assert.Equal("Name", error.Field);
        Assert.Equal($"Ya existe la competencia «{name.Trim()}» en el grupo «Nivel directivo».", error.Message);
    }

    [Fact]
    public void The_same_name_in_another_group_is_allowed()
    {
        var catalogue = CompetencyCatalogue.Default();
        Assert.Empty(catalogue.ValidateNew(CompetencyGroup.Asistencial, "Planeación", ""));
        Assert.Empty(catalogue.ValidateNew(CompetencyGroup.Profesional, "Confiabilidad técnica", ""));
    }

    [Fact]
    public void Editing_may_keep_its_own_name_but_not_take_a_sibling_name()
    {
        var catalogue = CompetencyCatalogue.Default();
        Assert.Empty(catalogue.ValidateEdit("DIR-03", "Planeación", "Nueva definición."));

        var error = Assert.Single(catalogue.ValidateEdit("DIR-03", "Liderazgo efectivo", ""));
        Assert.Equal("Ya existe la competencia «Liderazgo efectivo» en el grupo «Nivel directivo».", error.Message);

        var unknown = Assert.Single(catalogue.ValidateEdit("NOPE-1", "Algo", ""));
        Assert.Equal("No existe la competencia con código «NOPE-1».", unknown.Message);
    }

    [Fact]
    public void Edit_changes_name_and_definition_but_not_code_or_group()
    {
        var catalogue = CompetencyCatalogue.Default();
        Assert.True(catalogue.Edit("TEC-03", " Responsabilidad  personal ", "Asume las consecuencias de sus actos.").Succeeded);

        var entry = catalogue.Find("TEC-03")!;
        Assert.Equal("Responsabilidad personal", entry.Name);
        Assert.Equal("Asume las consecuencias de sus actos.", entry.Definition);
        Assert.Equal(CompetencyGroup.Tecnico, entry.Group);
        Assert.Contains("Responsabilidad personal", catalogue.Applicable(Egi.Domain.Directory.HierarchyLevel.Tecnico, false));
    }

    [Fact]
    public void A_refused_add_or_edit_changes_nothing_and_reports_every_field()
    {
        var catalogue = CompetencyCatalogue.Default();
        var outcome = catalogue.Add(CompetencyGroup.Asesor, "", new string('x', 1001), out var added);
        Assert.False(outcome.Succeeded);
        Assert.Null(added);
        Assert.Equal(["Name", "Definition"], outcome.Errors.Select(e => e.Field).ToArray());
        Assert.Equal(30, catalogue.Entries.Count);

        var edit = catalogue.Edit("ASE-02", "Iniciativa", "x");
        Assert.False(edit.Succeeded);
        Assert.Equal("Creatividad e innovación", catalogue.Find("ASE-02")!.Name);
    }

    [Fact]
    public void A_catalogue_with_repeated_codes_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new CompetencyCatalogue(
        [
            new Competency("COM-01", CompetencyGroup.Comunes, "A", ""),
            new Competency("com-01", CompetencyGroup.Directivo, "B", ""),
        ]));
    }

    [Fact]
    public void Conductas_are_typed_one_per_line_trimmed_without_blank_lines()
    {
        Assert.Equal(["Escucha con interés.", "Cumple lo que acuerda."],
            Competency.ParseBehaviors("  Escucha   con interés. \r\n\r\n\tCumple lo que acuerda.\n   \n").ToArray());
        Assert.Empty(Competency.ParseBehaviors(null));
        Assert.Equal("Uno.\nDos.", Competency.JoinBehaviors(["Uno.", "Dos."]));
    }

    [Fact]
    public void Add_and_edit_keep_the_conductas_and_edit_without_them_leaves_them_alone()
    {
        var catalogue = CompetencyCatalogue.Default();
        Assert.True(catalogue.Add(CompetencyGroup.Tecnico, "Manejo de herramientas", "Usar bien las herramientas.", "Cuida las herramientas.\nLas devuelve limpias.", out var added).Succeeded);
        Assert.Equal(["Cuida las herramientas.", "Las devuelve limpias."], added!.Behaviors.ToArray());

        var before = catalogue.Find("ASI-03")!.Behaviors.ToArray();
        Assert.NotEmpty(before);
        Assert.True(catalogue.Edit("ASI-03", "Colaboración", "Coopera con los demás.").Succeeded);
        Assert.Equal(before, catalogue.Find("ASI-03")!.Behaviors.ToArray());

        Assert.True(catalogue.Edit("ASI-03", "Colaboración", "Coopera con los demás.", "Ayuda a su equipo.").Succeeded);
        Assert.Equal(["Ayuda a su equipo."], catalogue.Find("ASI-03")!.Behaviors.ToArray());
        Assert.True(catalogue.Edit("ASI-03", "Colaboración", "Coopera con los demás.", "").Succeeded);
        Assert.Empty(catalogue.Find("ASI-03")!.Behaviors);
    }

    [Fact]
    public void Conductas_over_the_limit_are_refused_with_a_message_naming_the_field()
    {
        var catalogue = CompetencyCatalogue.Default();
        var longLines = string.Join("\n", Enumerable.Repeat(new string('a', 99) + ".", 41)); // 41 × 100 + 40 line breaks
        var outcome = catalogue.Edit("COM-01", "Aprendizaje continuo", "Definición.", longLines);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal("Behaviors", error.Field);
        Assert.Equal($"El campo «Conductas asociadas» admite máximo {Competency.BehaviorsMaxLength} caracteres en total (una conducta por línea).", error.Message);
        Assert.Equal(3, catalogue.Find("COM-01")!.Behaviors.Count);

        var fits = string.Join("\n", Enumerable.Repeat(new string('a', 99) + ".", 39)) + "\n" + new string('b', Competency.BehaviorsMaxLength - 39 * 101);
        Assert.Equal(Competency.BehaviorsMaxLength, Competency.JoinBehaviors(Competency.ParseBehaviors(fits)).Length);
        Assert.True(catalogue.Edit("COM-01", "Aprendizaje continuo", "Definición.", fits).Succeeded);
    }
}
