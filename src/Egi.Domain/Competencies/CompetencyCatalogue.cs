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
    public IReadOnlyList<FieldError> ValidateNew(CompetencyGroup group, string? name, string? definition, string? behaviors = null) =>
        Competency.Validate(name, definition, behaviors, n => entries.Any(e => e.Group == group && Competency.SameName(e.Name, n)), group);

    /// <summary>Validates the edition of the entry <paramref name="code"/> (its own name is not a duplicate).</summary>
    public IReadOnlyList<FieldError> ValidateEdit(string code, string? name, string? definition, string? behaviors = null)
    {
        var entry = Find(code);
        if (entry is null) return [new FieldError("", $"No existe la competencia con código «{code}».")];
        return Competency.Validate(name, definition, behaviors,
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
    public Outcome Add(CompetencyGroup group, string? name, string? definition, out Competency? added) =>
        Add(group, name, definition, null, out added);

    /// <summary>
    /// Adds a new active entry with its conductas asociadas (one per line) at the end of its group when valid; the new
    /// entry is <paramref name="added"/>.
    /// </summary>
    public Outcome Add(CompetencyGroup group, string? name, string? definition, string? behaviors, out Competency? added)
    {
        added = null;
        var errors = ValidateNew(group, name, definition, behaviors);
        if (errors.Count > 0) return Outcome.From(errors);
        added = new Competency(NextCode(group), group, Competency.Normalize(name), (definition ?? "").Trim(), behaviors: Competency.ParseBehaviors(behaviors));
        var lastOfGroup = entries.FindLastIndex(e => e.Group == group);
        if (lastOfGroup >= 0) entries.Insert(lastOfGroup + 1, added);
        else entries.Add(added);
        return Outcome.Ok;
    }

    /// <summary>
    /// Changes the name, definition and, when <paramref name="behaviors"/> is given, the conductas asociadas (one per
    /// line) of an entry when valid (group and code never change).
    /// </summary>
    public Outcome Edit(string code, string? name, string? definition, string? behaviors = null)
    {
        var errors = ValidateEdit(code, name, definition, behaviors);
        if (errors.Count > 0) return Outcome.From(errors);
        var entry = Find(code)!;
        entry.Name = Competency.Normalize(name);
        entry.Definition = (definition ?? "").Trim();
        if (behaviors is not null) entry.Behaviors = Competency.ParseBehaviors(behaviors);
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
    /// Names, definitions and conductas asociadas are the text of Decreto 1083 de 2015 arts. 2.2.4.7 and 2.2.4.8 as
    /// substituted by Decreto 815 de 2018 art. 1, read in Función Pública's Gestor Normativo
    /// (https://www.funcionpublica.gov.co/eva/gestornormativo/norma.php?i=62866). That published text carries defects of
    /// its conversion from the Diario Oficial that are corrected here, and only those: a word of the next table column
    /// inside a definition (e.g. «con altos entidad estándares», «vigentes calidad establecidos», «requeridos equipo
    /// para», «en las que Discrimina con efectividad entre las es responsable»), split or glued words («re cursos»,
    /// «responsabilidadpor»), letters doubled or missing («eenmarcando», «fnción», «entener», «Evalua»), a stray hyphen
    /// or full stop; every definition and conducta ends with a full stop. The README lists each correction.
    /// Not found in any reachable copy of the decree, so kept as they were and without conductas: Resolución de
    /// conflictos (DIR-07), the conductas of Pensamiento sistémico (DIR-06, the published copy breaks off after two)
    /// and the two competencies of a profesional with staff in charge (PRO-P-01, PRO-P-02).
    /// </remarks>
    public static IReadOnlyList<Competency> DefaultEntries()
    {
        var list = new List<Competency>();
        void Group(CompetencyGroup group, params (string Name, string Definition, string[] Behaviors)[] items)
        {
            for (var i = 0; i < items.Length; i++)
                list.Add(new Competency($"{Competency.CodePrefix(group)}-{i + 1:00}", group, items[i].Name, items[i].Definition, behaviors: items[i].Behaviors));
        }

        Group(CompetencyGroup.Comunes,
            ("Aprendizaje continuo",
                "Identificar, incorporar y aplicar nuevos conocimientos sobre regulaciones vigentes, tecnologías disponibles, métodos y programas de trabajo, para mantener actualizada la efectividad de sus prácticas laborales y su visión del contexto.",
                [
                    "Mantiene sus competencias actualizadas en función de los cambios que exige la administración pública en la prestación de un óptimo servicio.",
                    "Gestiona sus propias fuentes de información confiable y/o participa de espacios informativos y de capacitación.",
                    "Comparte sus saberes y habilidades con sus compañeros de trabajo, y aprende de sus colegas habilidades diferenciales, que le permiten nivelar sus conocimientos en flujos informales de inter-aprendizaje.",
                ]),
            ("Orientación a resultados",
                "Realizar las funciones y cumplir los compromisos organizacionales con eficacia, calidad y oportunidad.",
                [
                    "Asume la responsabilidad por sus resultados.",
                    "Trabaja con base en objetivos claramente establecidos y realistas.",
                    "Diseña y utiliza indicadores para medir y comprobar los resultados obtenidos.",
                    "Adopta medidas para minimizar riesgos.",
                    "Plantea estrategias para alcanzar o superar los resultados esperados.",
                    "Se fija metas y obtiene los resultados institucionales esperados.",
                    "Cumple con oportunidad las funciones de acuerdo con los estándares, objetivos y tiempos establecidos por la entidad.",
                    "Gestiona recursos para mejorar la productividad y toma medidas necesarias para minimizar los riesgos.",
                    "Aporta elementos para la consecución de resultados enmarcando sus productos y/o servicios dentro de las normas que rigen a la entidad.",
                    "Evalúa de forma regular el grado de consecución de los objetivos.",
                ]),
            ("Orientación al usuario y al ciudadano",
                "Dirigir las decisiones y acciones a la satisfacción de las necesidades e intereses de los usuarios (internos y externos) y de los ciudadanos, de conformidad con las responsabilidades públicas asignadas a la entidad.",
                [
                    "Valora y atiende las necesidades y peticiones de los usuarios y de los ciudadanos de forma oportuna.",
                    "Reconoce la interdependencia entre su trabajo y el de otros.",
                    "Establece mecanismos para conocer las necesidades e inquietudes de los usuarios y ciudadanos.",
                    "Incorpora las necesidades de usuarios y ciudadanos en los proyectos institucionales, teniendo en cuenta la visión de servicio a corto, mediano y largo plazo.",
                    "Aplica los conceptos de no estigmatización y no discriminación y genera espacios y lenguaje incluyente.",
                    "Escucha activamente e informa con veracidad al usuario o ciudadano.",
                ]),
            ("Compromiso con la organización",
                "Alinear el propio comportamiento a las necesidades, prioridades y metas organizacionales.",
                [
                    "Promueve el cumplimiento de las metas de la organización y respeta sus normas.",
                    "Antepone las necesidades de la organización a sus propias necesidades.",
                    "Demuestra sentido de pertenencia en todas sus actuaciones.",
                    "Toma iniciativa de colaborar con sus compañeros y con otras áreas cuando se requiere, sin descuidar sus tareas.",
                ]),
            ("Trabajo en equipo",
                "Trabajar con otros de forma integrada y armónica para la consecución de metas institucionales comunes.",
                [
                    "Cumple los compromisos que adquiere con el equipo.",
                    "Respeta la diversidad de criterios y opiniones de los miembros del equipo.",
                    "Asume su responsabilidad como miembro de un equipo de trabajo y se enfoca en contribuir con el compromiso y la motivación de sus miembros.",
                    "Planifica las propias acciones teniendo en cuenta su repercusión en la consecución de los objetivos grupales.",
                    "Establece una comunicación directa con los miembros del equipo que permite compartir información e ideas en condición de respeto y cordialidad.",
                    "Integra a los nuevos miembros y facilita su proceso de reconocimiento y apropiación de las actividades a cargo del equipo.",
                ]),
            ("Adaptación al cambio",
                "Enfrentar con flexibilidad las situaciones nuevas asumiendo un manejo positivo y constructivo de los cambios.",
                [
                    "Acepta y se adapta fácilmente a las nuevas situaciones.",
                    "Responde al cambio con flexibilidad.",
                    "Apoya a la entidad en nuevas decisiones y coopera activamente en la implementación de nuevos objetivos, forma de trabajo y procedimientos.",
                    "Promueve al grupo para que se adapten en las nuevas condiciones.",
                ]));

        Group(CompetencyGroup.Directivo,
            ("Visión estratégica",
                "Anticipar oportunidades y riesgos en el mediano y largo plazo para el área a cargo, la organización y su entorno, de modo tal que la estrategia directiva identifique la alternativa más adecuada frente a cada situación presente o eventual, comunicando al equipo la lógica de las decisiones directivas que contribuyan al beneficio de la entidad y del país.",
                [
                    "Articula objetivos, recursos y metas de forma tal que los resultados generen valor.",
                    "Adopta alternativas si el contexto presenta obstrucciones a la ejecución de la planeación anual, involucrando al equipo, aliados y superiores para el logro de los objetivos.",
                    "Vincula a los actores con incidencia potencial en los resultados del área a su cargo, para articular acciones o anticipar negociaciones necesarias.",
                    "Monitorea periódicamente los resultados alcanzados e introduce cambios en la planeación para alcanzarlos.",
                    "Presenta nuevas estrategias ante aliados y superiores para contribuir al logro de los objetivos institucionales.",
                    "Comunica de manera asertiva, clara y contundente el objetivo o la meta, logrando la motivación y compromiso de los equipos de trabajo.",
                ]),
            ("Liderazgo efectivo",
                "Gerenciar equipos, optimizando la aplicación del talento disponible y creando un entorno positivo y de compromiso para el logro de los resultados.",
                [
                    "Traduce la visión y logra que cada miembro del equipo se comprometa y aporte, en un entorno participativo y de toma de decisiones.",
                    "Forma equipos y les delega responsabilidades y tareas en función de las competencias, el potencial y los intereses de los miembros del equipo.",
                    "Crea compromiso y moviliza a los miembros de su equipo a gestionar, aceptar retos, desafíos y directrices, superando intereses personales para alcanzar las metas.",
                    "Brinda apoyo y motiva a su equipo en momentos de adversidad, a la vez que comparte las mejores prácticas y desempeños y celebra el éxito con su gente, incidiendo positivamente en la calidad de vida laboral.",
                    "Propicia, favorece y acompaña las condiciones para generar y mantener un clima laboral positivo en un entorno de inclusión.",
                    "Fomenta la comunicación clara y concreta en un entorno de respeto.",
                ]),
            ("Planeación",
                "Determinar eficazmente las metas y prioridades institucionales, identificando las acciones, los responsables, los plazos y los recursos requeridos para alcanzarlas.",
                [
                    "Prevé situaciones y escenarios futuros.",
                    "Establece los planes de acción necesarios para el desarrollo de los objetivos estratégicos, teniendo en cuenta actividades, responsables, plazos y recursos requeridos; promoviendo altos estándares de desempeño.",
                    "Hace seguimiento a la planeación institucional, con base en los indicadores y metas planeadas, verificando que se realicen los ajustes y retroalimentando el proceso.",
                    "Orienta la planeación institucional con una visión estratégica, que tiene en cuenta las necesidades y expectativas de los usuarios y ciudadanos.",
                    "Optimiza el uso de los recursos.",
                    "Concreta oportunidades que generan valor a corto, mediano y largo plazo.",
                ]),
            ("Toma de decisiones",
                "Elegir entre dos o más alternativas para solucionar un problema o atender una situación, comprometiéndose con acciones concretas y consecuentes con la decisión.",
                [
                    "Elige con oportunidad, entre las alternativas disponibles, los proyectos a realizar, estableciendo responsabilidades precisas con base en las prioridades de la entidad.",
                    "Toma en cuenta la opinión técnica de los miembros de su equipo al analizar las alternativas existentes para tomar una decisión y desarrollarla.",
                    "Decide en situaciones de alta complejidad e incertidumbre teniendo en consideración la consecución de logros y objetivos de la entidad.",
                    "Efectúa los cambios que considera necesarios para solucionar los problemas detectados o atender situaciones particulares y se hace responsable de la decisión tomada.",
                    "Detecta amenazas y oportunidades frente a posibles decisiones y elige de forma pertinente.",
                    "Asume los riesgos de las decisiones tomadas.",
                ]),
            ("Gestión del desarrollo de las personas",
                "Forjar un clima laboral en el que los intereses de los equipos y de las personas se armonicen con los objetivos y resultados de la organización, generando oportunidades de aprendizaje y desarrollo, además de incentivos para reforzar el alto rendimiento.",
                [
                    "Identifica las competencias de los miembros del equipo, las evalúa y las impulsa activamente para su desarrollo y aplicación a las tareas asignadas.",
                    "Promueve la formación de equipos con interdependencias positivas y genera espacios de aprendizaje colaborativo, poniendo en común experiencias, hallazgos y problemas.",
                    "Organiza los entornos de trabajo para fomentar la polivalencia profesional de los miembros del equipo, facilitando la rotación de puestos y de tareas.",
                    "Asume una función orientadora para promover y afianzar las mejores prácticas y desempeños.",
                    "Empodera a los miembros del equipo dándoles autonomía y poder de decisión, preservando la equidad interna y generando compromiso en su equipo de trabajo.",
                    "Se capacita permanentemente y actualiza sus competencias y estrategias directivas.",
                ]),
            ("Pensamiento sistémico",
                "Comprender y afrontar la realidad y sus conexiones para abordar el funcionamiento integral y articulado de la organización e incidir en los resultados esperados.",
                []),
            ("Resolución de conflictos",
                "Identificar situaciones que generen conflicto, prevenirlas o afrontarlas ofreciendo alternativas de solución y evitando las consecuencias negativas.",
                []));

        Group(CompetencyGroup.Asesor,
            ("Confiabilidad técnica",
                "Contar con los conocimientos técnicos requeridos y aplicarlos a situaciones concretas de trabajo, con altos estándares de calidad.",
                [
                    "Mantiene actualizados sus conocimientos para apoyar la gestión de la entidad.",
                    "Conoce, maneja y sabe aplicar los conocimientos para el logro de resultados.",
                    "Emite conceptos técnicos u orientaciones claros, precisos, pertinentes y ajustados a los lineamientos normativos y organizacionales.",
                    "Genera conocimientos técnicos de interés para la entidad, los cuales son aprehendidos y utilizados en el actuar de la organización.",
                ]),
            ("Creatividad e innovación",
                "Generar y desarrollar nuevas ideas, conceptos, métodos y soluciones orientados a mantener la competitividad de la entidad y el uso eficiente de los recursos.",
                [
                    "Apoya la generación de nuevas ideas y conceptos para el mejoramiento de la entidad.",
                    "Prevé situaciones y alternativas de solución que orienten la toma de decisiones de la alta dirección.",
                    "Reconoce y hace viables las oportunidades y las comparte con sus jefes para contribuir al logro de objetivos y metas institucionales.",
                    "Adelanta estudios o investigaciones y los documenta, para contribuir a la dinámica de la entidad y su competitividad.",
                ]),
            ("Iniciativa",
                "Anticiparse a los problemas proponiendo alternativas de solución.",
                [
                    "Prevé situaciones y alternativas de solución que orientan la toma de decisiones de la alta dirección.",
                    "Enfrenta los problemas y propone acciones concretas para solucionarlos.",
                    "Reconoce y hace viables las oportunidades.",
                ]),
            ("Construcción de relaciones",
                "Capacidad para relacionarse en diferentes entornos con el fin de cumplir los objetivos institucionales.",
                [
                    "Establece y mantiene relaciones cordiales y recíprocas con redes o grupos de personas internas y externas de la organización que faciliten la consecución de los objetivos institucionales.",
                    "Utiliza contactos para conseguir objetivos.",
                    "Comparte información para establecer lazos.",
                    "Interactúa con otros de un modo efectivo y adecuado.",
                ]),
            ("Conocimiento del entorno",
                "Conocer e interpretar la organización, su funcionamiento y sus relaciones con el entorno.",
                [
                    "Se informa permanentemente sobre políticas gubernamentales, problemas y demandas del entorno.",
                    "Comprende el entorno organizacional que enmarca las situaciones objeto de asesoría y lo toma como referente.",
                    "Identifica las fuerzas políticas que afectan la organización y las posibles alianzas y las tiene en cuenta al emitir sus conceptos técnicos.",
                    "Orienta el desarrollo de estrategias que concilien las fuerzas políticas y las alianzas en pro de la organización.",
                ]));

        Group(CompetencyGroup.Profesional,
            ("Aporte técnico-profesional",
                "Poner a disposición de la Administración sus saberes profesionales específicos y sus experiencias previas, gestionando la actualización de sus saberes expertos.",
                [
                    "Aporta soluciones alternativas en lo que refiere a sus saberes específicos.",
                    "Informa su experiencia específica en el proceso de toma de decisiones que involucran aspectos de su especialidad.",
                    "Anticipa problemas previsibles que advierte en su carácter de especialista.",
                    "Asume la interdisciplinariedad aprendiendo puntos de vista diversos y alternativos al propio, para analizar y ponderar soluciones posibles.",
                ]),
            ("Comunicación efectiva",
                "Establecer comunicación efectiva y positiva con superiores jerárquicos, pares y ciudadanos, tanto en la expresión escrita, como verbal y gestual.",
                [
                    "Utiliza canales de comunicación, en su diversa expresión, con claridad, precisión y tono agradable para el receptor.",
                    "Redacta textos, informes, mensajes, cuadros o gráficas con claridad en la expresión para hacer efectiva y sencilla la comprensión.",
                    "Mantiene escucha y lectura atenta a efectos de comprender mejor los mensajes o información recibida.",
                    "Da respuesta a cada comunicación recibida de modo inmediato.",
                ]),
            ("Gestión de procedimientos",
                "Desarrollar las tareas a cargo en el marco de los procedimientos vigentes y proponer e introducir acciones para acelerar la mejora continua y la productividad.",
                [
                    "Ejecuta sus tareas con los criterios de calidad establecidos.",
                    "Revisa procedimientos e instrumentos para mejorar tiempos y resultados y para anticipar soluciones a problemas.",
                    "Desarrolla las actividades de acuerdo con las pautas y protocolos definidos.",
                ]),
            ("Instrumentación de decisiones",
                "Decidir sobre las cuestiones en las que es responsable con criterios de economía, eficacia, eficiencia y transparencia de la decisión.",
                [
                    "Discrimina con efectividad entre las decisiones que deben ser elevadas a un superior, socializadas al equipo de trabajo o pertenecen a la esfera individual de trabajo.",
                    "Adopta decisiones sobre ellas con base en información válida y rigurosa.",
                    "Maneja criterios objetivos para analizar la materia a decidir con las personas involucradas.",
                    "Asume los efectos de sus decisiones y también de las adoptadas por el equipo de trabajo al que pertenece.",
                ]));

        Group(CompetencyGroup.ProfesionalConPersonalACargo,
            ("Dirección y desarrollo de personal",
                "Favorecer el aprendizaje y desarrollo de los colaboradores, identificando potencialidades personales y profesionales para facilitar el cumplimiento de los objetivos institucionales.",
                []),
            ("Toma de decisiones",
                "Elegir alternativas para solucionar problemas y ejecutar acciones concretas y consecuentes con la decisión.",
                []));

        Group(CompetencyGroup.Tecnico,
            ("Confiabilidad técnica",
                "Contar con los conocimientos técnicos requeridos y aplicarlos a situaciones concretas de trabajo, con altos estándares de calidad.",
                [
                    "Aplica el conocimiento técnico en el desarrollo de sus responsabilidades.",
                    "Mantiene actualizado su conocimiento técnico para apoyar su gestión.",
                    "Resuelve problemas utilizando conocimientos técnicos de su especialidad, para apoyar el cumplimiento de metas y objetivos institucionales.",
                    "Emite conceptos técnicos, juicios o propuestas claros, precisos, pertinentes y ajustados a los lineamientos normativos y organizacionales.",
                ]),
            ("Disciplina",
                "Adaptarse a las políticas institucionales y generar información acorde con los procesos.",
                [
                    "Recibe instrucciones y desarrolla actividades acorde con las mismas.",
                    "Acepta la supervisión constante.",
                    "Revisa de manera permanente los cambios en los procesos.",
                ]),
            ("Responsabilidad",
                "Conoce la magnitud de sus acciones y la forma de afrontarlas.",
                [
                    "Utiliza el tiempo de manera eficiente.",
                    "Maneja adecuadamente los implementos requeridos para la ejecución de su tarea.",
                    "Realiza sus tareas con criterios de productividad, calidad, eficiencia y efectividad.",
                    "Cumple con eficiencia la tarea encomendada.",
                ]));

        Group(CompetencyGroup.Asistencial,
            ("Manejo de la información",
                "Manejar con responsabilidad la información personal e institucional de que dispone.",
                [
                    "Maneja con responsabilidad las informaciones personales e institucionales de que dispone.",
                    "Evade temas que indagan sobre información confidencial.",
                    "Recoge solo información imprescindible para el desarrollo de la tarea.",
                    "Organiza y custodia de forma adecuada la información a su cuidado, teniendo en cuenta las normas legales y de la organización.",
                    "No hace pública la información laboral o de las personas que pueda afectar la organización o las personas.",
                    "Transmite información oportuna y objetiva.",
                ]),
            ("Relaciones interpersonales",
                "Establecer y mantener relaciones de trabajo positivas, basadas en la comunicación abierta y fluida y en el respeto por los demás.",
                [
                    "Escucha con interés y capta las necesidades de los demás.",
                    "Transmite la información de forma fidedigna evitando situaciones que puedan generar deterioro en el ambiente laboral.",
                    "Toma la iniciativa en el contacto con usuarios para dar avisos, citas o respuestas, utilizando un lenguaje claro para los destinatarios, especialmente con las personas que integran minorías con mayor vulnerabilidad social o con diferencias funcionales.",
                ]),
            ("Colaboración",
                "Coopera con los demás con el fin de alcanzar los objetivos institucionales.",
                [
                    "Articula sus actuaciones con las de los demás.",
                    "Cumple con los compromisos adquiridos.",
                    "Facilita la labor de sus superiores y compañeros de trabajo.",
                ]));

        return list;
    }
}
