using System.Net;
using System.Text.RegularExpressions;
using Egi.Domain.Improvement;
using Egi.Domain.Scoring;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Egi.Web.Tests.Notifications;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static Egi.Web.Tests.Improvement.ImprovementKit;

namespace Egi.Web.Tests.Improvement;

/// <summary>
/// Activity 18 over real SMTP: «Enviar formato» e-mails the servant and the jefe the formato de mejoramiento individual
/// as an .xlsx pre-filled with the person's data and the results that triggered it, with a link to fill it online.
/// Also the two settings of the rule on the period's settings screen.
/// </summary>
public abstract partial class ImprovementFormatTests(SmtpHost host) : IAsyncLifetime
{
    private readonly TestSmtpServer smtp = host.Smtp;
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;
    private const string Camila = EvaluationScenario.Camila;

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static Dictionary<string, object?> Row(IDictionary<string, object> r) => r.ToDictionary(k => k.Key, k => (object?)k.Value);

    [Fact]
    public async Task The_format_arrives_to_servant_and_jefe_as_a_prefilled_xlsx_with_a_link_to_fill_it()
    {
        await FinishAsync(app, scenario, Camila);
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var candidates = $"/Improvement/Candidates?vigencia={scenario.PeriodId}";
        var sent = await hr.PostFormAsync($"/Improvement/Candidates?handler=Send&vigencia={scenario.PeriodId}", new(), getUrl: candidates);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var plan = (await PlanAsync(app, Camila))!;
        Assert.Equal(PlanStatus.FormatSent, plan.Status);

        var mails = await smtp.WaitForAsync(2);
        Assert.Equal(2, mails.Count);
        Assert.Equal(new[] { Accounts.Jefe, Accounts.Evaluado }.Order(), mails.Select(m => m.To.Mailboxes.Single().Address).Order());
        var period = await app.WithDbAsync(d => d.Periods.AsNoTracking().SingleAsync(p => p.Id == scenario.PeriodId));
        foreach (var mail in mails)
        {
            // Written for each reader: the jefe reads whose plan it is; Camila reads «su formato».
            Assert.Contains(mail.To.Mailboxes.Single().Address == Accounts.Jefe
                ? "formato de mejoramiento individual de Camila Andrea Salazar Nieto" : "su formato de mejoramiento individual", mail.Subject);
            Assert.Equal($"/Improvement/Plan/{plan.Id}", MailTestHelpers.LinkIn(mail));
            var attachment = Assert.Single(mail.Attachments.OfType<MimeKit.MimePart>());
            Assert.Equal($"formato-mejoramiento-{Camila}.xlsx", attachment.FileName);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", attachment.ContentType.MimeType);
            Assert.NotNull(attachment.Content);
            using var content = new MemoryStream();
            await attachment.Content.DecodeToAsync(content);

            content.Position = 0;
            Assert.Equal(["Datos", "Resultados", "Plan"], MiniExcel.GetSheetNames(content));
            content.Position = 0;
            var data = MiniExcel.Query(content, useHeaderRow: true, sheetName: "Datos").Cast<IDictionary<string, object>>()
                .ToDictionary(r => (string)r["Campo"], r => r["Valor"]?.ToString());
            Assert.Equal("Camila Andrea Salazar Nieto", data["Servidor"]);
            Assert.Equal(Camila, data["Documento"]);
            Assert.Equal("Felipe Antonio Navarro Restrepo", data["Jefe inmediato (evaluador)"]);
            Assert.Equal(period.Name, data["Vigencia"]);
            Assert.Equal("86,03", data["Calificación final"]);
            Assert.Equal("Satisfactorio", data["Nivel"]);
            Assert.False(string.IsNullOrWhiteSpace(data["Empleo"]));
            Assert.False(string.IsNullOrWhiteSpace(data["Dependencia"]));
            Assert.Equal($"https://egi.test/Improvement/Plan/{plan.Id}", data["Diligenciar en línea"]);

            content.Position = 0;
            var results = MiniExcel.Query(content, useHeaderRow: true, sheetName: "Resultados").Cast<IDictionary<string, object>>().Select(Row).ToList();
            Assert.Contains(results, r => (string?)r["Tipo"] == "Nivel" && (string?)r["Resultado"] == "86,03 (Satisfactorio)");
            Assert.Contains(results, r => (string?)r["Tipo"] == "Meta" && ((string?)r["Descripción"])!.StartsWith("Meta 1:", StringComparison.Ordinal) && (string?)r["Resultado"] == "90 % cumplido");
            Assert.Contains(results, r => (string?)r["Tipo"] == "Meta" && (string?)r["Resultado"] == "75 % cumplido");
            Assert.DoesNotContain(results, r => (string?)r["Tipo"] == "Competencia"); // «Trabajo en equipo» is Frecuentemente: not low

            content.Position = 0;
            var rows = MiniExcel.Query(content, useHeaderRow: true, sheetName: "Plan").Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(ImprovementFormatRows, rows.Count);
            Assert.Contains("Aspecto a mejorar", rows[0].Keys);
            Assert.Contains("Fecha de fin", rows[0].Keys);
            Assert.All(rows, r => Assert.Null(r["Acciones"]));
        }

        var again = await hr.PostFormAsync($"/Improvement/Candidates?handler=Send&vigencia={scenario.PeriodId}", new(), getUrl: candidates);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(d => d.OutboxMessages.CountAsync(m => m.Kind == nameof(Egi.Web.Notifications.MailKind.ImprovementFormat)))); // not sent twice
    }

    private const int ImprovementFormatRows = Egi.Web.Features.Improvement.ImprovementFormat.EmptyRows;

    [Fact]
    public async Task The_period_settings_show_both_thresholds_of_the_rule_with_default_and_source_and_save_them()
    {
        var url = $"/Periods/Settings/{scenario.PeriodId}";
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var html = await HtmlAsync(hr, url);
        Assert.Contains("Plan de mejoramiento si el nivel final queda", html);
        Assert.Contains("Predeterminado: por debajo de sobresaliente (satisfactorio o no satisfactorio). Fuente: SPEC §6: nivel final por debajo de «Sobresaliente».", html);
        Assert.Contains("<option value=\"Sobresaliente\" selected=\"selected\">", html);

        var form = await SettingsFormAsync(hr, url); // every input and select of the screen, with its chosen option
        form["Input.ImprovementLevelBelow"] = "Satisfactorio";
        var saved = await hr.PostFormAsync(url, form);
        Assert.True(HttpStatusCode.Redirect == saved.StatusCode, Regex.Match(await BodyAsync(saved), "role=\"alert\"[\\s\\S]{0,800}").Value);
        var period = await app.WithDbAsync(d => d.Periods.AsNoTracking().SingleAsync(p => p.Id == scenario.PeriodId));
        Assert.Equal(RatingLevel.Satisfactorio, period.Settings.ImprovementLevelBelow);

        form["Input.ImprovementLevelBelow"] = "Excelente";
        var refused = await hr.PostFormAsync(url, form);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Elija una opción de «Plan de mejoramiento si el nivel final queda».", await BodyAsync(refused));

        // With the new threshold, Camila's 86,03 (Satisfactorio) no longer requires a plan.
        await FinishAsync(app, scenario, Camila);
        Assert.Contains("Nadie requiere plan de mejoramiento", await HtmlAsync(hr, $"/Improvement/Candidates?vigencia={scenario.PeriodId}"));
    }
}

public sealed class ImprovementFormatTestsSqlite(SmtpSqliteHost host) : ImprovementFormatTests(host), IClassFixture<SmtpSqliteHost>;

public sealed class ImprovementFormatTestsPostgres(SmtpPostgresHost host) : ImprovementFormatTests(host), IClassFixture<SmtpPostgresHost>;
