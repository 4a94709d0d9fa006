using Egi.Domain.Directory.Import;

namespace Egi.Domain.Tests.Directory.Import;

public class ImportColumnsTests
{
    [Theory]
    [InlineData("Número de documento", ImportField.DocumentNumber)]
    [InlineData("NUMERO DE DOCUMENTO", ImportField.DocumentNumber)]
    [InlineData("No. de documento", ImportField.DocumentNumber)]
    [InlineData("N° documento", ImportField.DocumentNumber)]
    [InlineData("Cédula", ImportField.DocumentNumber)]
    [InlineData("  correo   institucional ", ImportField.Email)]
    [InlineData("E-mail", ImportField.Email)]
    [InlineData("Cargo", ImportField.JobTitle)]
    [InlineData("Código", ImportField.JobCode)]
    [InlineData("Nivel jerarquico", ImportField.Level)]
    [InlineData("Fecha de ingreso (dd/mm/aaaa)", ImportField.HireDate)]
    [InlineData("Tipo de vinculación", ImportField.EmploymentType)]
    [InlineData("Jefe inmediato", ImportField.BossDocument)]
    [InlineData("Es gerente público", ImportField.IsPublicManager)]
    public void Headers_are_recognized_without_regard_to_case_accents_or_punctuation(string header, ImportField expected)
    {
        Assert.Equal(expected, ImportColumns.Recognize(header));
    }

    [Fact]
    public void Columns_are_listed_in_the_order_of_their_fields()
    {
        Assert.Equal(Enum.GetValues<ImportField>(), ImportColumns.All.Select(c => c.Field));
        foreach (var field in Enum.GetValues<ImportField>()) Assert.Equal(field, ImportColumns.Of(field).Field);
    }

    [Fact]
    public void Map_finds_columns_in_any_order_and_reports_missing_repeated_and_unknown_ones()
    {
        object?[] header = ["Apellidos", "Observaciones", "Nombres", "cedula", "Nombres", null, "Correo"];
        var map = ImportColumns.Map(header);

        Assert.Equal(0, map.Columns[ImportField.LastNames]);
        Assert.Equal(2, map.Columns[ImportField.FirstNames]);
        Assert.Equal(3, map.Columns[ImportField.DocumentNumber]);
        Assert.Equal(6, map.Columns[ImportField.Email]);
        Assert.Equal(["Observaciones"], map.Ignored);
        Assert.Equal(["«Nombres» aparece en las columnas C y E"], map.Duplicated);
        Assert.Equal(["Denominación del empleo", "Nivel jerárquico", "Dependencia", "Tipo de vinculación", "Fecha de ingreso"], map.MissingRequired);
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    public void Column_letters_are_excels(int index, string letters)
    {
        Assert.Equal(letters, ImportColumns.ColumnLetter(index));
    }
}
