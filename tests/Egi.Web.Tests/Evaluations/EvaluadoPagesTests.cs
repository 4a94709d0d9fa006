using System.Net;
using System.Text.RegularExpressions;
using Egi.Domain.Evaluations;
using Egi.Web.Features.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Evaluations;

/// <summary>
/// The evaluado's pages of stage 1 through the real host: the evaluation page, «Mi evaluación», the formulation
/// (activity 4), the acceptance (activity 6) and «Mis pendientes»; each refused to whoever may not see or act.
/// </summary>
public abstract partial class EvaluadoPagesTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;

    private const string Camila = EvaluationScenario.Camila;
    private const string CamilaName = "Camila Andrea Salazar Nieto";

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Details(int id) => $"/Evaluations/Details/{id}";
    private static string GoalsPage(int id) => $"/Evaluations/Goals/{id}";
    private static string Acceptance(int id) => $"/Evaluations/Acceptance/{id}";

    private static async Task<string> ReadAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static async Task<string> HtmlAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadAsync(response);
    }

    [GeneratedRegex("name=\"Version\" value=\"([0-9a-fA-F-]{36})\"")]
    private static partial Regex VersionField();

    private static async Task<string> VersionOnAsync(HttpClient client, string url) => VersionField().Match(await HtmlAsync(client, url)).Groups[1].Value;

    /// <summary>The formulation form as a browser posts it: the period's 5 rows, the unused ones empty.</summary>
    private static Dictionary<string, string> GoalForm(string version, params (string Description, string Weight, string Evidence, string Agreed, string Due)[] goals)
    {
        var form = new Dictionary<string, string> { ["Version"] = version };
        for (var i = 0; i < 5; i++)
        {
            var (description, weight, evidence, agreed, due) = i < goals.Length ? goals[i] : ("", "", "", "", "");
            form[$"Goals[{i}].Description"] = description;
            form[$"Goals[{i}].Weight"] = weight;
            form[$"Goals[{i}].ExpectedEvidence"] = evidence;
            form[$"Goals[{i}].AgreedFirstFollowUpPercent"] = agreed;
            form[$"Goals[{i}].DueDate"] = due;
        }
        return form;
    }

    private static (string, string, string, string, string) G(string description, int weight, string due = "2026-12-10") =>
        (description, weight.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Evidencia de «{description}»", "40", due);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string handler, Dictionary<string, string> form) =>
        client.PostFormAsync($"{page}?handler={handler}", form, getUrl: page);

    private Task SubmitAsync(string document, params int[] weights) =>
        scenario.ActAsync(document, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(weights), p.Context));

    /// <summary>Camila sends 50/50; Felipe changes them to 60/40 with a justification for each weight.</summary>
    private async Task ModifiedByFelipeAsync()
    {
        await SubmitAsync(Camila, 50, 50);
        await scenario.ActAsync(Camila, (e, p) => e.ModifyGoals(p.Evaluator,
            e.OrderedGoals.Select(g => g with { Weight = g.Number == 1 ? 60 : 40 }).ToList(),
            new Dictionary<string, string> { ["1.Weight"] = "Prioridad de la subdirección.", ["2.Weight"] = "Para que sumen 100 %." }, p.Context));
    }

    [Fact]
    public async Task Formulation_saves_an_incomplete_draft_refuses_weights_that_do_not_add_up_and_then_submits()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        var page = await HtmlAsync(camila, GoalsPage(id));
        Assert.Contains("Guardar borrador", page);
        Assert.Contains("Enviar al jefe para aprobación", page);
        Assert.Contains("name=\"Goals[4].Description\"", page); // the period's maximum of rows, no JavaScript needed
        Assert.Matches("<label[^>]*for=\"Goals_0__Weight\"[^>]*>Peso \\(%\\)</label>", page);

        // A draft may be incomplete: one goal without evidence nor date.
        var draft = GoalForm(VersionField().Match(page).Groups[1].Value, ("Elaborar el plan de energía 2027", "50", "", "", ""));
        var saved = await PostAsync(camila, GoalsPage(id), "Save", draft);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var afterDraft = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.GoalFormulation, afterDraft.State);
        Assert.Equal("Elaborar el plan de energía 2027", Assert.Single(afterDraft.Goals).Description);
        Assert.Contains("Elaborar el plan de energía 2027", await HtmlAsync(camila, GoalsPage(id)));

        // 50 + 30 + 25 = 105: refused with the rule's message, what was typed stays, nothing changes in the database.
        var version = await VersionOnAsync(camila, GoalsPage(id));
        var wrong = await PostAsync(camila, GoalsPage(id), "Submit",
            GoalForm(version, G("Elaborar el plan de energía 2027", 50), G("Publicar el boletín trimestral", 30), G("Actualizar el tablero de indicadores", 25, "15/12/2026")));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var wrongHtml = await ReadAsync(wrong);
        Assert.Contains("role=\"alert\"", wrongHtml);
        Assert.Contains("La suma de los pesos debe ser 100 %", wrongHtml);
        Assert.Contains("Actualizar el tablero de indicadores", wrongHtml);
        Assert.Contains("value=\"25\"", wrongHtml);
        var unchanged = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.GoalFormulation, unchanged.State);
        Assert.Single(unchanged.Goals);
        Assert.Equal(afterDraft.Version, unchanged.Version);

        // 50 + 30 + 20 = 100 (one date typed as dd/mm/aaaa): sent to the jefe.
        var ok = await PostAsync(camila, GoalsPage(id), "Submit",
            GoalForm(version, G("Elaborar el plan de energía 2027", 50), G("Publicar el boletín trimestral", 30), G("Actualizar el tablero de indicadores", 20, "15/12/2026")));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(Details(id), ok.Headers.Location!.OriginalString);
        var submitted = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.GoalApproval, submitted.State);
        Assert.Equal([50, 30, 20], submitted.OrderedGoals.Select(g => g.Weight));
        Assert.Equal(new DateOnly(2026, 12, 15), submitted.OrderedGoals[2].DueDate);

        // The evaluation page shows the state, on whom it waits, the goals, the history and the version.
        var details = await HtmlAsync(camila, Details(id));
        Assert.Contains("Aprobación de metas", details);
        Assert.Contains("Felipe Antonio Navarro Restrepo (evaluador)", details);
        Assert.Contains("Publicar el boletín trimestral", details);
        Assert.Contains("Formulación de metas", details);
        Assert.Contains("Propuesta del evaluado", details);
        Assert.Contains("24/11/2026 10:00", details); // Bogotá time of the test clock (15:00 UTC)
        Assert.DoesNotContain("Formular mis metas", details);

        // Now the formulation page explains that nothing can be changed.
        Assert.Contains("en este momento no se pueden formular ni modificar", await HtmlAsync(camila, GoalsPage(id)));
    }

    [Fact]
    public async Task Bad_input_gets_a_spanish_message_by_field_and_keeps_what_was_typed()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        var version = await VersionOnAsync(camila, GoalsPage(id));
        var response = await PostAsync(camila, GoalsPage(id), "Save",
            GoalForm(version, ("Elaborar el plan", "cincuenta", "Plan publicado", "40", "2026-13-45")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await ReadAsync(response);
        Assert.Contains("Meta 1: el peso debe ser un número entero entre 1 y 100", html);
        Assert.Contains("Meta 1: la fecha de cumplimiento no es válida", html);
        Assert.Contains("value=\"cincuenta\"", html);
        Assert.Contains("Elaborar el plan", html);
        // Each message under its field, which says it is invalid; what was typed stays in every field.
        Assert.Matches("<span class=\"text-danger field-validation-error\" id=\"Goals_0__Weight-error\"[^>]*>Meta 1: el peso debe ser un número entero", html);
        Assert.Matches("<span class=\"text-danger field-validation-error\" id=\"Goals_0__DueDate-error\"[^>]*>Meta 1: la fecha de cumplimiento no es válida", html);
        Assert.Matches("<span class=\"text-danger field-validation-valid\" id=\"Goals_0__Description-error\"[^>]*></span>", html);
        Assert.Matches("aria-invalid=\"true\" id=\"Goals_0__Weight\" name=\"Goals\\[0\\].Weight\" value=\"cincuenta\"", html);
        Assert.Matches("id=\"Goals_0__DueDate\" name=\"Goals\\[0\\].DueDate\" value=\"2026-13-45\"", html);
        Assert.Matches("id=\"Goals_0__ExpectedEvidence\" name=\"Goals\\[0\\].ExpectedEvidence\" value=\"Plan publicado\"", html);
        Assert.Empty((await scenario.EvaluationAsync(Camila)).Goals);
    }

    [Fact]
    public async Task A_stale_save_is_refused_keeps_what_was_typed_and_the_database_keeps_the_newer_data()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        var tab1 = await app.SignedInAsync(Accounts.Evaluado);
        var tab2 = await app.SignedInAsync(Accounts.Evaluado);
        var old = await VersionOnAsync(tab1, GoalsPage(id));

        var first = await PostAsync(tab2, GoalsPage(id), "Save", GoalForm(await VersionOnAsync(tab2, GoalsPage(id)), G("Meta guardada en la otra pestaña", 100)));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        var stale = await PostAsync(tab1, GoalsPage(id), "Save", GoalForm(old, G("Meta escrita sobre una versión vieja", 100)));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var html = await ReadAsync(stale);
        Assert.Contains(EvaluationMessages.StaleEvaluation, html);
        Assert.Contains("Meta escrita sobre una versión vieja", html);   // what was typed is not lost
        Assert.Contains("Meta guardada en la otra pestaña", html);       // and the saved version is shown beside it
        Assert.Equal("Meta guardada en la otra pestaña", Assert.Single((await scenario.EvaluationAsync(Camila)).Goals).Description);
    }

    [Fact]
    public async Task An_evaluado_cannot_open_another_persons_evaluation()
    {
        var santiago = await scenario.EvaluationIdAsync(EvaluationScenario.Santiago);
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        foreach (var url in new[] { Details(santiago), GoalsPage(santiago), Acceptance(santiago) })
        {
            var response = await camila.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var body = await ReadAsync(response);
            Assert.DoesNotContain("Santiago", body);
            Assert.DoesNotContain("Bermúdez", body);
        }
        var version = (await scenario.EvaluationAsync(EvaluationScenario.Santiago)).Version.ToString();
        var post = await camila.PostFormAsync($"{GoalsPage(santiago)}?handler=Save", GoalForm(version, G("Intrusión", 100)), getUrl: "/Pending");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Empty((await scenario.EvaluationAsync(EvaluationScenario.Santiago)).Goals);
    }

    [Fact]
    public async Task A_jefe_who_is_not_the_evaluator_gets_404_and_the_evaluator_sees_the_page()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        var carlos = await app.SignedInAsync(Accounts.Planeacion);
        var response = await carlos.GetAsync(Details(id));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Salazar", await ReadAsync(response));

        var felipe = await app.SignedInAsync(Accounts.Jefe);
        var page = await HtmlAsync(felipe, Details(id));
        Assert.Contains(CamilaName, page);
        Assert.Contains("Subdirección de Energía", page);
        Assert.DoesNotContain("Revisar las metas", page); // nothing to approve while she formulates

        await SubmitAsync(Camila, 60, 40);
        Assert.Contains($"href=\"/Evaluations/Approval/{id}\"", await HtmlAsync(felipe, Details(id)));
        // Felipe is not the evaluado: he cannot formulate her goals.
        Assert.Equal(HttpStatusCode.NotFound, (await felipe.GetAsync(GoalsPage(id))).StatusCode);
    }

    [Fact]
    public async Task Consulta_does_not_open_an_individual_evaluation_and_cannot_post_goals()
    {
        // Ley 1581 (SPEC §1): Consulta reads dashboards and reports, not the content of one evaluation: 404, like a stranger.
        var id = await scenario.EvaluationIdAsync(Camila);
        var consulta = await app.SignedInAsync(Accounts.Consulta);
        var page = await consulta.GetAsync(Details(id));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain(CamilaName, await page.Content.ReadAsStringAsync());

        var version = (await scenario.EvaluationAsync(Camila)).Version.ToString();
        var post = await consulta.PostFormAsync($"{GoalsPage(id)}?handler=Save", GoalForm(version, G("Meta puesta por Consulta", 100)), getUrl: "/Account/ChangePassword");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Empty((await scenario.EvaluationAsync(Camila)).Goals);

        // Talento Humano gets the administration link; the evaluado gets the formulation link.
        Assert.Contains($"href=\"/Evaluations/Admin/{id}\"", await HtmlAsync(await app.SignedInAsync(Accounts.TalentoHumano), Details(id)));
        var own = await HtmlAsync(await app.SignedInAsync(Accounts.Evaluado), Details(id));
        Assert.Contains($"href=\"{GoalsPage(id)}\"", own);
        Assert.DoesNotContain("/Evaluations/Admin/", own);
    }

    [Fact]
    public async Task Acceptance_shows_before_and_after_with_the_justification_and_accepting_agrees_the_goals()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        await ModifiedByFelipeAsync();
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        var page = await HtmlAsync(camila, Acceptance(id));
        Assert.Contains("modificó sus metas", page);
        Assert.Contains("Antes", page);
        Assert.Contains("Después", page);
        Assert.Contains("50 %", page);
        Assert.Contains("60 %", page);
        Assert.Contains("Prioridad de la subdirección.", page);
        Assert.Contains("Motivo por el que no acepta", page);

        // The evaluation page keeps both versions, the modification with its before/after table.
        var details = await HtmlAsync(camila, Details(id));
        Assert.Contains("Modificación del evaluador", details);
        Assert.Contains("Propuesta del evaluado", details);
        Assert.Contains("Para que sumen 100 %.", details);
        Assert.Contains($"href=\"{Acceptance(id)}\"", details);

        var accepted = await PostAsync(camila, Acceptance(id), "Accept", new() { ["Version"] = VersionField().Match(page).Groups[1].Value });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var e = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.SelfEvaluationI, e.State);
        Assert.Equal([60, 40], e.OrderedGoals.Select(g => g.Weight));
        Assert.Contains("Autoevaluación I", await HtmlAsync(camila, Details(id)));
    }

    [Fact]
    public async Task Not_accepting_needs_a_reason_and_sends_the_goals_back_to_formulation_with_the_reason_shown()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        await ModifiedByFelipeAsync();
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        var version = await VersionOnAsync(camila, Acceptance(id));

        var noReason = await PostAsync(camila, Acceptance(id), "NotAccept", new() { ["Version"] = version, ["Reason"] = "   " });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        var html = await ReadAsync(noReason);
        Assert.Contains("Escriba el motivo por el que no acepta.", html);
        Assert.Contains("role=\"alert\"", html);
        Assert.Equal(EvaluationState.GoalAcceptance, (await scenario.EvaluationAsync(Camila)).State);

        const string reason = "El peso de la meta 1 no refleja el trabajo del año.";
        var notAccepted = await PostAsync(camila, Acceptance(id), "NotAccept", new() { ["Version"] = version, ["Reason"] = reason });
        Assert.Equal(HttpStatusCode.Redirect, notAccepted.StatusCode);
        Assert.Equal(GoalsPage(id), notAccepted.Headers.Location!.OriginalString);
        var e = await scenario.EvaluationAsync(Camila);
        Assert.Equal(EvaluationState.GoalFormulation, e.State);
        Assert.Equal(1, e.NotAccepted(EvaluationStep.Goals));

        var goals = await HtmlAsync(camila, GoalsPage(id));
        Assert.Contains("Usted no aceptó las metas", goals);
        Assert.Contains(reason, goals);
        Assert.Contains("value=\"60\"", goals); // the form starts from the goals as Felipe left them
    }

    [Fact]
    public async Task A_rejection_reason_is_shown_on_the_formulation_page()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        await SubmitAsync(Camila, 50, 50);
        await scenario.ActAsync(Camila, (e, p) => e.RejectGoals(p.Evaluator, "La meta 2 no tiene un resultado medible.", p.Context));
        var page = await HtmlAsync(await app.SignedInAsync(Accounts.Evaluado), GoalsPage(id));
        Assert.Contains("Felipe Antonio Navarro Restrepo rechazó sus metas", page);
        Assert.Contains("La meta 2 no tiene un resultado medible.", page);
    }

    [Fact]
    public async Task Mis_pendientes_lists_what_waits_on_the_evaluado_the_jefe_and_talento_humano()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        var felipe = await app.SignedInAsync(Accounts.Jefe);

        // Camila formulates: it waits on her, not on Felipe.
        var mine = await HtmlAsync(camila, "/Pending");
        Assert.Contains("Formular mis metas", mine);
        Assert.Contains($"href=\"{GoalsPage(id)}\"", mine);
        var felipeBefore = await HtmlAsync(felipe, "/Pending");
        Assert.Contains("Formular mis metas", felipeBefore); // Felipe is an evaluado too: his own goals wait on him
        Assert.DoesNotContain(CamilaName, felipeBefore);

        // She sends; three days later it waits on Felipe, with the days waiting and the link to the approval page.
        await SubmitAsync(Camila, 50, 50);
        app.Clock.Advance(TimeSpan.FromDays(3));
        felipe = await app.SignedInAsync(Accounts.Jefe); // a new day, a new sign-in (the session cookie expires)
        camila = await app.SignedInAsync(Accounts.Evaluado);
        var boss = await HtmlAsync(felipe, "/Pending");
        var row = Section(boss, "como-evaluador");
        Assert.Contains(CamilaName, row);
        Assert.Contains("Aprobación de metas", row);
        Assert.Contains("3 días", row);
        Assert.Contains($"href=\"/Evaluations/Approval/{id}\"", row);
        Assert.DoesNotContain("Bermúdez", row); // Santiago still formulates: nothing for Felipe there
        Assert.Contains("No tiene pendientes", await HtmlAsync(camila, "/Pending"));

        // Talento Humano: Santiago disagreed twice, and Brayan is eligible but has no evaluation.
        await SubmitAsync(EvaluationScenario.Santiago, 50, 50);
        for (var round = 0; round < 2; round++)
        {
            await scenario.ActAsync(EvaluationScenario.Santiago, (e, p) => e.ApproveGoals(p.Evaluator, p.Context));
            await scenario.ActAsync(EvaluationScenario.Santiago, (e, p) => e.NotAcceptGoals(p.Evaluado, "No estoy de acuerdo.", p.Context));
            if (round == 0) await SubmitAsync(EvaluationScenario.Santiago, 50, 50);
        }
        var santiago = await scenario.EvaluationIdAsync(EvaluationScenario.Santiago);
        var brayan = await scenario.ServantIdAsync("1031234567");
        await app.WithDbAsync(async d =>
        {
            d.Evaluations.Remove(await d.Evaluations.SingleAsync(e => e.EvaluadoId == brayan));
            await d.SaveChangesAsync();
        });
        var hr = await HtmlAsync(await app.SignedInAsync(Accounts.TalentoHumano), "/Pending");
        var disagreements = Section(hr, "desacuerdos");
        Assert.Contains("Santiago Bermúdez Gil", disagreements);
        Assert.Contains($"href=\"/Evaluations/Admin/{santiago}\"", disagreements);
        Assert.DoesNotContain(CamilaName, disagreements);
        var missing = Section(hr, "sin-evaluacion");
        Assert.Contains("Brayan Stiven Guzmán Rojas", missing);
        Assert.DoesNotContain(CamilaName, missing);
        Assert.DoesNotContain("Sandra Milena", missing); // carrera administrativa: not evaluated here
    }

    [Fact]
    public async Task Outside_the_goal_window_the_formulation_page_explains_it_is_closed_and_offers_no_form()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        Assert.Contains("Abierto", await HtmlAsync(camila, Details(id)));
        await app.WithDbAsync(async d =>
        {
            var p = await d.Periods.SingleAsync(x => x.Id == scenario.PeriodId);
            p.SetWindows(p.Windows.Select(w => w.Stage == Egi.Domain.Calendar.Stage.GoalSetting ? w with { Start = new(2026, 1, 1), End = new(2026, 3, 31) } : w).ToList());
            await d.SaveChangesAsync();
        });
        var page = await HtmlAsync(camila, GoalsPage(id));
        Assert.Contains("está cerrada para usted (ventana del 01/01/2026 al 31/03/2026)", page);
        Assert.DoesNotContain("Enviar al jefe para aprobación", page);
        var details = await HtmlAsync(camila, Details(id));
        Assert.Contains("Cerrado", details);
        Assert.Contains("Solo Talento Humano puede reabrir el paso", details);

        // A post anyway (an old tab) is refused by the domain with the window's message; nothing is saved.
        var version = (await scenario.EvaluationAsync(Camila)).Version.ToString();
        var post = await PostAsync(camila, GoalsPage(id), "Save", GoalForm(version, G("Meta fuera de plazo", 100)));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("está cerrada", await ReadAsync(post));
        Assert.Empty((await scenario.EvaluationAsync(Camila)).Goals);
    }

    [Fact]
    public async Task Mi_evaluacion_takes_the_evaluado_to_the_evaluation_or_explains_why_there_is_none()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        var redirect = await (await app.SignedInAsync(Accounts.Evaluado)).GetAsync("/Evaluations/Mine");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal(Details(id), redirect.Headers.Location!.OriginalString);

        var hr = await HtmlAsync(await app.SignedInAsync(Accounts.TalentoHumano), "/Evaluations/Mine");
        Assert.Contains("No tiene evaluación en la «Vigencia 2026»: Carrera administrativa", hr);
        Assert.Contains("no está asociada a un servidor", await HtmlAsync(await app.SignedInAsync(Accounts.Consulta), "/Evaluations/Mine"));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_on_every_page()
    {
        var id = await scenario.EvaluationIdAsync(Camila);
        var anonymous = app.NewClient();
        foreach (var url in new[] { Details(id), GoalsPage(id), Acceptance(id), "/Evaluations/Mine", "/Pending" })
        {
            var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
        }
        var post = await anonymous.PostAsync($"{GoalsPage(id)}?handler=Submit", new FormUrlEncodedContent(GoalForm(Guid.Empty.ToString(), G("Anónima", 100))));
        Assert.True(post.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest);
        Assert.Empty((await scenario.EvaluationAsync(Camila)).Goals);
    }

    /// <summary>The part of the page inside the section labelled by the heading with this id.</summary>
    private static string Section(string html, string headingId)
    {
        var start = html.IndexOf($"aria-labelledby=\"{headingId}\"", StringComparison.Ordinal);
        if (start < 0) return "";
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }
}

public sealed class EvaluadoPagesTestsSqlite(SqliteHost host) : EvaluadoPagesTests(host), IClassFixture<SqliteHost>;

public sealed class EvaluadoPagesTestsPostgres(PostgresHost host) : EvaluadoPagesTests(host), IClassFixture<PostgresHost>;
