using System.Net;
using System.Text.RegularExpressions;
using Egi.Web.Tests.Directory;
using Egi.Domain.Calendar;
using Egi.Domain.Directory;
using Egi.Domain.Evaluations;
using Egi.Domain.Planning;
using Egi.Web.Features.Evaluations;
using Egi.Web.Features.Shared;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Scale;

/// <summary>
/// Issue 11: every main page issues a constant number of SQL commands whether the period has a few dozen
/// evaluations or hundreds more — no query inside a loop over the period. Each page is requested once to warm up,
/// then counted; the entity grows by <see cref="Added"/> servants under the same jefe (half of them waiting on his
/// approval), and each page must cost exactly the same number of commands again.
/// </summary>
public abstract class QueryCountTests(SharedHost host) : IAsyncLifetime
{
    private const int Added = 120;
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(50, 50), p.Context));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Dictionary<string, int>> CountAsync(IReadOnlyList<(string Who, HttpClient Client, string Url)> pages)
    {
        var counts = new Dictionary<string, int>();
        foreach (var (who, client, url) in pages)
        {
            var warm = await client.GetAsync(url);
            Assert.True(warm.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{who} {url}: {(int)warm.StatusCode}");
            app.Queries.Reset();
            var response = await client.GetAsync(url);
            counts[$"{who} {url}"] = app.Queries.Count;
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{who} {url}: {(int)response.StatusCode}");
        }
        return counts;
    }

    /// <summary>
    /// A list in a query is one parameter: the statement is the same whatever the list's length, so EF Core writes its SQL
    /// once and the database sees one statement. With EF Core 10's default (a parameter per element) the text changed
    /// with the length and EF Core wrote the SQL again at every execution, under a lock (bench/HISTORY.md «03:00 UTC on 06/12/2026»).
    /// </summary>
    [Fact]
    public async Task A_list_in_a_query_is_one_parameter_whatever_its_length()
    {
        var texts = new List<string>();
        foreach (var length in new[] { 1, 2, 7, 60 })
        {
            var ids = Enumerable.Range(1, length).ToList();
            app.Queries.Reset();
            await app.WithDbAsync(d => d.Evaluations.CountAsync(e => ids.Contains(e.PeriodId)));
            texts.Add(Assert.Single(app.Queries.Texts));
        }
        Assert.Single(texts.Distinct());
    }

    /// <summary>
    /// The evaluation page reads each thing once: its evidence in one command (the page's list and the rounds of each
    /// version from the same rows), the evaluation with its people and their dependencia in one, the names of a
    /// Comisión Evaluadora only when there is one, and no plan item (a goal shows the label it was saved with).
    /// </summary>
    [Fact]
    public async Task The_evaluation_page_reads_its_evidence_once_and_no_committee_names_without_a_committee()
    {
        var camila = await scenario.EvaluationIdAsync(EvaluationScenario.Camila);
        var evaluado = await app.SignedInAsync(Accounts.Evaluado);
        Assert.Equal(HttpStatusCode.OK, (await evaluado.GetAsync($"/Evaluations/Details/{camila}")).StatusCode);
        app.Queries.Reset();
        var html = await (await evaluado.GetAsync($"/Evaluations/Details/{camila}")).Content.ReadAsStringAsync();
        var texts = app.Queries.Texts;
        Assert.Contains("Evidencias adjuntas", html);
        Assert.Single(texts, t => t.Contains("\"EvidenceItems\"", StringComparison.Ordinal));
        // The evaluation, its evaluado and evaluator and the evaluado's dependencia are one command; the menu's query is
        // the other one that reads servants. Then the period and the evidence: 4 (9 before issue 11's last rounds: the
        // evidence twice, the committee's names always, the people and the dependencia apart, and every item of the
        // period's plans, which only a goal being saved is checked against).
        Assert.True(texts.Count(t => t.Contains("\"Servants\" AS", StringComparison.Ordinal)) == 2, string.Join("\n----\n", texts));
        Assert.Single(texts, t => t.Contains("\"Dependencies\"", StringComparison.Ordinal) && t.Contains("\"Evaluations\"", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("\"PlanItems\"", StringComparison.Ordinal));
        // Nor its waits (kept for the saves and the lists, not shown here): joined, they nested the evaluation in a
        // subquery and sorted it (bench/HISTORY.md «00:40 UTC on 06/12/2026»).
        Assert.DoesNotContain(texts, t => t.Contains("\"EvaluationWaits\"", StringComparison.Ordinal));
        Assert.True(texts.Count == 4, $"{texts.Count} commands:\n" + string.Join("\n----\n", texts));
    }

    /// <summary>
    /// «Por aprobar» of a jefe who records no committee decision and owes no partial (most of them): the menu with the
    /// open periods, every count in one command and a page of each list — the decisions' and partials' lists are not
    /// read.
    /// </summary>
    [Fact]
    public async Task Por_aprobar_reads_decisions_and_partials_only_when_there_are_some()
    {
        var jefe = await app.SignedInAsync(Accounts.Jefe);
        Assert.Equal(HttpStatusCode.OK, (await jefe.GetAsync("/Evaluations/ToApprove")).StatusCode);
        app.Queries.Reset();
        var html = await (await jefe.GetAsync("/Evaluations/ToApprove")).Content.ReadAsStringAsync();
        var texts = app.Queries.Texts;
        Assert.Contains("Esperan su acción", System.Net.WebUtility.HtmlDecode(html));
        Assert.True(texts.Count == 4, $"{texts.Count} commands:\n" + string.Join("\n----\n", texts));
    }

    /// <summary>
    /// The pages that start from the open periods («Mis pendientes», «Mi evaluación», «Por aprobar») read them in the
    /// menu's command, which every page sends anyway: «Mis pendientes» of an evaluado and of a jefe is that command and
    /// the waits on the person; «Mi evaluación» that command and the person's evaluations before it redirects («Por
    /// aprobar»: <see cref="Por_aprobar_reads_decisions_and_partials_only_when_there_are_some"/>). On PostgreSQL each
    /// command is a round trip. The other pages' menu does not read the periods.
    /// </summary>
    [Fact]
    public async Task The_open_periods_come_with_the_menus_command()
    {
        var evaluado = await app.SignedInAsync(Accounts.Evaluado);
        var jefe = await app.SignedInAsync(Accounts.Jefe);
        foreach (var (who, client, url, commands) in new[]
        {
            ("evaluado", evaluado, "/Pending", 2),
            ("jefe", jefe, "/Pending", 2),
            ("evaluado", evaluado, "/Evaluations/Mine", 2),
        })
        {
            Assert.True((await client.GetAsync(url)).StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect);
            app.Queries.Reset();
            var response = await client.GetAsync(url);
            var texts = app.Queries.Texts;
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{who} {url}: {(int)response.StatusCode}");
            var periods = texts.Where(t => t.Contains("FROM \"Periods\"", StringComparison.Ordinal)).ToList();
            Assert.True(periods.Count == 1 && periods[0].Contains("\"InboxNotifications\"", StringComparison.Ordinal),
                $"{who} {url}: the open periods should be read once, in the menu's command:\n" + string.Join("\n----\n", texts));
            Assert.True(texts.Count == commands, $"{who} {url}: {texts.Count} commands:\n" + string.Join("\n----\n", texts));
        }

        // A page that does not start from the open periods reads the menu without them.
        app.Queries.Reset();
        Assert.Contains("Mis pendientes", await evaluado.GetStringAsync("/Help"));
        Assert.DoesNotContain(app.Queries.Texts, t => t.Contains("\"Periods\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Main_pages_cost_the_same_number_of_queries_with_many_more_evaluations()
    {
        var camila = await scenario.EvaluationIdAsync(EvaluationScenario.Camila);
        var evaluado = await app.SignedInAsync(Accounts.Evaluado);
        var jefe = await app.SignedInAsync(Accounts.Jefe);
        var th = await app.SignedInAsync(Accounts.TalentoHumano);
        var pages = new List<(string, HttpClient, string)>
        {
            ("evaluado", evaluado, "/Pending"),
            ("evaluado", evaluado, "/Evaluations/Mine"),
            ("evaluado", evaluado, $"/Evaluations/Details/{camila}"),
            ("jefe", jefe, "/Pending"),
            ("jefe", jefe, "/Evaluations/ToApprove"),
            ("jefe", jefe, $"/Evaluations/Details/{camila}"),
            ("th", th, "/"),
            ("th", th, "/Pending"),
            ("th", th, "/Control?etapa=1"),
            ("th", th, "/Dashboard"),
            ("th", th, "/Reports/Stage1"),
            ("th", th, "/Reports/Stage2"),
            ("th", th, "/Reports/Annual"),
            ("th", th, "/Directory/Servants"),
            ("th", th, "/Plans"),
            ("th", th, $"/Plans/Details/{await StrategicPlanIdAsync()}"),
            ("th", th, "/Plans/Coverage"),
        };
        var before = await CountAsync(pages);

        await GrowAsync();
        var waiting = await app.WithDbAsync(d => d.Evaluations.CountAsync(e => e.Waits.Any(w => w.ServantId == e.EvaluatorId && w.Action == PendingAction.ApproveGoals)));
        Assert.True(waiting > Added / 2, $"the set-up should leave many goals waiting on the jefe ({waiting})");

        var after = await CountAsync(pages);
        foreach (var (page, n) in before)
            Assert.True(after[page] == n, $"{page}: {n} SQL commands with the demo entity, {after[page]} with {Added} more evaluations");
    }

    /// <summary>
    /// The pickers of a servant (Talento Humano's administration page, the servant form) suggest the evaluado's dependencia
    /// — at most <see cref="ServantChoices.SuggestionLimit"/> people a list — and find anyone
    /// else by search: neither the page's commands nor any of its lists grow with the directory (they listed every servant).
    /// </summary>
    [Fact]
    public async Task The_servant_pickers_list_a_bounded_choice_whatever_the_size_of_the_directory()
    {
        var camila = await scenario.EvaluationIdAsync(EvaluationScenario.Camila);
        var camilaServant = await scenario.ServantIdAsync(EvaluationScenario.Camila);
        var th = await app.SignedInAsync(Accounts.TalentoHumano);
        var pages = new List<(string, HttpClient, string)> { ("th", th, $"/Evaluations/Admin/{camila}"), ("th", th, $"/Directory/Servants/Edit/{camilaServant}") };
        var before = await CountAsync(pages);
        await GrowAsync();
        var after = await CountAsync(pages);
        foreach (var (page, n) in before)
            Assert.True(after[page] == n, $"{page}: {n} SQL commands with the demo entity, {after[page]} with {Added} more servants");
        var directory = await app.WithDbAsync(d => d.Servants.CountAsync());
        foreach (var (_, _, url) in pages)
        {
            var html = await th.GetStringAsync(url);
            var lists = Regex.Matches(html, "<select[^>]*>(.*?)</select>", RegexOptions.Singleline)
                .Select(m => Regex.Matches(m.Groups[1].Value, "<option value=\"[0-9]+\"").Count).ToList();
            Assert.True(lists.Max() <= ServantChoices.SuggestionLimit + 2,
                $"{url}: a list of {lists.Max()} people in a directory of {directory}");
        }
        Assert.True(directory > 2 * ServantChoices.SuggestionLimit, $"the directory should outgrow the lists ({directory})");
    }

    /// <summary>
    /// Activity 18's list of who requires an improvement plan is selected, counted and paged in the database over the facts
    /// stored with each evaluation (it read every finished evaluation of the period whole, with every servant, and listed
    /// them all): its commands do not grow with the people listed, a page shows 50 of them, and the formats to send count
    /// all of them. «Mejoramiento individual» pages the period's plans the same way (it read every servant for their names).
    /// </summary>
    [Fact]
    public async Task The_improvement_candidates_are_selected_counted_and_paged_in_the_database()
    {
        var th = await app.SignedInAsync(Accounts.TalentoHumano);
        var url = $"/Improvement/Candidates?vigencia={scenario.PeriodId}";
        var plansUrl = $"/Improvement?vigencia={scenario.PeriodId}";
        var pages = new List<(string, HttpClient, string)> { ("th", th, url), ("th", th, $"{url}&pagina=2"), ("th", th, plansUrl), ("th", th, $"{plansUrl}&pagina=2") };
        await GrowAsync();
        // Talento Humano adds new people by hand (all of them then require a plan): 10 first, then the other 110.
        async Task AddAsync(int skip, int take) => await app.WithDbAsync(async d =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var period = await d.Periods.SingleAsync(p => p.Id == scenario.PeriodId);
            var people = await d.Servants.Where(s => s.LastNames == "De Prueba").OrderBy(s => s.Id).Skip(skip).Take(take).Select(s => new { s.Id, s.BossId }).ToListAsync();
            foreach (var s in people)
            {
                var plan = Egi.Domain.Improvement.ImprovementPlan.Create(period, s.Id, null, s.BossId, [], now).Plan!;
                var outcome = plan.Include(period, new Egi.Domain.Improvement.PlanActor(null, "Talento Humano", IsTalentoHumano: true), "Prueba de escala.", now);
                Assert.True(outcome.Succeeded, outcome.ToString());
                d.Add(plan);
            }
            await d.SaveChangesAsync();
        });
        await AddAsync(0, 10);
        var listedBefore = int.Parse(Regex.Match(WebUtility.HtmlDecode(await th.GetStringAsync(url)), "Requieren plan \\(([0-9]+)\\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var before = await CountAsync(pages);
        await AddAsync(10, Added - 10);
        var after = await CountAsync(pages);
        foreach (var (page, n) in before)
            Assert.True(after[page] == n, $"{page}: {n} SQL commands with {listedBefore} people listed, {after[page]} with {Added - 10} more");

        var html = WebUtility.HtmlDecode(await th.GetStringAsync(url));
        var listed = listedBefore + Added - 10;
        Assert.Contains($"Requieren plan ({listed})", html);
        Assert.Contains($"id=\"ca-pending\">{listed}<", html);
        Assert.Equal(Paging.DefaultSize, Regex.Matches(html, "<input type=\"hidden\" name=\"ServantId\"").Count);
        var last = WebUtility.HtmlDecode(await th.GetStringAsync($"{url}&pagina=3"));
        Assert.Equal(listed - 2 * Paging.DefaultSize, Regex.Matches(last, "<input type=\"hidden\" name=\"ServantId\"").Count);
        // «Mejoramiento individual»: the period's plans (those added by hand have one each), 50 a page.
        var plans = await app.WithDbAsync(d => d.Set<Egi.Domain.Improvement.ImprovementPlan>().CountAsync(p => p.PeriodId == scenario.PeriodId && !p.Excluded));
        Assert.True(plans > 2 * Paging.DefaultSize, $"{plans} plans");
        Assert.Equal(Paging.DefaultSize, Regex.Matches(await th.GetStringAsync(plansUrl), "name=\"Selected\"").Count);
        Assert.Equal(plans - 2 * Paging.DefaultSize, Regex.Matches(await th.GetStringAsync($"{plansUrl}&pagina=3"), "name=\"Selected\"").Count);
    }

    /// <summary>
    /// The jefe's goal approval page reads the period's plan items only to show the goals editor («Modificar»: its own
    /// dependencia's plan, the PEI and the PND, and whether other dependencias have plans, which the browser fetches);
    /// viewing the goals, approving them or any other decision does not (the goals show the label they were saved with).
    /// </summary>
    [Fact]
    public async Task The_approval_page_reads_the_plan_items_only_for_the_goals_editor()
    {
        var camila = await scenario.EvaluationIdAsync(EvaluationScenario.Camila);
        var jefe = await app.SignedInAsync(Accounts.Jefe);
        foreach (var (url, reads) in new[] { ($"/Evaluations/Approval/{camila}", 0), ($"/Evaluations/Approval/{camila}?handler=Modify", 2) })
        {
            Assert.Equal(HttpStatusCode.OK, (await jefe.GetAsync(url)).StatusCode);
            app.Queries.Reset();
            var html = System.Net.WebUtility.HtmlDecode(await (await jefe.GetAsync(url)).Content.ReadAsStringAsync());
            var texts = app.Queries.Texts;
            Assert.Contains("Subdirección de Energía", html); // the evaluado's dependencia, read with the evaluation
            Assert.True(texts.Count(t => t.Contains("\"PlanItems\"", StringComparison.Ordinal)) == reads, $"{url}:\n" + string.Join("\n----\n", texts));
        }
    }

    private Task<int> StrategicPlanIdAsync() =>
        app.WithDbAsync(d => d.Set<InstitutionalPlan>().Where(p => p.PeriodId == scenario.PeriodId && p.Kind == PlanKind.Strategic).Select(p => p.Id).SingleAsync());

    /// <summary>
    /// The plans' list, a plan's page and the coverage report count the goals from their stored links
    /// (<see cref="GoalPlanLink"/>): none of them reads an evaluation's goals (they read every evaluation of the period,
    /// with its JSON, before issue 11's round of 05/12).
    /// </summary>
    [Fact]
    public async Task The_plan_pages_count_the_stored_links_and_read_no_evaluation()
    {
        var th = await app.SignedInAsync(Accounts.TalentoHumano);
        foreach (var url in new[] { "/Plans", $"/Plans/Details/{await StrategicPlanIdAsync()}", "/Plans/Coverage" })
        {
            Assert.Equal(HttpStatusCode.OK, (await th.GetAsync(url)).StatusCode);
            app.Queries.Reset();
            Assert.Equal(HttpStatusCode.OK, (await th.GetAsync(url)).StatusCode);
            var texts = app.Queries.Texts;
            Assert.True(!texts.Any(t => t.Contains(".\"Goals\"", StringComparison.Ordinal)) && texts.Any(t => t.Contains("\"GoalPlanLinks\"", StringComparison.Ordinal)),
                $"{url}:\n" + string.Join("\n----\n", texts));
        }
    }

    /// <summary>
    /// The menu's facts for an account that is nobody in the directory (Control Interno's Consulta): no jefe or evaluado
    /// entries, its own unread notices counted (not the read one, not another person's), and the page costs the same
    /// number of commands with notices as without.
    /// </summary>
    [Fact]
    public async Task An_account_without_a_servant_sees_its_unread_notices_in_the_menu_for_one_command()
    {
        var consultaId = await app.WithDbAsync(d => d.Users.Where(u => u.Email == Accounts.Consulta).Select(u => u.Id).SingleAsync());
        var thId = await app.WithDbAsync(d => d.Users.Where(u => u.Email == Accounts.TalentoHumano).Select(u => u.Id).SingleAsync());
        Assert.Null(await app.WithDbAsync(d => d.Users.Where(u => u.Id == consultaId).Select(u => u.ServantId).SingleAsync()));
        await app.WithDbAsync(async d =>
        {
            var at = DateTime.UtcNow;
            d.InboxNotifications.AddRange(
                new() { UserId = consultaId, CreatedAt = at, Title = "Aviso 1", Text = "Primero" },
                new() { UserId = consultaId, CreatedAt = at, Title = "Aviso 2", Text = "Segundo" },
                new() { UserId = consultaId, CreatedAt = at, Title = "Aviso leído", Text = "Ya leído", ReadAt = at },
                new() { UserId = thId, CreatedAt = at, Title = "De otra persona", Text = "No cuenta" });
            return await d.SaveChangesAsync();
        });

        var consulta = await app.SignedInAsync(Accounts.Consulta);
        var page = await consulta.GetStringAsync("/Help");
        Assert.Contains("2<span class=\"visually-hidden\"> sin leer</span>", page);
        Assert.DoesNotContain("href=\"/Evaluations/Mine\">", page);
        Assert.DoesNotContain("href=\"/Evaluations/ToApprove\">", page);

        var withNotices = (await CountAsync([("consulta", consulta, "/Help")])).Values.Single();
        await app.WithDbAsync(d => d.InboxNotifications.Where(n => n.UserId == consultaId).ExecuteDeleteAsync());
        var without = (await CountAsync([("consulta", consulta, "/Help")])).Values.Single();
        Assert.DoesNotContain("sin leer", await consulta.GetStringAsync("/Help"));
        Assert.Equal(without, withNotices);
    }

    /// <summary>
    /// With 120 more evaluados, the jefe's «Por aprobar» and the control points show 50 rows at a time: every page costs
    /// the same SQL commands as the first, and the page navigation says where one is (a named nav, the current page
    /// marked with aria-current, links that keep the other list's page).
    /// </summary>
    [Fact]
    public async Task The_jefes_lists_and_the_control_points_are_paged_and_every_page_costs_the_same_queries()
    {
        await GrowAsync();
        var jefe = await app.SignedInAsync(Accounts.Jefe);
        var evaluados = await app.WithDbAsync(d => d.Evaluations.CountAsync(e => e.PeriodId == scenario.PeriodId && e.EvaluatorId == d.Servants
            .Where(s => s.DocumentNumber == EvaluationScenario.Felipe).Select(s => s.Id).First() && e.EvaluadoId != e.EvaluatorId));
        Assert.InRange(evaluados, 101, 150); // three pages

        var counts = await CountAsync([("jefe", jefe, "/Evaluations/ToApprove"), ("jefe", jefe, "/Evaluations/ToApprove?pagina=3&espera=2")]);
        Assert.True(counts.Values.Distinct().Count() == 1, string.Join("; ", counts.Select(c => $"{c.Key}: {c.Value}")));

        var first = WebUtility.HtmlDecode(await jefe.PageAsync("/Evaluations/ToApprove"));
        var all = Ap.Section(first, "id=\"titulo-todos\"", "</main>");
        Assert.Equal(50, Regex.Count(all, ">Ver evaluación<span"));
        Assert.Contains("<nav aria-label=\"Páginas de la lista de sus evaluados\"", all);
        Assert.Contains("aria-current=\"page\"><span class=\"visually-hidden\">Página </span>1</a>", all);
        Assert.Contains("href=\"/Evaluations/ToApprove?pagina=2\" rel=\"next\"", all);
        Assert.Contains($"<span class=\"badge text-bg-light border\">{evaluados}</span> evaluados en total", first);
        var waiting = Ap.Section(first, "id=\"titulo-esperan\"", "id=\"titulo-todos\"");
        Assert.Contains("<nav aria-label=\"Páginas de las evaluaciones que esperan su acción\"", waiting);

        var third = WebUtility.HtmlDecode(await jefe.PageAsync("/Evaluations/ToApprove?pagina=3&espera=2"));
        var lastPage = Ap.Section(third, "id=\"titulo-todos\"", "</main>");
        Assert.Equal(evaluados - 100, Regex.Count(lastPage, ">Ver evaluación<span"));
        Assert.Contains("aria-current=\"page\"><span class=\"visually-hidden\">Página </span>3</a>", lastPage);
        // The link back keeps the other list on its page.
        Assert.Contains("href=\"/Evaluations/ToApprove?espera=2&pagina=2\" rel=\"prev\"", lastPage);
        Assert.Empty(Names(all).Intersect(Names(lastPage)));

        // Past the goals window every untouched formulation is late: more than a page of «Atrasados».
        app.Clock.Advance(TimeSpan.FromDays(30));
        var th = await app.SignedInAsync(Accounts.TalentoHumano);
        var control = await CountAsync([("th", th, "/Control?etapa=1"), ("th", th, "/Control?etapa=1&pagina-atrasados=2")]);
        Assert.True(control.Values.Distinct().Count() == 1, string.Join("; ", control.Select(c => $"{c.Key}: {c.Value}")));
        var late = WebUtility.HtmlDecode(await th.PageAsync("/Control?etapa=1"));
        var lateCount = int.Parse(Regex.Match(late, "id=\"titulo-atrasados\">Atrasados \\((\\d+)\\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(lateCount > 50, $"{lateCount} late");
        Assert.Equal(50, Regex.Count(Ap.Section(late, "id=\"tabla-atrasados\"", "</table>"), "<tr data-evaluation-id="));
        Assert.Contains("<nav aria-label=\"Páginas de la lista «Atrasados»\"", late);
        Assert.Contains($"Seleccionar todos (atrasados: {lateCount}, en todas las páginas)", late);
        var second = WebUtility.HtmlDecode(await th.PageAsync("/Control?etapa=1&pagina-atrasados=2"));
        Assert.Equal(Math.Min(50, lateCount - 50), Regex.Count(Ap.Section(second, "id=\"tabla-atrasados\"", "</table>"), "<tr data-evaluation-id="));
        Assert.Contains("aria-current=\"page\"><span class=\"visually-hidden\">Página </span>2</a>", Ap.Section(second, "id=\"titulo-atrasados\"", "id=\"titulo-proximos\""));
    }

    /// <summary>
    /// The control points on the last day of a window for an entity of 500 more evaluados: «Atrasados» and «Plazo por
    /// vencer» are counted, ordered and paged in SQL, so the first page, a far page and the other list cost the same
    /// SQL commands as with the demo entity; the counts cover every page; the most late come first.
    /// </summary>
    [Fact]
    public async Task The_control_points_cost_the_same_queries_with_500_more_evaluations()
    {
        // Well past the goals window: the demo's untouched formulations are late.
        app.Clock.Advance(TimeSpan.FromDays(35));
        var th = await app.SignedInAsync(Accounts.TalentoHumano);
        var pages = new List<(string, HttpClient, string)> { ("th", th, "/Control?etapa=1"), ("th", th, "/Control?etapa=1&pagina-atrasados=9"), ("th", th, "/Control?etapa=3") };
        var before = await CountAsync(pages);
        var lateBefore = LateCount(WebUtility.HtmlDecode(await th.PageAsync("/Control?etapa=1")));

        await scenario.AddEvaluadosAsync(500, "Masivo", 800000000, "masivo");
        var after = await CountAsync(pages);
        foreach (var (page, n) in before)
            Assert.True(after[page] == n, $"{page}: {n} SQL commands with the demo entity, {after[page]} with 500 more evaluations");

        var html = WebUtility.HtmlDecode(await th.PageAsync("/Control?etapa=1&pagina-atrasados=9"));
        Assert.Equal(lateBefore + 500, LateCount(html));
        var rows = Regex.Count(Ap.Section(html, "id=\"tabla-atrasados\"", "</table>"), "<tr data-evaluation-id=");
        Assert.Equal(Math.Min(50, lateBefore + 500 - 400), rows);
        // Ordered by the deadline: the working days late never grow down the list.
        var days = Regex.Matches(Ap.Section(html, "id=\"tabla-atrasados\"", "</table>"), "<td class=\"text-end\">(\\d+)</td>")
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(rows, days.Count);
        Assert.Equal(days.OrderByDescending(d => d), days);
    }

    /// <summary>
    /// A transition is saved in one round of statements whatever the size of the period: the evaluation, its waits and
    /// notices and its audit line in one SaveChanges (the line used to follow in a second one; on PostgreSQL one batch), no savepoint (EF Core
    /// set one before each inner SaveChanges of the save's own transaction: two more round trips each on PostgreSQL), and
    /// the evaluado's dependencia read once, inside the tallies' locks (the one read before them came from the tracker).
    /// </summary>
    [Fact]
    public async Task A_transition_is_saved_in_one_round_of_statements_whatever_the_size_of_the_period()
    {
        var jefe = await app.SignedInAsync(Accounts.Jefe);
        var first = await ApproveCountedAsync(jefe, await scenario.EvaluationIdAsync(EvaluationScenario.Camila));

        await GrowAsync();
        var waiting = await app.WithDbAsync(d => d.Evaluations.Where(e => e.PeriodId == scenario.PeriodId && e.State == EvaluationState.GoalApproval
            && e.Waits.Any(w => w.ServantId == e.EvaluatorId && w.Action == PendingAction.ApproveGoals)).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync());
        var second = await ApproveCountedAsync(jefe, waiting);

        foreach (var (texts, saves, savepoints) in new[] { first, second })
        {
            Assert.True(saves == 1, $"{saves} SaveChanges in one transition's save: its audit line goes with the evaluation");
            Assert.True(savepoints == 0, $"{savepoints} savepoints in one transition's save");
            Assert.True(texts.Count(t => t.Contains("\"DependencyId\"\nFROM \"Servants\"", StringComparison.Ordinal)) == 1,
                "The evaluado's dependencia is read once:\n" + string.Join("\n---\n", texts));
        }
        // Each command by the statements it sends (a batch on PostgreSQL), but the inbox line: the servants added have no
        // account, so they get an e-mail only. The rest is the same, statement for statement.
        static List<string> Commands(IReadOnlyList<string> texts) => [.. texts.Select(t => string.Join(" + ", t.Split('\n')
            .Where(l => Regex.IsMatch(l, "^(SELECT|INSERT|UPDATE|DELETE)") && !l.StartsWith("INSERT INTO \"InboxNotifications\"", StringComparison.Ordinal))
            .Select(l => l.Length > 60 ? l[..60] : l))).Where(c => c.Length > 0)];
        var (before, after) = (Commands(first.Texts), Commands(second.Texts));
        Assert.True(before.SequenceEqual(after),
            $"{before.Count} SQL commands to approve with the demo entity, {after.Count} with {Added} more evaluations:\n"
            + string.Join("\n", before) + "\n--- and then ---\n" + string.Join("\n", after));
    }

    /// <summary>The jefe approves the goals of <paramref name="id"/> through the page; the commands, SaveChanges and savepoints of the POST alone.</summary>
    private async Task<(IReadOnlyList<string> Texts, int Saves, int Savepoints)> ApproveCountedAsync(HttpClient jefe, int id)
    {
        var page = $"/Evaluations/Approval/{id}";
        var html = await jefe.PageAsync(page);
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HttpClientFormExtensions.AntiforgeryToken(html),
            ["Version"] = Ap.Version(html),
            ["Comment"] = "De acuerdo",
        };
        app.Queries.Reset();
        var (saves, savepoints) = (app.Transactions.Saves, app.Transactions.Savepoints);
        var response = await jefe.PostAsync($"{page}?handler=Approve", new FormUrlEncodedContent(form));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"approving {id}: {(int)response.StatusCode}");
        return (app.Queries.Texts, app.Transactions.Saves - saves, app.Transactions.Savepoints - savepoints);
    }

    private static int LateCount(string html) =>
        int.Parse(Regex.Match(html, "id=\"titulo-atrasados\">Atrasados \\((\\d+)\\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<string> Names(string html) =>
        Regex.Matches(html, "<th scope=\"row\">([^<]+)</th>").Select(m => m.Groups[1].Value);

    /// <summary>Adds servants under Felipe Navarro (the demo jefe), opens their evaluations and sends half of their goals.</summary>
    private async Task GrowAsync()
    {
        var felipe = await scenario.AddEvaluadosAsync(Added, "De Prueba", 900000000, "persona");
        await app.WithDbAsync(async d =>
        {
            var period = await d.Periods.AsNoTracking().SingleAsync(p => p.Id == scenario.PeriodId);
            var added = await d.Evaluations.Where(e => e.PeriodId == period.Id && e.EvaluatorId == felipe)
                .Join(d.Servants.Where(s => s.LastNames == "De Prueba"), e => e.EvaluadoId, s => s.Id, (e, s) => e).ToListAsync();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            foreach (var e in added.Where(e => e.Id % 2 == 0))
            {
                var outcome = e.SubmitGoals(new Actor("", e.EvaluadoId, "Persona"), EvaluationScenario.Goals(50, 50),
                    new EvaluationContext(scenario.Today, now, period, new DateOnly(2020, 1, 1)));
                Assert.True(outcome.Succeeded, outcome.ToString());
            }
            await d.SaveChangesAsync();
        });
    }
}

public sealed class QueryCountTestsSqlite(QuietSqliteHost host) : QueryCountTests(host), IClassFixture<QuietSqliteHost>;

public sealed class QueryCountTestsPostgres(QuietPostgresHost host) : QueryCountTests(host), IClassFixture<QuietPostgresHost>;
