using Egi.Domain.Directory;
using Egi.Domain.Planning;
using Egi.Web.Infrastructure.Import;

namespace Egi.Web.Features.Plans;

/// <summary>
/// The downloadable template of plan items: sheet «Ítems» with the headers and two example rows, «Instrucciones»
/// and «Dependencias» (codes to write in «Dependencia responsable»). Also as a CSV with <c>;</c> for Excel in Spanish.
/// </summary>
public static class PlanTemplate
{
    public const string SheetName = "Ítems";
    public const string PreferredSheet = "items";
    public const string XlsxFileName = "plantilla-items-plan.xlsx";
    public const string CsvFileName = "plantilla-items-plan.csv";

    public static IReadOnlyList<string> Notes => PlanMessages.ImportTemplateNotes;

    private static string[][] Examples(IReadOnlyList<Dependency> dependencies)
    {
        var dependency = dependencies.Where(d => d.Active).OrderBy(d => d.Code, StringComparer.Ordinal).FirstOrDefault()?.Code ?? "";
        return
        [
            ["1.1", "Fortalecer la planeación energética del país", "Estudios y planes indicativos publicados en la vigencia.", dependency],
            ["1.2", "Mejorar la atención al ciudadano", "Respuesta oportuna de PQRSD.", ""],
        ];
    }

    public static byte[] Xlsx(IReadOnlyList<Dependency> dependencies)
    {
        var values = dependencies.Where(d => d.Active).OrderBy(d => d.Code, StringComparer.Ordinal)
            .Select(d => new Dictionary<string, object?> { ["Código"] = d.Code, ["Dependencia"] = d.Name }).ToList();
        var columns = PlanItemImport.Columns.Select(c => new SheetTemplate.Column(c.Header, c.Required, c.Description)).ToList();
        return SheetTemplate.Xlsx(SheetName, columns, Examples(dependencies), Notes, ("Dependencias", values));
    }

    public static byte[] Csv(IReadOnlyList<Dependency> dependencies) =>
        SheetTemplate.Csv(PlanItemImport.Columns.Select(c => c.Header), Examples(dependencies));
}
