using System.Globalization;
using Egi.Domain.Common;

namespace Egi.Domain.Competencies;

/// <summary>
/// The group of a catalogue entry: the competencias comunes apply to everybody, the others to one
/// nivel jerárquico (Decreto 815 de 2018, which modified Decreto 1083 de 2015, arts. 2.2.4.7–2.2.4.8).
/// </summary>
public enum CompetencyGroup
{
    Comunes = 1,
    Directivo = 2,
    Asesor = 3,
    Profesional = 4,

    /// <summary>Additional competencies of a profesional who has staff in charge (personal a cargo).</summary>
    ProfesionalConPersonalACargo = 5,
    Tecnico = 6,
    Asistencial = 7,
}

/// <summary>One behavioural competency (competencia comportamental) of the catalogue.</summary>
public sealed class Competency
{
    public const int NameMaxLength = 150;
    public const int DefinitionMaxLength = 1000;

    /// <summary>The most characters the conductas asociadas may take together, one per line (as they are stored).</summary>
    public const int BehaviorsMaxLength = 4000;

    public Competency(string code, CompetencyGroup group, string name, string definition, bool active = true, IEnumerable<string>? behaviors = null)
    {
        Code = code;
        Group = group;
        Name = name;
        Definition = definition;
        Active = active;
        Behaviors = CleanBehaviors(behaviors);
    }

    /// <summary>Stable unique code, e.g. "COM-01", "DIR-04", "PRO-P-02". Never reused nor changed.</summary>
    public string Code { get; }
    public CompetencyGroup Group { get; }
    public string Name { get; set; }
    public string Definition { get; set; }
    public bool Active { get; set; }

    /// <summary>
    /// The conductas asociadas: the observable behaviours the decree lists for the competency, in order. The evaluator
    /// reads them as help while rating; empty when the entry has none.
    /// </summary>
    public IReadOnlyList<string> Behaviors { get; set; }

    /// <summary>The conductas as one text, one per line (how they are stored and typed).</summary>
    public string BehaviorsText => JoinBehaviors(Behaviors);

    /// <summary>The conductas of a text typed or stored one per line: each line trimmed and its inner spaces collapsed, blank lines dropped.</summary>
    public static IReadOnlyList<string> ParseBehaviors(string? text) =>
        CleanBehaviors((text ?? "").Split('\n'));

    /// <summary>The conductas as one text, one per line.</summary>
    public static string JoinBehaviors(IEnumerable<string> behaviors) => string.Join('\n', behaviors);

    private static List<string> CleanBehaviors(IEnumerable<string>? behaviors) =>
        (behaviors ?? []).Select(Normalize).Where(b => b.Length > 0).ToList();

    /// <summary>The Spanish label of a group, for pages and messages.</summary>
    public static string GroupLabel(CompetencyGroup group) => group switch
    {
        CompetencyGroup.Comunes => "Comunes a todos los niveles",
        CompetencyGroup.Directivo => "Nivel directivo",
        CompetencyGroup.Asesor => "Nivel asesor",
        CompetencyGroup.Profesional => "Nivel profesional",
        CompetencyGroup.ProfesionalConPersonalACargo => "Nivel profesional con personal a cargo",
        CompetencyGroup.Tecnico => "Nivel técnico",
        CompetencyGroup.Asistencial => "Nivel asistencial",
        _ => group.ToString(),
    };

    /// <summary>The prefix of the codes of a group ("COM", "DIR", "ASE", "PRO", "PRO-P", "TEC", "ASI").</summary>
    public static string CodePrefix(CompetencyGroup group) => group switch
    {
        CompetencyGroup.Comunes => "COM",
        CompetencyGroup.Directivo => "DIR",
        CompetencyGroup.Asesor => "ASE",
        CompetencyGroup.Profesional => "PRO",
        CompetencyGroup.ProfesionalConPersonalACargo => "PRO-P",
        CompetencyGroup.Tecnico => "TEC",
        CompetencyGroup.Asistencial => "ASI",
        _ => throw new ArgumentOutOfRangeException(nameof(group)),
    };

    /// <summary>
    /// Name comparison used for uniqueness: trimmed, inner spaces collapsed, ignoring case and accents
    /// ("Planeación" equals " planeacion ").
    /// </summary>
    public static bool SameName(string? a, string? b) =>
        string.Compare(Normalize(a), Normalize(b), CultureInfo.InvariantCulture,
            CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) == 0;

    /// <summary>Trims and collapses inner whitespace.</summary>
    public static string Normalize(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// Validates a new or edited entry. <paramref name="nameTakenInGroup"/> answers whether another
    /// entry of the same group (not the one being edited) already has that name.
    /// </summary>
    public static IReadOnlyList<FieldError> Validate(string? name, string? definition, Func<string, bool> nameTakenInGroup, CompetencyGroup group) =>
        Validate(name, definition, null, nameTakenInGroup, group);

    /// <summary>
    /// Validates a new or edited entry with its conductas asociadas (one per line; null when not given).
    /// <paramref name="nameTakenInGroup"/> answers whether another entry of the same group (not the one being edited)
    /// already has that name.
    /// </summary>
    public static IReadOnlyList<FieldError> Validate(string? name, string? definition, string? behaviors, Func<string, bool> nameTakenInGroup, CompetencyGroup group)
    {
        var errors = new List<FieldError>();
        var cleanName = Normalize(name);
        if (cleanName.Length == 0) errors.Add(new("Name", "El campo «Nombre» es obligatorio."));
        else if (cleanName.Length > NameMaxLength) errors.Add(new("Name", $"El campo «Nombre» admite máximo {NameMaxLength} caracteres."));
        else if (nameTakenInGroup(cleanName))
            errors.Add(new("Name", $"Ya existe la competencia «{cleanName}» en el grupo «{GroupLabel(group)}»."));
        if ((definition ?? "").Trim().Length > DefinitionMaxLength)
            errors.Add(new("Definition", $"El campo «Definición» admite máximo {DefinitionMaxLength} caracteres."));
        if (JoinBehaviors(ParseBehaviors(behaviors)).Length > BehaviorsMaxLength)
            errors.Add(new("Behaviors", $"El campo «Conductas asociadas» admite máximo {BehaviorsMaxLength} caracteres en total (una conducta por línea)."));
        return errors;
    }
}
