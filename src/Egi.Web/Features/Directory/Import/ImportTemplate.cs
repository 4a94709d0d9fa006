using Egi.Domain.Directory;
using Egi.Domain.Directory.Import;
using Egi.Web.Infrastructure.Import;

namespace Egi.Web.Features.Directory.Import;

/// <summary>
/// The downloadable template: sheet «Servidores» with the headers and two example rows (valid against this
/// directory, so the template imports as it is), «Instrucciones» (what to write in each column) and «Valores»
/// (accepted values and the dependencias with their codes). Also as a CSV with <c>;</c> for Excel in Spanish.
/// </summary>
public static class ImportTemplate
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string XlsxFileName = "plantilla-servidores.xlsx";
    public const string CsvFileName = "plantilla-servidores.csv";
    public const string SheetName = "Servidores";

    public static byte[] Xlsx(IReadOnlyList<Dependency> dependencies)
    {
        var values = new List<Dictionary<string, object?>>();
        void Value(string list, string value, string description) =>
            values.Add(new Dictionary<string, object?> { ["Lista"] = list, ["Valor"] = value, ["Descripción"] = description });
        foreach (var level in Enum.GetValues<HierarchyLevel>()) Value("Nivel jerárquico", level.Label(), "");
        Value("Tipo de vinculación", EmploymentType.Provisional.Label(), "También: Provisional. Se evalúa en EGI.");
        Value("Tipo de vinculación", EmploymentType.FreeAppointment.Label(), "También: LNR. Se evalúa en EGI, salvo los gerentes públicos.");
        Value("Tipo de vinculación", EmploymentType.Career.Label(), "También: Carrera. No se evalúa en EGI (EDL).");
        Value("Tipo de vinculación", EmploymentType.Temporary.Label(), "También: Temporal. No se evalúa en EGI.");
        Value("Tipo de vinculación", EmploymentType.Contractor.Label(), "También: Prestación de servicios. No se evalúa.");
        Value("Sí / No", "Sí", "También: S, X, 1");
        Value("Sí / No", "No", "También: N, 0 o la celda vacía");
        foreach (var d in Active(dependencies)) Value("Dependencia", d.Code, d.Name);

        var columns = ImportColumns.All.Select(c => new SheetTemplate.Column(c.Header, c.Required, c.Description)).ToList();
        return SheetTemplate.Xlsx(SheetName, columns, Examples(dependencies), Notes, ("Valores", values));
    }

    /// <summary>The same template as CSV: UTF-8 with BOM and <c>;</c>, as Excel in Spanish opens and saves it.</summary>
    public static byte[] Csv(IReadOnlyList<Dependency> dependencies) =>
        SheetTemplate.Csv(ImportColumns.All.Select(c => c.Header), Examples(dependencies));

    public static IReadOnlyList<string> Notes => DirectoryMessages.ImportTemplateNotes;

    private static IEnumerable<Dependency> Active(IReadOnlyList<Dependency> dependencies) =>
        dependencies.Where(d => d.Active).OrderBy(d => d.Code, StringComparer.Ordinal);

    /// <summary>Two example servants, in the order of <see cref="ImportColumns.All"/>; the second reports to the first.</summary>
    private static IReadOnlyList<string[]> Examples(IReadOnlyList<Dependency> dependencies)
    {
        var dependency = Active(dependencies).FirstOrDefault()?.Code ?? "100";
        return
        [
            ["1000000001", "Ana María", "Pérez Gómez", "ana.perez@entidad.gov.co", "Profesional Especializado", "2028", "19",
             "Profesional", dependency, "Nombramiento provisional", "01/02/2024", "", "", "Sí", "No"],
            ["1000000002", "Luis Carlos", "Rodríguez Peña", "luis.rodriguez@entidad.gov.co", "Técnico Administrativo", "3124", "16",
             "Técnico", dependency, "Libre nombramiento y remoción", "15/03/2025", "", "1000000001", "No", "No"],
        ];
    }
}
