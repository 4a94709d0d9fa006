using System.Text.RegularExpressions;
using Egi.BrowserTests.Infrastructure;
using Egi.Domain.Calendar;
using Egi.Domain.Common;
using Egi.Domain.Evaluations;
using Egi.Web.Data;
using Egi.Web.Infrastructure;
using Egi.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Egi.BrowserTests;

/// <summary>
/// SPEC §4 (desacuerdos) through the real pages. In the demo, Gustavo Ochoa changed the weights of Paola Jiménez's goals
/// (70/30 instead of her 60/40); a first round of «no aceptar» is set up through the domain, the second she records on
/// screen. Talento Humano sees the disagreement and escalates the goals to a Comisión Evaluadora (Carlos Suárez records,
/// with Martha Peña); Carlos records the committee's decision (65/35) and Paola sees her goals agreed that way.
/// </summary>
public sealed class CommitteeJourneyTests(JourneyBrowserFixture fixture, ITestOutputHelper output) : JourneyTest(fixture, output)
{
    private const string PaolaDocument = "1019087654";
    private const string PaolaName = "Paola Andrea Jiménez Rojas";
    private const string Recorder = "Carlos Alberto Suárez Pinto";
    private const string Member = "Martha Lucía Peña Acosta";
    private const string RecorderDocument = "80234561";
    private const string MemberDocument = "51987654";
    private const string Decision = "La comisión fija los pesos en 65 y 35: la contratación pesa más, sin dejar de lado el normograma.";
    private static string Paola => DemoData.EmailOf(10);

