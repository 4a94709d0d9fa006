using System.Globalization;
using Egi.Domain.Improvement;
using Egi.Domain.Scoring;
using Egi.Web.Infrastructure.Import;

namespace Egi.Web.Features.Improvement;

/// <summary>
/// The downloadable template of the EDL results: sheet «Resultados EDL» with the headers and two example rows,
/// «Instrucciones» and «Niveles» (the CNSC levels accepted). Also as a CSV with <c>;</c> for Excel in Spanish.
/// </summary>
public static class EdlTemplate
{
    public const string SheetName = "Resultados EDL";
    public const string XlsxFileName = "plantilla-resultados-edl.xlsx";
    public const string CsvFileName = "plantilla-resultados-edl.csv";

    public static IReadOnlyList<string> Notes => ImprovementMessages.EdlTemplateNotes;

    private static string[][] Examples(int year)
    {
        var y = year.ToString(CultureInfo.InvariantCulture);
        return
        [
            ["1000000003", y, "95,20", RatingLevel.Sobresaliente.Label()],
            ["1000000004", y, "82,50", ""],
        ];
    }

    private static IReadOnlyList<SheetTemplate.Column> Columns =>
        EdlImport.Layout.All.Select(c => new SheetTemplate.Column(c.Header, c.Required, c.Description)).ToList();

    public static byte[] Xlsx(int year)
    {
        var levels = Enum.GetValues<RatingLevel>()
            .Select(l => new Dictionary<string, object?> { ["Nivel"] = l.Label(), ["Escala por defecto (CNSC)"] = DefaultRange(l) }).ToList();
        return SheetTemplate.Xlsx(SheetName, Columns, Examples(year), Notes, ("Niveles", levels));
    }

    public static byte[] Csv(int year) => SheetTemplate.Csv(Columns.Select(c => c.Header), Examples(year));

    public static string DefaultRange(RatingLevel level) => level switch
    {
        RatingLevel.Sobresaliente => "≥ 90",
        RatingLevel.Satisfactorio => "> 65 y < 90",
        _ => "≤ 65",
    };
}
