using System.Text.RegularExpressions;
using Egi.BrowserTests.Infrastructure;
using Egi.Domain.Improvement;
using Egi.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Egi.BrowserTests;

/// <summary>
/// Activities 19–20 through the real pages: Talento Humano already sent the formato de mejoramiento individual of Brayan
/// Guzmán (set up through the domain); his jefe Felipe Navarro fills the plan online and confirms it, Brayan confirms it
/// (Concertado) and records a follow-up at 100 %, and Felipe closes it.
/// </summary>
public sealed class ImprovementJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Jefe = "felipe.navarro@egi-demo.gov.co";
    private const string BrayanDocument = "1031234567";
    private const string BrayanName = "Brayan Stiven Guzmán Rojas";
    private static string Brayan => DemoData.EmailOf(23);

    /// <summary>Brayan's plan, linked to his evaluation of the demo period, with the format already sent.</summary>
    private async Task<long> PlanSentAsync()
    {
        using var scope = Fixture.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
        var brayan = await db.Servants.SingleAsync(s => s.DocumentNumber == BrayanDocument);
        // The open demo period's (the previous year's is closed: read-only, its plans included).
        var open = await db.Periods.SingleAsync(p => p.Status == Egi.Domain.Calendar.PeriodStatus.Open);
        var evaluation = await db.Evaluations.SingleAsync(e => e.EvaluadoId == brayan.Id && e.PeriodId == open.Id);
        var plan = ImprovementPlan.Create(open, brayan.Id, evaluation.Id, evaluation.EvaluatorId, ["Nivel Satisfactorio (80,00)"], DateTime.UtcNow).Plan!;
        Assert.True(plan.MarkFormatSent(open, new PlanActor(null, "Talento Humano", IsTalentoHumano: true), DateTime.UtcNow).Succeeded);
        db.Set<ImprovementPlan>().Add(plan);
        await db.SaveChangesAsync();
        return plan.Id;
    }

    [Fact]
    public Task Jefe_fills_the_plan_both_confirm_and_it_is_followed_up_until_closed() =>
        InBrowserAsync(nameof(Jefe_fills_the_plan_both_confirm_and_it_is_followed_up_until_closed), async page =>
        {
            await PlanSentAsync();
            var year = await PeriodYearAsync();

            // Felipe: from «Mejoramiento», the plan of his evaluado; fills one aspect linked to goal 1 and confirms.
            await SignInAsync(page, Jefe);
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" }).GetByRole(AriaRole.Link, new() { Name = "Mejoramiento" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Planes de mis evaluados" })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = BrayanName }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(BrayanName);
            await Expect(page.Locator("#pl-status")).ToHaveTextAsync("Formato enviado");
            await page.Locator("#Aspects_0_Link").SelectOptionAsync("G:1");
            await page.Locator("#Aspects_0_Aspect").FillAsync("Oportunidad en los reportes de seguimiento");
            await page.Locator("#Aspects_0_Actions").FillAsync("Programar cada reporte con una semana de anticipación");
            await page.Locator("#Aspects_0_ExpectedResult").FillAsync("Reportes entregados a tiempo");
            await page.Locator("#Aspects_0_Responsible").FillAsync("Brayan Guzmán");
            await page.Locator("#Aspects_0_StartDate").FillAsync($"{year}-01-15");
            await page.Locator("#Aspects_0_EndDate").FillAsync($"{year}-01-10"); // before the start: refused in Spanish
            await page.GetByRole(AriaRole.Button, new() { Name = "Guardar aspectos" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Aspecto 1: la «Fecha de fin»");
            await Expect(page.Locator("#Aspects_0_Actions")).ToHaveValueAsync("Programar cada reporte con una semana de anticipación");
            await page.Locator("#Aspects_0_EndDate").FillAsync($"{year + 1}-06-30");
            await page.GetByRole(AriaRole.Button, new() { Name = "Guardar aspectos" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Se guardaron los aspectos");
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirmar el plan como jefe" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Falta la confirmación de la otra parte");
            var planUrl = page.Url;

            // Brayan: his plan, confirms it (Concertado) and records the follow-up at 100 %.
            await SwitchUserAsync(page, Brayan);
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Menú principal" }).GetByRole(AriaRole.Link, new() { Name = "Mejoramiento" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mi plan de mejoramiento" })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = BrayanName }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Oportunidad en los reportes de seguimiento");
            await page.GetByRole(AriaRole.Button, new() { Name = "Confirmar el plan como servidor" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Plan concertado");
            await Expect(page.Locator("#pl-status")).ToHaveTextAsync("Concertado");
            await page.GetByLabel("Avance (%)").FillAsync("100");
            await page.GetByLabel("Observaciones").FillAsync("Todos los reportes del trimestre se entregaron a tiempo.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Registrar seguimiento" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("avance del 100 %");
            await Expect(page.Locator("#pl-progress")).ToHaveTextAsync("100 %");

            // Felipe closes it.
            await SwitchUserAsync(page, Jefe);
            await page.GotoAsync(planUrl);
            await page.GetByRole(AriaRole.Button, new() { Name = "Cerrar el plan" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("quedó cerrado");
            await Expect(page.Locator("#pl-status")).ToHaveTextAsync("Cerrado");
            await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Seguimientos del plan" })).ToContainTextAsync(new Regex("100 %"));
        });
}
