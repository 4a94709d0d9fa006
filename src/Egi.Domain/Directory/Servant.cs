using System.Net.Mail;
using Egi.Domain.Common;

namespace Egi.Domain.Directory;

/// <summary>A servidor of the entity's directory (SPEC §2).</summary>
public sealed class Servant
{
    public int Id { get; set; }
    public string DocumentNumber { get; set; } = "";
    public string FirstNames { get; set; } = "";
    public string LastNames { get; set; } = "";
    public string Email { get; set; } = "";

    /// <summary>Denominación del empleo, e.g. "Profesional Especializado".</summary>
    public string JobTitle { get; set; } = "";
    public string JobCode { get; set; } = "";
    public string JobGrade { get; set; } = "";
    public HierarchyLevel Level { get; set; }
    public int DependencyId { get; set; }
    public EmploymentType EmploymentType { get; set; }
    public DateOnly HireDate { get; set; }
    public DateOnly? RetirementDate { get; set; }
    public int? BossId { get; set; }
    public bool HasStaff { get; set; }
    public bool IsPublicManager { get; set; }

    public string FullName => $"{FirstNames} {LastNames}".Trim();

    /// <summary>
    /// What the directory search matches, normalized (lower case, no accents, single spaces): document, names, e-mail
    /// and empleo. Kept by <see cref="RefreshSearch"/> (every save), so a search is a query, not a loop.
    /// </summary>
    public string SearchText { get; private set; } = "";

    /// <summary>«Apellidos, nombres» normalized: the order of the directory's lists, in the database.</summary>
    public string SortKey { get; private set; } = "";

    public const int SearchTextMax = 600;

    public void RefreshSearch()
    {
        var text = DirectoryLabels.Normalize($"{DocumentNumber} {FirstNames} {LastNames} {Email} {Job}");
        SearchText = text.Length <= SearchTextMax ? text : text[..SearchTextMax];
        var sort = DirectoryLabels.Normalize($"{LastNames}, {FirstNames}");
        SortKey = sort.Length <= 200 ? sort : sort[..200];
    }

    /// <summary>Empleo as people write it: "Profesional Especializado 2028-19".</summary>
    public string Job => JobOf(JobTitle, JobCode, JobGrade);

    /// <summary><see cref="Job"/> of an empleo read on its own (a list's projection).</summary>
    public static string JobOf(string title, string? code, string? grade) =>
        string.IsNullOrWhiteSpace(code) ? title : $"{title} {code}-{grade}".TrimEnd('-', ' ');

    /// <summary>Retired on <paramref name="today"/>: the fecha de retiro is that day or earlier (the retiro takes effect on its date).</summary>
    public bool IsRetired(DateOnly today) => RetiredBy(RetirementDate, today);

    /// <summary>The one rule of <see cref="IsRetired"/> for a fecha de retiro read on its own (null: not retiring).</summary>
    public static bool RetiredBy(DateOnly? retirementDate, DateOnly today) => retirementDate is { } r && r <= today;

    /// <summary>
    /// Not retired on <paramref name="today"/> (<see cref="IsRetired"/> negated) as an expression a database query runs:
    /// the lists of active servants, teams and counts filter with it in SQL. A test holds the forms together.
    /// </summary>
    [ExpandsTo(nameof(IsActiveOn))]
    public static System.Linq.Expressions.Expression<Func<Servant, bool>> ActiveOn(DateOnly today) => DayRule.On(IsActiveOn, today);

    /// <summary><see cref="ActiveOn"/> with the day as a parameter (<see cref="DayRule"/>).</summary>
    public static System.Linq.Expressions.Expression<Func<Servant, DateOnly, bool>> IsActiveOn { get; } = (s, today) =>
        s.RetirementDate == null || s.RetirementDate > today;

    /// <summary><see cref="IsRetired"/> as an expression a database query runs.</summary>
    public static System.Linq.Expressions.Expression<Func<Servant, bool>> RetiredOn(DateOnly today) => s =>
        s.RetirementDate != null && s.RetirementDate <= today;

    /// <summary>
    /// The fecha de retiro whose effects were applied (evaluation closed, account locked), or null. A retiro is
    /// scheduled: it takes effect on its date (SPEC §4), by the daily job or at once when registered on or after it.
    /// </summary>
    public DateOnly? RetirementAppliedOn { get; private set; }

