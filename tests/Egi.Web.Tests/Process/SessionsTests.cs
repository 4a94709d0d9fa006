using System.Net;
using Egi.Domain.Process;
using Egi.Web.Features.Sessions;
using Egi.Web.Tests.Infrastructure;
using Egi.Web.Tests.Notifications;
using Egi.Web.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using MiniExcelLibs;

namespace Egi.Web.Tests.Process;

public abstract class SessionsTests(SmtpHost host) : IAsyncLifetime
{
    private readonly TestSmtpServer smtp = host.Smtp;
    private readonly EgiAppFactory app = host.App;

    // Grupo Interno de Trabajo de Información (310): servants 24–28 and 39.
    private static readonly string[] InformationGroup = ["53123456", "1024567890", "1015678234", "80567234", "1033456712", "1034987123"];

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<int> PeriodIdAsync() => app.WithDbAsync(d => d.Periods.Where(p => p.Year == 2026).Select(p => p.Id).SingleAsync());

    private Task<int> DependencyIdAsync(string code) => app.WithDbAsync(d => d.Dependencies.Where(x => x.Code == code).Select(x => x.Id).SingleAsync());

    private async Task<Dictionary<string, string>> FormAsync(SessionKind kind, string date, string start = "09:00", string end = "11:00",
        SessionAudience audience = SessionAudience.Dependency, string topic = "Uso de EGI para evaluadores y evaluados") => new()
        {
            ["Input.Kind"] = ((int)kind).ToString(),
            ["Input.Topic"] = topic,
            ["Input.Date"] = date,
            ["Input.StartTime"] = start,
            ["Input.EndTime"] = end,
            ["Input.Place"] = "Auditorio, piso 9",
            ["Input.Link"] = "https://teams.example.org/egi",
            ["Input.Audience"] = ((int)audience).ToString(),
            ["Input.DependencyId"] = (await DependencyIdAsync("310")).ToString(),
            ["Input.Description"] = "Traiga su computador.",
        };

