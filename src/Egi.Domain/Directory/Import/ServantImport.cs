using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Egi.Domain.Directory.Import;

/// <summary>One row of the sheet as read: its number as Excel shows it (the header is row 1) and its cells.</summary>
public sealed record SheetRow(int Number, IReadOnlyList<object?> Cells)
{
    public bool IsBlank => Cells.All(c => CellValues.ToText(c).Length == 0);
}

/// <summary>A problem of one cell: row as the user sees it in Excel, column header, what the cell held, what is wrong.</summary>
public sealed record ImportError(int Row, string Column, string Value, string Message);

/// <summary>A field an import changes on an existing servant, as people read it.</summary>
public sealed record FieldChange(string Field, string Before, string After);

/// <summary>A valid row of the file and what it will do.</summary>
public sealed record PlannedServant(
    int Row,
    int? ExistingId,
    ServantInput Input,
    string? BossDocument,
    string DependencyLabel,
    string BossLabel,
    IReadOnlyList<FieldChange> Changes)
{
    public string Document => Input.DocumentNumber;
    public string FullName => $"{Input.FirstNames.Trim()} {Input.LastNames.Trim()}";
    public bool IsNew => ExistingId is null;
}

/// <summary>The outcome of checking an import file against the directory: its errors, or what it would create and update.</summary>
public sealed class ImportPlan
{
    internal ImportPlan(
        IReadOnlyList<string> fileErrors,
        IReadOnlyList<ImportError> rowErrors,
        IReadOnlyList<PlannedServant> creates,
        IReadOnlyList<PlannedServant> updates,
        IReadOnlyList<PlannedServant> unchanged,
        IReadOnlyList<string> ignoredColumns,
        int dataRows)
    {
        FileErrors = fileErrors;
        RowErrors = rowErrors;
        Creates = creates;
        Updates = updates;
        Unchanged = unchanged;
        IgnoredColumns = ignoredColumns;
        DataRows = dataRows;
        Fingerprint = ComputeFingerprint();
    }

    /// <summary>Problems of the whole file (missing columns, too many rows…): no row was checked.</summary>
    public IReadOnlyList<string> FileErrors { get; }

    public IReadOnlyList<ImportError> RowErrors { get; }
    public IReadOnlyList<PlannedServant> Creates { get; }
    public IReadOnlyList<PlannedServant> Updates { get; }
    public IReadOnlyList<PlannedServant> Unchanged { get; }

    /// <summary>Headers of the file that are not import columns (their cells are not read).</summary>
    public IReadOnlyList<string> IgnoredColumns { get; }

    public int DataRows { get; }
    public bool IsValid => FileErrors.Count == 0 && RowErrors.Count == 0;
    public bool HasChanges => Creates.Count > 0 || Updates.Count > 0;

    /// <summary>
    /// A digest of everything the plan would write and of the values it replaces: if the directory changes
    /// between the preview and the confirmation, the digest changes too.
    /// </summary>
    public string Fingerprint { get; }

    private string ComputeFingerprint()
    {
        var sb = new StringBuilder();
        foreach (var e in FileErrors) sb.Append("F|").Append(e).Append('\n');
        foreach (var e in RowErrors) sb.Append("E|").Append(e.Row).Append('|').Append(e.Column).Append('|').Append(e.Message).Append('\n');
        foreach (var c in Creates)
        {
            var i = c.Input;
            sb.Append("C|").AppendJoin('|', i.DocumentNumber, i.FirstNames, i.LastNames, i.Email, i.JobTitle, i.JobCode, i.JobGrade,
                i.Level, i.DependencyId, i.EmploymentType, i.HireDate?.DayNumber, i.RetirementDate?.DayNumber,
                c.BossDocument, i.HasStaff, i.IsPublicManager).Append('\n');
        }
        foreach (var u in Updates)
        {
            sb.Append("U|").Append(u.Document);
            foreach (var change in u.Changes) sb.Append('|').Append(change.Field).Append(':').Append(change.Before).Append('>').Append(change.After);
            sb.Append('\n');
        }
        foreach (var n in Unchanged) sb.Append("N|").Append(n.Document).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..32];
    }
}

