namespace Egi.Generator;

/// <summary>Pools of Colombian first names, surnames, dependencias and job titles for the generated entity.</summary>
internal static class Names
{
    public static readonly string[] Female =
    [
        "María", "Ana", "Luz", "Claudia", "Sandra", "Diana", "Paola", "Carolina", "Laura", "Natalia", "Andrea", "Marcela",
        "Adriana", "Gloria", "Martha", "Patricia", "Juliana", "Valentina", "Camila", "Daniela", "Tatiana", "Lorena", "Yuly",
        "Leidy", "Johana", "Ángela", "Beatriz", "Catalina", "Sofía", "Isabel", "Mónica", "Liliana", "Esperanza", "Luisa",
        "Jennifer", "Vanessa", "Paula", "Alejandra", "Margarita", "Rosa", "Gabriela", "Viviana", "Milena", "Yolanda",
        "Nelly", "Olga", "Consuelo", "Marisol", "Jimena", "Sara", "Mariana", "Manuela", "Estefanía", "Lina", "Ximena",
    ];

    public static readonly string[] Male =
    [
        "Juan", "Carlos", "Andrés", "Luis", "Jorge", "José", "Diego", "Felipe", "Santiago", "Sebastián", "Daniel", "Camilo",
        "Alejandro", "Fernando", "Ricardo", "Hernán", "Gustavo", "Óscar", "Édgar", "Mauricio", "Fabián", "Wilson", "Jhon",
        "Fredy", "Brayan", "Kevin", "Cristian", "Mateo", "Nicolás", "Julián", "Esteban", "Iván", "Alberto", "Eduardo",
        "Rafael", "Jaime", "Álvaro", "Germán", "Héctor", "Manuel", "Miguel", "Pablo", "Sergio", "Víctor", "William",
        "Harold", "Orlando", "Rodrigo", "Javier", "Gabriel", "David", "Samuel", "Emilio", "Martín", "Tomás",
    ];

    public static readonly string[] Surnames =
    [
        "Rodríguez", "Gómez", "González", "Martínez", "García", "López", "Hernández", "Sánchez", "Ramírez", "Pérez",
        "Díaz", "Muñoz", "Rojas", "Moreno", "Jiménez", "Vargas", "Castro", "Ortiz", "Rubio", "Suárez", "Torres", "Romero",
        "Álvarez", "Ruiz", "Mejía", "Herrera", "Medina", "Cárdenas", "Castillo", "Restrepo", "Ospina", "Arango", "Vélez",
        "Zapata", "Henao", "Montoya", "Uribe", "Cardona", "Giraldo", "Quintero", "Osorio", "Gutiérrez", "Acosta", "Parra",
        "Peña", "Cruz", "Salazar", "Guzmán", "Pardo", "León", "Ríos", "Mora", "Beltrán", "Rincón", "Forero", "Cano",
        "Quiroga", "Bermúdez", "Galeano", "Franco", "Navarro", "Pulido", "Vega", "Caicedo", "Marín", "Sierra", "Patiño",
        "Rivas", "Benítez", "Largo", "Duarte", "Lara", "Toro", "Correa", "Arbeláez", "Duque", "Camacho", "Rueda",
        "Cifuentes", "Gil", "Mendoza", "Nieto", "Lozano", "Cortés", "Ochoa", "Pinto", "Silva", "Acevedo", "Escobar",
        "Sarmiento", "Bustos", "Valencia", "Orozco", "Aguirre", "Botero", "Londoño", "Jaramillo", "Agudelo", "Carvajal",
        "Fonseca", "Barrera", "Villamil", "Reyes", "Morales", "Calderón", "Salamanca", "Niño", "Becerra", "Bonilla",
        "Chaparro", "Espinosa", "Figueroa", "Garzón", "Hurtado", "Ibáñez", "Lemus", "Munévar", "Ordóñez", "Prieto",
    ];