    private async Task<int> CreateAsync(HttpClient client, Dictionary<string, string> form)
    {
        var url = $"/Sessions/Edit?periodId={await PeriodIdAsync()}";
        var response = await client.PostFormAsync(url, form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/Sessions/Details/", location);
        return int.Parse(location["/Sessions/Details/".Length..]);
    }

    private static async Task<IcsComponent> IcsOfAsync(MimeMessage mail)
    {
        var part = Assert.Single(mail.Attachments.OfType<MimePart>());
        Assert.Equal("text/calendar", part.ContentType.MimeType);
        Assert.Equal("REQUEST", part.ContentType.Parameters["method"]);
        Assert.NotNull(part.Content);
        using var content = new MemoryStream();
        await part.Content.DecodeToAsync(content);
        return IcsReader.Parse(content.ToArray()).Component("VEVENT");
    }

    [Fact]
    public async Task Invitations_arrive_over_smtp_with_a_calendar_file_and_a_change_updates_the_same_event()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var id = await CreateAsync(hr, await FormAsync(SessionKind.Socialization, "2026-12-10"));
        var details = WebUtility.HtmlDecode(await hr.GetStringAsync($"/Sessions/Details/{id}"));
        Assert.Contains("6 personas", details);
        Assert.Contains("Sin enviar", details);

        var send = await hr.PostFormAsync($"/Sessions/Details/{id}?handler=Send", new(), getUrl: $"/Sessions/Details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, send.StatusCode);
        var mails = await smtp.WaitForAsync(6);
        var emails = await app.WithDbAsync(d => d.Servants.Where(s => InformationGroup.Contains(s.DocumentNumber)).Select(s => s.Email).ToListAsync());
        Assert.Equal(emails.Order(), mails.Select(m => m.To.Mailboxes.Single().Address).Order());
        var first = mails[0];
        Assert.StartsWith("Citación: Socialización — Uso de EGI", first.Subject);
        Assert.Contains("jueves, 10/12/2026, de 09:00 a 11:00 (hora de Bogotá)", first.TextBody);

        var vevent = await IcsOfAsync(first);
        Assert.Equal($"egi-sesion-{id}@egi", vevent.One("UID").Value);
        Assert.Equal("20261210T090000", vevent.One("DTSTART").Value);
        Assert.Equal("America/Bogota", vevent.One("DTSTART").Param("TZID"));
        Assert.Equal("20261210T110000", vevent.One("DTEND").Value);
        Assert.Equal("America/Bogota", vevent.One("DTEND").Param("TZID"));
        Assert.Equal("0", vevent.One("SEQUENCE").Value);
        Assert.Equal("mailto:" + Accounts.TalentoHumano, vevent.One("ORGANIZER").Value);
        Assert.Equal(emails.Select(e => "mailto:" + e).Order(), vevent.All("ATTENDEE").Select(a => a.Value).Order());
        Assert.Equal("Auditorio\\, piso 9", vevent.One("LOCATION").Value);

        // Sending again without a change sends nothing new: nothing is queued, and a complete delivery pass sends nothing.
        await hr.PostFormAsync($"/Sessions/Details/{id}?handler=Send", new(), getUrl: $"/Sessions/Details/{id}");
        Assert.Equal(6, await app.WithDbAsync(d => d.OutboxMessages.CountAsync()));
        Assert.Equal(0, await app.DispatchOutboxAsync());
        Assert.Equal(6, smtp.Messages.Count);

        // A new time: the same UID with a higher SEQUENCE updates the entry in every calendar.
        var edited = await hr.PostFormAsync($"/Sessions/Edit?id={id}", await FormAsync(SessionKind.Socialization, "2026-12-11", "14:30", "16:00"));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Contains("Pendientes por enviar", WebUtility.HtmlDecode(await hr.GetStringAsync("/Sessions")));
        await hr.PostFormAsync($"/Sessions/Details/{id}?handler=Send", new(), getUrl: $"/Sessions/Details/{id}");
        var all = await smtp.WaitForAsync(12);
        var update = all.Skip(6).First();
        Assert.StartsWith("Actualización: Socialización", update.Subject);
        var updated = await IcsOfAsync(update);
        Assert.Equal($"egi-sesion-{id}@egi", updated.One("UID").Value);
        Assert.Equal("1", updated.One("SEQUENCE").Value);
        Assert.Equal("20261211T143000", updated.One("DTSTART").Value);
        Assert.Equal("20261211T160000", updated.One("DTEND").Value);

        Assert.Equal(2, await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.EntityType == SessionInvitations.AuditEntity && a.Action == "Enviar citaciones" && a.Summary.Contains("6 citaciones"))));
    }

    [Fact]
    public async Task Cancelling_a_session_removes_it_from_the_calendars_of_those_invited()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var id = await CreateAsync(hr, await FormAsync(SessionKind.Socialization, "2026-12-10"));
        await hr.PostFormAsync($"/Sessions/Details/{id}?handler=Send", new(), getUrl: $"/Sessions/Details/{id}");
        await smtp.WaitForAsync(6);
        var cancel = await hr.PostFormAsync($"/Sessions/Details/{id}?handler=Cancel", new(), getUrl: $"/Sessions/Details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        var cancellations = (await smtp.WaitForAsync(12)).Skip(6).ToList();
        Assert.Equal(6, cancellations.Count);
        Assert.All(cancellations, m => Assert.StartsWith("Cancelada: Socialización", m.Subject));
        var part = Assert.Single(cancellations[0].Attachments.OfType<MimePart>());
        Assert.Equal("CANCEL", part.ContentType.Parameters["method"]);
        Assert.NotNull(part.Content);
        using var content = new MemoryStream();
        await part.Content.DecodeToAsync(content);
        var calendar = IcsReader.Parse(content.ToArray());
        Assert.Equal("CANCEL", calendar.One("METHOD").Value);
        var vevent = calendar.Component("VEVENT");
        Assert.Equal($"egi-sesion-{id}@egi", vevent.One("UID").Value);
        Assert.Equal("1", vevent.One("SEQUENCE").Value);
        Assert.Equal("CANCELLED", vevent.One("STATUS").Value);
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<Session>().CountAsync()));
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.Action == "Cancelar" && a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task Bad_input_is_answered_in_spanish_next_to_the_field_and_nothing_is_saved()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var form = await FormAsync(SessionKind.Socialization, "31/02/2026", "11:00", "10:00");
        form["Input.Place"] = "";
        form["Input.Link"] = "reunión por teams";
        var response = await hr.PostFormAsync($"/Sessions/Edit?periodId={await PeriodIdAsync()}", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("La «Fecha» «31/02/2026» no es válida", html);
        Assert.Contains("debe ser posterior a la de inicio (11:00)", html);
        Assert.Contains("El «Enlace» debe ser una dirección web completa", html);
        Assert.Contains("role=\"alert\"", html);
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<Session>().CountAsync()));
    }

    [Fact]
    public async Task Attendance_is_marked_on_screen_and_imported_from_a_list_all_or_nothing_and_reported()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var id = await CreateAsync(hr, await FormAsync(SessionKind.Socialization, "2026-11-20"));
        var invitees = await app.WithDbAsync(d => d.Set<SessionInvitee>().Where(i => i.SessionId == id)
            .Join(d.Servants, i => i.ServantId, s => s.Id, (i, s) => new { i.Id, s.DocumentNumber }).ToListAsync());
        Assert.Equal(6, invitees.Count);

        // On screen: two attended.
        var marked = invitees.Where(i => i.DocumentNumber is "53123456" or "80567234").Select(i => i.Id).ToList();
        var page = await hr.GetAsync($"/Sessions/Details/{id}");
        var token = HttpClientFormExtensions.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", WebUtility.HtmlDecode(token)) };
        fields.AddRange(marked.Select(m => new KeyValuePair<string, string>("attended", m.ToString())));
        var saved = await hr.PostAsync($"/Sessions/Details/{id}?handler=Attendance", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("2 de 6", WebUtility.HtmlDecode(await hr.GetStringAsync($"/Sessions/Details/{id}")));

        // The attendance import (the pipeline every import shares): a list with a document that was not invited gives the
        // errors by row and column, no preview and nothing recorded.
        var import = $"/Sessions/Attendance/{id}";
        var bad = Xlsx(("Número de documento", "1024567890"), ("Número de documento", "79512340"));
        var refused = await hr.PostFileAsync(import, import, "Upload", "asistencia.xlsx", bad);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("No se registró ninguna asistencia", html);
        var error = Assert.Single(HtmlTables.Rows(html, "errores"));
        Assert.Equal(["3", "Número de documento", "79512340", "El documento 79512340 no está entre los invitados de la sesión."], error);
        Assert.DoesNotContain("name=\"Token\" value=\"", html);
        Assert.Equal(2, await app.WithDbAsync(d => d.Set<SessionInvitee>().CountAsync(i => i.SessionId == id && i.Attended)));

        // A good list (cédulas with thousands dots): a preview first, nothing recorded until it is confirmed.
        var good = Xlsx(("Cédula", "1.024.567.890"), ("Cédula", "53.123.456"));
        var preview = WebUtility.HtmlDecode(await (await hr.PostFileAsync(import, import, "Upload", "asistencia.xlsx", good)).Content.ReadAsStringAsync());
        Assert.Contains("Vista previa de «asistencia.xlsx»", preview);
        Assert.Equal(["2", "1024567890"], HtmlTables.Rows(preview, "cambios").Single().Take(2));
        Assert.Contains("id=\"cuenta-ya-registrados\">1<", preview);
        Assert.Equal(2, await app.WithDbAsync(d => d.Set<SessionInvitee>().CountAsync(i => i.SessionId == id && i.Attended)));
        var imported = await hr.PostFormAsync($"{import}?handler=Confirm", ConfirmFields(preview), getUrl: import);
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Equal($"/Sessions/Details/{id}", imported.Headers.Location!.OriginalString);
        Assert.Equal(3, await app.WithDbAsync(d => d.Set<SessionInvitee>().CountAsync(i => i.SessionId == id && i.Attended)));
        Assert.Equal(AttendanceSource.ImportedList, await app.WithDbAsync(d => d.Set<SessionInvitee>()
            .Where(i => i.SessionId == id).Join(d.Servants.Where(x => x.DocumentNumber == "1024567890"), i => i.ServantId, x => x.Id, (i, _) => i.AttendanceSource).SingleAsync()));
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.Action == "Importar asistencia" && a.EntityId == id.ToString())));
        // Every upload is audited like a download (issue 12, item 7): the refused list and the good one.
        Assert.Equal(2, await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.Action == "Cargar archivo" && a.EntityId == id.ToString()
            && a.Summary.Contains("«asistencia.xlsx»"))));
        var cancel = await hr.PostFormAsync($"/Sessions/Details/{id}?handler=Cancel", new(), getUrl: $"/Sessions/Details/{id}");
        Assert.Contains("ya tiene asistencia registrada", WebUtility.HtmlDecode(await cancel.Content.ReadAsStringAsync()));
        Assert.Equal(1, await app.WithDbAsync(d => d.Set<Session>().CountAsync()));

        // The report: per session and per dependencia, the same numbers in the .xlsx.
        var report = WebUtility.HtmlDecode(await hr.GetStringAsync("/Sessions/Report"));
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.Action == "Consultar" && a.EntityType == "Asistencia a sesiones"
            && a.Summary.Contains("(sesiones: 1; registros de asistencia: 6)"))));
        var sessionRow = Assert.Single(HtmlTables.Rows(report, "por-sesion"));
        Assert.Equal(["20/11/2026", "Socialización", "Uso de EGI para evaluadores y evaluados", "6", "3", "50,0 %"], sessionRow);
        var depRow = Assert.Single(HtmlTables.Rows(report, "por-dependencia"));
        Assert.Equal(["Grupo Interno de Trabajo de Información", "6", "3", "50,0 %"], depRow);

        var download = await hr.GetAsync($"/Sessions/Report?handler=Xlsx&periodId={await PeriodIdAsync()}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        using var file = new MemoryStream(await download.Content.ReadAsByteArrayAsync());
        var sessions = file.Query(useHeaderRow: true, sheetName: "Sesiones").Cast<IDictionary<string, object?>>().Single();
        Assert.Equal(new DateTime(2026, 11, 20), sessions["Fecha"]);
        Assert.Equal(6d, Convert.ToDouble(sessions["Invitados"]));
        Assert.Equal(3d, Convert.ToDouble(sessions["Asistentes"]));
        Assert.Equal(0.5d, Convert.ToDouble(sessions["% de asistencia"]), 6);
        file.Position = 0;
        var records = file.Query(useHeaderRow: true, sheetName: "Registro de asistencia").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(6, records.Count);
        Assert.Equal(3, records.Count(r => (string?)r["Asistió"] == "Sí"));
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.Action == "Exportar" && a.EntityType == "Asistencia a sesiones")));
    }

    private static Dictionary<string, string> ConfirmFields(string preview) => new()
    {
        ["Token"] = System.Text.RegularExpressions.Regex.Match(preview, "name=\"Token\" value=\"([0-9a-f]{32})\"").Groups[1].Value,
        ["Fingerprint"] = System.Text.RegularExpressions.Regex.Match(preview, "name=\"Fingerprint\" value=\"([0-9A-F]{32})\"").Groups[1].Value,
    };

    [Fact]
    public async Task An_attendance_list_is_refused_before_the_session_ends_and_a_stale_preview_is_shown_again()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        // 10/12/2026 has not come yet (the tests' clock is in November 2026).
        var coming = await CreateAsync(hr, await FormAsync(SessionKind.Socialization, "2026-12-10"));
        var early = await hr.PostFileAsync($"/Sessions/Attendance/{coming}", $"/Sessions/Attendance/{coming}", "Upload", "lista.xlsx",
            Xlsx(("Cédula", "53123456")));
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("la lista de asistencia se carga cuando termine", WebUtility.HtmlDecode(await early.Content.ReadAsStringAsync()));
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<SessionInvitee>().CountAsync(i => i.SessionId == coming && i.Attended)));

        var id = await CreateAsync(hr, await FormAsync(SessionKind.Socialization, "2026-11-20"));
        var import = $"/Sessions/Attendance/{id}";
        var preview = WebUtility.HtmlDecode(await (await hr.PostFileAsync(import, import, "Upload", "lista.xlsx",
            Xlsx(("Cédula", "53123456"), ("Cédula", "80567234")))).Content.ReadAsStringAsync());
        Assert.Contains("id=\"cuenta-nuevos\">2<", preview);
        // Someone marks one of them on screen in between: the confirmation shows the new preview and records nothing.
        var invitee = await app.WithDbAsync(d => d.Set<SessionInvitee>().Where(i => i.SessionId == id)
            .Join(d.Servants, i => i.ServantId, x => x.Id, (i, x) => new { i.Id, x.DocumentNumber }).SingleAsync(x => x.DocumentNumber == "53123456"));
        var page = await hr.GetStringAsync($"/Sessions/Details/{id}");
        var token = HttpClientFormExtensions.AntiforgeryToken(page);
        Assert.Equal(HttpStatusCode.Redirect, (await hr.PostAsync($"/Sessions/Details/{id}?handler=Attendance", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", WebUtility.HtmlDecode(token)), new("attended", invitee.Id.ToString())]))).StatusCode);
        var stale = await hr.PostFormAsync($"{import}?handler=Confirm", ConfirmFields(preview), getUrl: import);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var again = WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync());
        Assert.Contains("el registro de asistencia o los invitados cambiaron", again);
        Assert.Contains("id=\"cuenta-nuevos\">1<", again);
        Assert.Equal(1, await app.WithDbAsync(d => d.Set<SessionInvitee>().CountAsync(i => i.SessionId == id && i.Attended)));
        // The new preview confirms; a token that no longer exists is refused.
        Assert.Equal(HttpStatusCode.Redirect, (await hr.PostFormAsync($"{import}?handler=Confirm", ConfirmFields(again), getUrl: import)).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(d => d.Set<SessionInvitee>().CountAsync(i => i.SessionId == id && i.Attended)));
        var expired = await hr.PostFormAsync($"{import}?handler=Confirm", ConfirmFields(again), getUrl: import);
        Assert.Contains("ya venció", WebUtility.HtmlDecode(await expired.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Only_who_manages_the_session_imports_its_attendance()
    {
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var id = await CreateAsync(hr, await FormAsync(SessionKind.Socialization, "2026-11-20"));
        var import = $"/Sessions/Attendance/{id}";
        var template = await hr.GetAsync($"{import}?handler=Template");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        using (var book = new MemoryStream(await template.Content.ReadAsByteArrayAsync()))
        {
            var rows = book.Query(useHeaderRow: true, sheetName: "Asistencia").Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(InformationGroup.Order(), rows.Select(r => Convert.ToString(r["Número de documento"], System.Globalization.CultureInfo.InvariantCulture)).Order());
            Assert.All(rows, r => Assert.Equal("No", r["Asistió"]));
        }

        // Planeación manages divulgation sessions only; Consulta and an evaluado manage none.
        foreach (var who in new[] { Accounts.Planeacion, Accounts.Consulta, Accounts.Evaluado })
        {
            var client = await app.SignedInAsync(who);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(import)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{import}?handler=Template")).StatusCode);
        }
        var planning = await app.SignedInAsync(Accounts.Planeacion);
        var upload = await planning.PostFileAsync(import, "/Sessions", "Upload", "lista.xlsx", Xlsx(("Cédula", "53123456")));
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<SessionInvitee>().CountAsync(i => i.SessionId == id && i.Attended)));
        Assert.Equal(0, await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.Action == "Cargar archivo" && a.EntityId == id.ToString())));
        Assert.Equal(HttpStatusCode.NotFound, (await hr.GetAsync("/Sessions/Attendance/999999")).StatusCode);
    }

    private static byte[] Xlsx(params (string Header, string Value)[] rows)
    {
        var data = rows.Select(r => new Dictionary<string, object> { [r.Header] = r.Value }).ToList();
        using var ms = new MemoryStream();
        ms.SaveAs(data);
        return ms.ToArray();
    }

    [Fact]
    public async Task Planeacion_schedules_divulgation_only_consulta_reads_evaluado_and_anonymous_are_refused()
    {
        var planning = await app.SignedInAsync(Accounts.Planeacion);
        var refused = await planning.PostFormAsync($"/Sessions/Edit?periodId={await PeriodIdAsync()}", await FormAsync(SessionKind.Socialization, "2026-12-10"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Planeación programa solo sesiones de «Divulgación»", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<Session>().CountAsync()));
        var divulgation = await CreateAsync(planning, await FormAsync(SessionKind.Divulgation, "2026-12-10", topic: "Plan Estratégico Institucional 2026-2030"));

        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var socialization = await CreateAsync(hr, await FormAsync(SessionKind.Socialization, "2026-12-11"));
        Assert.Equal(HttpStatusCode.Forbidden, (await planning.GetAsync($"/Sessions/Edit?id={socialization}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await planning.PostFormAsync($"/Sessions/Details/{socialization}?handler=Send", new(), getUrl: $"/Sessions/Details/{divulgation}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await planning.GetAsync("/Sessions/Report?handler=Xlsx")).StatusCode);

        // Ley 1581: Planeación sees the invitees' names and document numbers only in its own divulgation sessions.
        var invited = await app.WithDbAsync(d => (from i in d.Set<SessionInvitee>()
                                                  join s in d.Servants on i.ServantId equals s.Id
                                                  where i.SessionId == socialization
                                                  select s.DocumentNumber).FirstAsync());
        var notOwn = WebUtility.HtmlDecode(await planning.GetStringAsync($"/Sessions/Details/{socialization}"));
        Assert.Contains("Invitados:", notOwn);
        Assert.DoesNotContain(invited, notOwn);
        Assert.DoesNotContain("<th scope=\"col\">Documento</th>", notOwn);
        var ownDocument = await app.WithDbAsync(d => (from i in d.Set<SessionInvitee>()
                                                      join s in d.Servants on i.ServantId equals s.Id
                                                      where i.SessionId == divulgation
                                                      select s.DocumentNumber).FirstAsync());
        Assert.Contains(ownDocument, await planning.GetStringAsync($"/Sessions/Details/{divulgation}"));
        Assert.Contains(invited, await hr.GetStringAsync($"/Sessions/Details/{socialization}"));

        var consulta = await app.SignedInAsync(Accounts.Consulta);
        var list = WebUtility.HtmlDecode(await consulta.GetStringAsync("/Sessions"));
        Assert.Contains("Plan Estratégico Institucional 2026-2030", list);
        Assert.DoesNotContain("Programar sesión", list);
        Assert.Equal(HttpStatusCode.OK, (await consulta.GetAsync($"/Sessions/Details/{divulgation}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await consulta.GetAsync("/Sessions/Edit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await consulta.PostFormAsync($"/Sessions/Details/{divulgation}?handler=Send", new(), getUrl: $"/Sessions/Details/{divulgation}")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(d => d.OutboxMessages.CountAsync()));

        foreach (var who in new[] { Accounts.Evaluado, Accounts.Jefe })
        {
            var client = await app.SignedInAsync(who);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Sessions")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Sessions/Details/{divulgation}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Sessions/Report")).StatusCode);
        }
        foreach (var url in new[] { "/Sessions", "/Sessions/Edit", $"/Sessions/Details/{divulgation}", "/Sessions/Report" })
            Assert.StartsWith("/Account/Login", (await app.NewClient().GetAsync(url)).Headers.Location!.PathAndQuery);
    }
}

public sealed class SessionsTestsSqlite(SmtpSqliteHost host) : SessionsTests(host), IClassFixture<SmtpSqliteHost>;

public sealed class SessionsTestsPostgres(SmtpPostgresHost host) : SessionsTests(host), IClassFixture<SmtpPostgresHost>;