/// <summary>
/// Import of servants (SPEC §2): every row is checked first (field rules, dependencia, dates, repeated documents and
/// e-mails, bosses within the file or the directory, no boss cycles), and only a file without errors gets a plan of
/// what it creates and updates, matched by document number. Pure: the caller loads the directory and applies the plan.
/// </summary>
public static class ServantImport
{
    public const int MaxRows = 50_000;

    private static readonly CultureInfo Spanish = CultureInfo.GetCultureInfo("es-CO");

    private static readonly Dictionary<string, ImportField> FieldOfProperty = new()
    {
        [nameof(ServantInput.DocumentNumber)] = ImportField.DocumentNumber,
        [nameof(ServantInput.FirstNames)] = ImportField.FirstNames,
        [nameof(ServantInput.LastNames)] = ImportField.LastNames,
        [nameof(ServantInput.Email)] = ImportField.Email,
        [nameof(ServantInput.JobTitle)] = ImportField.JobTitle,
        [nameof(ServantInput.JobCode)] = ImportField.JobCode,
        [nameof(ServantInput.JobGrade)] = ImportField.JobGrade,
        [nameof(ServantInput.Level)] = ImportField.Level,
        [nameof(ServantInput.DependencyId)] = ImportField.Dependency,
        [nameof(ServantInput.EmploymentType)] = ImportField.EmploymentType,
        [nameof(ServantInput.HireDate)] = ImportField.HireDate,
        [nameof(ServantInput.RetirementDate)] = ImportField.RetirementDate,
        [nameof(ServantInput.BossId)] = ImportField.BossDocument,
        [nameof(ServantInput.HasStaff)] = ImportField.HasStaff,
        [nameof(ServantInput.IsPublicManager)] = ImportField.IsPublicManager,
    };

    public static string AcceptedLevels => string.Join(", ", Enum.GetValues<HierarchyLevel>().Select(l => l.Label()));

    public static string AcceptedEmploymentTypes =>
        "Nombramiento provisional (o Provisional), Libre nombramiento y remoción (o LNR), Carrera administrativa (o Carrera), Empleo temporal (o Temporal), Contratista";

    public const string AcceptedYesNo = "Sí o No (también S/N, X, 1/0; vacío es No)";

