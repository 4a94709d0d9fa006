namespace Egi.Web.Data.Migrations;

/// <summary>
/// Data conversion of issue 13 item 10: the competency catalogue follows the published text of Decreto 815 de 2018
/// (Decreto 1083 de 2015 arts. 2.2.4.7 and 2.2.4.8, Función Pública's Gestor Normativo). Each entry that still holds the
/// text EGI seeded before (same name and definition, no conductas yet) gets the decree's definition and its conductas
/// asociadas; an entry Talento Humano edited (another name or definition) or one not seeded keeps what it has. The
/// table is frozen on purpose: it is what the application seeded before and the decree's text at this change, not
/// whatever <c>CompetencyCatalogue.DefaultEntries</c> says later. Plain UPDATEs that both providers run; running them
/// twice changes nothing.
/// </summary>
public static class DecreeCatalogueSql
{
    /// <summary>One seeded entry: its code and name, the definition EGI seeded, the decree's (null: the same) and its conductas.</summary>
    public sealed record Entry(string Code, string Name, string OldDefinition, string? NewDefinition, IReadOnlyList<string> Behaviors)
    {
        public string Definition => NewDefinition ?? OldDefinition;
    }

    /// <summary>The entries the conversion changes; the others (DIR-06, DIR-07, PRO-P-01, PRO-P-02) were not found in the decree's published text.</summary>
    public static readonly IReadOnlyList<Entry> Entries =
    [
        new("COM-01", "Aprendizaje continuo",
            "Identificar, incorporar y aplicar nuevos conocimientos sobre regulaciones vigentes, tecnologías disponibles, métodos y programas de trabajo, para mantener actualizada la efectividad de sus prácticas laborales y su visión del contexto.",
            null,
            [
                "Mantiene sus competencias actualizadas en función de los cambios que exige la administración pública en la prestación de un óptimo servicio.",
                "Gestiona sus propias fuentes de información confiable y/o participa de espacios informativos y de capacitación.",
                "Comparte sus saberes y habilidades con sus compañeros de trabajo, y aprende de sus colegas habilidades diferenciales, que le permiten nivelar sus conocimientos en flujos informales de inter-aprendizaje.",
            ]),
        new("COM-02", "Orientación a resultados",
            "Realizar las funciones y cumplir los compromisos organizacionales con eficacia, calidad y oportunidad.",
            null,
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
        new("COM-03", "Orientación al usuario y al ciudadano",
            "Dirigir las decisiones y acciones a la satisfacción de las necesidades e intereses de los usuarios internos y externos y de los ciudadanos, de conformidad con las responsabilidades públicas asignadas a la entidad.",
            "Dirigir las decisiones y acciones a la satisfacción de las necesidades e intereses de los usuarios (internos y externos) y de los ciudadanos, de conformidad con las responsabilidades públicas asignadas a la entidad.",
            [
                "Valora y atiende las necesidades y peticiones de los usuarios y de los ciudadanos de forma oportuna.",
                "Reconoce la interdependencia entre su trabajo y el de otros.",
                "Establece mecanismos para conocer las necesidades e inquietudes de los usuarios y ciudadanos.",
                "Incorpora las necesidades de usuarios y ciudadanos en los proyectos institucionales, teniendo en cuenta la visión de servicio a corto, mediano y largo plazo.",
                "Aplica los conceptos de no estigmatización y no discriminación y genera espacios y lenguaje incluyente.",
                "Escucha activamente e informa con veracidad al usuario o ciudadano.",
            ]),
        new("COM-04", "Compromiso con la organización",
            "Alinear el propio comportamiento a las necesidades, prioridades y metas organizacionales.",
            null,
            [
                "Promueve el cumplimiento de las metas de la organización y respeta sus normas.",
                "Antepone las necesidades de la organización a sus propias necesidades.",
                "Demuestra sentido de pertenencia en todas sus actuaciones.",
                "Toma iniciativa de colaborar con sus compañeros y con otras áreas cuando se requiere, sin descuidar sus tareas.",
            ]),
        new("COM-05", "Trabajo en equipo",
            "Trabajar con otros de forma integrada y armónica para la consecución de metas institucionales comunes.",
            null,
            [
                "Cumple los compromisos que adquiere con el equipo.",
                "Respeta la diversidad de criterios y opiniones de los miembros del equipo.",
                "Asume su responsabilidad como miembro de un equipo de trabajo y se enfoca en contribuir con el compromiso y la motivación de sus miembros.",
                "Planifica las propias acciones teniendo en cuenta su repercusión en la consecución de los objetivos grupales.",
                "Establece una comunicación directa con los miembros del equipo que permite compartir información e ideas en condición de respeto y cordialidad.",
                "Integra a los nuevos miembros y facilita su proceso de reconocimiento y apropiación de las actividades a cargo del equipo.",
            ]),
        new("COM-06", "Adaptación al cambio",
            "Enfrentar con flexibilidad las situaciones nuevas, asumiendo un manejo positivo y constructivo de los cambios.",
            "Enfrentar con flexibilidad las situaciones nuevas asumiendo un manejo positivo y constructivo de los cambios.",
            [
                "Acepta y se adapta fácilmente a las nuevas situaciones.",
                "Responde al cambio con flexibilidad.",
                "Apoya a la entidad en nuevas decisiones y coopera activamente en la implementación de nuevos objetivos, forma de trabajo y procedimientos.",
                "Promueve al grupo para que se adapten en las nuevas condiciones.",
            ]),
        new("DIR-01", "Visión estratégica",
            "Anticipar oportunidades y riesgos en el mediano y largo plazo para el área a cargo, la organización y su entorno, y comunicar al equipo la lógica de las decisiones directivas.",
            "Anticipar oportunidades y riesgos en el mediano y largo plazo para el área a cargo, la organización y su entorno, de modo tal que la estrategia directiva identifique la alternativa más adecuada frente a cada situación presente o eventual, comunicando al equipo la lógica de las decisiones directivas que contribuyan al beneficio de la entidad y del país.",
            [
                "Articula objetivos, recursos y metas de forma tal que los resultados generen valor.",
                "Adopta alternativas si el contexto presenta obstrucciones a la ejecución de la planeación anual, involucrando al equipo, aliados y superiores para el logro de los objetivos.",
                "Vincula a los actores con incidencia potencial en los resultados del área a su cargo, para articular acciones o anticipar negociaciones necesarias.",
                "Monitorea periódicamente los resultados alcanzados e introduce cambios en la planeación para alcanzarlos.",
                "Presenta nuevas estrategias ante aliados y superiores para contribuir al logro de los objetivos institucionales.",
                "Comunica de manera asertiva, clara y contundente el objetivo o la meta, logrando la motivación y compromiso de los equipos de trabajo.",
            ]),
        new("DIR-02", "Liderazgo efectivo",
            "Gerenciar equipos, optimizando la aplicación del talento disponible y creando un entorno positivo y de compromiso para el logro de los resultados.",
            null,
            [
                "Traduce la visión y logra que cada miembro del equipo se comprometa y aporte, en un entorno participativo y de toma de decisiones.",
                "Forma equipos y les delega responsabilidades y tareas en función de las competencias, el potencial y los intereses de los miembros del equipo.",
                "Crea compromiso y moviliza a los miembros de su equipo a gestionar, aceptar retos, desafíos y directrices, superando intereses personales para alcanzar las metas.",
                "Brinda apoyo y motiva a su equipo en momentos de adversidad, a la vez que comparte las mejores prácticas y desempeños y celebra el éxito con su gente, incidiendo positivamente en la calidad de vida laboral.",
                "Propicia, favorece y acompaña las condiciones para generar y mantener un clima laboral positivo en un entorno de inclusión.",
                "Fomenta la comunicación clara y concreta en un entorno de respeto.",
            ]),
        new("DIR-03", "Planeación",
            "Determinar eficazmente las metas y prioridades institucionales, identificando las acciones, los responsables, los plazos y los recursos requeridos para alcanzarlas.",
            null,
            [
                "Prevé situaciones y escenarios futuros.",
                "Establece los planes de acción necesarios para el desarrollo de los objetivos estratégicos, teniendo en cuenta actividades, responsables, plazos y recursos requeridos; promoviendo altos estándares de desempeño.",
                "Hace seguimiento a la planeación institucional, con base en los indicadores y metas planeadas, verificando que se realicen los ajustes y retroalimentando el proceso.",
                "Orienta la planeación institucional con una visión estratégica, que tiene en cuenta las necesidades y expectativas de los usuarios y ciudadanos.",
                "Optimiza el uso de los recursos.",
                "Concreta oportunidades que generan valor a corto, mediano y largo plazo.",
            ]),
        new("DIR-04", "Toma de decisiones",
            "Elegir entre dos o más alternativas para solucionar un problema o atender una situación, comprometiéndose con acciones concretas y consecuentes con la decisión.",
            null,
            [
                "Elige con oportunidad, entre las alternativas disponibles, los proyectos a realizar, estableciendo responsabilidades precisas con base en las prioridades de la entidad.",
                "Toma en cuenta la opinión técnica de los miembros de su equipo al analizar las alternativas existentes para tomar una decisión y desarrollarla.",
                "Decide en situaciones de alta complejidad e incertidumbre teniendo en consideración la consecución de logros y objetivos de la entidad.",
                "Efectúa los cambios que considera necesarios para solucionar los problemas detectados o atender situaciones particulares y se hace responsable de la decisión tomada.",
                "Detecta amenazas y oportunidades frente a posibles decisiones y elige de forma pertinente.",
                "Asume los riesgos de las decisiones tomadas.",
            ]),
        new("DIR-05", "Gestión del desarrollo de las personas",
            "Forjar un clima laboral en el que los intereses de los equipos y de las personas se armonicen con los objetivos y resultados de la organización, generando oportunidades de aprendizaje y desarrollo.",
            "Forjar un clima laboral en el que los intereses de los equipos y de las personas se armonicen con los objetivos y resultados de la organización, generando oportunidades de aprendizaje y desarrollo, además de incentivos para reforzar el alto rendimiento.",
            [
                "Identifica las competencias de los miembros del equipo, las evalúa y las impulsa activamente para su desarrollo y aplicación a las tareas asignadas.",
                "Promueve la formación de equipos con interdependencias positivas y genera espacios de aprendizaje colaborativo, poniendo en común experiencias, hallazgos y problemas.",
                "Organiza los entornos de trabajo para fomentar la polivalencia profesional de los miembros del equipo, facilitando la rotación de puestos y de tareas.",
                "Asume una función orientadora para promover y afianzar las mejores prácticas y desempeños.",
                "Empodera a los miembros del equipo dándoles autonomía y poder de decisión, preservando la equidad interna y generando compromiso en su equipo de trabajo.",
                "Se capacita permanentemente y actualiza sus competencias y estrategias directivas.",
            ]),
        new("ASE-01", "Confiabilidad técnica",
            "Contar con los conocimientos técnicos requeridos y aplicarlos a situaciones concretas de trabajo, con altos estándares de calidad.",
            null,
            [
                "Mantiene actualizados sus conocimientos para apoyar la gestión de la entidad.",
                "Conoce, maneja y sabe aplicar los conocimientos para el logro de resultados.",
                "Emite conceptos técnicos u orientaciones claros, precisos, pertinentes y ajustados a los lineamientos normativos y organizacionales.",
                "Genera conocimientos técnicos de interés para la entidad, los cuales son aprehendidos y utilizados en el actuar de la organización.",
            ]),
        new("ASE-02", "Creatividad e innovación",
            "Generar y desarrollar nuevas ideas, conceptos, métodos y soluciones.",
            "Generar y desarrollar nuevas ideas, conceptos, métodos y soluciones orientados a mantener la competitividad de la entidad y el uso eficiente de los recursos.",
            [
                "Apoya la generación de nuevas ideas y conceptos para el mejoramiento de la entidad.",
                "Prevé situaciones y alternativas de solución que orienten la toma de decisiones de la alta dirección.",
                "Reconoce y hace viables las oportunidades y las comparte con sus jefes para contribuir al logro de objetivos y metas institucionales.",
                "Adelanta estudios o investigaciones y los documenta, para contribuir a la dinámica de la entidad y su competitividad.",
            ]),
        new("ASE-03", "Iniciativa",
            "Anticiparse a los problemas proponiendo alternativas de solución.",
            null,
            [
                "Prevé situaciones y alternativas de solución que orientan la toma de decisiones de la alta dirección.",
                "Enfrenta los problemas y propone acciones concretas para solucionarlos.",
                "Reconoce y hace viables las oportunidades.",
            ]),
        new("ASE-04", "Construcción de relaciones",
            "Establecer y mantener relaciones cordiales y recíprocas con redes o grupos de personas internas y externas a la organización que faciliten la consecución de los objetivos institucionales.",
            "Capacidad para relacionarse en diferentes entornos con el fin de cumplir los objetivos institucionales.",
            [
                "Establece y mantiene relaciones cordiales y recíprocas con redes o grupos de personas internas y externas de la organización que faciliten la consecución de los objetivos institucionales.",
                "Utiliza contactos para conseguir objetivos.",
                "Comparte información para establecer lazos.",
                "Interactúa con otros de un modo efectivo y adecuado.",
            ]),
        new("ASE-05", "Conocimiento del entorno",
            "Conocer e interpretar la organización, su funcionamiento y sus relaciones con el entorno.",
            null,
            [
                "Se informa permanentemente sobre políticas gubernamentales, problemas y demandas del entorno.",
                "Comprende el entorno organizacional que enmarca las situaciones objeto de asesoría y lo toma como referente.",
                "Identifica las fuerzas políticas que afectan la organización y las posibles alianzas y las tiene en cuenta al emitir sus conceptos técnicos.",
                "Orienta el desarrollo de estrategias que concilien las fuerzas políticas y las alianzas en pro de la organización.",
            ]),
        new("PRO-01", "Aporte técnico-profesional",
            "Poner a disposición de la administración sus saberes profesionales específicos y sus experiencias previas, gestionando la actualización de sus saberes expertos.",
            "Poner a disposición de la Administración sus saberes profesionales específicos y sus experiencias previas, gestionando la actualización de sus saberes expertos.",
            [
                "Aporta soluciones alternativas en lo que refiere a sus saberes específicos.",
                "Informa su experiencia específica en el proceso de toma de decisiones que involucran aspectos de su especialidad.",
                "Anticipa problemas previsibles que advierte en su carácter de especialista.",
                "Asume la interdisciplinariedad aprendiendo puntos de vista diversos y alternativos al propio, para analizar y ponderar soluciones posibles.",
            ]),
        new("PRO-02", "Comunicación efectiva",
            "Establecer comunicación efectiva y positiva con superiores jerárquicos, pares y ciudadanos, tanto en la expresión escrita como verbal y gestual.",
            "Establecer comunicación efectiva y positiva con superiores jerárquicos, pares y ciudadanos, tanto en la expresión escrita, como verbal y gestual.",
            [
                "Utiliza canales de comunicación, en su diversa expresión, con claridad, precisión y tono agradable para el receptor.",
                "Redacta textos, informes, mensajes, cuadros o gráficas con claridad en la expresión para hacer efectiva y sencilla la comprensión.",
                "Mantiene escucha y lectura atenta a efectos de comprender mejor los mensajes o información recibida.",
                "Da respuesta a cada comunicación recibida de modo inmediato.",
            ]),
        new("PRO-03", "Gestión de procedimientos",
            "Desarrollar las tareas a cargo en el marco de los procedimientos vigentes y proponer e introducir acciones para acelerar la mejora continua y la productividad.",
            null,
            [
                "Ejecuta sus tareas con los criterios de calidad establecidos.",
                "Revisa procedimientos e instrumentos para mejorar tiempos y resultados y para anticipar soluciones a problemas.",
                "Desarrolla las actividades de acuerdo con las pautas y protocolos definidos.",
            ]),
        new("PRO-04", "Instrumentación de decisiones",
            "Decidir sobre las cuestiones en las que está involucrado.",
            "Decidir sobre las cuestiones en las que es responsable con criterios de economía, eficacia, eficiencia y transparencia de la decisión.",
            [
                "Discrimina con efectividad entre las decisiones que deben ser elevadas a un superior, socializadas al equipo de trabajo o pertenecen a la esfera individual de trabajo.",
                "Adopta decisiones sobre ellas con base en información válida y rigurosa.",
                "Maneja criterios objetivos para analizar la materia a decidir con las personas involucradas.",
                "Asume los efectos de sus decisiones y también de las adoptadas por el equipo de trabajo al que pertenece.",
            ]),
        new("TEC-01", "Confiabilidad técnica",
            "Contar con los conocimientos técnicos requeridos y aplicarlos a situaciones concretas de trabajo, con altos estándares de calidad.",
            null,
            [
                "Aplica el conocimiento técnico en el desarrollo de sus responsabilidades.",
                "Mantiene actualizado su conocimiento técnico para apoyar su gestión.",
                "Resuelve problemas utilizando conocimientos técnicos de su especialidad, para apoyar el cumplimiento de metas y objetivos institucionales.",
                "Emite conceptos técnicos, juicios o propuestas claros, precisos, pertinentes y ajustados a los lineamientos normativos y organizacionales.",
            ]),
        new("TEC-02", "Disciplina",
            "Adaptarse a las políticas institucionales y generar información acorde con los procesos.",
            null,
            [
                "Recibe instrucciones y desarrolla actividades acorde con las mismas.",
                "Acepta la supervisión constante.",
                "Revisa de manera permanente los cambios en los procesos.",
            ]),
        new("TEC-03", "Responsabilidad",
            "Conocer la magnitud de sus acciones y la forma de afrontarlas.",
            "Conoce la magnitud de sus acciones y la forma de afrontarlas.",
            [
                "Utiliza el tiempo de manera eficiente.",
                "Maneja adecuadamente los implementos requeridos para la ejecución de su tarea.",
                "Realiza sus tareas con criterios de productividad, calidad, eficiencia y efectividad.",
                "Cumple con eficiencia la tarea encomendada.",
            ]),
        new("ASI-01", "Manejo de la información",
            "Manejar con responsabilidad la información personal e institucional de que dispone.",
            null,
            [
                "Maneja con responsabilidad las informaciones personales e institucionales de que dispone.",
                "Evade temas que indagan sobre información confidencial.",
                "Recoge solo información imprescindible para el desarrollo de la tarea.",
                "Organiza y custodia de forma adecuada la información a su cuidado, teniendo en cuenta las normas legales y de la organización.",
                "No hace pública la información laboral o de las personas que pueda afectar la organización o las personas.",
                "Transmite información oportuna y objetiva.",
            ]),
        new("ASI-02", "Relaciones interpersonales",
            "Establecer y mantener relaciones de trabajo positivas, basadas en la comunicación abierta y fluida y en el respeto por los demás.",
            null,
            [
                "Escucha con interés y capta las necesidades de los demás.",
                "Transmite la información de forma fidedigna evitando situaciones que puedan generar deterioro en el ambiente laboral.",
                "Toma la iniciativa en el contacto con usuarios para dar avisos, citas o respuestas, utilizando un lenguaje claro para los destinatarios, especialmente con las personas que integran minorías con mayor vulnerabilidad social o con diferencias funcionales.",
            ]),
        new("ASI-03", "Colaboración",
            "Cooperar con los demás con el fin de cumplir los objetivos institucionales.",
            "Coopera con los demás con el fin de alcanzar los objetivos institucionales.",
            [
                "Articula sus actuaciones con las de los demás.",
                "Cumple con los compromisos adquiridos.",
                "Facilita la labor de sus superiores y compañeros de trabajo.",
            ]),
    ];

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Lines(IReadOnlyList<string> behaviors) => string.Join('\n', behaviors);

    public static IEnumerable<string> Up() => Entries.Select(e =>
        $"UPDATE \"CompetencyEntries\" SET \"Definition\" = {Quote(e.Definition)}, \"Behaviors\" = {Quote(Lines(e.Behaviors))} " +
        $"WHERE \"Code\" = {Quote(e.Code)} AND \"Name\" = {Quote(e.Name)} AND \"Definition\" = {Quote(e.OldDefinition)} AND \"Behaviors\" = '';");

    public static IEnumerable<string> Down() => Entries.Select(e =>
        $"UPDATE \"CompetencyEntries\" SET \"Definition\" = {Quote(e.OldDefinition)}, \"Behaviors\" = '' " +
        $"WHERE \"Code\" = {Quote(e.Code)} AND \"Name\" = {Quote(e.Name)} AND \"Definition\" = {Quote(e.Definition)} AND \"Behaviors\" = {Quote(Lines(e.Behaviors))};");
}
