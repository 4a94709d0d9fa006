using Egi.Domain.Common;
using Egi.Domain.Directory;

namespace Egi.Domain.Competencies;

/// <summary>
/// The catalogue of behavioural competencies (Decreto 815 de 2018) and which of them apply to a
/// servant by nivel jerárquico and whether they have staff in charge. Talento Humano may add, edit,
/// deactivate and reactivate entries; codes are stable and never reused.
/// </summary>
public sealed class CompetencyCatalogue
{
    private readonly List<Competency> entries;

    public CompetencyCatalogue(IEnumerable<Competency> entries)
    {
        this.entries = entries.ToList();
        var duplicate = this.entries.GroupBy(e => e.Code, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Código de competencia repetido: {duplicate.Key}.", nameof(entries));
    }

    /// <summary>Every entry, active or not, in catalogue order.</summary>
    public IReadOnlyList<Competency> Entries => entries;

    public Competency? Find(string code) =>
        entries.FirstOrDefault(e => string.Equals(e.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The groups that apply to a level, in order: the common ones first.</summary>
    public static IReadOnlyList<CompetencyGroup> GroupsFor(HierarchyLevel level, bool hasStaff) => level switch
    {
        HierarchyLevel.Directivo => [CompetencyGroup.Comunes, CompetencyGroup.Directivo],
        HierarchyLevel.Asesor => [CompetencyGroup.Comunes, CompetencyGroup.Asesor],
        HierarchyLevel.Profesional when hasStaff =>
            [CompetencyGroup.Comunes, CompetencyGroup.Profesional, CompetencyGroup.ProfesionalConPersonalACargo],
        HierarchyLevel.Profesional => [CompetencyGroup.Comunes, CompetencyGroup.Profesional],
        HierarchyLevel.Tecnico => [CompetencyGroup.Comunes, CompetencyGroup.Tecnico],
        HierarchyLevel.Asistencial => [CompetencyGroup.Comunes, CompetencyGroup.Asistencial],
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>
    /// The active entries that apply, in order (common first, then the level's, then the with-staff
    /// ones for profesional), keeping only the first entry of each name.
    /// </summary>
    public IReadOnlyList<Competency> ApplicableEntries(HierarchyLevel level, bool hasStaff)
    {
        var result = new List<Competency>();
        foreach (var group in GroupsFor(level, hasStaff))
        {
            foreach (var entry in entries.Where(e => e.Group == group && e.Active))
            {
                if (!result.Any(r => Competency.SameName(r.Name, entry.Name))) result.Add(entry);
            }
        }
        return result;
    }

    /// <summary>The names of the applicable competencies (see <see cref="ApplicableEntries"/>); each name once.</summary>
    public IReadOnlyList<string> Applicable(HierarchyLevel level, bool hasStaff) =>
        ApplicableEntries(level, hasStaff).Select(e => e.Name).ToList();

    /// <summary>Validates a new entry for <paramref name="group"/>.</summary>
    public IReadOnlyList<FieldError> ValidateNew(CompetencyGroup group, string? name, string? definition) =>
        Competency.Validate(name, definition, n => entries.Any(e => e.Group == group && Competency.SameName(e.Name, n)), group);

    /// <summary>Validates the edition of the entry <paramref name="code"/> (its own name is not a duplicate).</summary>
    public IReadOnlyList<FieldError> ValidateEdit(string code, string? name, string? definition)
    {
        var entry = Find(code);
        if (entry is null) return [new FieldError("", $"No existe la competencia con código «{code}».")];
        return Competency.Validate(name, definition,
            n => entries.Any(e => e != entry && e.Group == entry.Group && Competency.SameName(e.Name, n)), entry.Group);
    }

    /// <summary>The next free code of a group, e.g. "DIR-08" after "DIR-07".</summary>
    public string NextCode(CompetencyGroup group)
    {
        var prefix = Competency.CodePrefix(group) + "-";
        var max = entries
            .Where(e => e.Code.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(e => int.TryParse(e.Code[prefix.Length..], out var n) ? n : 0)
            .DefaultIfEmpty(0)
            .Max();
        return $"{prefix}{max + 1:00}";
    }

    /// <summary>Adds a new active entry at the end of its group when valid; the new entry is <paramref name="added"/>.</summary>
    public Outcome Add(CompetencyGroup group, string? name, string? definition, out Competency? added)
    {
        added = null;
        var errors = ValidateNew(group, name, definition);
        if (errors.Count > 0) return Outcome.From(errors);
        added = new Competency(NextCode(group), group, Competency.Normalize(name), (definition ?? "").Trim());
        var lastOfGroup = entries.FindLastIndex(e => e.Group == group);
        if (lastOfGroup >= 0) entries.Insert(lastOfGroup + 1, added);
        else entries.Add(added);
        return Outcome.Ok;
    }

    /// <summary>Changes the name and definition of an entry when valid (group and code never change).</summary>
    public Outcome Edit(string code, string? name, string? definition)
    {
        var errors = ValidateEdit(code, name, definition);
        if (errors.Count > 0) return Outcome.From(errors);
        var entry = Find(code)!;
        entry.Name = Competency.Normalize(name);
        entry.Definition = (definition ?? "").Trim();
        return Outcome.Ok;
    }

    /// <summary>Deactivates an entry: it stops applying to new ratings.</summary>
    public Outcome Deactivate(string code) => SetActive(code, false);

    /// <summary>Reactivates an entry.</summary>
    public Outcome Activate(string code) => SetActive(code, true);

    private Outcome SetActive(string code, bool active)
    {
        var entry = Find(code);
        if (entry is null) return Outcome.Refused($"No existe la competencia con código «{code}».");
        if (entry.Active == active)
            return Outcome.Refused(active
                ? $"La competencia «{entry.Name}» ya está activa."
                : $"La competencia «{entry.Name}» ya está inactiva.", "Active");
        entry.Active = active;
        return Outcome.Ok;
    }

    /// <summary>The catalogue seeded from Decreto 815 de 2018 (SPEC §4), all entries active.</summary>
    public static CompetencyCatalogue Default() => new(DefaultEntries());

    /// <summary>Fresh copies of the seeded entries (for seeding a database).</summary>
    /// <remarks>
    /// Not yet checked word for word against the published decree (issue 13, item 10): the names per level follow
    /// SPEC §4, but the definitions were written from memory and the decree's «conductas asociadas» are not part of
    /// the catalogue. The decree's full text was not reachable from the reference store when this was checked
    /// (only the first articles of its copies); correct these texts only from the published text (Función Pública,
    /// Gestor Normativo), never from memory, together with a migration for entries Talento Humano did not edit.
    /// </remarks>
    public static IReadOnlyList<Competency> DefaultEntries()
    {
        var list = new List<Competency>();
        void Group(CompetencyGroup group, params (string Name, string Definition)[] items)
        {
            for (var i = 0; i < items.Length; i++)
                list.Add(new Competency($"{Competency.CodePrefix(group)}-{i + 1:00}", group, items[i].Name, items[i].Definition));
        }

        Group(CompetencyGroup.Comunes,
            ("Aprendizaje continuo", "Identificar, incorporar y aplicar nuevos conocimientos sobre regulaciones vigentes, tecnologías disponibles, métodos y programas de trabajo, para mantener actualizada la efectividad de sus prácticas laborales y su visión del contexto."),
            ("Orientación a resultados", "Realizar las funciones y cumplir los compromisos organizacionales con eficacia, calidad y oportunidad."),
            ("Orientación al usuario y al ciudadano", "Dirigir las decisiones y acciones a la satisfacción de las necesidades e intereses de los usuarios internos y externos y de los ciudadanos, de conformidad con las responsabilidades públicas asignadas a la entidad."),
            ("Compromiso con la organización", "Alinear el propio comportamiento a las necesidades, prioridades y metas organizacionales."),
            ("Trabajo en equipo", "Trabajar con otros de forma integrada y armónica para la consecución de metas institucionales comunes."),
            ("Adaptación al cambio", "Enfrentar con flexibilidad las situaciones nuevas, asumiendo un manejo positivo y constructivo de los cambios."));

        Group(CompetencyGroup.Directivo,
            ("Visión estratégica", "Anticipar oportunidades y riesgos en el mediano y largo plazo para el área a cargo, la organización y su entorno, y comunicar al equipo la lógica de las decisiones directivas."),
            ("Liderazgo efectivo", "Gerenciar equipos, optimizando la aplicación del talento disponible y creando un entorno positivo y de compromiso para el logro de los resultados."),
            ("Planeación", "Determinar eficazmente las metas y prioridades institucionales, identificando las acciones, los responsables, los plazos y los recursos requeridos para alcanzarlas."),
            ("Toma de decisiones", "Elegir entre dos o más alternativas para solucionar un problema o atender una situación, comprometiéndose con acciones concretas y consecuentes con la decisión."),
            ("Gestión del desarrollo de las personas", "Forjar un clima laboral en el que los intereses de los equipos y de las personas se armonicen con los objetivos y resultados de la organización, generando oportunidades de aprendizaje y desarrollo."),
            ("Pensamiento sistémico", "Comprender y afrontar la realidad y sus conexiones para abordar el funcionamiento integral y articulado de la organización e incidir en los resultados esperados."),
            ("Resolución de conflictos", "Identificar situaciones que generen conflicto, prevenirlas o afrontarlas ofreciendo alternativas de solución y evitando las consecuencias negativas."));

        Group(CompetencyGroup.Asesor,
            ("Confiabilidad técnica", "Contar con los conocimientos técnicos requeridos y aplicarlos a situaciones concretas de trabajo, con altos estándares de calidad."),
            ("Creatividad e innovación", "Generar y desarrollar nuevas ideas, conceptos, métodos y soluciones."),
            ("Iniciativa", "Anticiparse a los problemas proponiendo alternativas de solución."),
            ("Construcción de relaciones", "Establecer y mantener relaciones cordiales y recíprocas con redes o grupos de personas internas y externas a la organización que faciliten la consecución de los objetivos institucionales."),
            ("Conocimiento del entorno", "Conocer e interpretar la organización, su funcionamiento y sus relaciones con el entorno."));

        Group(CompetencyGroup.Profesional,
            ("Aporte técnico-profesional", "Poner a disposición de la administración sus saberes profesionales específicos y sus experiencias previas, gestionando la actualización de sus saberes expertos."),
            ("Comunicación efectiva", "Establecer comunicación efectiva y positiva con superiores jerárquicos, pares y ciudadanos, tanto en la expresión escrita como verbal y gestual."),
            ("Gestión de procedimientos", "Desarrollar las tareas a cargo en el marco de los procedimientos vigentes y proponer e introducir acciones para acelerar la mejora continua y la productividad."),
            ("Instrumentación de decisiones", "Decidir sobre las cuestiones en las que está involucrado."));

        Group(CompetencyGroup.ProfesionalConPersonalACargo,
            ("Dirección y desarrollo de personal", "Favorecer el aprendizaje y desarrollo de los colaboradores, identificando potencialidades personales y profesionales para facilitar el cumplimiento de los objetivos institucionales."),
            ("Toma de decisiones", "Elegir alternativas para solucionar problemas y ejecutar acciones concretas y consecuentes con la decisión."));

        Group(CompetencyGroup.Tecnico,
            ("Confiabilidad técnica", "Contar con los conocimientos técnicos requeridos y aplicarlos a situaciones concretas de trabajo, con altos estándares de calidad."),
            ("Disciplina", "Adaptarse a las políticas institucionales y generar información acorde con los procesos."),
            ("Responsabilidad", "Conocer la magnitud de sus acciones y la forma de afrontarlas."));

        Group(CompetencyGroup.Asistencial,
            ("Manejo de la información", "Manejar con responsabilidad la información personal e institucional de que dispone."),
            ("Relaciones interpersonales", "Establecer y mantener relaciones de trabajo positivas, basadas en la comunicación abierta y fluida y en el respeto por los demás."),
            ("Colaboración", "Cooperar con los demás con el fin de cumplir los objetivos institucionales."));

        return list;
    }
}