    /// <summary>Checks the rows of a sheet against the directory and, when all are valid, plans the changes.</summary>
    /// <param name="rows">Every row of the sheet, header included (blank rows are skipped).</param>
    /// <param name="servants">The whole directory as it is now.</param>
    /// <param name="dependencies">Every dependencia, active or not.</param>
    /// <param name="today">For the rule "a new boss must not be retired".</param>
    /// <param name="maxRows">Most data rows accepted in one file.</param>
    /// <param name="editorServantId">
    /// The servant record of the person importing, if any: as in the servant form (<see cref="Servant.SelfAdministrationErrors"/>),
    /// their own row may not change their jefe inmediato, dependencia or tipo de vinculación.
    /// </param>
    public static ImportPlan Plan(IReadOnlyList<SheetRow> rows, IReadOnlyList<Servant> servants, IReadOnlyList<Dependency> dependencies, DateOnly today,
        int maxRows = MaxRows, int? editorServantId = null)
    {
        var nonBlank = rows.Where(r => !r.IsBlank).ToList();
        if (nonBlank.Count == 0)
            return Refused("El archivo está vacío: no tiene encabezados ni filas de servidores.");

        // The header is row 1, unless the export puts a title above it: then the first row naming 3 or more columns.
        var header = nonBlank.Take(10).FirstOrDefault(r => ImportColumns.CountRecognized(r.Cells) >= 3) ?? nonBlank[0];
        var map = ImportColumns.Map(header.Cells);
        var fileErrors = new List<string>();
        if (map.MissingRequired.Count > 0)
            fileErrors.Add($"Faltan columnas obligatorias: {string.Join(", ", map.MissingRequired.Select(m => $"«{m}»"))}. " +
                "La primera fila debe tener los encabezados de las columnas; descargue la plantilla para ver el formato.");
        if (map.Duplicated.Count > 0)
            fileErrors.Add($"Hay columnas repetidas: {string.Join("; ", map.Duplicated)}. Deje solo una de cada una.");
        var data = nonBlank.Where(r => r.Number > header.Number).ToList();
        if (fileErrors.Count == 0 && data.Count == 0)
            fileErrors.Add("El archivo no tiene filas de servidores debajo de los encabezados.");
        if (data.Count > maxRows)
            fileErrors.Add($"El archivo tiene más de {maxRows.ToString("N0", Spanish)} filas con servidores, el máximo por importación. Divídalo en varios archivos.");
        if (fileErrors.Count > 0)
            return new ImportPlan(fileErrors, [], [], [], [], map.Ignored, data.Count);

        var directory = new DirectoryIndex(servants, dependencies);
        var errors = new List<ImportError>();
        var drafts = data.Select(r => Draft.Read(r, map, directory, errors)).ToList();
        CheckAcrossRows(drafts, directory, today);
        if (editorServantId is { } editor)
            foreach (var d in drafts.Where(d => d.Existing?.Id == editor))
                CheckSelfAdministration(d, d.Existing!, directory);

        if (errors.Count > 0)
        {
            var ordered = errors.OrderBy(e => e.Row).ThenBy(e => ColumnOrder(e.Column)).ToList();
            return new ImportPlan([], ordered, [], [], [], map.Ignored, data.Count);
        }

        var fileByDoc = drafts.ToDictionary(d => d.Doc);
        string BossLabel(string? doc) => doc is null ? "Sin jefe inmediato" : Describe(doc, fileByDoc, directory);

        List<PlannedServant> creates = [], updates = [], unchanged = [];
        foreach (var d in drafts)
        {
            var input = d.Input;
            var planned = new PlannedServant(d.Row, d.Existing?.Id, input, d.BossDoc, directory.DependencyLabel(input.DependencyId!.Value), BossLabel(d.BossDoc), []);
            if (d.Existing is not { } existing)
            {
                creates.Add(planned);
                continue;
            }
            var changes = Compare(existing, input, directory.DocumentOf(existing.BossId), d.BossDoc, directory, BossLabel);
            if (changes.Count == 0) unchanged.Add(planned);
            else updates.Add(planned with { Changes = changes });
        }
        return new ImportPlan([], [], creates, updates, unchanged, map.Ignored, data.Count);
    }

    private static ImportPlan Refused(string message) => new([message], [], [], [], [], [], 0);

    private static int ColumnOrder(string header)
    {
        var column = ImportColumns.All.FirstOrDefault(c => c.Header == header);
        return column is null ? int.MaxValue : (int)column.Field;
    }

    private static string Describe(string doc, IReadOnlyDictionary<string, Draft> file, DirectoryIndex directory) =>
        file.TryGetValue(doc, out var d) ? $"{d.FullName} ({doc})"
        : directory.ByDocument.TryGetValue(doc, out var s) ? $"{s.FullName} ({doc})"
        : doc;

    /// <summary>No self-administration through the directory: the importer's own row keeps what decides their evaluation.</summary>
    private static void CheckSelfAdministration(Draft d, Servant own, DirectoryIndex directory)
    {
        var input = d.Input with
        {
            BossId = d.BossGiven ? (d.BossDoc is null ? null : directory.ByDocument.TryGetValue(d.BossDoc, out var boss) ? boss.Id : -1) : own.BossId,
        };
        foreach (var error in own.SelfAdministrationErrors(input, own.Id))
        {
            var field = FieldOfProperty[error.Field];
            if (!d.HasError(field)) d.Error(field, error.Message);
        }
    }

