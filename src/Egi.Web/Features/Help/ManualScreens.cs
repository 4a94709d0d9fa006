namespace Egi.Web.Features.Help;

/// <summary>Who a screenshot of the manual is taken as (the browser journey signs in the matching demo account).</summary>
public enum ManualAccount
{
    Anonymous,
    Evaluado,
    Jefe,
    TalentoHumano,
    Planeacion,
    Consulta,
}

/// <summary>
/// One screenshot of the user manual: <see cref="Key"/> names the image (<c>/img/manual/{Key}.jpg</c>), <see cref="Url"/>
/// is the screen, where <c>{evaluacion}</c> is the evaluado's own evaluation, <c>{por-aprobar}</c> the evaluation that
/// waits for the jefe's approval of a follow-up, and <c>{vigencia}</c> the open period. <see cref="Alt"/> describes it
/// for whoever does not see the image.
/// </summary>
public sealed record ManualScreen(string Key, ManualAccount Account, string Url, string Alt)
{
    public string Image => $"/img/manual/{Key}.jpg";
}

/// <summary>
/// The screenshots of the manual, in the order the manual shows them. The browser journey <c>ManualScreenshotsTests</c>
/// takes every one of them on the demo entity (so they never show a screen that no longer exists), and the manual page
/// can only show a screenshot listed here.
/// </summary>
public static class ManualScreens
{
    public static IReadOnlyList<ManualScreen> All { get; } =
    [
        new("ingreso", ManualAccount.Anonymous, "/Account/Login",
            "Página de ingreso: campos «Correo institucional» y «Contraseña» y el botón «Ingresar»."),
        new("evaluado-pendientes", ManualAccount.Evaluado, "/Pending",
            "«Mis pendientes» del evaluado: cada tarea con su plazo y el enlace a la pantalla donde se hace."),
        new("evaluado-mi-evaluacion", ManualAccount.Evaluado, "/Evaluations/Details/{evaluacion}",
            "«Mi evaluación»: estado de la evaluación, el paso siguiente con su botón y el historial de versiones."),
        new("evaluado-metas", ManualAccount.Evaluado, "/Evaluations/Goals/{evaluacion}",
            "Formulario «Formular mis metas»: por cada meta la descripción, el peso, el porcentaje concertado para el primer seguimiento, la fecha y la evidencia esperada."),
        new("jefe-por-aprobar", ManualAccount.Jefe, "/Evaluations/ToApprove",
            "«Por aprobar» del jefe: la lista «Esperan su acción» con el nombre de cada evaluado, el paso y desde cuándo espera."),
        new("jefe-aprobar-seguimiento", ManualAccount.Jefe, "/Evaluations/FollowUpApproval/{por-aprobar}",
            "Aprobación de un seguimiento: el avance y el relato que reportó el evaluado por meta, sus evidencias y los botones para aprobar, modificar o rechazar."),
        new("th-vigencia", ManualAccount.TalentoHumano, "/Periods/Details/{vigencia}",
            "Detalle de la vigencia: estado, ventanas de cada etapa y las acciones de abrir, cerrar o reabrir la vigencia."),
        new("th-importar-servidores", ManualAccount.TalentoHumano, "/Directory/Import",
            "«Importar servidores»: la plantilla para descargar, el campo del archivo y el botón «Revisar el archivo»."),
        new("th-puntos-de-control", ManualAccount.TalentoHumano, "/Control?etapa=1",
            "«Puntos de control»: los atrasados de la etapa, en quién espera cada evaluación y el envío de recordatorios a los seleccionados."),
        new("th-tablero", ManualAccount.TalentoHumano, "/Dashboard",
            "«Tablero»: avance de cada etapa por dependencia, distribución de niveles, pasos atrasados y alertas tempranas del primer seguimiento."),
        new("th-informe-etapa-1", ManualAccount.TalentoHumano, "/Reports/Stage1",
            "Informe de la etapa 1: metas concertadas por dependencia y la lista de servidores con su estado."),
        new("th-mejoramiento", ManualAccount.TalentoHumano, "/Improvement/Candidates",
            "«Quién requiere plan de mejoramiento individual»: cada persona con el motivo y las acciones de enviar el formato, agregar o quitar."),
        new("planeacion-planes", ManualAccount.Planeacion, "/Plans",
            "«Planes institucionales»: los planes de la vigencia y sus ítems, con la importación desde Excel."),
        new("planeacion-sesiones", ManualAccount.Planeacion, "/Sessions",
            "«Divulgación y socialización»: las sesiones programadas con fecha, lugar, público y asistencia."),
        new("consulta-plan-de-trabajo", ManualAccount.Consulta, "/WorkPlan",
            "«Plan de trabajo anual»: las actividades del procedimiento con responsable, fechas, estado y porcentaje de avance."),
        new("consulta-informe-anual", ManualAccount.Consulta, "/Reports/Annual",
            "Informe anual: por dependencia cuántas evaluaciones hay en cada estado, y por servidor las fechas de cada paso y su calificación."),
    ];

    public static ManualScreen Get(string key) =>
        All.FirstOrDefault(s => s.Key == key) ?? throw new ArgumentException($"No manual screenshot is called «{key}».", nameof(key));
}
