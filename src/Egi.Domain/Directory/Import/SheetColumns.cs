using System.Globalization;

namespace Egi.Domain.Directory.Import;

/// <summary>A column of an import file: its field key, Spanish header, other names it may have, and what to write in it.</summary>
public sealed record SheetColumn(string Field, string Header, bool Required, string Description, string[] Synonyms);

/// <summary>
/// Where the data of a sheet is, per <see cref="SheetColumns.Locate"/>: the header row, which column holds each field,
/// the columns that are not imported, the data rows below the header, and the problems of the file as a whole.
/// </summary>
public sealed record SheetLayout(
    IReadOnlyDictionary<string, int> Map, IReadOnlyList<string> Ignored, IReadOnlyList<SheetRow> Data, IReadOnlyList<string> FileErrors)
{
    public bool Has(string field) => Map.ContainsKey(field);

    public object? Cell(SheetRow row, string field) => Map.TryGetValue(field, out var i) && i < row.Cells.Count ? row.Cells[i] : null;

    public string Text(SheetRow row, string field) => CellValues.ToText(Cell(row, field));
}

/// <summary>
/// The columns of one kind of import file (plan items, EDL results…) and the rules every import screen shares with
/// the servant import (SPEC §2): the header row is found by its names among the first rows (any order, with or without
/// accents or punctuation, text in parentheses ignored), repeated and missing columns are file errors, blank rows are
/// skipped, and a file over the maximum of rows is refused. Pure.
/// </summary>
public sealed class SheetColumns
{
    private const int HeaderSearchRows = 10;
    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-CO");
    private readonly Dictionary<string, string> fieldByKey;

    public SheetColumns(IReadOnlyList<SheetColumn> columns)
    {
        All = columns;
        fieldByKey = columns
            .SelectMany(c => c.Synonyms.Append(c.Header).Select(s => (Key: ImportColumns.Key(s), c.Field)))
            .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Field);
    }

    public IReadOnlyList<SheetColumn> All { get; }

    public SheetColumn this[string field] => All.First(c => c.Field == field);

    /// <summary>The field a header names, or null.</summary>
    public string? Recognize(string? header) => fieldByKey.GetValueOrDefault(ImportColumns.Key(header));

    /// <summary>The position of a column (for sorting errors in the order of the columns).</summary>
    public int Order(string header) => All.Select((c, i) => (c.Header, i)).FirstOrDefault(p => p.Header == header) is { Header: not null } p ? p.i : int.MaxValue;

    /// <param name="rowNoun">What a data row is, in plural («ítems», «resultados»), for the messages.</param>
    public SheetLayout Locate(IReadOnlyList<SheetRow> rows, string rowNoun, int maxRows)
    {
        var nonBlank = rows.Where(r => !r.IsBlank).ToList();
        if (nonBlank.Count == 0)
            return new(new Dictionary<string, int>(), [], [], [$"El archivo está vacío: no tiene encabezados ni filas de {rowNoun}."]);

        int Recognized(SheetRow r) => r.Cells.Select(c => Recognize(CellValues.ToText(c))).Where(f => f is not null).Distinct().Count();
        // The header: the first row naming two fields, else (a list whose only column is the one required, under a title)
        // the first row naming every required field, else the first row (its missing columns are then reported).
        var required = All.Where(c => c.Required).Select(c => c.Field).ToHashSet();
        bool HasRequired(SheetRow r) => required.IsSubsetOf(r.Cells.Select(c => Recognize(CellValues.ToText(c))).OfType<string>());
        var candidates = nonBlank.Take(HeaderSearchRows).ToList();
        var header = candidates.FirstOrDefault(r => Recognized(r) >= 2) ?? candidates.FirstOrDefault(HasRequired) ?? nonBlank[0];
        var map = new Dictionary<string, int>();
        var ignored = new List<string>();
        var fileErrors = new List<string>();
        for (var i = 0; i < header.Cells.Count; i++)
        {
            var text = CellValues.ToText(header.Cells[i]);
            if (text.Length == 0) continue;
            if (Recognize(text) is not { } field) ignored.Add(text);
            else if (map.TryGetValue(field, out var first))
                fileErrors.Add($"Hay columnas repetidas: «{this[field].Header}» aparece en las columnas {ImportColumns.ColumnLetter(first)} y {ImportColumns.ColumnLetter(i)}. Deje solo una.");
            else map[field] = i;
        }
        var missing = All.Where(c => c.Required && !map.ContainsKey(c.Field)).Select(c => $"«{c.Header}»").ToList();
        if (missing.Count > 0)
            fileErrors.Insert(0, $"Faltan columnas obligatorias: {string.Join(", ", missing)}. " +
                "La primera fila debe tener los encabezados de las columnas; descargue la plantilla para ver el formato.");
        var data = nonBlank.Where(r => r.Number > header.Number).ToList();
        if (fileErrors.Count == 0 && data.Count == 0)
            fileErrors.Add($"El archivo no tiene filas de {rowNoun} debajo de los encabezados.");
        if (data.Count > maxRows)
            fileErrors.Add($"El archivo tiene más de {maxRows.ToString("N0", Spanish)} filas con {rowNoun}, el máximo por importación. Divídalo en varios archivos.");
        return new(map, ignored, data, fileErrors);
    }
}