    private static void CheckAcrossRows(List<Draft> drafts, DirectoryIndex directory, DateOnly today)
    {
        // The same person twice in the file.
        var firstRowOfDoc = new Dictionary<string, int>();
        foreach (var d in drafts.Where(d => d.Doc.Length > 0 && !d.HasError(ImportField.DocumentNumber)))
        {
            if (!firstRowOfDoc.TryAdd(d.Doc, d.Row))
                d.Error(ImportField.DocumentNumber,
                    $"El número de documento {d.Doc} ya aparece en la fila {firstRowOfDoc[d.Doc]}: cada servidor debe estar una sola vez en el archivo.");
        }
        var fileByDoc = drafts.Where(d => firstRowOfDoc.TryGetValue(d.Doc, out var row) && row == d.Row).ToDictionary(d => d.Doc);

        // E-mails: unique among the rows of the file and the servants the file does not touch.
        var untouchedEmails = new Dictionary<string, Servant>();
        foreach (var s in directory.Servants.Where(s => !fileByDoc.ContainsKey(ServantInput.NormalizeDocument(s.DocumentNumber))))
            untouchedEmails.TryAdd(s.Email.Trim().ToLowerInvariant(), s);
        var firstRowOfEmail = new Dictionary<string, int>();
        foreach (var d in drafts.Where(d => d.Email.Length > 0 && !d.HasError(ImportField.Email)))
        {
            var email = d.Email.Trim().ToLowerInvariant();
            if (!firstRowOfEmail.TryAdd(email, d.Row))
                d.Error(ImportField.Email, $"El correo {email} ya aparece en la fila {firstRowOfEmail[email]}: cada servidor debe tener su propio correo.");
            else if (untouchedEmails.TryGetValue(email, out var other))
                d.Error(ImportField.Email, $"El correo {email} ya lo tiene otro servidor del directorio: {other.FullName} ({other.DocumentNumber}).");
        }

        // Bosses: in the file or in the directory, not the person, not retired (unless already the boss).
        foreach (var d in drafts.Where(d => d.BossGiven && d.BossDoc is not null && !d.HasError(ImportField.BossDocument)))
        {
            var boss = d.BossDoc!;
            if (boss == d.Doc)
            {
                d.Error(ImportField.BossDocument, "El jefe inmediato no puede ser la misma persona.");
                continue;
            }
            var inFile = fileByDoc.TryGetValue(boss, out var bossRow);
            var inDirectory = directory.ByDocument.TryGetValue(boss, out var bossServant);
            if (!inFile && !inDirectory)
            {
                d.Error(ImportField.BossDocument,
                    $"No hay ningún servidor con documento {boss}, ni en el archivo ni en el directorio. Agregue también al jefe (puede ir en este mismo archivo).");
                continue;
            }
            var retired = inFile ? bossRow!.Retirement : bossServant!.RetirementDate;
            var currentBoss = directory.DocumentOf(d.Existing?.BossId);
            if (retired is { } r && r <= today && boss != currentBoss)
            {
                var name = inFile ? bossRow!.FullName : bossServant!.FullName;
                d.Error(ImportField.BossDocument,
                    $"{name} está retirado(a) desde el {r.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}: elija un jefe inmediato activo.");
            }
        }

        // Boss cycles over the directory as it would be after the import.
        var bossOf = new Dictionary<string, string>();
        foreach (var s in directory.Servants)
        {
            if (directory.DocumentOf(s.BossId) is { } b) bossOf[ServantInput.NormalizeDocument(s.DocumentNumber)] = b;
        }
        foreach (var d in fileByDoc.Values)
        {
            bossOf.Remove(d.Doc);
            if (d.BossDoc is { } b && b != d.Doc) bossOf[d.Doc] = b;
        }
        var inCycle = Hierarchy.NodesInCycles(bossOf);
        foreach (var d in fileByDoc.Values.Where(d => inCycle.Contains(d.Doc) && !d.HasError(ImportField.BossDocument)))
        {
            var path = new List<string> { Describe(d.Doc, fileByDoc, directory) };
            for (var current = bossOf[d.Doc]; current != d.Doc && path.Count < 20; current = bossOf[current])
                path.Add(Describe(current, fileByDoc, directory));
            path.Add(Describe(d.Doc, fileByDoc, directory));
            d.Error(ImportField.BossDocument,
                $"Se formaría un ciclo de jefes: {string.Join(" → ", path)}. Revise el jefe inmediato de estas personas.");
        }
    }

