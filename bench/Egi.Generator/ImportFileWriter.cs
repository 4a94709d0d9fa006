using System.Globalization;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Egi.Generator;

/// <summary>
/// Writes an .xlsx of new servants for the import page (bench/import.sh): groups of 25, each a jefe who reports to a
/// jefe of the generated directory, and 24 servants (provisional, so eligible) who report to that jefe from the same file.
/// </summary>
internal static class ImportFileWriter
{
    private static readonly string[] Header =
    [
        "Número de documento", "Nombres", "Apellidos", "Correo institucional", "Denominación del empleo", "Código", "Grado",
        "Nivel jerárquico", "Dependencia", "Tipo de vinculación", "Fecha de ingreso", "Fecha de retiro",
        "Documento del jefe inmediato", "Tiene personal a cargo", "Es gerente público",
    ];

    /// <summary>Rows are numbered from <paramref name="from"/> (documents, names, e-mails): files with other numbers import beside it.</summary>
    public static async Task WriteAsync(EgiDbContext db, string path, int rows, int from = 0)
    {
        var dependencies = await db.Dependencies.AsNoTracking().OrderBy(d => d.Code).Select(d => d.Code).ToListAsync();
        var bosses = await db.Servants.AsNoTracking().Where(s => s.HasStaff && s.RetirementDate == null)
            .OrderBy(s => s.Id).Select(s => s.DocumentNumber).Take(50).ToListAsync();
        if (dependencies.Count == 0 || bosses.Count == 0) throw new InvalidOperationException("Generate the entity first.");
        var sheet = new List<Dictionary<string, object?>>(rows);
        string? chief = null;
        for (var i = from; i < from + rows; i++)
        {
            var document = (7_700_000_000L + i).ToString(CultureInfo.InvariantCulture);
            var isChief = (i - from) % 25 == 0;
            var boss = isChief ? bosses[i / 25 % bosses.Count] : chief;
            if (isChief) chief = document;
            object?[] values =
            [
                document, $"Nombre{i}", $"Apellido Importado{i}", $"importado{i}@egi-bench.gov.co",
                isChief ? "Profesional Especializado" : "Profesional Universitario", isChief ? "2028" : "2044", isChief ? "19" : "08",
                "Profesional", dependencies[i / 25 % dependencies.Count], "Provisional", new DateTime(2024, 2, 1), null,
                boss, isChief ? "Sí" : "No", "No",
            ];
            var row = new Dictionary<string, object?>();
            for (var c = 0; c < Header.Length; c++) row[Header[c]] = values[c];
            sheet.Add(row);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var stream = File.Create(path);
        await MiniExcel.SaveAsAsync(stream, sheet, sheetName: "Servidores");
    }
}