    /// <summary>The retiro has taken effect on <paramref name="today"/> but its effects are not applied yet.</summary>
    public bool RetirementDue(DateOnly today) => IsRetired(today) && RetirementAppliedOn != RetirementDate;

    /// <summary>A retiro was applied but the servant is no longer retired (reinstated, or the date moved to the future).</summary>
    public bool ReinstatementDue(DateOnly today) => RetirementAppliedOn is not null && !IsRetired(today);

    /// <summary><see cref="RetirementDue"/> or <see cref="ReinstatementDue"/> as a query the database runs (the daily job).</summary>
    public static System.Linq.Expressions.Expression<Func<Servant, bool>> RetirementChangeDueOn(DateOnly today) => s =>
        (s.RetirementDate != null && s.RetirementDate <= today && (s.RetirementAppliedOn == null || s.RetirementAppliedOn != s.RetirementDate))
        || (s.RetirementAppliedOn != null && (s.RetirementDate == null || s.RetirementDate > today));

    /// <summary>Records that the effects of the current retiro (or of its removal) were applied.</summary>
    public void RetirementEffectsApplied(DateOnly today) => RetirementAppliedOn = IsRetired(today) ? RetirementDate : null;

    /// <summary>
    /// No self-administration through the directory: a person editing their own record (e.g. a Talento Humano who is
    /// also a servant) cannot change what decides their own evaluation — who evaluates them (jefe inmediato, dependencia),
    /// whether they are evaluated (tipo de vinculación, gerente público, fecha de retiro), their windows (fecha de
    /// ingreso: a personal goals window, the first follow-up waived) and which competencies are rated (nivel jerárquico,
    /// personal a cargo). A value not given (null) is not a change.
    /// </summary>
    public IReadOnlyList<FieldError> SelfAdministrationErrors(ServantInput input, int? editorServantId)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (editorServantId != Id || Id == 0) return [];
        var errors = new List<FieldError>();
        void Refuse(string field, string label) =>
            errors.Add(new(field, $"No puede cambiar {label} de su propio registro: pídale el cambio a otra persona de Talento Humano."));
        if (input.BossId != BossId) Refuse(nameof(ServantInput.BossId), "el «Jefe inmediato»");
        if (input.DependencyId is { } d && d != DependencyId) Refuse(nameof(ServantInput.DependencyId), "la «Dependencia»");
        if (input.EmploymentType is { } t && t != EmploymentType) Refuse(nameof(ServantInput.EmploymentType), "el «Tipo de vinculación»");
        if (input.Level is { } l && l != Level) Refuse(nameof(ServantInput.Level), "el «Nivel jerárquico»");
        if (input.HireDate is { } h && h != HireDate) Refuse(nameof(ServantInput.HireDate), "la «Fecha de ingreso»");
        if (input.RetirementDate != RetirementDate) Refuse(nameof(ServantInput.RetirementDate), "la «Fecha de retiro»");
        if (input.HasStaff != HasStaff) Refuse(nameof(ServantInput.HasStaff), "«Tiene personal a cargo»");
        if (input.IsPublicManager != IsPublicManager) Refuse(nameof(ServantInput.IsPublicManager), "«Es gerente público»");
        return errors;
    }

    /// <summary>The refusal of a retiro or a reintegro the person registers on their own record, or null.</summary>
    public string? SelfRetirementRefusal(int? editorServantId) =>
        editorServantId == Id && Id != 0
            ? "No puede registrar su propio retiro ni su reintegro: pídaselo a otra persona de Talento Humano."
            : null;

    public Eligibility EligibilityOn(DateOnly today) =>
        Eligibility.Of(EmploymentType, IsPublicManager, RetirementDate, today);

    /// <summary>
    /// Whether the servant is evaluated in the period of <paramref name="periodYear"/>: eligible today and in service
    /// during that year — a servant hired after it ended (entered while the period is still open, in the first months of
    /// the next year) worked none of it and is evaluated from their own year on.
    /// </summary>
    public bool IsEvaluatedIn(int periodYear, DateOnly today) => HireDate.Year <= periodYear && EligibilityOn(today).IsEligible;

    public void Apply(ServantInput input)
    {
        DocumentNumber = ServantInput.NormalizeDocument(input.DocumentNumber);
        FirstNames = input.FirstNames.Trim();
        LastNames = input.LastNames.Trim();
        Email = input.Email.Trim().ToLowerInvariant();
        JobTitle = input.JobTitle.Trim();
        JobCode = input.JobCode?.Trim() ?? "";
        JobGrade = input.JobGrade?.Trim() ?? "";
        Level = input.Level!.Value;
        DependencyId = input.DependencyId!.Value;
        EmploymentType = input.EmploymentType!.Value;
        HireDate = input.HireDate!.Value;
        RetirementDate = input.RetirementDate;
        BossId = input.BossId;
        HasStaff = input.HasStaff;
        IsPublicManager = input.IsPublicManager;
    }
}

