using System.Globalization;
using System.Text.RegularExpressions;
using Egi.BrowserTests.Infrastructure;
using Egi.Domain.Calendar;
using Egi.Domain.Process;
using Egi.Web.Features.Control;
using Egi.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Xunit.Abstractions;

namespace Egi.BrowserTests;

/// <summary>
/// Activity 17 through the real pages: on Wednesday 18/11/2026 the goal-setting window of the demo period (until
/// 13/11/2026) has closed. Talento Humano opens the control points of that stage, selects every late person and sends
/// them a reminder; the record of reminders lists them, and each e-mail leaves through the outbox to the mail transport
/// (Camila Salazar's is read back from the delivered .eml).
/// </summary>
public sealed class RemindersJourneyTests(JourneyBrowserFixture fixture, ITestOutputHelper output) : JourneyTest(fixture, output)
{
    private const string CamilaName = "Camila Andrea Salazar Nieto";
    private static readonly string StageValue = ((int)Stage.GoalSetting).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public Task Talento_humano_reminds_every_late_person_and_the_e_mails_go_out() =>
        OnTheCalendarAsync(nameof(Talento_humano_reminds_every_late_person_and_the_e_mails_go_out), async page =>
        {
            MoveTo(2026, 11, 18);
            var sentFrom = new DateTime(2026, 11, 18, 0, 0, 0, DateTimeKind.Utc);

            // The control points of «Formulación y concertación de metas»: the late list, and everyone in it selected.
            await SignInAsync(page, Accounts.TalentoHumano);
            await page.GotoAsync("/Control");
            await page.GetByLabel("Etapa", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = StageValue });
            await page.GetByRole(AriaRole.Button, new() { Name = "Ver", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"[?&]etapa={StageValue}(&|$)"));
            var late = page.Locator("#tabla-atrasados");
            await Expect(late.Locator("caption")).ToContainTextAsync(Stage.GoalSetting.Label());
            await Expect(late).ToContainTextAsync(CamilaName);
            var heading = await page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex(@"^Atrasados \(\d+\)$") }).InnerTextAsync();
            var count = int.Parse(Regex.Match(heading, @"\((\d+)\)").Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.True(count > 1, $"Only {count} late in goal setting on 18/11/2026.");
            await page.GetByLabel(new Regex(@"^Seleccionar todos \(atrasados")).CheckAsync();
            await Expect(late.Locator("input[name=seleccion]:checked")).ToHaveCountAsync(await late.Locator("input[name=seleccion]").CountAsync());
            await page.GetByRole(AriaRole.Button, new() { Name = "Enviar recordatorio a los seleccionados" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Se enviaron" }))
                .ToHaveTextAsync($"Se enviaron {count} recordatorios. Quedan en el registro de recordatorios.");

            // The record: the manual reminders of that stage sent today, Camila's among them.
            await page.GetByRole(AriaRole.Link, new() { Name = "Ver el registro de recordatorios enviados" }).ClickAsync();
            await page.GetByLabel("Etapa", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = StageValue });
            await page.GetByLabel("Origen").SelectOptionAsync(new SelectOptionValue { Label = "Manual" });
            await page.GetByLabel("Desde").FillAsync("2026-11-18");
            await page.GetByRole(AriaRole.Button, new() { Name = "Filtrar" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "recordatorio(s)." })).ToHaveTextAsync($"{count} recordatorio(s).");
            var camila = page.Locator("#recordatorios tbody tr").Filter(new() { HasText = CamilaName });
            await Expect(camila).ToHaveCountAsync(1);
            await Expect(camila).ToContainTextAsync(Accounts.Evaluado);
            await Expect(camila).ToContainTextAsync("Manual");
            await Expect(camila).ToContainTextAsync("18/11/2026");

            // Behind the screens: one record and one e-mail per person, all delivered; Camila's reads as the reminder.
            Assert.Equal(count, await DbAsync(db => db.Set<ReminderRecord>().CountAsync(r => r.SentAt >= sentFrom && r.Origin == ReminderOrigin.Manual)));
            await DeliveredAsync(sentFrom, count);
            var subject = $"EGI — recordatorio: su evaluación está atrasada en «{Stage.GoalSetting.Label()}»";
            var folder = Fixture.App.Services.GetRequiredService<PickupMailTransport>().Folder;
            var delivered = Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f))
                .Where(m => m.To.Mailboxes.Any(a => a.Address == Accounts.Evaluado) && m.Subject == subject).ToList();
            var email = Assert.Single(delivered);
            Assert.Contains("lleva", email.TextBody, StringComparison.Ordinal);
            Assert.Contains("de atraso", email.TextBody, StringComparison.Ordinal);

            // Talento Humano's view of the system's e-mails shows it sent.
            await page.GotoAsync("/Notifications/Outbox");
            await page.GetByLabel("Buscar (destinatario, asunto, tipo)").FillAsync(Accounts.Evaluado);
            await page.GetByRole(AriaRole.Button, new() { Name = "Filtrar" }).ClickAsync();
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = subject });
            await Expect(row).ToContainTextAsync("Enviado el 18/11/2026");
        });

    /// <summary>
    /// Runs the outbox dispatcher, as its hosted worker does each round, until the <paramref name="expected"/> reminders
    /// queued since <paramref name="from"/> are all sent (the worker may be delivering some of them at the same time).
    /// </summary>
    private async Task DeliveredAsync(DateTime from, int expected)
    {
        var dispatcher = Fixture.App.Services.GetRequiredService<OutboxDispatcher>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await dispatcher.DispatchDueAsync(CancellationToken.None);
            var states = await DbAsync(db => db.OutboxMessages.Where(m => m.Kind == nameof(MailKind.ControlReminder) && m.CreatedAt >= from)
                .Select(m => m.State).ToListAsync());
            Assert.Equal(expected, states.Count);
            Assert.DoesNotContain(OutboxState.Failed, states);
            if (states.All(s => s == OutboxState.Sent)) return;
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"{states.Count(s => s != OutboxState.Sent)} reminders still unsent after 30 s.");
            await Task.Delay(50); // another delivery worker holds the rest: wait for it to finish them
        }
    }
}
