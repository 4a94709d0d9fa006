using System.Text;

namespace Egi.Domain.Directory.Import;

/// <summary>The fields of one servant in an import file.</summary>
public enum ImportField
{
    DocumentNumber,
    FirstNames,
    LastNames,
    Email,
    JobTitle,
    JobCode,
    JobGrade,
    Level,
    Dependency,
    EmploymentType,
    HireDate,
    RetirementDate,
    BossDocument,
    HasStaff,
    IsPublicManager,
}

/// <summary>A column of the import file: its Spanish header, the other names HR systems give it, and what to write.</summary>
public sealed record ImportColumn(ImportField Field, string Header, bool Required, string Description, string[] Synonyms);

/// <summary>Which column of the file holds which field, found from the header row.</summary>
public sealed record HeaderMap(
    IReadOnlyDictionary<ImportField, int> Columns,
    IReadOnlyList<string> MissingRequired,
    IReadOnlyList<string> Duplicated,
    IReadOnlyList<string> Ignored)
{
    public bool Has(ImportField field) => Columns.ContainsKey(field);
}

/// <summary>The accepted columns (matched without regard to case, accents, punctuation or order).</summary>
public static class ImportColumns
{
    public static IReadOnlyList<ImportColumn> All { get; } =
    [
        new(ImportField.DocumentNumber, "Número de documento", true,
            "Cédula u otro documento, con o sin puntos de miles (1.020.456.789). Identifica al servidor: si ya existe, se actualiza.",
            ["documento", "numero documento", "no documento", "no de documento", "nro documento", "nro de documento", "num documento",
             "num de documento", "n documento", "n de documento", "cedula",
             "numero de cedula", "numero de identificacion", "identificacion", "documento de identidad"]),
        new(ImportField.FirstNames, "Nombres", true, "Nombres del servidor.", ["nombre", "primer y segundo nombre"]),
        new(ImportField.LastNames, "Apellidos", true, "Apellidos del servidor.", ["apellido", "primer y segundo apellido"]),
        new(ImportField.Email, "Correo institucional", true,
            "Correo de la entidad; con él el servidor inicia sesión. No puede repetirse.",
            ["correo", "correo electronico", "correo electronico institucional", "email", "e mail", "mail"]),
        new(ImportField.JobTitle, "Denominación del empleo", true,
            "Por ejemplo: Profesional Especializado.", ["denominacion", "empleo", "cargo", "denominacion del cargo", "nombre del empleo"]),
        new(ImportField.JobCode, "Código", false,
            "Código del empleo, 4 dígitos (2028). Si Excel quitó los ceros (15), se completan (0015).",
            ["codigo del empleo", "codigo empleo", "cod empleo"]),
        new(ImportField.JobGrade, "Grado", false,
            "Grado del empleo, 2 dígitos (19). Si Excel quitó el cero (8), se completa (08).",
            ["grado del empleo", "grado salarial"]),
        new(ImportField.Level, "Nivel jerárquico", true,
            "Directivo, Asesor, Profesional, Técnico o Asistencial.", ["nivel", "nivel jerarquico del empleo"]),
        new(ImportField.Dependency, "Dependencia", true,
            "Código o nombre exacto de una dependencia activa del directorio.",
            ["codigo de dependencia", "codigo dependencia", "area", "dependencia o area"]),
        new(ImportField.EmploymentType, "Tipo de vinculación", true,
            "Nombramiento provisional, Libre nombramiento y remoción, Carrera administrativa, Empleo temporal o Contratista.",
            ["vinculacion", "tipo vinculacion", "tipo de nombramiento", "naturaleza del empleo", "tipo de empleo"]),
        new(ImportField.HireDate, "Fecha de ingreso", true,
            "dd/mm/aaaa, por ejemplo 01/02/2024.", ["fecha ingreso", "ingreso", "fecha de posesion", "fecha posesion"]),
        new(ImportField.RetirementDate, "Fecha de retiro", false,
            "dd/mm/aaaa; vacía si sigue vinculado.", ["fecha retiro", "retiro"]),
        new(ImportField.BossDocument, "Documento del jefe inmediato", false,
            "Número de documento del jefe: de otra fila del archivo o de un servidor ya registrado. Vacío: sin jefe.",
            ["documento del jefe", "documento jefe", "documento jefe inmediato", "cedula del jefe", "cedula jefe",
             "jefe inmediato", "jefe", "documento del jefe inmediato o lider"]),
        new(ImportField.HasStaff, "Tiene personal a cargo", false,
            "Sí o No (también S/N, X, 1/0). Vacío: No.", ["personal a cargo", "tiene personal"]),
        new(ImportField.IsPublicManager, "Es gerente público", false,
            "Sí o No (también S/N, X, 1/0). Vacío: No.", ["gerente publico", "gerente"]),
    ];

    private static readonly Dictionary<string, ImportField> ByKey = BuildKeys();

    private static Dictionary<string, ImportField> BuildKeys()
    {
        var keys = new Dictionary<string, ImportField>();
        foreach (var c in All)
        {
            keys[Key(c.Header)] = c.Field;
            foreach (var s in c.Synonyms) keys[Key(s)] = c.Field;
        }
        return keys;
    }

    public static ImportColumn Of(ImportField field) => All[(int)field];

    /// <summary>The field a header names, or null: "NÚMERO DE DOCUMENTO", "No. documento" and "Cédula" all name the document.</summary>
    public static ImportField? Recognize(string? header) => ByKey.TryGetValue(Key(header), out var f) ? f : null;

    /// <summary>Lower case, no accents, words only; text in parentheses is left out ("Fecha de ingreso (dd/mm/aaaa)").</summary>
    public static string Key(string? header)
    {
        var text = DirectoryLabels.Normalize(header);
        var sb = new StringBuilder(text.Length);
        var depth = 0;
        foreach (var c in text)
        {
            if (c == '(') depth++;
            else if (c == ')') depth = Math.Max(0, depth - 1);
            else if (depth > 0) continue;
            else if (char.IsLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != ' ') sb.Append(' ');
        }
        return sb.ToString().Trim();
    }

    /// <summary>How many cells of a row are recognized headers (to find the header row under a title).</summary>
    public static int CountRecognized(IReadOnlyList<object?> cells) =>
        cells.Select(c => Recognize(CellValues.ToText(c))).Where(f => f is not null).Distinct().Count();

    /// <summary>Maps the header row: which column holds each field, what is missing, repeated or unknown.</summary>
    public static HeaderMap Map(IReadOnlyList<object?> headerCells)
    {
        var columns = new Dictionary<ImportField, int>();
        var duplicated = new List<string>();
        var ignored = new List<string>();
        for (var i = 0; i < headerCells.Count; i++)
        {
            var text = CellValues.ToText(headerCells[i]);
            if (text.Length == 0) continue;
            if (Recognize(text) is not { } field) ignored.Add(text);
            else if (columns.TryGetValue(field, out var first))
                duplicated.Add($"«{Of(field).Header}» aparece en las columnas {ColumnLetter(first)} y {ColumnLetter(i)}");
            else columns[field] = i;
        }
        var missing = All.Where(c => c.Required && !columns.ContainsKey(c.Field)).Select(c => c.Header).ToList();
        return new HeaderMap(columns, missing, duplicated, ignored);
    }

    /// <summary>Excel's name of a 0-based column: 0 → A, 26 → AA.</summary>
    public static string ColumnLetter(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }
}
