using System.Text.Encodings.Web;
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

    public RenderedEmail StageClosing(string name, string periodName, string stageLabel, DateOnly closes, int days, string link) => Compose(
        subject: $"EGI — «{stageLabel}» cierra el {closes:dd/MM/yyyy}",
        greeting: name,
        paragraphs:
        [
            $"La etapa «{stageLabel}» de la {periodName} cierra el {closes:dd/MM/yyyy} (en {days} días).",
            "Revise en EGI lo que tiene pendiente antes del cierre. Fuera de la ventana, el paso queda cerrado y solo Talento Humano puede reabrirlo.",
        ],
        action: "Ver mis pendientes",
        link: link,
        summary: $"«{stageLabel}» cierra el {closes:dd/MM/yyyy}.");

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