    /// <summary>Second-level dependencias (code, name, kind) and the grupos internos under each.</summary>
    public static readonly (string Code, string Name, bool Subdirection, string[] Groups)[] Dependencies =
    [
        ("110", "Oficina Asesora de Planeación", false,
            ["Planeación Estratégica", "Seguimiento y Evaluación", "Gestión de Proyectos de Inversión", "Sistema Integrado de Gestión"]),
        ("120", "Oficina Asesora Jurídica", false,
            ["Conceptos y Normatividad", "Defensa Judicial", "Cobro Coactivo", "Actos Administrativos"]),
        ("130", "Oficina de Control Interno", false,
            ["Auditorías Internas", "Seguimiento a Planes de Mejoramiento"]),
        ("140", "Oficina de Tecnologías de la Información", false,
            ["Infraestructura Tecnológica", "Sistemas de Información", "Seguridad Digital", "Mesa de Servicios", "Datos y Analítica"]),
        ("200", "Secretaría General", true,
            ["Gestión del Talento Humano", "Gestión Financiera", "Presupuesto", "Contabilidad", "Tesorería", "Contratación",
             "Gestión Documental", "Servicios Administrativos", "Atención al Ciudadano", "Control Interno Disciplinario"]),
        ("300", "Subdirección de Energía Eléctrica", true,
            ["Generación", "Transmisión", "Distribución", "Fuentes No Convencionales", "Interconexión Regional", "Eficiencia Energética"]),
        ("400", "Subdirección de Hidrocarburos", true,
            ["Gas Natural", "Combustibles Líquidos", "Abastecimiento", "Infraestructura de Hidrocarburos", "Precios y Subsidios"]),
        ("500", "Subdirección de Minería", true,
            ["Minería Formal", "Fiscalización Minera", "Minerales Estratégicos", "Formalización y Pequeña Minería", "Regalías"]),
        ("600", "Subdirección de Demanda e Información", true,
            ["Proyección de Demanda", "Estadísticas Sectoriales", "Información Geográfica", "Estudios Económicos", "Publicaciones", "Cooperación y Relacionamiento"]),
    ];

    public const string TalentoHumanoGroup = "Gestión del Talento Humano";

    /// <summary>Ordinary job titles by nivel: (title, code, grades).</summary>
    public static readonly (string Title, string Code, string[] Grades)[] Profesional =
    [
        ("Profesional Especializado", "2028", ["13", "15", "17", "19", "21", "23"]),
        ("Profesional Universitario", "2044", ["01", "05", "08", "09", "11"]),
    ];

    public static readonly (string Title, string Code, string[] Grades)[] Tecnico =
    [
        ("Técnico Administrativo", "3124", ["12", "14", "16", "18"]),
        ("Técnico Operativo", "3132", ["10", "12", "14"]),
    ];

    public static readonly (string Title, string Code, string[] Grades)[] Asistencial =
    [
        ("Auxiliar Administrativo", "4044", ["12", "14", "16", "18"]),
        ("Secretario", "4178", ["12", "14", "16"]),
        ("Secretario Ejecutivo", "4210", ["18", "20", "24"]),
        ("Conductor Mecánico", "4103", ["13", "15"]),
    ];

    public static readonly (string Description, string Evidence)[] Goals =
    [
        ("Elaborar los informes trimestrales de gestión de la dependencia", "Cuatro informes radicados"),
        ("Actualizar los procedimientos a cargo en el sistema de gestión de calidad", "Procedimientos publicados"),
        ("Atender las solicitudes ciudadanas asignadas dentro de los términos de ley", "Reporte del sistema de PQRSD"),
        ("Ejecutar el plan de acción de la dependencia en los plazos previstos", "Informe de seguimiento al plan de acción"),
        ("Depurar y documentar la información de los proyectos del sector", "Base de datos depurada e informe de calidad"),
        ("Apoyar la formulación del plan estratégico institucional", "Actas de las mesas de trabajo"),
        ("Gestionar los procesos contractuales asignados", "Expedientes contractuales completos"),
        ("Publicar los boletines y documentos técnicos programados", "Documentos publicados en el portal"),
        ("Consolidar las estadísticas mensuales del subsector", "Doce reportes estadísticos publicados"),
        ("Acompañar las mesas técnicas con los gremios y las regiones", "Actas y listas de asistencia"),
        ("Mantener actualizado el inventario documental de la dependencia", "Inventario documental aprobado"),
        ("Apoyar la logística de las audiencias públicas de rendición de cuentas", "Listas de asistencia y registro fotográfico"),
        ("Formular los estudios previos de los procesos asignados", "Estudios previos radicados"),
        ("Realizar el seguimiento a los indicadores de gestión del proceso", "Tablero de indicadores actualizado"),
    ];