    private static List<FieldChange> Compare(Servant s, ServantInput i, string? oldBoss, string? newBoss, DirectoryIndex directory, Func<string?, string> bossLabel)
    {
        var changes = new List<FieldChange>();
        void Text(ImportField field, string? before, string? after)
        {
            before = (before ?? "").Trim();
            after = (after ?? "").Trim();
            if (before != after) changes.Add(new(ImportColumns.Of(field).Header, Show(before), Show(after)));
        }
        static string Show(string text) => text.Length == 0 ? "(vacío)" : text;
        static string Date(DateOnly? d) => d?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";
        static string YesNo(bool b) => b ? "Sí" : "No";

        Text(ImportField.FirstNames, s.FirstNames, i.FirstNames);
        Text(ImportField.LastNames, s.LastNames, i.LastNames);
        Text(ImportField.Email, s.Email.ToLowerInvariant(), i.Email.Trim().ToLowerInvariant());
        Text(ImportField.JobTitle, s.JobTitle, i.JobTitle);
        Text(ImportField.JobCode, s.JobCode, i.JobCode);
        Text(ImportField.JobGrade, s.JobGrade, i.JobGrade);
        Text(ImportField.Level, s.Level.Label(), i.Level!.Value.Label());
        if (s.DependencyId != i.DependencyId)
            changes.Add(new(ImportColumns.Of(ImportField.Dependency).Header, directory.DependencyLabel(s.DependencyId), directory.DependencyLabel(i.DependencyId!.Value)));
        Text(ImportField.EmploymentType, s.EmploymentType.Label(), i.EmploymentType!.Value.Label());
        Text(ImportField.HireDate, Date(s.HireDate), Date(i.HireDate));
        Text(ImportField.RetirementDate, Date(s.RetirementDate), Date(i.RetirementDate));
        if (oldBoss != newBoss)
            changes.Add(new("Jefe inmediato", bossLabel(oldBoss), bossLabel(newBoss)));
        Text(ImportField.HasStaff, YesNo(s.HasStaff), YesNo(i.HasStaff));
        Text(ImportField.IsPublicManager, YesNo(s.IsPublicManager), YesNo(i.IsPublicManager));
        return changes;
    }

    /// <summary>The directory, indexed once for the whole file.</summary>
    private sealed class DirectoryIndex
    {
        public DirectoryIndex(IReadOnlyList<Servant> servants, IReadOnlyList<Dependency> dependencies)
        {
            Servants = servants;
            ById = servants.ToDictionary(s => s.Id);
            ByDocument = servants.GroupBy(s => ServantInput.NormalizeDocument(s.DocumentNumber)).ToDictionary(g => g.Key, g => g.First());
            DependencyById = dependencies.ToDictionary(d => d.Id);
            DependencyByCode = dependencies.GroupBy(d => d.Code.Trim().ToUpperInvariant()).ToDictionary(g => g.Key, g => g.First());
            DependenciesByName = dependencies.GroupBy(d => DirectoryLabels.Normalize(d.Name)).ToDictionary(g => g.Key, g => g.ToList());
            SampleDependencyCode = dependencies.Where(d => d.Active).OrderBy(d => d.Code, StringComparer.Ordinal).FirstOrDefault()?.Code ?? "100";
        }

        public IReadOnlyList<Servant> Servants { get; }
        public Dictionary<int, Servant> ById { get; }
        public Dictionary<string, Servant> ByDocument { get; }
        public Dictionary<int, Dependency> DependencyById { get; }
        public Dictionary<string, Dependency> DependencyByCode { get; }
        public Dictionary<string, List<Dependency>> DependenciesByName { get; }
        public string SampleDependencyCode { get; }