/// <summary>Whether a servant is evaluated by EGI, and why not.</summary>
public sealed record Eligibility(bool IsEligible, string Reason)
{
    /// <summary>
    /// The part of <see cref="IsEligibleOn"/> that does not depend on the day: a vinculación EGI evaluates (provisional
    /// or libre nombramiento) and not a gerente público. Eligible on a day = this and not retired by then
    /// (<see cref="Servant.ActiveOn"/>); a test holds the three together.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<Servant, bool>> IsOfEvaluableType { get; } = s =>
        (s.EmploymentType == EmploymentType.Provisional || s.EmploymentType == EmploymentType.FreeAppointment) && !s.IsPublicManager;

    /// <summary>
    /// <see cref="Of"/>'s yes/no as an expression a database query can run (the same three conditions), so lists of
    /// eligible servants are filtered in SQL. A test holds the two forms together.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<Servant, bool>> IsEligibleOn(DateOnly today) => s =>
        (s.RetirementDate == null || s.RetirementDate > today)
        && (s.EmploymentType == EmploymentType.Provisional || s.EmploymentType == EmploymentType.FreeAppointment)
        && !s.IsPublicManager;

    public static Eligibility Of(EmploymentType type, bool isPublicManager, DateOnly? retirementDate, DateOnly today)
    {
        if (Servant.RetiredBy(retirementDate, today))
            return new(false, $"Retirado desde el {retirementDate!.Value.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)}: no se evalúa.");
        if (type is not (EmploymentType.Provisional or EmploymentType.FreeAppointment))
            return new(false, $"{type.Label()}: no se evalúa en la Evaluación de la Gestión Institucional.");
        if (isPublicManager)
            return new(false, "Gerente público: se evalúa mediante acuerdos de gestión, no en este sistema.");
        return new(true, $"{type.Label()}: evaluable.");
    }
}

/// <summary>What a person types (or imports) for a servant, before it is accepted.</summary>
public sealed record ServantInput
{
    public string DocumentNumber { get; init; } = "";
    public string FirstNames { get; init; } = "";
    public string LastNames { get; init; } = "";
    public string Email { get; init; } = "";
    public string JobTitle { get; init; } = "";
    public string? JobCode { get; init; }
    public string? JobGrade { get; init; }
    public HierarchyLevel? Level { get; init; }
    public int? DependencyId { get; init; }
    public EmploymentType? EmploymentType { get; init; }
    public DateOnly? HireDate { get; init; }
    public DateOnly? RetirementDate { get; init; }
    public int? BossId { get; init; }
    public bool HasStaff { get; init; }
    public bool IsPublicManager { get; init; }

    /// <summary>Document numbers are compared without thousands dots, commas or spaces ("1.020.345" = "1020345").</summary>
    public static string NormalizeDocument(string? text) =>
        new((text ?? "").Where(c => c is not ('.' or ',' or ' ' or '\u00a0' or '\'')).ToArray());

