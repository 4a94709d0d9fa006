using System.Text;
using System.Text.RegularExpressions;
using Egi.BrowserTests.Infrastructure;
using Egi.Domain.Calendar;
using Egi.Domain.Common;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Egi.BrowserTests;

/// <summary>
/// Activities 8–15 through the real pages, as people do them: in the demo, Santiago Bermúdez's goals are agreed and
/// every step's window surrounds today. He fills his Autoevaluación I with an evidence file and sends it; his jefe
/// Felipe Navarro approves it; (the acceptance and the second follow-up are done through the domain to keep the suite
/// fast) Felipe rates the competencies; Santiago accepts the final result and reads the result sheet.
/// </summary>
public sealed class FollowUpJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Jefe = "felipe.navarro@egi-demo.gov.co";
    private const string SantiagoDocument = "1026345678";
    private static string Santiago => DemoData.EmailOf(20);

    [Fact]
    public Task Evaluado_self_evaluates_with_evidence_jefe_approves_and_rates_evaluado_accepts_the_result() =>
        InBrowserAsync(nameof(Evaluado_self_evaluates_with_evidence_jefe_approves_and_rates_evaluado_accepts_the_result), async page =>
        {
            // Santiago: Autoevaluación I with a PDF as evidence of goal 1, then sent to his jefe.
            await SignInAsync(page, Santiago);
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" }).GetByRole(AriaRole.Link, new() { Name = "Mi evaluación" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Registrar mi autoevaluación I" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Autoevaluación I");
            var progress = new[] { ("50", "Seis informes mensuales publicados."), ("40", "Modelo en validación."), ("50", "Consultas atendidas a tiempo.") };
            for (var i = 0; i < progress.Length; i++)
            {
                await page.Locator($"#Progress_{i}__AchievedPercent").FillAsync(progress[i].Item1);
                await page.Locator($"#Progress_{i}__Narrative").FillAsync(progress[i].Item2);
            }
            await page.GetByLabel("Meta", new() { Exact = true }).SelectOptionAsync("1");
            await page.GetByLabel("Archivo").SetInputFilesAsync(new FilePayload
            {
                Name = "informe-demanda-junio.pdf",
                MimeType = "application/pdf",
                Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n%informe de demanda\n" + new string(' ', 200)),
            });
            await page.GetByRole(AriaRole.Button, new() { Name = "Adjuntar evidencia" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Se adjuntó la evidencia" })).ToContainTextAsync("meta 1");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "informe-demanda-junio.pdf" })).ToBeVisibleAsync();
            await Expect(page.Locator("#Progress_1__Narrative")).ToHaveValueAsync("Modelo en validación."); // what he typed is kept
            await page.GetByRole(AriaRole.Button, new() { Name = "Enviar al jefe" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Envió su autoevaluación");
            await Expect(page.Locator("#estado-evaluacion")).ToHaveTextAsync("Aprobación de la evaluación I");
            var evaluationUrl = page.Url;

            // Felipe: sees the progress and the evidence, approves.
            await SwitchUserAsync(page, Jefe);
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" }).GetByRole(AriaRole.Link, new() { Name = "Por aprobar" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Revisar y aprobar el primer seguimiento de Santiago") }).ClickAsync();
            var main = page.GetByRole(AriaRole.Main);
            await Expect(main).ToContainTextAsync("Modelo en validación.");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "informe-demanda-junio.pdf" })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Aprobar el seguimiento" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Aprobó el primer seguimiento");

            // Santiago accepts it, reports the second follow-up and Felipe approves it (set up through the domain).
            await ToCompetencyRatingAsync();

            // Felipe rates the ten competencies of a profesional: Siempre everywhere.
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" }).GetByRole(AriaRole.Link, new() { Name = "Por aprobar" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Calificar las competencias de Santiago") }).ClickAsync();
            var always = page.GetByRole(AriaRole.Radio, new() { Name = "Siempre (4)" });
            await Expect(always).ToHaveCountAsync(10);
            for (var i = 0; i < 10; i++) await always.Nth(i).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Registrar la calificación" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Calificó las competencias");
            await Expect(page.Locator("#estado-evaluacion")).ToHaveTextAsync("Aceptación final");

            // Santiago reads the breakdown, accepts, and opens the result sheet.
            // Goals 50 × 90 % + 30 × 80 % + 20 × 100 % = 89; competencies 100; final 0,85 × 89 + 15 = 90,65.
            await SwitchUserAsync(page, Santiago);
            await page.GotoAsync(evaluationUrl);
            await page.GetByRole(AriaRole.Link, new() { Name = "Revisar y aceptar mi resultado final" }).ClickAsync();
            await Expect(page.Locator("#cr-final")).ToHaveTextAsync("90,65");
            await page.GetByRole(AriaRole.Button, new() { Name = "Aceptar", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("su evaluación quedó finalizada");
            await Expect(page.Locator("#estado-evaluacion")).ToHaveTextAsync("Finalizada");
            await page.GetByRole(AriaRole.Link, new() { Name = "Ver e imprimir la hoja de resultado" }).ClickAsync();
            main = page.GetByRole(AriaRole.Main);
            await Expect(page.Locator("#cr-goals")).ToHaveTextAsync("89,00");
            await Expect(page.Locator("#cr-final")).ToHaveTextAsync("90,65");
            await Expect(main).ToContainTextAsync("Sobresaliente");
            await Expect(main).ToContainTextAsync("Esta calificación no otorga derechos de carrera administrativa.");
        });

    /// <summary>From «Aceptación de la evaluación I» to «Calificación de competencias» with the domain, as the demo does.</summary>
    private async Task ToCompetencyRatingAsync()
    {
        using var scope = Fixture.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var santiago = await db.Servants.AsNoTracking().SingleAsync(s => s.DocumentNumber == SantiagoDocument);
        var period = await db.Periods.AsNoTracking().Where(p => p.Status == Egi.Domain.Calendar.PeriodStatus.Open).OrderByDescending(p => p.Year).FirstAsync();
        var e = await db.Evaluations.SingleAsync(x => x.PeriodId == period.Id && x.EvaluadoId == santiago.Id);
        Assert.Equal(EvaluationState.SelfEvaluationIAcceptance, e.State);
        async Task<Actor> ActorOf(int servantId, string name) =>
            new(await db.Users.Where(u => u.ServantId == servantId).Select(u => u.Id).SingleAsync(), servantId, name);
        var me = await ActorOf(santiago.Id, santiago.FullName);
        var boss = await ActorOf(e.EvaluatorId, "Felipe Antonio Navarro Restrepo");
        var now = clock.GetUtcNow();
        var today = BogotaTime.Day(now);
        var context = new EvaluationContext(today, now.UtcDateTime, period, santiago.HireDate);
        var second = new[] { 90, 80, 100 }
            .Select((a, i) => new GoalProgress { FollowUp = 2, GoalNumber = i + 1, AchievedPercent = a, Narrative = $"Avance de la meta {i + 1} al cierre del año." })
            .ToList();
        foreach (var step in new Func<Outcome>[]
        {
            () => e.AcceptSelfEvaluation(me, context),
            () => e.SubmitSelfEvaluation(me, 2, second, context),
            () => e.ApproveSelfEvaluation(boss, 2, context),
        })
        {
            var outcome = step();
            Assert.True(outcome.Succeeded, outcome.ToString());
        }
        await db.SaveChangesAsync();
        Assert.Equal(EvaluationState.CompetencyRating, e.State);
    }
}