        public string? DocumentOf(int? servantId) =>
            servantId is { } id && ById.TryGetValue(id, out var s) ? ServantInput.NormalizeDocument(s.DocumentNumber) : null;

        public string DependencyLabel(int id) => DependencyById.TryGetValue(id, out var d) ? $"{d.Code} — {d.Name}" : id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>One data row, read and checked on its own.</summary>
    private sealed class Draft
    {
        private readonly SheetRow row;
        private readonly HeaderMap map;
        private readonly List<ImportError> errors;
        private readonly HashSet<ImportField> fieldsWithErrors = [];

        private Draft(SheetRow row, HeaderMap map, List<ImportError> errors)
        {
            this.row = row;
            this.map = map;
            this.errors = errors;
        }

        public int Row => row.Number;
        public string Doc { get; private set; } = "";
        public Servant? Existing { get; private set; }
        public string Email { get; private set; } = "";
        public string FullName => $"{Input.FirstNames.Trim()} {Input.LastNames.Trim()}";
        public DateOnly? Retirement => Input.RetirementDate;
        public bool BossGiven => map.Has(ImportField.BossDocument);
        public string? BossDoc { get; private set; }
        public ServantInput Input { get; private set; } = new();

        public bool HasError(ImportField field) => fieldsWithErrors.Contains(field);

        /// <summary>Records the first problem of a cell (one message per cell is enough to fix it).</summary>
        public void Error(ImportField field, string message)
        {
            if (fieldsWithErrors.Add(field))
                errors.Add(new ImportError(Row, ImportColumns.Of(field).Header, CellValues.ToText(Cell(field)), message));
        }

        private object? Cell(ImportField field) =>
            map.Columns.TryGetValue(field, out var i) && i < row.Cells.Count ? row.Cells[i] : null;

        private string Text(ImportField field) => CellValues.ToText(Cell(field));

        public static Draft Read(SheetRow row, HeaderMap map, DirectoryIndex directory, List<ImportError> errors)
        {
            var d = new Draft(row, map, errors);
            d.ReadCells(directory);
            return d;
        }

        private void ReadCells(DirectoryIndex directory)
        {
            var (doc, docError) = CellValues.ToDocument(Cell(ImportField.DocumentNumber));
            if (docError is not null) Error(ImportField.DocumentNumber, docError);
            Doc = doc;
            Existing = docError is null && doc.Length > 0 ? directory.ByDocument.GetValueOrDefault(doc) : null;
            var s = Existing;
            bool Has(ImportField f) => map.Has(f);

            Email = Text(ImportField.Email);
            var level = ReadLevel();
            var dependency = ReadDependency(directory);
            var type = ReadEmploymentType();
            var hire = ReadDate(ImportField.HireDate, "Fecha de ingreso");
            var retirement = Has(ImportField.RetirementDate) ? ReadDate(ImportField.RetirementDate, "Fecha de retiro") : s?.RetirementDate;
            BossDoc = Has(ImportField.BossDocument) ? ReadBoss() : directory.DocumentOf(s?.BossId);

            Input = new ServantInput
            {
                DocumentNumber = doc,
                FirstNames = Text(ImportField.FirstNames),
                LastNames = Text(ImportField.LastNames),
                Email = Email,
                JobTitle = Text(ImportField.JobTitle),
                JobCode = Has(ImportField.JobCode) ? CellValues.JobCode(Text(ImportField.JobCode)) : s?.JobCode ?? "",
                JobGrade = Has(ImportField.JobGrade) ? CellValues.JobGrade(Text(ImportField.JobGrade)) : s?.JobGrade ?? "",
                Level = level,
                DependencyId = dependency?.Id,
                EmploymentType = type,
                HireDate = hire,
                RetirementDate = retirement,
                HasStaff = Has(ImportField.HasStaff) ? ReadYesNo(ImportField.HasStaff) : s?.HasStaff ?? false,
                IsPublicManager = Has(ImportField.IsPublicManager) ? ReadYesNo(ImportField.IsPublicManager) : s?.IsPublicManager ?? false,
            };
            foreach (var e in Input.Validate())
                Error(FieldOfProperty.GetValueOrDefault(e.Field, ImportField.DocumentNumber), e.Message);
        }