    /// <summary>Field rules that need nothing but the input itself. Field names are the property names.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        var doc = NormalizeDocument(DocumentNumber);
        if (doc.Length == 0) errors.Add(new(nameof(DocumentNumber), "El campo «Número de documento» es obligatorio."));
        else if (doc.Length > 15 || !doc.All(char.IsAsciiLetterOrDigit))
            errors.Add(new(nameof(DocumentNumber), "El campo «Número de documento» admite solo letras y dígitos (máximo 15), sin espacios ni guiones."));
        Required(errors, nameof(FirstNames), "Nombres", FirstNames, 100);
        Required(errors, nameof(LastNames), "Apellidos", LastNames, 100);
        if (string.IsNullOrWhiteSpace(Email)) errors.Add(new(nameof(Email), "El campo «Correo institucional» es obligatorio."));
        else if (!IsEmail(Email.Trim()))
            errors.Add(new(nameof(Email), $"El campo «Correo institucional» no es un correo válido: «{Email.Trim()}». Ejemplo: nombre.apellido@entidad.gov.co"));
        Required(errors, nameof(JobTitle), "Denominación del empleo", JobTitle, 150);
        if ((JobCode?.Trim().Length ?? 0) > 10) errors.Add(new(nameof(JobCode), "El campo «Código del empleo» admite máximo 10 caracteres."));
        if ((JobGrade?.Trim().Length ?? 0) > 10) errors.Add(new(nameof(JobGrade), "El campo «Grado» admite máximo 10 caracteres."));
        if (Level is null) errors.Add(new(nameof(Level), "Elija el «Nivel jerárquico»: directivo, asesor, profesional, técnico o asistencial."));
        if (DependencyId is null) errors.Add(new(nameof(DependencyId), "Elija la «Dependencia»."));
        if (EmploymentType is null) errors.Add(new(nameof(EmploymentType), "Elija el «Tipo de vinculación»."));
        if (HireDate is null) errors.Add(new(nameof(HireDate), "El campo «Fecha de ingreso» es obligatorio (dd/mm/aaaa)."));
        else if (HireDate.Value.Year < 1950) errors.Add(new(nameof(HireDate), "La «Fecha de ingreso» debe ser posterior a 1950."));
        if (RetirementDate is { } r && HireDate is { } h && r < h)
            errors.Add(new(nameof(RetirementDate), "La «Fecha de retiro» no puede ser anterior a la fecha de ingreso."));
        return errors;
    }

    private static void Required(List<FieldError> errors, string field, string label, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(new(field, $"El campo «{label}» es obligatorio."));
        else if (value.Trim().Length > max) errors.Add(new(field, $"El campo «{label}» admite máximo {max} caracteres."));
    }

    public static bool IsEmail(string text)
    {
        if (text.Length > 254 || text.Contains(' ') || text.Count(c => c == '@') != 1) return false;
        var at = text.IndexOf('@');
        var domain = text[(at + 1)..];
        if (at == 0 || !domain.Contains('.') || domain.StartsWith('.') || domain.EndsWith('.')) return false;
        return MailAddress.TryCreate(text, out var parsed) && parsed.Address == text;
    }
}

/// <summary>Boss (jefe inmediato) rules that need the rest of the directory.</summary>
public static class BossRules
{
    public static FieldError? Check(int servantId, int? bossId, Func<int, Servant?> find, Func<int, int?> bossOf)
    {
        if (bossId is not { } b) return null;
        // A new servant has id 0: a posted boss id 0 is simply a boss that does not exist.
        if (servantId != 0 && b == servantId) return new("BossId", "El jefe inmediato no puede ser la misma persona.");
        var boss = find(b);
        if (boss is null) return new("BossId", "El jefe inmediato elegido no existe en el directorio.");
        if (servantId != 0 && Hierarchy.WouldCreateCycle(servantId, b, bossOf))
            return new("BossId", $"{boss.FullName} ya depende (directa o indirectamente) de esta persona: se formaría un ciclo de jefes.");
        return null;
    }

    /// <summary>
    /// <see cref="Check(int, int?, Func{int, Servant?}, Func{int, int?})"/> plus: a newly chosen boss must not be retired
    /// on <paramref name="today"/>. Keeping a boss who retired meanwhile (<paramref name="currentBossId"/>) is allowed,
    /// so Talento Humano can still correct other fields before reassigning.
    /// </summary>
    public static FieldError? Check(int servantId, int? bossId, int? currentBossId, DateOnly today, Func<int, Servant?> find, Func<int, int?> bossOf)
    {
        if (Check(servantId, bossId, find, bossOf) is { } error) return error;
        if (bossId is { } b && b != currentBossId && find(b) is { } boss && boss.IsRetired(today))
            return new("BossId", $"{boss.FullName} está retirado(a) desde el {boss.RetirementDate!.Value.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)}: elija un jefe inmediato activo.");
        return null;
    }
}
