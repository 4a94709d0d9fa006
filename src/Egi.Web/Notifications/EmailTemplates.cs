using System.Text.Encodings.Web;
using Egi.Domain.Evaluations;
using Egi.Domain.Scoring;
using Egi.Web.Features.Shared;
using Egi.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Egi.Web.Notifications;

/// <summary>A ready e-mail: subject, HTML and text bodies, a one-line summary for the inbox and the link to act.</summary>
public sealed record RenderedEmail(string Subject, string Html, string Text, string Summary, string? Link);

/// <summary>
/// Every e-mail the product sends, in Spanish, in one place. Values that come from people are
/// HTML-encoded here (never by the callers); links are absolute, built on Mail:BaseUrl.
/// </summary>
public sealed class EmailTemplates(IOptionsMonitor<MailOptions> mail, IOptionsMonitor<EgiOptions> egi, IServer server, IHostEnvironment env)
{
    // Encodes markup characters (&lt; &gt; &amp; quotes) but keeps accents readable in the source of the e-mail.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public string EntityName => egi.CurrentValue.EntityName;

    /// <summary>
    /// Absolute URL of a path of the application: on Mail:BaseUrl, else (only in Development) the address the server
    /// listens on. Never on the request's Host or scheme, which whoever sends the request chooses (a reset link could
    /// point to their host). Outside Development EGI does not start without Mail:BaseUrl (ProductionChecks).
    /// </summary>
    public string Url(string pathAndQuery)
    {
        var baseUrl = mail.CurrentValue.BaseUrl;
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            if (!env.IsDevelopment())
                throw new InvalidOperationException("Falta Mail:BaseUrl: fuera de Development los enlaces de los correos se construyen solo con ella.");
            baseUrl = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5166";
        }
        return baseUrl.TrimEnd('/') + "/" + pathAndQuery.TrimStart('/');
    }

    public RenderedEmail Invitation(string name, string link, int validDays) => Compose(
        subject: $"Bienvenido(a) a EGI — cree su contraseña",
        greeting: name,
        paragraphs:
        [
            $"{EntityName} le creó una cuenta en EGI, el sistema de Evaluación de la Gestión Institucional, con su correo institucional.",
            $"Para entrar por primera vez, cree su contraseña con el botón de abajo. El enlace sirve una sola vez y vence en {validDays} días; si vence, pida a Talento Humano que se lo envíe de nuevo.",
        ],
        action: "Crear mi contraseña",
        link: link,
        summary: "Cree su contraseña para entrar a EGI.");

    public RenderedEmail PasswordReset(string name, string link, int validHours) => Compose(
        subject: "EGI — restablecer su contraseña",
        greeting: name,
        paragraphs:
        [
            "Recibimos una solicitud para restablecer la contraseña de su cuenta en EGI.",
            $"Si fue usted, use el botón de abajo; el enlace sirve una sola vez y vence en {validHours} horas. Si no lo solicitó, ignore este mensaje: su contraseña no cambia.",
        ],
        action: "Restablecer contraseña",
        link: link,
        summary: "Restablezca su contraseña de EGI.");

    /// <summary>To Talento Humano: a stage window of the period closes in <paramref name="workingDays"/> working days.</summary>
    public RenderedEmail StageClosing(string name, string periodName, string stageLabel, DateOnly closes, int workingDays, string link) => Compose(
        subject: $"EGI — «{stageLabel}» cierra el {Date(closes)}",
        greeting: name,
        paragraphs:
        [
            $"La etapa «{stageLabel}» de la {periodName} cierra el {Date(closes)} ({In(workingDays)}).",
            "Revise en EGI quién tiene pasos pendientes antes del cierre. Fuera de la ventana, el paso queda cerrado y solo Talento Humano puede reabrirlo para una persona.",
        ],
        action: "Ver la vigencia",
        link: link,
        summary: $"«{stageLabel}» cierra el {Date(closes)}.");

    /// <summary>
    /// To the person on whom an evaluation waits: their deadline for the step comes in <see cref="DeadlineNotice.WorkingDaysLeft"/>
    /// working days — the stage window, a new servant's (or a late entry's) own days, or a reopening by Talento Humano.
    /// </summary>
    public RenderedEmail DeadlineReminder(DeadlineNotice n)
    {
        var own = n.Reader == NoticeReader.Evaluado;
        var deadline = Date(n.Deadline);
        var subject = own
            ? $"EGI — su plazo para «{n.StepLabel}» vence el {deadline}"
            : $"EGI — {n.EvaluadoName}: el plazo para «{n.StepLabel}» vence el {deadline}";
        var whose = own ? "su evaluación" : $"la evaluación de {n.EvaluadoName}";
        var situation = n.Source switch
        {
            DeadlineSource.NewServant when own =>
                $"Como servidor(a) nuevo(a), usted tiene un plazo propio para concertar sus metas de la {n.PeriodName}: vence el {deadline} ({In(n.WorkingDaysLeft)}), {n.NewServantDays} días hábiles después de su fecha de ingreso.",
            DeadlineSource.NewServant =>
                $"{n.EvaluadoName} ingresó durante el año y tiene un plazo propio para concertar sus metas de la {n.PeriodName}: vence el {deadline} ({In(n.WorkingDaysLeft)}), {n.NewServantDays} días hábiles después de su fecha de ingreso.",
            DeadlineSource.LateEntry when own =>
                $"Su evaluación de la {n.PeriodName} se abrió cuando usted entró a EGI, con la vigencia ya en curso: tiene un plazo propio para concertar sus metas, que vence el {deadline} ({In(n.WorkingDaysLeft)}), {n.NewServantDays} días hábiles después de esa apertura.",
            DeadlineSource.LateEntry =>
                $"La evaluación de {n.EvaluadoName} de la {n.PeriodName} se abrió cuando entró a EGI, con la vigencia ya en curso: tiene un plazo propio para concertar sus metas, que vence el {deadline} ({In(n.WorkingDaysLeft)}), {n.NewServantDays} días hábiles después de esa apertura.",
            DeadlineSource.Reopening =>
                $"Talento Humano reabrió «{n.StepLabel}» de {whose} ({n.PeriodName}) hasta el {deadline}: quedan {n.WorkingDaysLeft.ToString(Es)} día(s) hábil(es).",
            _ => $"La etapa «{n.StepLabel}» de la {n.PeriodName} cierra el {deadline} ({In(n.WorkingDaysLeft)}) y {whose} sigue pendiente.",
        };
        return Compose(subject, n.ReaderName,
            [
                situation,
                $"Lo que le corresponde a usted: {Lower(n.ActionText)}.",
                "Después de esa fecha el paso queda cerrado y solo Talento Humano puede reabrirlo.",
            ],
            n.ActionText, n.Link, $"Plazo de «{n.StepLabel}»: {deadline}. {n.ActionText}.");
    }

    /// <summary>The reminder Talento Humano sends from the control points (activity 17), late or closing soon.</summary>
    public RenderedEmail ControlReminder(ControlReminderNotice n)
    {
        var whose = n.Reader == NoticeReader.Evaluado ? "su evaluación" : $"la evaluación de {n.EvaluadoName}";
        var deadline = Date(n.Deadline);
        var subject = n.Late
            ? $"EGI — recordatorio: {whose} está atrasada en «{n.StageLabel}»"
            : $"EGI — recordatorio: «{n.StageLabel}» cierra el {deadline}";
        var situation = n.Late
            ? $"El plazo de «{n.StageLabel}» de la {n.PeriodName} venció el {deadline} y {whose} sigue en «{n.StateLabel}»: lleva {WorkingDays(n.WorkingDays)} de atraso."
            : $"El plazo de «{n.StageLabel}» de la {n.PeriodName} vence el {deadline} ({WorkingDays(n.WorkingDays)} restantes) y {whose} sigue en «{n.StateLabel}».";
        return Compose(subject, n.ReaderName,
            [
                situation,
                $"Lo que le corresponde a usted: {Lower(n.ActionText)}.",
                "Talento Humano le envía este recordatorio como parte del seguimiento al sistema de evaluación (punto de control, actividad 17 del procedimiento P-TH-10).",
            ],
            n.ActionText, n.Link,
            n.Late ? $"«{n.StageLabel}» venció el {deadline}: {n.ActionText}." : $"«{n.StageLabel}» cierra el {deadline}: {n.ActionText}.");
    }

    // ---------------------------------------------------------------- the evaluation workflow

    /// <summary>
    /// One event of an evaluation told to one reader: who acted is «usted» when the reader acted, the evaluado's name when
    /// the reader is the evaluator, «su evaluador» when the reader is the evaluado; the final rating names the score and
    /// the level. The button goes to the screen where the reader acts (<see cref="EvaluationNotice.ActionText"/>), or
    /// to the evaluation (or its result sheet) when there is nothing for them to do.
    /// </summary>
    public RenderedEmail Evaluation(EvaluationNotice n)
    {
        var (subject, paragraphs, summary) = EvaluationText(n);
        if (n.ActionText is null && n.Kind is not (MailKind.FinalAccepted or MailKind.CommitteeDecided) && !string.IsNullOrEmpty(n.StateLabel))
            paragraphs.Add($"Estado actual de la evaluación: {n.StateLabel}.");
        var action = n.ActionText ?? (n.Result is not null ? (n.Reader == NoticeReader.Evaluado ? "Ver mi hoja de resultado" : "Ver la hoja de resultado") : "Ver la evaluación");
        return Compose(subject, n.ReaderName, paragraphs, action, n.Link, summary);
    }

    private static (string Subject, List<string> Paragraphs, string Summary) EvaluationText(EvaluationNotice n)
    {
        var evaluado = n.EvaluadoName;
        var who = Who(n);
        var self = FollowUpName(n.FollowUp);
        var comment = string.IsNullOrWhiteSpace(n.Comment) ? null : n.Comment.Trim();
        var p = new List<string>();
        void Reason(string label)
        {
            if (comment is not null) p.Add($"{label}: {comment}");
        }
        string subject;
        string summary;
        switch (n.Kind)
        {
            case MailKind.GoalsSubmitted:
                subject = $"EGI — {evaluado} le envió sus metas para aprobar";
                p.Add($"{evaluado} envió sus metas y objetivos de la {n.PeriodName} para su aprobación.");
                p.Add("Revíselas: puede aprobarlas, modificarlas (justificando cada cambio) o rechazarlas con un motivo.");
                summary = $"{evaluado} le envió sus metas para aprobar.";
                break;
            case MailKind.GoalsApproved:
                subject = $"EGI — {Actor(n)} aprobó sus metas: falta su aceptación";
                p.Add($"{who} aprobó sus metas y objetivos de la {n.PeriodName} tal como usted las propuso.");
                Reason("Comentario");
                p.Add("Registre si las acepta: al aceptarlas quedan concertadas; si no las acepta, escriba el motivo y vuelven a formulación.");
                summary = $"{Actor(n)} aprobó sus metas: acéptelas o no.";
                break;
            case MailKind.GoalsModified:
                subject = $"EGI — {Actor(n)} modificó sus metas: revise los cambios";
                p.Add($"{who} modificó sus metas y objetivos de la {n.PeriodName}: {Changes(n.Changes)}, cada uno con su justificación.");
                p.Add("En la página de aceptación verá cada cambio, antes y después. Registre si acepta las metas modificadas; si no, escriba el motivo.");
                summary = $"{Actor(n)} modificó sus metas: revise los cambios.";
                break;
            case MailKind.GoalsRejected:
                subject = $"EGI — {Actor(n)} rechazó sus metas";
                p.Add($"{who} rechazó sus metas y objetivos de la {n.PeriodName}.");
                Reason("Motivo");
                p.Add("Ajústelas y envíelas de nuevo.");
                summary = $"{Actor(n)} rechazó sus metas: ajústelas y envíelas.";
                break;
            case MailKind.GoalsAgreed:
                subject = $"EGI — {evaluado} aceptó las metas: quedaron concertadas";
                p.Add($"{evaluado} aceptó las metas y objetivos de la {n.PeriodName}: quedaron concertadas. Sigue su autoevaluación del primer seguimiento.");
                summary = $"{evaluado} aceptó las metas: quedaron concertadas.";
                break;
            case MailKind.FollowUpNotApplicable:
                subject = n.Reader == NoticeReader.Evaluado
                    ? "EGI — sus metas quedaron concertadas; el primer seguimiento no aplica (ingreso posterior)"
                    : $"EGI — {evaluado} aceptó las metas; su primer seguimiento no aplica (ingreso posterior)";
                p.Add(n.Reader == NoticeReader.Evaluado
                    ? $"Sus metas y objetivos de la {n.PeriodName} quedaron concertadas."
                    : $"{evaluado} aceptó las metas y objetivos de la {n.PeriodName}: quedaron concertadas.");
                if (comment is not null) p.Add(comment);
                p.Add(n.Reader == NoticeReader.Evaluado
                    ? "Usted no presenta la autoevaluación I y sigue con la autoevaluación II."
                    : $"{evaluado} no presenta la autoevaluación I y sigue con la autoevaluación II.");
                summary = n.Reader == NoticeReader.Evaluado
                    ? "Sus metas quedaron concertadas; el primer seguimiento no aplica (ingreso posterior)."
                    : $"{evaluado} aceptó las metas; su primer seguimiento no aplica (ingreso posterior).";
                break;
            case MailKind.GoalsNotAccepted:
                subject = $"EGI — {evaluado} no aceptó las metas";
                p.Add($"{evaluado} no aceptó las metas y objetivos de la {n.PeriodName}.");
                Reason("Motivo");
                p.Add($"Las metas vuelven a «Formulación de metas»: {evaluado} las ajusta y se las envía de nuevo.");
                summary = $"{evaluado} no aceptó las metas.";
                break;
            case MailKind.FollowUpSubmitted:
                subject = $"EGI — {evaluado} le envió su {self} para aprobar";
                p.Add($"{evaluado} envió su {self} ({FollowUpLong(n.FollowUp)}, {n.PeriodName}): el % logrado, el relato y las evidencias de cada meta.");
                p.Add("Revísela: puede aprobarla, modificarla (justificando cada cambio) o rechazarla con un motivo.");
                summary = $"{evaluado} le envió su {self} para aprobar.";
                break;
            case MailKind.FollowUpApproved:
                subject = n.FollowUp == 1 ? $"EGI — {Actor(n)} aprobó su {self}: falta su aceptación" : $"EGI — {Actor(n)} aprobó su {self}";
                p.Add($"{who} aprobó su {self} ({FollowUpLong(n.FollowUp)}, {n.PeriodName}) sin cambios.");
                Reason("Comentario");
                p.Add(n.FollowUp == 1
                    ? "Registre si acepta la revisión; si no la acepta, escriba el motivo y la autoevaluación vuelve a sus manos."
                    : "Sigue la calificación de sus competencias comportamentales; cuando termine, recibirá su resultado final para aceptarlo.");
                summary = $"{Actor(n)} aprobó su {self}.";
                break;
            case MailKind.FollowUpModified:
                subject = n.FollowUp == 1 ? $"EGI — {Actor(n)} modificó su {self}: revise los cambios" : $"EGI — {Actor(n)} modificó su {self}";
                p.Add($"{who} modificó su {self} ({FollowUpLong(n.FollowUp)}, {n.PeriodName}): {Changes(n.Changes)}, cada uno con su justificación.");
                p.Add(n.FollowUp == 1
                    ? "En la página de aceptación verá cada cambio, antes y después. Registre si acepta la revisión; si no, escriba el motivo."
                    : "Sigue la calificación de sus competencias comportamentales; después recibirá su resultado final, con cada cambio antes y después, para aceptarlo.");
                summary = $"{Actor(n)} modificó su {self}.";
                break;
            case MailKind.FollowUpRejected:
                subject = $"EGI — {Actor(n)} rechazó su {self}";
                p.Add($"{who} rechazó su {self} ({FollowUpLong(n.FollowUp)}, {n.PeriodName}).");
                Reason("Motivo");
                p.Add("Corríjala y envíela de nuevo: lo que usted registró y sus evidencias se conservan.");
                summary = $"{Actor(n)} rechazó su {self}: corríjala y envíela.";
                break;
            case MailKind.FollowUpAccepted:
                subject = $"EGI — {evaluado} aceptó su {self}";
                p.Add($"{evaluado} aceptó la revisión de su {self} ({FollowUpLong(n.FollowUp)}, {n.PeriodName})."
                    + (n.FirstFollowUpScore is { } first ? $" Puntaje del primer seguimiento (informativo): {Score(first)}." : ""));
                if (n.EarlyWarningUpTo is { } upTo)
                    p.Add($"Es una alerta temprana: el puntaje quedó en el rango «No satisfactorio» de la vigencia (hasta {Score(upTo)}). "
                        + $"No es la calificación: acuerde con {evaluado} cómo cumplir las metas en el segundo seguimiento.");
                p.Add("Sigue el segundo seguimiento (autoevaluación II).");
                summary = $"{evaluado} aceptó su {self}.";
                break;
            case MailKind.FollowUpNotAccepted:
                subject = $"EGI — {evaluado} no aceptó la revisión de su {self}";
                p.Add($"{evaluado} no aceptó la revisión de su {self} ({FollowUpLong(n.FollowUp)}, {n.PeriodName}).");
                Reason("Motivo");
                p.Add($"La evaluación vuelve a «{FollowUpState(n.FollowUp)}»: {evaluado} la corrige y se la envía de nuevo.");
                summary = $"{evaluado} no aceptó la revisión de su {self}.";
                break;
            case MailKind.CompetenciesRated:
                {
                    var r = n.Result!;
                    subject = $"EGI — su resultado final: {Score(r.Final)} ({r.LevelLabel}): revíselo y acéptelo";
                    p.Add($"{who} calificó sus competencias comportamentales. Su calificación final de la {n.PeriodName} es {Score(r.Final)}, nivel {r.LevelLabel} "
                        + $"(metas {Score(r.GoalsComponent)}; competencias {Score(r.CompetenciesComponent)}).");
                    p.Add("Revise el detalle y registre si acepta el resultado; si no lo acepta, escriba el motivo y la evaluación vuelve a su autoevaluación II.");
                    summary = $"Su resultado final: {Score(r.Final)} ({r.LevelLabel}). Revíselo y acéptelo.";
                    break;
                }
            case MailKind.FinalAccepted when n.Reader == NoticeReader.Evaluado:
                {
                    var r = n.Result!;
                    subject = $"EGI — usted aceptó su resultado final: {Score(r.Final)} ({r.LevelLabel})";
                    p.Add($"Usted aceptó su calificación final de la {n.PeriodName}: {Score(r.Final)}, nivel {r.LevelLabel} "
                        + $"(metas {Score(r.GoalsComponent)}; competencias {Score(r.CompetenciesComponent)}). Su evaluación quedó finalizada.");
                    p.Add("Puede consultar e imprimir su hoja de resultado. Esta calificación no otorga derechos de carrera administrativa.");
                    summary = $"Usted aceptó su resultado final: {Score(r.Final)} ({r.LevelLabel}).";
                    break;
                }
            case MailKind.FinalAccepted:
                {
                    var r = n.Result!;
                    subject = $"EGI — {evaluado} aceptó su resultado final: {Score(r.Final)} ({r.LevelLabel})";
                    p.Add($"{evaluado} aceptó su calificación final de la {n.PeriodName}: {Score(r.Final)}, nivel {r.LevelLabel} "
                        + $"(metas {Score(r.GoalsComponent)}; competencias {Score(r.CompetenciesComponent)}). La evaluación quedó finalizada.");
                    summary = $"{evaluado} aceptó su resultado final: {Score(r.Final)} ({r.LevelLabel}).";
                    break;
                }
            case MailKind.FinalNotAccepted:
                subject = $"EGI — {evaluado} no aceptó su resultado final";
                p.Add($"{evaluado} no aceptó su calificación final de la {n.PeriodName}.");
                Reason("Motivo");
                p.Add($"La evaluación vuelve a «Autoevaluación II»: {evaluado} corrige su autoevaluación y se la envía de nuevo.");
                summary = $"{evaluado} no aceptó su resultado final.";
                break;
            case MailKind.EvaluatorAssigned:
                subject = n.Committee ? $"EGI — usted registra por la Comisión Evaluadora de {evaluado}" : $"EGI — ahora usted evalúa a {evaluado}";
                p.Add(n.Cause is { } cause
                    ? $"Por «{cause}», usted es ahora el evaluador de {evaluado} en la {n.PeriodName}."
                    : n.Committee
                        ? $"{who} asignó una Comisión Evaluadora a la evaluación de {evaluado} ({n.PeriodName}): usted registra por ella."
                        : $"{who} lo(a) designó evaluador(a) de {evaluado} en la {n.PeriodName}.");
                Reason("Motivo");
                p.Add("La evaluación pasa a usted con toda su historia.");
                summary = n.Committee ? $"Usted registra por la Comisión Evaluadora de {evaluado}." : $"Ahora usted evalúa a {evaluado}.";
                break;
            case MailKind.EvaluatorChanged:
                subject = $"EGI — su evaluación tiene un nuevo evaluador: {n.EvaluatorName}";
                p.Add(n.Cause is { } why
                    ? $"Por «{why}», {n.EvaluatorName} es ahora su evaluador(a) en la {n.PeriodName}."
                    : n.Committee
                        ? $"{who} asignó una Comisión Evaluadora a su evaluación de la {n.PeriodName}; registra por ella {n.EvaluatorName}."
                        : $"{who} designó a {n.EvaluatorName} como su evaluador(a) en la {n.PeriodName}.");
                Reason("Motivo");
                p.Add("Su evaluación sigue con toda su historia; el evaluador anterior registra una evaluación parcial de su avance.");
                summary = $"Su nuevo evaluador: {n.EvaluatorName}.";
                break;
            case MailKind.StepReopened:
                {
                    var until = n.Until is { } u ? Date(u) : "";
                    subject = $"EGI — se reabrió «{n.StepLabel}» hasta el {until}" + (n.Reader == NoticeReader.Evaluado ? "" : $": {evaluado}");
                    p.Add(n.Reader == NoticeReader.Evaluado
                        ? $"{who} reabrió para usted el paso «{n.StepLabel}» de su evaluación ({n.PeriodName}) hasta el {until}."
                        : $"{who} reabrió el paso «{n.StepLabel}» de la evaluación de {evaluado} ({n.PeriodName}) hasta el {until}.");
                    Reason("Motivo");
                    if (n.ActionText is not null)
                        p.Add($"Lo que le corresponde a usted: {Lower(n.ActionText)}. Después del {until}, el paso vuelve a cerrarse.");
                    summary = n.ActionText is null ? $"Se reabrió «{n.StepLabel}» hasta el {until}." : $"Se reabrió «{n.StepLabel}» hasta el {until}: {n.ActionText}.";
                    break;
                }
            case MailKind.EvaluationReopened:
                subject = n.Reader == NoticeReader.Evaluado ? "EGI — Talento Humano reabrió su evaluación" : $"EGI — Talento Humano reabrió la evaluación de {evaluado}";
                p.Add(n.Reader == NoticeReader.Evaluado
                    ? $"{who} reabrió su evaluación de la {n.PeriodName}, que estaba cerrada por retiro."
                    : $"{who} reabrió la evaluación de {evaluado} ({n.PeriodName}), que estaba cerrada por retiro.");
                Reason("Motivo");
                if (n.ActionText is not null) p.Add($"Lo que le corresponde a usted: {Lower(n.ActionText)}.");
                summary = n.Reader == NoticeReader.Evaluado ? "Su evaluación fue reabierta." : $"La evaluación de {evaluado} fue reabierta.";
                break;
            case MailKind.Escalated:
                subject = n.Reader switch
                {
                    NoticeReader.Recorder => $"EGI — registre la decisión de la Comisión Evaluadora: «{n.StepLabel}» de {evaluado}",
                    NoticeReader.Evaluado => $"EGI — «{n.StepLabel}» de su evaluación pasó a una Comisión Evaluadora",
                    _ => $"EGI — «{n.StepLabel}» de la evaluación de {evaluado} pasó a una Comisión Evaluadora",
                };
                p.Add(n.Reader == NoticeReader.Evaluado
                    ? $"{who} escaló el paso «{n.StepLabel}» de su evaluación ({n.PeriodName}) a una Comisión Evaluadora, tras los «no aceptar» repetidos. La comisión decide y su decisión es definitiva para ese paso."
                    : $"{who} escaló el paso «{n.StepLabel}» de la evaluación de {evaluado} ({n.PeriodName}) a una Comisión Evaluadora, tras los «no aceptar» repetidos. La comisión decide y su decisión es definitiva para ese paso.");
                Reason("Motivo");
                if (n.Reader == NoticeReader.Recorder) p.Add("Usted registra la decisión en nombre de la comisión.");
                summary = n.Reader == NoticeReader.Recorder ? $"Registre la decisión de la comisión sobre «{n.StepLabel}» de {evaluado}." : $"«{n.StepLabel}» pasó a una Comisión Evaluadora.";
                break;
            case MailKind.CommitteeDecided:
                subject = n.Reader == NoticeReader.Evaluado
                    ? $"EGI — la Comisión Evaluadora decidió «{n.StepLabel}» de su evaluación"
                    : $"EGI — la Comisión Evaluadora decidió «{n.StepLabel}» de la evaluación de {evaluado}";
                p.Add($"La Comisión Evaluadora decidió el paso «{n.StepLabel}» ({n.PeriodName}); su decisión es definitiva para ese paso.");
                Reason("Decisión");
                if (n.Result is { } decided)
                    p.Add($"Calificación final: {Score(decided.Final)}, nivel {decided.LevelLabel} (metas {Score(decided.GoalsComponent)}; competencias {Score(decided.CompetenciesComponent)}). La evaluación quedó finalizada.");
                else p.Add($"Estado actual de la evaluación: {n.StateLabel}.");
                if (n.ActionText is not null) p.Add($"Lo que le corresponde a usted: {Lower(n.ActionText)}.");
                summary = $"La comisión decidió «{n.StepLabel}».";
                break;
            case MailKind.Disagreement:
                subject = $"EGI — desacuerdo en la evaluación de {evaluado}";
                p.Add($"{evaluado} registró {n.NotAccepted.ToString(Es)} «no aceptar» en «{n.StepLabel}» ({n.PeriodName}).");
                Reason("Último motivo");
                p.Add("Puede escalar el paso a una Comisión Evaluadora, cuya decisión es definitiva.");
                summary = $"Desacuerdo en la evaluación de {evaluado}: puede escalarlo.";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(n), n.Kind, "No es un evento de la evaluación.");
        }
        return (subject, p, summary);
    }

    /// <summary>The outgoing evaluator owes the partial evaluation of their tenure (SPEC §4, change of evaluator, retiro).</summary>
    public RenderedEmail PartialOwed(string name, string evaluadoName, string periodName, string cause, DateOnly from, DateOnly to, string link) => Compose(
        subject: $"EGI — registre la evaluación parcial de {evaluadoName}",
        greeting: name,
        paragraphs:
        [
            $"Usted dejó de ser el evaluador de {evaluadoName} ({periodName}) por: {cause}.",
            $"Registre la evaluación parcial del {Date(from)} al {Date(to)}: el % logrado de cada meta a esa fecha y una observación. Talento Humano puede registrarla en su nombre o dispensarla.",
        ],
        action: "Registrar la evaluación parcial",
        link: link,
        summary: $"Registre la evaluación parcial de {evaluadoName}.");

    /// <summary>
    /// To Talento Humano: the retiro of <paramref name="retiree"/> took effect on <paramref name="date"/> and the open
    /// evaluations they evaluated (<paramref name="evaluados"/>) need a new jefe and owe that evaluator's partial.
    /// </summary>
    public RenderedEmail EvaluatorRetired(string name, string retiree, DateOnly date, IReadOnlyList<string> evaluados, string link)
    {
        const int Named = 10;
        var names = string.Join(", ", evaluados.Take(Named)) + (evaluados.Count > Named ? $" y {evaluados.Count - Named} más" : "");
        return Compose(
            subject: $"EGI — {retiree} se retiró y evaluaba a {evaluados.Count} servidor(es): asígneles un nuevo jefe",
            greeting: name,
            paragraphs:
            [
                $"El retiro de {retiree} se aplicó el {Date(date)}. Era el evaluador de {evaluados.Count} evaluación(es) abierta(s): {names}.",
                "Su cuenta quedó bloqueada, así que esas evaluaciones esperan a alguien que ya no puede ingresar a EGI: asígneles un nuevo jefe inmediato en el directorio (o reasigne cada evaluación desde su administración).",
                $"Las que ya tenían metas concertadas deben la evaluación parcial del periodo evaluado por {retiree}: regístrela en su nombre o dispénsela con un motivo, desde la administración de cada evaluación.",
            ],
            action: "Ver al servidor en el directorio",
            link: link,
            summary: $"{retiree} se retiró: {evaluados.Count} evaluación(es) necesitan un nuevo jefe.");
    }

    /// <summary>Who acted, as the reader reads it: «Usted», «Su evaluador, …», the evaluado's name, or Talento Humano.</summary>
    private static string Who(EvaluationNotice n)
    {
        if (n.ReaderActed) return "Usted";
        return n.ActorRole switch
        {
            ActorRole.Evaluado => n.EvaluadoName,
            ActorRole.Evaluator when n.Reader == NoticeReader.Evaluado => $"Su evaluador, {n.ActorName},",
            ActorRole.Committee => "La Comisión Evaluadora",
            ActorRole.TalentoHumano => $"{n.ActorName} (Talento Humano)",
            _ => n.ActorName,
        };
    }

    /// <summary>Who acted, short (subjects): the person, or the Comisión Evaluadora or Talento Humano as a body.</summary>
    private static string Actor(EvaluationNotice n) => n.ActorRole switch
    {
        ActorRole.Committee => "La Comisión Evaluadora",
        ActorRole.TalentoHumano => "Talento Humano",
        _ => n.ActorName,
    };

    private static string FollowUpName(int followUp) => followUp == 1 ? "autoevaluación I" : "autoevaluación II";

    private static string FollowUpLong(int followUp) => followUp == 1 ? "primer seguimiento" : "segundo seguimiento";

    private static string FollowUpState(int followUp) => followUp == 1 ? "Autoevaluación I" : "Autoevaluación II";

    private static string Changes(int n) => n == 1 ? "1 cambio" : $"{n.ToString(Es)} cambios";

    // ---------------------------------------------------------------- improvement plans (activities 18–20)

    /// <summary>Activity 18: the pre-filled format (attached by the caller) and the link to fill the plan online.</summary>
    public RenderedEmail ImprovementFormat(string name, bool toBoss, string servantName, string periodName, IReadOnlyList<string> reasons, string link) => Compose(
        subject: toBoss ? $"EGI — formato de mejoramiento individual de {servantName} ({periodName})" : $"EGI — su formato de mejoramiento individual ({periodName})",
        greeting: name,
        paragraphs:
        [
            toBoss
                ? $"De acuerdo con los resultados de la evaluación de la gestión institucional de la {periodName}, {servantName} requiere un plan de mejoramiento individual, que usted como jefe inmediato diligencia y concierta con el servidor."
                : $"De acuerdo con los resultados de su evaluación de la gestión institucional de la {periodName}, usted requiere un plan de mejoramiento individual, que diligencia y concierta con su jefe inmediato.",
            $"Motivo: {string.Join("; ", reasons)}.",
            "Adjuntamos el formato de mejoramiento individual prellenado. Puede diligenciarlo en línea con el botón de abajo: allí ambos lo confirman y se registra el seguimiento.",
        ],
        action: "Diligenciar el plan en línea",
        link: link,
        summary: toBoss ? $"Plan de mejoramiento individual de {servantName}: diligéncielo en línea." : "Su plan de mejoramiento individual: diligéncielo en línea.");

    /// <summary>Something changed in a plan that the other party must now see or do (activity 19).</summary>
    public RenderedEmail ImprovementPlanUpdate(string name, bool toBoss, string servantName, string periodName, PlanChange change, string link)
    {
        var whose = toBoss ? $"el plan de mejoramiento individual de {servantName}" : "su plan de mejoramiento individual";
        var (what, detail) = change == PlanChange.AspectsSaved
            ? ("revise y confirme el plan", "se guardaron cambios en los aspectos a mejorar: revíselos y confirme el plan (cada cambio retira las confirmaciones ya dadas).")
            : ("confirme el plan", "la otra parte ya lo confirmó: confírmelo usted para que quede concertado.");
        return Compose(
            subject: $"EGI — {Capital(whose)}: {what}",
            greeting: name,
            paragraphs: [$"En {whose} ({periodName}) {detail}"],
            action: "Ver el plan",
            link: link,
            summary: $"{Capital(whose)}: {what}.");
    }

    /// <summary>
    /// Talento Humano reopened a plan's steps for the person outside the stage's window (SPEC §3): the servant and the jefe
    /// may fill, confirm and follow it up until <paramref name="until"/>.
    /// </summary>
    public RenderedEmail ImprovementPlanReopened(string name, bool toBoss, string servantName, string periodName, DateOnly until, string reason, string link)
    {
        var whose = toBoss ? $"el plan de mejoramiento individual de {servantName}" : "su plan de mejoramiento individual";
        return Compose(
            subject: $"EGI — {Capital(whose)}: etapa reabierta hasta el {Date(until)}",
            greeting: name,
            paragraphs:
            [
                $"Talento Humano reabrió la etapa «Mejoramiento individual» de {whose} ({periodName}) hasta el {Date(until)}: hasta ese día "
                    + "pueden diligenciarlo, confirmarlo y registrar su seguimiento.",
                $"Motivo: {reason}",
            ],
            action: "Ver el plan",
            link: link,
            summary: $"{Capital(whose)}: etapa reabierta hasta el {Date(until)}.");
    }

    /// <summary>
    /// Activity 20: Talento Humano reminds a late plan: <paramref name="overdue"/> actions past their end date below 100 %,
    /// or (none) a plan not agreed yet, in <paramref name="statusLabel"/>.
    /// </summary>
    public RenderedEmail ImprovementReminder(string name, bool toBoss, string servantName, string periodName, int overdue, int progress, string statusLabel, string link)
    {
        var whose = toBoss ? $"el plan de mejoramiento individual de {servantName}" : "su plan de mejoramiento individual";
        var situation = overdue > 0
            ? $"{overdue.ToString(Es)} acción(es) del plan vencieron sin completarse (avance {progress.ToString(Es)} %)."
            : $"El plan está «{statusLabel}».";
        return Compose(
            subject: $"EGI — recordatorio: {whose}",
            greeting: name,
            paragraphs: [$"Le recordamos {whose} de la {periodName}. {situation}", "Revise el plan en EGI y registre el seguimiento o complete lo pendiente."],
            action: "Ver el plan",
            link: link,
            summary: $"Recordatorio: {whose}.");
    }

    /// <summary>An improvement plan's own dates: actions that end in <paramref name="workingDays"/> working days and are not done.</summary>
    public RenderedEmail ImprovementDeadline(string name, bool toBoss, string servantName, string periodName, DateOnly end, int workingDays,
        IReadOnlyList<string> actions, int progress, string link)
    {
        var whose = toBoss ? $"el plan de mejoramiento individual de {servantName}" : "su plan de mejoramiento individual";
        return Compose(
            subject: $"EGI — {Capital(whose)}: acciones que vencen el {Date(end)}",
            greeting: name,
            paragraphs:
            [
                $"En {whose} ({periodName}) vence(n) el {Date(end)} ({In(workingDays)}): {string.Join("; ", actions)}.",
                $"Avance registrado del plan: {progress.ToString(Es)} %. Registre el seguimiento en EGI antes de esa fecha.",
            ],
            action: "Registrar el seguimiento",
            link: link,
            summary: $"Acciones del plan de mejoramiento que vencen el {Date(end)}.");
    }

    // ---------------------------------------------------------------- accounts and sessions

    /// <summary>To an account's previous address: its e-mail changed in the directory (e-mail only).</summary>
    public RenderedEmail EmailChanged(string name, string oldEmail, string? newEmail, string link)
    {
        var what = $"Talento Humano cambió en el directorio el correo de su cuenta de EGI de {oldEmail} a {newEmail}.";
        return Compose("EGI — cambió el correo de su cuenta", name,
            [what, "Desde ahora inicia sesión con el correo nuevo; las sesiones abiertas se cerraron. Si usted no pidió este cambio, comuníquese con Talento Humano."],
            "Ir a EGI", link, what);
    }

    /// <summary>The citation to a divulgation or socialization session (activities 1–2), or its update; the .ics goes attached.</summary>
    public RenderedEmail SessionInvitation(string name, SessionNotice s, bool update)
    {
        var paragraphs = new List<string>
        {
            update
                ? $"Cambió la información de la sesión de {Lower(s.KindLabel)} «{s.Topic}». Estos son los datos vigentes; su calendario se actualiza con el archivo adjunto."
                : $"Está invitado(a) a la sesión de {Lower(s.KindLabel)} «{s.Topic}» del Sistema de Evaluación de la Gestión Institucional.",
            $"Cuándo: {s.When}.",
        };
        if (s.Place is not null) paragraphs.Add($"Lugar: {s.Place}.");
        if (s.MeetingLink is not null) paragraphs.Add($"Enlace de la reunión: {s.MeetingLink}");
        if (s.Description is not null) paragraphs.Add(s.Description);
        paragraphs.Add("Abra el archivo adjunto (.ics) para agregar la sesión a su calendario. Su asistencia quedará en el registro de asistencia.");
        return Compose((update ? "Actualización: " : "Citación: ") + $"{s.KindLabel} — {s.Topic} ({Date(s.Date)})", name, paragraphs,
            "Abrir EGI", s.Link, $"{s.KindLabel} «{s.Topic}», {s.When}.");
    }

    /// <summary>A session was cancelled; the attached .ics removes it from the calendar.</summary>
    public RenderedEmail SessionCancelled(string name, SessionNotice s) => Compose(
        subject: $"Cancelada: {s.KindLabel} — {s.Topic} ({Date(s.Date)})",
        greeting: name,
        paragraphs: [$"Se canceló la sesión de {Lower(s.KindLabel)} «{s.Topic}» del {s.When}.", "El archivo adjunto (.ics) la quita de su calendario."],
        action: "Abrir EGI",
        link: s.Link,
        summary: $"Se canceló la sesión «{s.Topic}».");

    // ---------------------------------------------------------------- kinds and formats

    /// <summary>The Spanish name of an e-mail's kind (the stable code stored in the outbox), for the outbox screen.</summary>
    public static string KindLabel(string code) => Enum.TryParse<MailKind>(code, out var kind) && Enum.IsDefined(kind) ? KindLabel(kind) : code;

    public static string KindLabel(MailKind kind) => kind switch
    {
        MailKind.Invitation => "Invitación",
        MailKind.PasswordReset => "Restablecer contraseña",
        MailKind.EmailChanged => "Cambio de correo",
        MailKind.GoalsSubmitted => "Metas enviadas",
        MailKind.GoalsApproved => "Metas aprobadas",
        MailKind.GoalsModified => "Metas modificadas",
        MailKind.GoalsRejected => "Metas rechazadas",
        MailKind.GoalsAgreed => "Metas concertadas",
        MailKind.GoalsNotAccepted => "Metas no aceptadas",
        MailKind.FollowUpSubmitted => "Autoevaluación enviada",
        MailKind.FollowUpApproved => "Autoevaluación aprobada",
        MailKind.FollowUpModified => "Autoevaluación modificada",
        MailKind.FollowUpRejected => "Autoevaluación rechazada",
        MailKind.FollowUpAccepted => "Seguimiento aceptado",
        MailKind.FollowUpNotAccepted => "Seguimiento no aceptado",
        MailKind.CompetenciesRated => "Resultado final para aceptar",
        MailKind.FinalAccepted => "Resultado final aceptado",
        MailKind.FinalNotAccepted => "Resultado final no aceptado",
        MailKind.FollowUpNotApplicable => "Seguimiento I no aplica",
        MailKind.EvaluatorAssigned => "Nuevo evaluado a cargo",
        MailKind.EvaluatorChanged => "Cambio de evaluador",
        MailKind.StepReopened => "Paso reabierto",
        MailKind.EvaluationReopened => "Evaluación reabierta",
        MailKind.Escalated => "Escalamiento a comisión",
        MailKind.CommitteeDecided => "Decisión de la comisión",
        MailKind.Disagreement => "Desacuerdo",
        MailKind.PartialOwed => "Evaluación parcial",
        MailKind.EvaluatorRetired => "Evaluador retirado",
        MailKind.EvaluationUpdate => "Evaluación",
        MailKind.StageClosing => "Cierre de etapa",
        MailKind.DeadlineReminder => "Recordatorio de plazo",
        MailKind.ControlReminder => "Recordatorio",
        MailKind.ImprovementFormat => "Formato de mejoramiento",
        MailKind.ImprovementPlanUpdate => "Plan de mejoramiento",
        MailKind.ImprovementReminder => "Recordatorio de plan de mejoramiento",
        MailKind.ImprovementDeadline => "Plazo del plan de mejoramiento",
        MailKind.SessionInvitation => "Citación a sesión",
        MailKind.PeriodReopened => "Vigencia reabierta",
        _ => kind.ToString(),
    };

    /// <summary>The codes whose Spanish name contains <paramref name="term"/> (lower case): how the outbox searches by kind.</summary>
    public static IReadOnlyList<string> KindsLabelled(string term) =>
        Enum.GetValues<MailKind>().Where(k => KindLabel(k).ToLower(Es).Contains(term, StringComparison.Ordinal)).Select(k => k.ToString()).ToList();

    private static readonly System.Globalization.CultureInfo Es = ServiceRegistration.Culture;

    private static string Date(DateOnly d) => Features.Shared.DateText.Date(d);

    private static string Score(decimal d) => d.ToString("0.00", Es);

    private static string WorkingDays(int n) => n == 1 ? "1 día hábil" : $"{n.ToString(Es)} días hábiles";

    /// <summary>«en 5 días hábiles», «hoy».</summary>
    private static string In(int workingDays) => workingDays <= 0 ? "hoy" : $"en {WorkingDays(workingDays)}";

    private static string Lower(string text) => text.Length == 0 ? text : char.ToLower(text[0], Es) + text[1..];

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpper(text[0], Es) + text[1..];

    /// <summary>
    /// A person's own deadline for a step (a new servant's days or a reopening by Talento Humano) comes in
    /// <paramref name="days"/> days: the stage's general window may have closed already, or close later.
    /// </summary>
    public RenderedEmail PersonalDeadline(string name, string periodName, string stageLabel, DateOnly deadline, int days, string link) => Compose(
        subject: $"EGI — su plazo para «{stageLabel}» vence el {deadline:dd/MM/yyyy}",
        greeting: name,
        paragraphs:
        [
            $"Su plazo para «{stageLabel}» de la {periodName} vence el {deadline:dd/MM/yyyy} (en {days} días). Es un plazo propio de esta evaluación: "
            + "el de un servidor que ingresó durante el año o el de un paso que Talento Humano reabrió.",
            "Revise en EGI lo que tiene pendiente antes de esa fecha. Después, el paso queda cerrado y solo Talento Humano puede reabrirlo.",
        ],
        action: "Ver la evaluación",
        link: link,
        summary: $"Su plazo para «{stageLabel}» vence el {deadline:dd/MM/yyyy}.");

    /// <summary>A generic notification (used by the workflow features): every value is encoded.</summary>
    public RenderedEmail Generic(string subject, string name, IReadOnlyList<string> paragraphs, string action, string link, string summary) =>
        Compose(subject, name, paragraphs, action, link, summary);

    private RenderedEmail Compose(string subject, string greeting, IReadOnlyList<string> paragraphs, string action, string link, string summary)
    {
        var entity = Html.Encode(EntityName);
        var html = new System.Text.StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"es-CO\"><head><meta charset=\"utf-8\"><title>")
            .Append(Html.Encode(subject)).Append("</title></head>")
            .Append("<body style=\"font-family:Arial,Helvetica,sans-serif;color:#212529;line-height:1.5\">")
            .Append("<div style=\"background:#004884;color:#ffffff;padding:12px 16px;font-weight:bold\">EGI · ").Append(entity).Append("</div>")
            .Append("<div style=\"padding:16px\">")
            .Append("<p>Hola, ").Append(Html.Encode(greeting)).Append(":</p>");
        foreach (var p in paragraphs) html.Append("<p>").Append(Html.Encode(p)).Append("</p>");
        html.Append("<p><a href=\"").Append(Html.Encode(link)).Append("\" style=\"display:inline-block;background:#004884;color:#ffffff;padding:10px 16px;text-decoration:none;border-radius:4px\">")
            .Append(Html.Encode(action)).Append("</a></p>")
            .Append("<p style=\"font-size:13px;color:#495057\">Si el botón no funciona, copie esta dirección en su navegador: ").Append(Html.Encode(link)).Append("</p>")
            .Append("<p style=\"font-size:13px;color:#495057\">Mensaje automático de EGI (procedimiento P-TH-10). No responda a este correo.</p>")
            .Append("</div></body></html>");

        var text = new System.Text.StringBuilder();
        text.Append("Hola, ").Append(greeting).Append(":\n\n");
        foreach (var p in paragraphs) text.Append(p).Append("\n\n");
        text.Append(action).Append(": ").Append(link).Append("\n\n")
            .Append("Mensaje automático de EGI — ").Append(EntityName).Append(". No responda a este correo.\n");
        return new RenderedEmail(subject, html.ToString(), text.ToString(), summary, link);
    }
}