    private static string Value(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The first round of disagreement, as the demo's people would do it: Paola does not accept, sends the same goals, Gustavo approves them.</summary>
    private async Task<int> FirstRoundAsync()
    {
        using var scope = Fixture.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EgiDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var paola = await db.Servants.AsNoTracking().SingleAsync(s => s.DocumentNumber == PaolaDocument);
        var period = await db.Periods.AsNoTracking().Where(p => p.Status == Egi.Domain.Calendar.PeriodStatus.Open).OrderByDescending(p => p.Year).FirstAsync();
        var e = await db.Evaluations.SingleAsync(x => x.PeriodId == period.Id && x.EvaluadoId == paola.Id);
        Assert.Equal(EvaluationState.GoalAcceptance, e.State);
        async Task<Actor> ActorOf(int servantId) => new(
            await db.Users.Where(u => u.ServantId == servantId).Select(u => u.Id).SingleAsync(), servantId,
            await db.Servants.Where(s => s.Id == servantId).Select(s => s.FullName).SingleAsync());
        var me = await ActorOf(paola.Id);
        var boss = await ActorOf(e.EvaluatorId);
        var now = clock.GetUtcNow();
        var context = new EvaluationContext(BogotaTime.Day(now), now.UtcDateTime, period, paola.HireDate);
        var asSheSentThem = e.OrderedGoals.Select(g => g with { Weight = g.Number == 1 ? 60 : 40 }).ToList();
        foreach (var step in new Func<Outcome>[]
        {
            () => e.NotAcceptGoals(me, "Los pesos que propuse reflejan mejor mi trabajo.", context),
            () => e.SubmitGoals(me, asSheSentThem, context),
            () => e.ApproveGoals(boss, context),
        })
        {
            var outcome = step();
            Assert.True(outcome.Succeeded, outcome.ToString());
        }
        await db.SaveChangesAsync();
        return e.Id;
    }

    [Fact]
    public Task A_disagreement_is_escalated_the_committee_decides_and_the_evaluado_sees_it() =>
        OnTheCalendarAsync(nameof(A_disagreement_is_escalated_the_committee_decides_and_the_evaluado_sees_it), async page =>
        {
            var id = await FirstRoundAsync();

            // Paola: her second «no aceptar», on screen.
            await SignInAsync(page, Paola);
            await Menu(page, "Mi evaluación").ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Revisar y aceptar mis metas" }).ClickAsync();
            await page.GetByLabel("Motivo por el que no acepta (obligatorio)").FillAsync("Sigo sin estar de acuerdo con los pesos: pido que lo decida una comisión.");
            await page.GetByRole(AriaRole.Button, new() { Name = "No aceptar" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Registró que no acepta las metas.");

            // Talento Humano: the disagreement is flagged; escalated to Carlos (who records) and Martha.
            await SwitchUserAsync(page, Accounts.TalentoHumano);
            await page.GotoAsync($"/Evaluations/Admin/{id}");
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Desacuerdo:" })).ToContainTextAsync("el evaluado registró 2 «no aceptar»");
            var (carlos, martha) = (await ServantIdAsync(RecorderDocument), await ServantIdAsync(MemberDocument));
            // The lists suggest Paola's dependencia; anyone else is found by each list's search box, as one types.
            await page.Locator("#escalate-members-buscar").FillAsync("suarez pinto");
            await Expect(page.Locator("#escalate-members-buscar-estado")).ToHaveTextAsync("1 servidor encontrado: elija en «Integrantes (dos o más)».");
            await page.Locator("#escalate-members").SelectOptionAsync(new[] { Value(carlos) });
            await page.Locator("#escalate-members-buscar").FillAsync(MemberDocument);
            await Expect(page.Locator("#escalate-members optgroup[data-group='resultados'] option")).ToHaveTextAsync(new Regex("^Peña Acosta, Martha Lucía · "));
            await page.Locator("#escalate-members").SelectOptionAsync(new[] { Value(carlos), Value(martha) });
            var chosen = page.Locator("#escalate-members option:checked");
            await Expect(chosen).ToHaveCountAsync(2);
            await Expect(chosen.Filter(new() { HasTextRegex = new Regex("^Suárez Pinto, Carlos Alberto · ") })).ToHaveCountAsync(1);
            await Expect(chosen.Filter(new() { HasTextRegex = new Regex("^Peña Acosta, Martha Lucía · ") })).ToHaveCountAsync(1);
            await page.Locator("#escalate-recorderid-buscar").FillAsync(RecorderDocument);
            await Expect(page.Locator("#escalate-recorderid-buscar-estado")).ToContainTextAsync("1 servidor encontrado");
            await page.GetByLabel("Quién registra la decisión (debe ser integrante)").SelectOptionAsync(Value(carlos));
            await page.Locator("#escalate-reason").FillAsync("Dos rondas sin acuerdo sobre los pesos de las metas.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Escalar a la comisión" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync($"quedó en manos de una Comisión Evaluadora; registra su decisión {Recorder}.");
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("El paso ya está en manos de una Comisión Evaluadora.");

            // Carlos: «Por aprobar» offers the decision; he records 65/35 with the reasons.
            await SwitchUserAsync(page, DemoData.PlaneacionEmail);
            await Menu(page, "Por aprobar").ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^Registrar la decisión sobre .* de {PaolaName}") }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Decisión de la Comisión Evaluadora · {PaolaName}");
            await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync($"Integrantes de la comisión: {Recorder} (registra), {Member}");
            await page.Locator("#meta-0-weight").FillAsync("65");
            await page.Locator("#meta-1-weight").FillAsync("35");
            await page.GetByRole(AriaRole.Button, new() { Name = "Registrar la decisión" }).Last.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Escriba el motivo de la decisión.");
            await Expect(page.Locator("#meta-0-weight")).ToHaveValueAsync("65"); // what he typed is kept
            await page.GetByLabel("Decisión de la comisión y sus fundamentos (obligatoria)").FillAsync(Decision);
            await page.GetByRole(AriaRole.Button, new() { Name = "Registrar la decisión" }).Last.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First)
                .ToContainTextAsync($"Quedó registrada la decisión de la Comisión Evaluadora: las metas de {PaolaName} quedaron concertadas.");

            // Paola: her goals agreed at 65/35 by the committee, and the decision in the history; she was told by e-mail.
            await SwitchUserAsync(page, Paola);
            await Menu(page, "Mi evaluación").ClickAsync();
            await Expect(page.Locator("#estado-evaluacion")).ToHaveTextAsync("Autoevaluación I");
            var goals = page.GetByRole(AriaRole.Table, new() { Name = "Metas y objetivos vigentes" }).Locator("tbody tr");
            await Expect(goals.Nth(0).Locator("td.text-end").First).ToHaveTextAsync("65 %");
            await Expect(goals.Nth(1).Locator("td.text-end").First).ToHaveTextAsync("35 %");
            var history = page.GetByRole(AriaRole.List, new() { Name = "Historial de la evaluación, del más antiguo al más reciente" }).Locator("> li");
            await Expect(history.Last).ToContainTextAsync("Decisión de la comisión");
            await Expect(history.Last).ToContainTextAsync(Recorder);
            await Expect(history.Last).ToContainTextAsync(Decision);

            var evaluation = await DbAsync(db => db.Evaluations.AsNoTracking().SingleAsync(e => e.Id == id));
            Assert.Null(evaluation.EscalatedStep);
            Assert.Equal(EvaluationAction.CommitteeDecision, evaluation.History.OrderBy(h => h.Sequence).Last().Action);
            Assert.True(await DbAsync(db => db.OutboxMessages.AnyAsync(m => m.Kind == nameof(MailKind.CommitteeDecided) && m.ToAddress == Paola)),
                "Paola was not told of the committee's decision by e-mail.");
        });
}
