namespace Egi.Domain.Directory;

/// <summary>Nivel jerárquico of an empleo (Decreto 785 de 2005).</summary>
public enum HierarchyLevel
{
    Directivo = 1,
    Asesor = 2,
    Profesional = 3,
    Tecnico = 4,
    Asistencial = 5,
}

/// <summary>Tipo de vinculación of a servant.</summary>
public enum EmploymentType
{
    /// <summary>Nombramiento provisional: evaluated by EGI.</summary>
    Provisional = 1,

    /// <summary>Libre nombramiento y remoción: evaluated by EGI unless gerente público.</summary>
    FreeAppointment = 2,

    /// <summary>Carrera administrativa: evaluated by the EDL, not here.</summary>
    Career = 3,

    /// <summary>Empleo temporal: not evaluated here.</summary>
    Temporary = 4,

    /// <summary>Contratista (prestación de servicios): not a servant, never evaluated.</summary>
    Contractor = 5,
}

public static class DirectoryLabels
{
    public static string Label(this HierarchyLevel level) => level switch
    {
        HierarchyLevel.Directivo => "Directivo",
        HierarchyLevel.Asesor => "Asesor",
        HierarchyLevel.Profesional => "Profesional",
        HierarchyLevel.Tecnico => "Técnico",
        HierarchyLevel.Asistencial => "Asistencial",
        _ => level.ToString(),
    };

    public static string Label(this EmploymentType type) => type switch
    {
        EmploymentType.Provisional => "Nombramiento provisional",
        EmploymentType.FreeAppointment => "Libre nombramiento y remoción",
        EmploymentType.Career => "Carrera administrativa",
        EmploymentType.Temporary => "Empleo temporal",
        EmploymentType.Contractor => "Contratista",
        _ => type.ToString(),
    };

    /// <summary>Parses the Spanish labels and common abbreviations HR systems export.</summary>
    public static HierarchyLevel? ParseLevel(string? text)
    {
        var t = Normalize(text);
        return t switch
        {
            "directivo" => HierarchyLevel.Directivo,
            "asesor" => HierarchyLevel.Asesor,
            "profesional" => HierarchyLevel.Profesional,
            "tecnico" => HierarchyLevel.Tecnico,
            "asistencial" => HierarchyLevel.Asistencial,
            _ => null,
        };
    }

    public static EmploymentType? ParseEmploymentType(string? text)
    {
        var t = Normalize(text);
        return t switch
        {
            "provisional" or "nombramiento provisional" or "prov" => EmploymentType.Provisional,
            // Each also by its code (the enum's name), as the directory API's reads return it, so a read row syncs back.
            "libre nombramiento y remocion" or "libre nombramiento" or "lnr" or "lnyr" or "freeappointment" => EmploymentType.FreeAppointment,
            "carrera administrativa" or "carrera" or "de carrera" or "ca" or "career" => EmploymentType.Career,
            "empleo temporal" or "temporal" or "planta temporal" or "temporary" => EmploymentType.Temporary,
            "contratista" or "prestacion de servicios" or "contrato" or "contractor" => EmploymentType.Contractor,
            _ => null,
        };
    }

    /// <summary>Lower case, no accents, single spaces: for matching what people type.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = text.Trim().ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD);
        var sb = new System.Text.StringBuilder(decomposed.Length);
        var lastSpace = false;
        foreach (var c in decomposed)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c))
            {
                if (!lastSpace) sb.Append(' ');
                lastSpace = true;
                continue;
            }
            lastSpace = false;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