    /// <summary>The PND's transformations and lines the entity serves.</summary>
    public static readonly (string Code, string Name)[] NationalItems =
    [
        ("T1", "Ordenamiento del territorio alrededor del agua y justicia ambiental"),
        ("T1.1", "Gestión del riesgo en los territorios mineros y energéticos"),
        ("T2", "Seguridad humana y justicia social"),
        ("T2.1", "Acceso universal a la energía en las zonas no interconectadas"),
        ("T4", "Transformación productiva, internacionalización y acción climática"),
        ("T4.1", "Transición energética justa, segura, confiable y eficiente"),
        ("T4.2", "Minería para la transición: minerales estratégicos"),
        ("T5", "Convergencia regional"),
        ("T5.1", "Entidades públicas territoriales y nacionales fortalecidas"),
        ("T5.2", "Gobierno digital para la gente"),
    ];

    /// <summary>The PEI's objectives and strategies.</summary>
    public static readonly (string Code, string Name)[] StrategicItems =
    [
        ("1", "Planeación integral y prospectiva del sector minero energético"),
        ("1.1", "Planes indicativos de expansión de generación y transmisión"),
        ("1.2", "Plan Nacional de Desarrollo Minero con enfoque territorial"),
        ("1.3", "Plan indicativo de abastecimiento de combustibles y gas natural"),
        ("1.4", "Proyecciones de demanda de energía y combustibles"),
        ("2", "Información sectorial confiable, oportuna y abierta"),
        ("2.1", "Sistema de Información Minero Energético actualizado"),
        ("2.2", "Datos abiertos y estadísticas del sector publicados"),
        ("2.3", "Información geográfica del sector integrada"),
        ("3", "Transición energética justa y diversificación de la matriz"),
        ("3.1", "Convocatorias de fuentes no convencionales de energía renovable"),
        ("3.2", "Eficiencia energética en el sector público"),
        ("3.3", "Soluciones energéticas para las zonas no interconectadas"),
        ("4", "Relacionamiento con los territorios y los grupos de interés"),
        ("4.1", "Mesas regionales y participación ciudadana"),
        ("4.2", "Rendición de cuentas permanente"),
        ("5", "Gestión institucional eficiente y transparente"),
        ("5.1", "Desarrollo y bienestar del talento humano"),
        ("5.2", "Gestión financiera y contractual oportuna"),
        ("5.3", "Gestión documental y atención al ciudadano"),
        ("5.4", "Seguridad digital y transformación tecnológica"),
        ("5.5", "Sistema integrado de gestión y control interno"),
    ];

    /// <summary>Items of a dependencia's plan de acción ({0}: the dependencia's name).</summary>
    public static readonly string[] ActionItems =
    [
        "Ejecutar el plan de adquisiciones de {0} en los plazos previstos",
        "Publicar el informe anual de gestión de {0}",
        "Cumplir las acciones de {0} en el plan anticorrupción y de atención al ciudadano",
        "Actualizar los procedimientos de {0} en el sistema integrado de gestión",
        "Atender en término las PQRSD asignadas a {0}",
        "Ejecutar el proyecto de inversión a cargo de {0}",
        "Cerrar las acciones del plan de mejoramiento de auditoría de {0}",
        "Reportar los indicadores de gestión de {0} cada trimestre",
        "Organizar y transferir el archivo de gestión de {0}",
        "Formular los estudios técnicos programados por {0}",
        "Socializar con los grupos de interés los resultados de {0}",
        "Actualizar el mapa de riesgos de los procesos de {0}",
        "Capacitar al equipo de {0} en los temas del plan institucional",
        "Publicar los conjuntos de datos abiertos de {0}",
        "Acompañar las mesas regionales en las que participa {0}",
        "Cumplir el cronograma de la rendición de cuentas de {0}",
    ];

    public static readonly string[] FirstNarratives =
    [
        "Avance del primer semestre según el cronograma, con los soportes en la carpeta de la dependencia.",
        "Se entregaron los productos previstos para el semestre; los soportes están en el enlace de evidencia.",
        "El avance es menor al pactado por la reprogramación de actividades del proceso; se ajustó el cronograma.",
        "Se cumplió lo pactado para el primer seguimiento y se adelantaron actividades del segundo semestre.",
    ];

    public static readonly string[] SecondNarratives =
    [
        "Resultado del año con los soportes registrados como evidencia.",
        "Meta cumplida en su totalidad; los productos están publicados y radicados.",
        "Se cumplió parcialmente por cambios en las prioridades de la dependencia, documentados en las actas.",
        "Se entregaron todos los productos del año; queda pendiente la socialización final.",
    ];
}
