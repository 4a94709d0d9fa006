using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Process;
using Egi.Web.Features.Control;
using Egi.Web.Notifications;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Egi.Web.Tests.Notifications;
using Egi.Web.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Egi.Web.Tests.Control;

/// <summary>
/// Control points (activity 17) with the fake clock: the demo period open with the goal window 01/11–07/12/2026
/// (Monday; 08/12 is a holiday). Camila's goals are agreed; Laura's wait on her jefe Carlos Suárez; Santiago's goal
/// step is reopened until 11/12/2026; everyone else is still formulating.
/// </summary>
public abstract partial class ControlPointsTests(SmtpHost host) : IAsyncLifetime
{
    private static readonly Actor TalentoHumano = new("th-prueba", null, "Talento Humano (prueba)", IsTalentoHumano: true);
    private readonly TestSmtpServer smtp = host.Smtp;
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
        await app.WithDbAsync(async d =>
        {
            var p = await d.Periods.SingleAsync(x => x.Id == scenario.PeriodId);
            Assert.Empty(p.SetWindows(p.Windows.Select(w => w.Stage == Stage.GoalSetting ? w with { End = new DateOnly(2026, 12, 7) } : w).ToList()));
            await d.SaveChangesAsync();
        });
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(50, 50), p.Context));
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.ApproveGoals(p.Evaluator, p.Context));
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.AcceptGoals(p.Evaluado, p.Context));
        await scenario.ActAsync(EvaluationScenario.Laura, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(60, 40), p.Context));
        await scenario.ActAsync(EvaluationScenario.Santiago, (e, p) => e.ReopenStep(TalentoHumano, EvaluationStep.Goals, new DateOnly(2026, 12, 11), "Prueba: incapacidad", p.Context));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private void Today(int month, int day) => app.Clock.SetUtcNow(new DateTimeOffset(2026, month, day, 15, 0, 0, TimeSpan.Zero));

    private Task<string> NameAsync(string document) => app.WithDbAsync(d => d.Servants.Where(s => s.DocumentNumber == document).Select(s => s.FirstNames + " " + s.LastNames).SingleAsync());

    private static IReadOnlyList<string> RowOf(IReadOnlyList<IReadOnlyList<string>> rows, string name) => rows.Single(r => r.Contains(name));

    private static async Task<string> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts the reminder form as the browser would (several «seleccion» values allowed).</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetStringAsync("/Control?etapa=1");
        var form = fields.Append(new("__RequestVerificationToken", HttpClientFormExtensions.AntiforgeryToken(page))).Append(new("etapa", "1"));
        return await client.PostAsync("/Control?handler=Send", new FormUrlEncodedContent(form));
    }


    [Fact]
    public async Task On_the_last_day_nobody_is_late_and_the_pending_show_the_days_left()
    {
        Today(12, 7);
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var html = await PageAsync(hr, "/Control?etapa=1");
        Assert.False(HtmlTables.HasTable(html, "tabla-atrasados"));
        Assert.Contains("Atrasados (0)", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        var soon = HtmlTables.Rows(html, "tabla-proximos");
        var laura = RowOf(soon, await NameAsync(EvaluationScenario.Laura));
        // Selección, Evaluado, Dependencia, Estado, En espera de, Quién debe actuar, Plazo, Días hábiles restantes
        Assert.Equal(["Aprobación de metas", "Evaluador", await NameAsync(EvaluationScenario.Carlos), "07/12/2026", "0"], laura.Skip(3));
        var camila = await NameAsync(EvaluationScenario.Camila);
        Assert.DoesNotContain(soon, r => r.Contains(camila));
    }

    [Fact]
    public async Task After_the_window_the_late_count_working_days_without_the_8_december_holiday_and_a_reopening_is_not_late()
    {
        Today(12, 9);
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var html = await PageAsync(hr, "/Control?etapa=1");
        var late = HtmlTables.Rows(html, "tabla-atrasados");
        var evaluations = await app.WithDbAsync(d => d.Evaluations.CountAsync(e => e.PeriodId == scenario.PeriodId));
        Assert.Equal(evaluations - 2, late.Count); // all but Camila (agreed) and Santiago (reopened)
        // 08/12 is a holiday: only 09/12 counts.
        Assert.Equal(["Aprobación de metas", "Evaluador", await NameAsync(EvaluationScenario.Carlos), "07/12/2026", "1"],
            RowOf(late, await NameAsync(EvaluationScenario.Laura)).Skip(3));
        var felipe = await NameAsync(EvaluationScenario.Felipe);
        Assert.Equal(["Formulación de metas", "Evaluado", felipe, "07/12/2026", "1"], RowOf(late, felipe).Skip(3));
        var camila = await NameAsync(EvaluationScenario.Camila);
        Assert.DoesNotContain(late, r => r.Contains(camila));

        var santiago = RowOf(HtmlTables.Rows(html, "tabla-proximos"), await NameAsync(EvaluationScenario.Santiago));
        Assert.Equal(["Formulación de metas", "Evaluado", await NameAsync(EvaluationScenario.Santiago), "11/12/2026", "2"], santiago.Skip(3));

        Today(12, 10);
        hr = await app.SignedInAsync(Accounts.TalentoHumano); // the session of yesterday has expired
        var nextDay = HtmlTables.Rows(await PageAsync(hr, "/Control?etapa=1"), "tabla-atrasados");
        Assert.Equal("2", RowOf(nextDay, await NameAsync(EvaluationScenario.Laura))[^1]);
    }

    [Fact]
    public async Task Talento_humano_reminds_the_selected_person_who_gets_an_email_with_the_exact_screen_and_a_record()
    {
        Today(12, 9);
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var laura = await scenario.EvaluationIdAsync(EvaluationScenario.Laura);
        var response = await SendAsync(hr, [new("vigencia", scenario.PeriodId.ToString(CultureInfo.InvariantCulture)), new("seleccion", laura.ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var mail = Assert.Single(await smtp.WaitForAsync(1));
        var carlos = await app.WithDbAsync(d => d.Servants.SingleAsync(s => s.DocumentNumber == EvaluationScenario.Carlos));
        Assert.Equal(carlos.Email, mail.To.Mailboxes.Single().Address);
        Assert.Contains("atrasada en «Formulación y concertación de metas»", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("1 día hábil de atraso", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal($"/Evaluations/Approval/{laura}", MailTestHelpers.LinkIn(mail));

        var record = Assert.Single(await app.WithDbAsync(d => d.Set<ReminderRecord>().ToListAsync()));
        Assert.Equal((ReminderOrigin.Manual, Stage.GoalSetting, laura, carlos.Id, ReminderRole.Evaluator, Accounts.TalentoHumano, mail.Subject),
            (record.Origin, record.Stage!.Value, record.EvaluationId!.Value, record.RecipientServantId!.Value, record.RecipientRole, record.SentBy, record.Subject));
        Assert.Equal(new DateTime(2026, 12, 9, 15, 0, 0), record.SentAt);
        Assert.Equal(1, await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.Action == "Enviar recordatorios")));

        var list = await PageAsync(hr, "/Control/Reminders");
        var row = Assert.Single(HtmlTables.Rows(list, "recordatorios"));
        Assert.Equal(["09/12/2026 10:00", "Vigencia 2026", "Formulación y concertación de metas", "Manual", carlos.FullName, carlos.Email, "Evaluador", mail.Subject!, Accounts.TalentoHumano], row);
    }

    [Fact]
    public async Task Select_all_reminds_every_late_person_and_nothing_selected_is_a_spanish_message()
    {
        Today(12, 9);
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var none = await SendAsync(hr, []);
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Contains("Seleccione al menos una persona", WebUtility.HtmlDecode(await none.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<ReminderRecord>().CountAsync()));

        var all = await SendAsync(hr, [new("todos", "atrasados")]);
        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        var evaluations = await app.WithDbAsync(d => d.Evaluations.CountAsync(e => e.PeriodId == scenario.PeriodId));
        var records = await app.WithDbAsync(d => d.Set<ReminderRecord>().ToListAsync());
        Assert.Equal(evaluations - 2, records.Count);
        Assert.All(records, r => Assert.Equal(ReminderOrigin.Manual, r.Origin));
        Assert.Equal(evaluations - 2, await app.WithDbAsync(d => d.OutboxMessages.CountAsync(m => m.Kind == nameof(Egi.Web.Notifications.MailKind.ControlReminder))));
        var page = WebUtility.HtmlDecode(await hr.GetStringAsync(all.Headers.Location!.OriginalString));
        Assert.Contains($"Se enviaron {evaluations - 2} recordatorios", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consulta_sees_the_control_points_but_cannot_send_and_others_are_refused()
    {
        Today(12, 9);
        var consulta = await app.SignedInAsync(Accounts.Consulta);
        var html = await PageAsync(consulta, "/Control?etapa=1");
        Assert.Equal(1, await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.Action == "Consultar" && a.EntityType == "Puntos de control")));
        Assert.Contains(await NameAsync(EvaluationScenario.Laura), html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"seleccion\"", html, StringComparison.Ordinal);
        var laura = await scenario.EvaluationIdAsync(EvaluationScenario.Laura);
        var post = await SendAsync(consulta, [new("seleccion", laura.ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<ReminderRecord>().CountAsync()));
        Assert.Equal(HttpStatusCode.OK, (await consulta.GetAsync("/Control/Reminders")).StatusCode);

        foreach (var url in new[] { "/Control", "/Control/Reminders", "/Dashboard" })
        {
            var anonymous = await app.NewClient().GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Contains("/Account/Login", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
            foreach (var email in new[] { Accounts.Evaluado, Accounts.Jefe, Accounts.Planeacion })
                Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInAsync(email)).GetAsync(url)).StatusCode);
        }
        var jefe = await app.SignedInAsync(Accounts.Jefe);
        var refused = await jefe.PostAsync("/Control?handler=Send", new FormUrlEncodedContent([new("seleccion", laura.ToString(CultureInfo.InvariantCulture))]));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_automatic_reminder_is_recorded_and_the_list_filters_by_origin_and_date_and_downloads_the_same_rows()
    {
        // 30/11/2026 07:00 Bogotá: five working days before the goal window closes (Monday 07/12).
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.FromHours(-5)));
        await app.Services.GetRequiredService<Scheduler>().RunDueAsync(default);
        var queued = await app.WithDbAsync(d => d.OutboxMessages.CountAsync(m => m.Kind == nameof(Egi.Web.Notifications.MailKind.StageClosing) || m.Kind == nameof(Egi.Web.Notifications.MailKind.DeadlineReminder)));
        Assert.True(queued > 20);
        var records = await app.WithDbAsync(d => d.Set<ReminderRecord>().Where(r => r.Topic == ReminderTopic.EvaluationStep).ToListAsync());
        Assert.Equal(queued, records.Count);
        Assert.All(records, r => Assert.Equal((ReminderOrigin.Automatic, "Sistema", Stage.GoalSetting), (r.Origin, r.SentBy, r.Stage!.Value)));
        Assert.Single(records, r => r.RecipientRole == ReminderRole.HumanResources);
        Assert.Single(records, r => r.RecipientRole == ReminderRole.Evaluator); // Laura's goals wait on Carlos

        Today(12, 9);
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var laura = await scenario.EvaluationIdAsync(EvaluationScenario.Laura);
        Assert.Equal(HttpStatusCode.Redirect, (await SendAsync(hr, [new("seleccion", laura.ToString(CultureInfo.InvariantCulture))])).StatusCode);

        Assert.Equal(queued + 1, HtmlTables.Rows(await PageAsync(hr, "/Control/Reminders"), "recordatorios").Count);
        var manual = HtmlTables.Rows(await PageAsync(hr, "/Control/Reminders?origen=manual"), "recordatorios");
        Assert.Equal("Manual", Assert.Single(manual)[3]);
        Assert.Equal(queued, HtmlTables.Rows(await PageAsync(hr, "/Control/Reminders?origen=automatico&hasta=2026-12-02"), "recordatorios").Count);
        Assert.Single(HtmlTables.Rows(await PageAsync(hr, "/Control/Reminders?desde=09/12/2026"), "recordatorios"));
        var bad = WebUtility.HtmlDecode(await PageAsync(hr, "/Control/Reminders?desde=ayer"));
        Assert.Contains("La fecha «Desde» debe tener el formato dd/mm/aaaa.", bad, StringComparison.Ordinal);

        var exports = await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.Action == "Exportar" && a.EntityType == "Registro de recordatorios"));
        var xlsx = await hr.PostFormAsync("/Control/Reminders?handler=Xlsx", new() { ["origen"] = "automatico" }, getUrl: "/Control/Reminders");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var file = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var sheet = file.Query(useHeaderRow: true, sheetName: "Recordatorios").Cast<IDictionary<string, object?>>()
            .Select(r => (IReadOnlyList<string>)r.Values.Select(v => v?.ToString() ?? "").ToList()).ToList();
        Assert.Equal(HtmlTables.Rows(await PageAsync(hr, "/Control/Reminders?origen=automatico"), "recordatorios"), sheet);
        Assert.Equal(exports + 1, await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.Action == "Exportar" && a.EntityType == "Registro de recordatorios")));
    }
}

public sealed class ControlPointsTestsSqlite(SmtpSqliteHost host) : ControlPointsTests(host), IClassFixture<SmtpSqliteHost>;

public sealed class ControlPointsTestsPostgres(SmtpPostgresHost host) : ControlPointsTests(host), IClassFixture<SmtpPostgresHost>;