        private HierarchyLevel? ReadLevel()
        {
            var text = Text(ImportField.Level);
            if (text.Length == 0)
            {
                Error(ImportField.Level, $"El campo «Nivel jerárquico» es obligatorio. Valores aceptados: {AcceptedLevels}.");
                return null;
            }
            var normalized = DirectoryLabels.Normalize(text);
            var level = DirectoryLabels.ParseLevel(normalized.StartsWith("nivel ", StringComparison.Ordinal) ? normalized[6..] : normalized);
            if (level is null) Error(ImportField.Level, $"«{text}» no es un nivel jerárquico. Valores aceptados: {AcceptedLevels}.");
            return level;
        }

        private Dependency? ReadDependency(DirectoryIndex directory)
        {
            var text = Text(ImportField.Dependency);
            if (text.Length == 0)
            {
                Error(ImportField.Dependency, "El campo «Dependencia» es obligatorio: escriba el código o el nombre exacto de una dependencia.");
                return null;
            }
            Dependency? found = null;
            if (directory.DependencyByCode.TryGetValue(text.ToUpperInvariant(), out var byCode)) found = byCode;
            else if (directory.DependenciesByName.TryGetValue(DirectoryLabels.Normalize(text), out var byName))
            {
                if (byName.Count > 1)
                {
                    Error(ImportField.Dependency, $"Hay {byName.Count} dependencias con el nombre «{text}»: escriba el código ({string.Join(" o ", byName.Select(d => d.Code))}).");
                    return null;
                }
                found = byName[0];
            }
            if (found is null)
            {
                Error(ImportField.Dependency,
                    $"No existe una dependencia con el código o el nombre «{text}». Escriba el código (por ejemplo {directory.SampleDependencyCode}) o el nombre exacto, como aparecen en Dependencias.");
                return null;
            }
            if (!found.Active && Existing?.DependencyId != found.Id)
            {
                Error(ImportField.Dependency, $"La dependencia «{found.Code} — {found.Name}» está inactiva: elija una dependencia activa.");
                return null;
            }
            return found;
        }

        private EmploymentType? ReadEmploymentType()
        {
            var text = Text(ImportField.EmploymentType);
            if (text.Length == 0)
            {
                Error(ImportField.EmploymentType, $"El campo «Tipo de vinculación» es obligatorio. Valores aceptados: {AcceptedEmploymentTypes}.");
                return null;
            }
            var type = DirectoryLabels.ParseEmploymentType(text);
            if (type is null) Error(ImportField.EmploymentType, $"«{text}» no es un tipo de vinculación. Valores aceptados: {AcceptedEmploymentTypes}.");
            return type;
        }

        private DateOnly? ReadDate(ImportField field, string label)
        {
            var (date, ok) = CellValues.ToDate(Cell(field));
            if (!ok) Error(field, $"«{Text(field)}» no es una fecha válida para «{label}». Escriba dd/mm/aaaa, por ejemplo 01/02/2024.");
            return date;
        }

        private string? ReadBoss()
        {
            var (doc, error) = CellValues.ToDocument(Cell(ImportField.BossDocument));
            if (error is not null)
            {
                Error(ImportField.BossDocument, error);
                return null;
            }
            if (doc.Length > 15 || !doc.All(char.IsAsciiLetterOrDigit))
            {
                Error(ImportField.BossDocument, "El documento del jefe admite solo letras y dígitos (máximo 15), sin espacios ni guiones.");
                return null;
            }
            return doc.Length == 0 ? null : doc;
        }

        private bool ReadYesNo(ImportField field)
        {
            var value = CellValues.ToYesNo(Cell(field));
            if (value is null) Error(field, $"«{Text(field)}» no es una respuesta válida para «{ImportColumns.Of(field).Header}». Escriba {AcceptedYesNo}.");
            return value ?? false;
        }
    }
}
