using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Egi.Domain.Common;
using Egi.Domain.Directory;
using Egi.Web.Features.Shared;

namespace Egi.Web.Features.Directory.Servants;

/// <summary>
/// What the create / edit form posts. Every field is bound as text, so a malformed date, an unknown
/// option or letters in a number never fail model binding with an English message: <see cref="ToInput"/>
/// turns the text into a <see cref="ServantInput"/> and reports, in Spanish and per field, what it could not read.
/// </summary>
public sealed class ServantForm
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // <input type="date"> posts yyyy-MM-dd; people typing by hand (browsers without a date picker) write dd/mm/aaaa.

    [Display(Name = "Número de documento")]
    public string? DocumentNumber { get; set; }

    [Display(Name = "Nombres")]
    public string? FirstNames { get; set; }

    [Display(Name = "Apellidos")]
    public string? LastNames { get; set; }

    [Display(Name = "Correo institucional")]
    public string? Email { get; set; }

    [Display(Name = "Denominación del empleo")]
    public string? JobTitle { get; set; }

    [Display(Name = "Código del empleo")]
    public string? JobCode { get; set; }

    [Display(Name = "Grado")]
    public string? JobGrade { get; set; }

    [Display(Name = "Nivel jerárquico")]
    public string? Level { get; set; }

    [Display(Name = "Dependencia")]
    public string? DependencyId { get; set; }

    [Display(Name = "Tipo de vinculación")]
    public string? EmploymentType { get; set; }

    [Display(Name = "Fecha de ingreso")]
    public string? HireDate { get; set; }

    [Display(Name = "Fecha de retiro (opcional)")]
    public string? RetirementDate { get; set; }

    [Display(Name = "Jefe inmediato")]
    public string? BossId { get; set; }

    /// <summary>What was typed in the boss picker's search box (resolved when nothing was chosen in the list).</summary>
    public string? BossSearch { get; set; }

    /// <summary>"true" when the checkbox is ticked (an unticked checkbox posts nothing).</summary>
    [Display(Name = "Tiene personal a cargo")]
    public string? HasStaff { get; set; }

    [Display(Name = "Es gerente público")]
    public string? IsPublicManager { get; set; }

    public bool HasStaffChecked => IsTicked(HasStaff);
    public bool IsPublicManagerChecked => IsTicked(IsPublicManager);

    public static ServantForm From(Servant s) => new()
    {
        DocumentNumber = s.DocumentNumber,
        FirstNames = s.FirstNames,
        LastNames = s.LastNames,
        Email = s.Email,
        JobTitle = s.JobTitle,
        JobCode = s.JobCode,
        JobGrade = s.JobGrade,
        Level = s.Level.ToString(),
        DependencyId = s.DependencyId.ToString(Invariant),
        EmploymentType = s.EmploymentType.ToString(),
        HireDate = IsoDate(s.HireDate),
        RetirementDate = s.RetirementDate is { } r ? IsoDate(r) : null,
        BossId = s.BossId?.ToString(Invariant),
        HasStaff = s.HasStaff ? "true" : null,
        IsPublicManager = s.IsPublicManager ? "true" : null,
    };

    public static string IsoDate(DateOnly d) => d.ToString("yyyy-MM-dd", Invariant);

    /// <summary>
    /// Reads the text into a <see cref="ServantInput"/> and runs the domain's own field rules on it.
    /// A field that could not be read gets one message (what was typed and what is expected), not two.
    /// </summary>
    public (ServantInput Input, IReadOnlyList<FieldError> Errors) ToInput()
    {
        var errors = new List<FieldError>();

        var level = ParseEnum(Level, DirectoryLabels.ParseLevel);
        if (level is null && !IsBlank(Level))
            errors.Add(new(nameof(Level), DirectoryMessages.LevelInvalid(Echo(Level))));

        var type = ParseEnum(EmploymentType, DirectoryLabels.ParseEmploymentType);
        if (type is null && !IsBlank(EmploymentType))
            errors.Add(new(nameof(EmploymentType), DirectoryMessages.EmploymentTypeInvalid(Echo(EmploymentType))));

        var dependency = ParseId(DependencyId);
        if (dependency is null && !IsBlank(DependencyId))
            errors.Add(new(nameof(DependencyId), DirectoryMessages.DependencyChoiceInvalid));

        var boss = ParseId(BossId);
        if (boss is null && !IsBlank(BossId))
            errors.Add(new(nameof(BossId), DirectoryMessages.BossChoiceInvalid));

        var hire = ParseDate(HireDate);
        if (hire is null && !IsBlank(HireDate))
            errors.Add(new(nameof(HireDate), DirectoryMessages.HireDateInvalid(Echo(HireDate))));

        var retirement = ParseDate(RetirementDate);
        if (retirement is null && !IsBlank(RetirementDate))
            errors.Add(new(nameof(RetirementDate), DirectoryMessages.OptionalRetirementDateInvalid(Echo(RetirementDate))));

        var input = new ServantInput
        {
            DocumentNumber = DocumentNumber ?? "",
            FirstNames = FirstNames ?? "",
            LastNames = LastNames ?? "",
            Email = Email ?? "",
            JobTitle = JobTitle ?? "",
            JobCode = JobCode,
            JobGrade = JobGrade,
            Level = level,
            DependencyId = dependency,
            EmploymentType = type,
            HireDate = hire,
            RetirementDate = retirement,
            BossId = boss,
            HasStaff = HasStaffChecked,
            IsPublicManager = IsPublicManagerChecked,
        };
        var unreadable = errors.Select(e => e.Field).ToHashSet();
        errors.AddRange(input.Validate().Where(e => !unreadable.Contains(e.Field)));
        return (input, errors);
    }

    private static bool IsBlank(string? text) => string.IsNullOrWhiteSpace(text);

    private static bool IsTicked(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("on", StringComparison.OrdinalIgnoreCase));

    /// <summary>The option values are the enum names; a label ("Técnico", "Libre nombramiento") typed by hand is also understood.</summary>
    private static TEnum? ParseEnum<TEnum>(string? text, Func<string?, TEnum?> fromLabel)
        where TEnum : struct, Enum
    {
        if (IsBlank(text)) return null;
        var t = text!.Trim();
        foreach (var value in Enum.GetValues<TEnum>())
            if (string.Equals(value.ToString(), t, StringComparison.OrdinalIgnoreCase)) return value;
        return fromLabel(t);
    }

    /// <summary>A positive id chosen in a list, or null.</summary>
    public static int? ParseId(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, Invariant, out var id) && id > 0 ? id : null;

    private static DateOnly? ParseDate(string? text) =>
        FormInput.TryParseDate(text, out var d) ? d : null;

    /// <summary>What the person typed, shortened, to quote it back in a message.</summary>
    private static string Echo(string? text)
    {
        var t = (text ?? "").Trim();
        return t.Length > 40 ? t[..40] + "…" : t;
    }
}
