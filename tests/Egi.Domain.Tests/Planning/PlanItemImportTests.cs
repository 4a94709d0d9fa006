using Egi.Domain.Directory;
using Egi.Domain.Directory.Import;
using Egi.Domain.Planning;

namespace Egi.Domain.Tests.Planning;

/// <summary>Import of a plan's items: header by name, row-and-column errors, all or nothing, upsert by code.</summary>
public sealed class PlanItemImportTests
{
    private static readonly List<Dependency> Dependencies =
    [
        new() { Id = 1, Code = "300", Name = "Subdirección de Energía" },
        new() { Id = 2, Code = "400", Name = "Subdirección de Minería" },
    ];

    /// <summary>The plan's item «1.1», id 7.</summary>
    private static readonly List<PlanItem> Existing = InstitutionalPlanTests.Pei(InstitutionalPlanTests.NewPeriod(), ("1.1", "Planes indicativos")).Items;

    private static List<SheetRow> Sheet(params object?[][] rows) => rows.Select((r, i) => new SheetRow(i + 1, r)).ToList();

    [Fact]
    public void A_valid_file_creates_new_codes_updates_existing_ones_and_finds_the_dependencia_by_code_or_name()
    {
        var plan = PlanItemImport.Plan(Sheet(
            ["CÓDIGO", "Nombre del ítem", "Dependencia responsable", "Notas"],
            ["1.1", "Planes indicativos de expansión", "300", "x"],
            ["1.2", "Minería bien hecha", "subdireccion de mineria", ""],
            [2.0, "Información", null, ""]), Existing, Dependencies);
        Assert.True(plan.IsValid, string.Join("; ", plan.RowErrors.Select(e => e.Message)));
        Assert.Equal(["1.2", "2"], plan.Creates.Select(c => c.Code));
        Assert.Equal(2, plan.Creates[0].ResponsibleDependencyId);
        var update = Assert.Single(plan.Updates);
        Assert.Equal(7, update.ExistingId);
        Assert.Contains(update.Changes, c => c.Field == "Nombre" && c.After == "Planes indicativos de expansión");
        Assert.Contains(update.Changes, c => c.Field == "Dependencia responsable" && c.After == "300 — Subdirección de Energía");
        Assert.Equal(["Notas"], plan.IgnoredColumns);
    }

    [Fact]
    public void Row_errors_name_the_row_and_the_column_and_nothing_is_planned()
    {
        var plan = PlanItemImport.Plan(Sheet(
            ["Código", "Nombre", "Dependencia responsable"],
            ["A-1", "Uno", "999"],
            ["", "Sin código", ""],
            ["a-1", "Repetido", ""],
            ["B-1", "", ""]), [], Dependencies);
        Assert.False(plan.IsValid);
        Assert.Empty(plan.Creates);
        Assert.Contains(plan.RowErrors, e => e.Row == 2 && e.Column == "Dependencia responsable" && e.Value == "999" && e.Message.Contains("No existe una dependencia", StringComparison.Ordinal));
        Assert.Contains(plan.RowErrors, e => e.Row == 3 && e.Column == "Código" && e.Message.Contains("obligatorio", StringComparison.Ordinal));
        Assert.Contains(plan.RowErrors, e => e.Row == 4 && e.Column == "Código" && e.Message.Contains("ya aparece en la fila 2", StringComparison.Ordinal));
        Assert.Contains(plan.RowErrors, e => e.Row == 5 && e.Column == "Nombre");
    }

    [Fact]
    public void A_file_without_the_required_columns_is_refused_as_a_whole()
    {
        var plan = PlanItemImport.Plan(Sheet(["Documento", "Nombres"], ["1", "Ana"]), [], Dependencies);
        Assert.Contains("Faltan columnas obligatorias: «Código», «Nombre»", Assert.Single(plan.FileErrors), StringComparison.Ordinal);
        Assert.Contains("vacío", Assert.Single(PlanItemImport.Plan([], [], Dependencies).FileErrors), StringComparison.Ordinal);
    }

    [Fact]
    public void The_fingerprint_changes_when_the_plan_changes_between_preview_and_confirmation()
    {
        var rows = Sheet(["Código", "Nombre"], ["1.1", "Nuevo nombre"]);
        var before = PlanItemImport.Plan(rows, Existing, Dependencies).Fingerprint;
        var renamed = InstitutionalPlanTests.Pei(InstitutionalPlanTests.NewPeriod(), ("1.1", "Otro")).Items;
        Assert.NotEqual(before, PlanItemImport.Plan(rows, renamed, Dependencies).Fingerprint);
        Assert.Equal(before, PlanItemImport.Plan(rows, Existing, Dependencies).Fingerprint);
    }
}
