using Egi.Domain.Directory;

namespace Egi.Domain.Tests.Directory;

public class DirectoryLabelsTests
{
    [Theory]
    [InlineData("Directivo", HierarchyLevel.Directivo)]
    [InlineData("ASESOR", HierarchyLevel.Asesor)]
    [InlineData("  profesional ", HierarchyLevel.Profesional)]
    [InlineData("Técnico", HierarchyLevel.Tecnico)]
    [InlineData("TECNICO", HierarchyLevel.Tecnico)]
    [InlineData("técnico", HierarchyLevel.Tecnico)]
    [InlineData("Asistencial", HierarchyLevel.Asistencial)]
    public void ParseLevel_ignores_accents_case_and_spaces(string text, HierarchyLevel expected)
    {
        Assert.Equal(expected, DirectoryLabels.ParseLevel(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Gerente")]
    [InlineData("3")]
    public void ParseLevel_returns_null_for_what_it_does_not_know(string? text)
    {
        Assert.Null(DirectoryLabels.ParseLevel(text));
    }

    [Theory]
    [InlineData("Provisional", EmploymentType.Provisional)]
    [InlineData("Nombramiento provisional", EmploymentType.Provisional)]
    [InlineData("PROV", EmploymentType.Provisional)]
    [InlineData("Libre nombramiento y remoción", EmploymentType.FreeAppointment)]
    [InlineData("LIBRE  NOMBRAMIENTO Y REMOCION", EmploymentType.FreeAppointment)]
    [InlineData("Libre nombramiento", EmploymentType.FreeAppointment)]
    [InlineData("LNR", EmploymentType.FreeAppointment)]
    [InlineData("lnyr", EmploymentType.FreeAppointment)]
    [InlineData("Carrera administrativa", EmploymentType.Career)]
    [InlineData("De carrera", EmploymentType.Career)]
    [InlineData("CA", EmploymentType.Career)]
    [InlineData("Empleo temporal", EmploymentType.Temporary)]
    [InlineData("Planta temporal", EmploymentType.Temporary)]
    [InlineData("Contratista", EmploymentType.Contractor)]
    [InlineData("Prestación de servicios", EmploymentType.Contractor)]
    [InlineData("FreeAppointment", EmploymentType.FreeAppointment)] // the codes the directory API's reads return
    [InlineData("Career", EmploymentType.Career)]
    [InlineData("Temporary", EmploymentType.Temporary)]
    [InlineData("Contractor", EmploymentType.Contractor)]
    public void ParseEmploymentType_understands_labels_and_abbreviations(string text, EmploymentType expected)
    {
        Assert.Equal(expected, DirectoryLabels.ParseEmploymentType(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Encargo")]
    [InlineData("1")]
    public void ParseEmploymentType_returns_null_for_what_it_does_not_know(string? text)
    {
        Assert.Null(DirectoryLabels.ParseEmploymentType(text));
    }

    [Fact]
    public void Every_label_parses_back_to_its_value()
    {
        foreach (var level in Enum.GetValues<HierarchyLevel>())
            Assert.Equal(level, DirectoryLabels.ParseLevel(level.Label()));
        foreach (var type in Enum.GetValues<EmploymentType>())
            Assert.Equal(type, DirectoryLabels.ParseEmploymentType(type.Label()));
    }

    [Theory]
    [InlineData("  Óscar   Iván  ", "oscar ivan")]
    [InlineData("MUÑOZ", "munoz")]
    [InlineData("Vélez\tArango", "velez arango")]
    [InlineData(null, "")]
    public void Normalize_lower_cases_strips_accents_and_collapses_spaces(string? text, string expected)
    {
        Assert.Equal(expected, DirectoryLabels.Normalize(text));
    }
}
