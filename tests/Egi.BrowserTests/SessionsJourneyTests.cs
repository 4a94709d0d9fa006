using Egi.BrowserTests.Infrastructure;
using Egi.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MiniExcelLibs;
using Xunit.Abstractions;

namespace Egi.BrowserTests;

/// <summary>
/// Activity 2 through the real pages: Talento Humano programs a socialization for the Oficina Asesora de Planeación for
/// next Wednesday and sends the invitations (an e-mail with a calendar file to each of the four). After the session it
/// records two attendances on screen and a third from the signed list (.xlsx), whose unknown document is refused first;
/// the attendance report shows 3 of 4.
/// </summary>
public sealed class SessionsJourneyTests(JourneyBrowserFixture fixture, ITestOutputHelper output) : JourneyTest(fixture, output)
{
    private const string Topic = "Uso de EGI para el primer seguimiento";
    private const string JhonDocument = "1014234987";
    private const string LauraDocument = "1032412876";

    private static FilePayload AttendanceList(params string[] documents)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(documents.Select(d => new Dictionary<string, object?> { ["Número de documento"] = d, ["Asistió"] = "Sí" }).ToArray(), sheetName: "Asistencia");
        return new FilePayload
        {
            Name = "asistencia-socializacion.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = stream.ToArray(),
        };
    }

    [Fact]
    public Task Talento_humano_programs_a_session_invites_records_the_attendance_and_reads_the_report() =>
        OnTheCalendarAsync(nameof(Talento_humano_programs_a_session_invites_records_the_attendance_and_reads_the_report), async page =>
        {
            // Programmed for Wednesday 21/10/2026, 09:00–11:00, for the Oficina Asesora de Planeación (four servants).
            await SignInAsync(page, Accounts.TalentoHumano);
            await page.GotoAsync("/Sessions");
            await page.GetByRole(AriaRole.Link, new() { Name = "Programar sesión" }).ClickAsync();
            await page.GetByLabel("Tipo", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Socialización (actividad 2)" });
            await page.GetByLabel("Tema", new() { Exact = true }).FillAsync(Topic);
            await page.GetByLabel("Fecha", new() { Exact = true }).FillAsync("2026-10-21");
            await page.GetByLabel("Hora de inicio (Bogotá)").FillAsync("09:00");
            await page.GetByLabel("Hora de fin (Bogotá)").FillAsync("11:00");
            await page.GetByLabel("Lugar", new() { Exact = true }).FillAsync("Auditorio, piso 3");
            await page.GetByLabel("Invitados", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Una dependencia" });
            await page.GetByLabel("Dependencia (si invita a una dependencia)").SelectOptionAsync(new SelectOptionValue { Label = "110 — Oficina Asesora de Planeación" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Programar sesión" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync($"Se programó la sesión «{Topic}» con 4 invitados.");
            await Expect(page.Locator("#registro tbody tr")).ToHaveCountAsync(4);
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("La sesión aún no se realiza");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Guardar asistencia" })).ToHaveCountAsync(0);
            var sessionUrl = page.Url;

            // The invitations: one e-mail per invitee, each with the calendar file.
            await page.GetByRole(AriaRole.Button, new() { Name = "Enviar citaciones" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Se enviaron 4 citaciones con el archivo de calendario (.ics).");
            await Expect(page.Locator("#registro tbody tr").Filter(new() { HasText = "Enviada" })).ToHaveCountAsync(4);
            var invitations = await DbAsync(db => db.OutboxMessages.AsNoTracking().Include(m => m.Attachments)
                .Where(m => m.Kind == nameof(MailKind.SessionInvitation) && m.Subject.Contains(Topic)).ToListAsync());
            Assert.Equal(4, invitations.Select(m => m.ToAddress).Distinct().Count());
            Assert.All(invitations, m => Assert.Contains(m.Attachments, a => a.FileName.EndsWith(".ics", StringComparison.Ordinal)));

            // 21/10/2026 at noon, after the session (a week later: signed in again): Carlos and Laura ticked on screen.
            MoveTo(2026, 10, 21, hour: 12);
            await SwitchUserAsync(page, Accounts.TalentoHumano);
            await page.GotoAsync(sessionUrl);
            await page.GetByLabel("Asistió Carlos Alberto Suárez Pinto").CheckAsync();
            await page.GetByLabel("Asistió Laura Marcela Herrera Ortiz").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Guardar asistencia" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Se guardó la asistencia: 2 de 4 invitados asistieron.");

            // The signed list, through the import pipeline's page: a document nobody invited is refused by row, and nothing
            // is recorded; the right list is previewed (Jhon is new) and confirmed.
            await page.GetByRole(AriaRole.Link, new() { Name = "importe la lista de asistencia (.xlsx o .csv)" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Importar la lista de asistencia" })).ToBeVisibleAsync();
            await page.GetByLabel("Lista de asistencia (.xlsx o .csv)").SetInputFilesAsync(AttendanceList(LauraDocument, "99999999"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Revisar la lista" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert).First).ToContainTextAsync("No se registró ninguna asistencia");
            await Expect(page.Locator("#errores tbody tr")).ToHaveCountAsync(1);
            await Expect(page.Locator("#errores tbody tr td").First).ToHaveTextAsync("3");
            await page.GetByLabel("Lista de asistencia (.xlsx o .csv)").SetInputFilesAsync(AttendanceList(LauraDocument, JhonDocument));
            await page.GetByRole(AriaRole.Button, new() { Name = "Revisar la lista" }).ClickAsync();
            await Expect(page.Locator("#cuenta-nuevos")).ToHaveTextAsync("1");
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirmar importación" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Se importó la lista «asistencia-socializacion.xlsx»: 2 asistentes (1 nuevos en el registro).");
            await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Invitados y asistencia (3 de 4 asistieron)" })).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Asistió Jhon Fredy Ramírez Cruz")).ToBeCheckedAsync();
            await Expect(page.GetByLabel("Asistió Diana Carolina Moreno Silva")).Not.ToBeCheckedAsync();

            // The attendance report: 3 of 4, 75 %.
            await page.GotoAsync("/Sessions");
            await page.GetByRole(AriaRole.Link, new() { Name = "Informe de asistencia" }).ClickAsync();
            var line = page.Locator("#por-sesion tbody tr").Filter(new() { HasText = Topic });
            await Expect(line.Locator("td.text-end").Nth(0)).ToHaveTextAsync("4");
            await Expect(line.Locator("td.text-end").Nth(1)).ToHaveTextAsync("3");
            await Expect(line.Locator("td.text-end").Nth(2)).ToHaveTextAsync("75,0 %");
        });
}
