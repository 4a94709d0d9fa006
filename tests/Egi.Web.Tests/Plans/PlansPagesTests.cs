using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Egi.Domain.Calendar;
using Egi.Domain.Evaluations;
using Egi.Domain.Planning;
using Egi.Web.Data;
using Egi.Web.Features.Plans;
using Egi.Web.Features.Shared;
using Egi.Web.Tests.Evaluations;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Egi.Web.Tests.Plans;

/// <summary>
/// Issue #7 (activity 1, SPEC §7) through the real host: the institutional plans and their items, their import from
/// .xlsx/.csv, the goal form's link to an item (refused from another period, required by the period's setting), the
/// coverage report and its .xlsx, and who may do what (Planeación and Talento Humano edit, Consulta reads).
/// </summary>
public abstract partial class PlansPagesTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync() => host.StartTestAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<string> ReadAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static async Task<string> HtmlAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadAsync(response);
    }

    private Task<int> PeriodIdAsync(int year = 2026) => app.WithDbAsync(d => d.Periods.Where(p => p.Year == year).Select(p => p.Id).SingleAsync());

    private Task<InstitutionalPlan> PlanAsync(Func<InstitutionalPlan, bool> which) =>
        app.WithDbAsync(async d => (await d.Set<InstitutionalPlan>().AsNoTracking().Include(p => p.Items).ToListAsync()).Single(which));

    /// <summary>Changes a stored plan through its own methods (as its pages do), saved as <paramref name="bulk"/> says.</summary>
    private Task ChangePlanAsync(int planId, Func<Period, InstitutionalPlan, Egi.Domain.Common.Outcome> change, bool bulk = false) =>
        app.WithDbAsync(async d =>
        {
            var plan = await d.Set<InstitutionalPlan>().Include(p => p.Items).SingleAsync(p => p.Id == planId);
            var outcome = change(await d.Periods.SingleAsync(p => p.Id == plan.PeriodId), plan);
            Assert.True(outcome.Succeeded, outcome.ToString());
            if (bulk) await d.SaveAdditionsAsync();
            else await d.SaveChangesAsync();
        });

    private async Task<int> NewPlanAsync(HttpClient client, PlanKind kind, string name, int? dependencyId = null)
    {
        var periodId = await PeriodIdAsync();
        var form = new Dictionary<string, string> { ["Form.Kind"] = ((int)kind).ToString(), ["Form.Name"] = name, ["Form.DependencyId"] = dependencyId?.ToString() ?? "" };
        var response = await client.PostFormAsync($"/Plans/Edit?vigencia={periodId}", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    private static byte[] Xlsx(params object?[][] rows)
    {
        var headers = rows[0].Select(h => h!.ToString()!).ToList();
        var data = rows.Skip(1).Select(r =>
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < headers.Count; i++) row[headers[i]] = r[i];
            return row;
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(data, sheetName: "Ítems");
        return stream.ToArray();
    }

    [GeneratedRegex("name=\"Token\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("name=\"Fingerprint\" value=\"([0-9A-F]{32})\"")]
    private static partial Regex FingerprintField();

    [GeneratedRegex("name=\"Version\" value=\"([0-9a-fA-F-]{36})\"")]
    private static partial Regex VersionField();

    // ------------------------------------------------------------------ authorization

    [Fact]
    public async Task Planeacion_and_talento_humano_edit_consulta_reads_only_and_evaluados_and_jefes_are_refused()
    {
        var periodId = await PeriodIdAsync();
        var pei = await PlanAsync(p => p.Kind == PlanKind.Strategic);
        var item = pei.Items.First();

        using var anonymous = app.NewClient();
        foreach (var url in new[] { "/Plans", $"/Plans/Details/{pei.Id}", "/Plans/Coverage", $"/Plans/Import?plan={pei.Id}", $"/Plans/Item/{item.Id}" })
        {
            var r = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.StartsWith("/Account/Login", r.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        foreach (var email in new[] { Accounts.Evaluado, Accounts.Jefe })
        {
            using var client = await app.SignedInAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Plans")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Plans/Coverage")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Plans/Details/{pei.Id}")).StatusCode);
        }

        using var consulta = await app.SignedInAsync(Accounts.Consulta);
        var list = await HtmlAsync(consulta, $"/Plans?vigencia={periodId}");
        Assert.Contains(DemoPlans.StrategicName, list);
        Assert.DoesNotContain("Nuevo plan", list);
        var details = await HtmlAsync(consulta, $"/Plans/Details/{pei.Id}");
        Assert.Contains(item.Name, details);
        Assert.DoesNotContain("Agregar ítem", details);
        Assert.Equal(HttpStatusCode.Forbidden, (await consulta.GetAsync($"/Plans/Edit?vigencia={periodId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await consulta.GetAsync($"/Plans/Item?plan={pei.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await consulta.GetAsync($"/Plans/Import?plan={pei.Id}")).StatusCode);
        // POSTs too (the token comes from a page Consulta can read).
        var create = await consulta.PostFormAsync($"/Plans/Edit?vigencia={periodId}",
            new() { ["Form.Kind"] = "1", ["Form.Name"] = "PND de Consulta" }, getUrl: "/Plans");
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        var delete = await consulta.PostFormAsync($"/Plans/Details/{pei.Id}?handler=DeleteItem", new() { ["itemId"] = item.Id.ToString() }, getUrl: "/Plans");
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        var import = await consulta.PostFileAsync($"/Plans/Import?plan={pei.Id}", "/Plans", "Upload", "items.xlsx", Xlsx(["Código", "Nombre"], ["9.9", "Intruso"]));
        Assert.Equal(HttpStatusCode.Forbidden, import.StatusCode);
        Assert.Equal(pei.Items.Count, (await PlanAsync(p => p.Id == pei.Id)).Items.Count);
        Assert.False(await app.WithDbAsync(d => d.Set<InstitutionalPlan>().AnyAsync(p => p.Name == "PND de Consulta")));

        // Planeación and Talento Humano edit.
        using var planeacion = await app.SignedInAsync(Accounts.Planeacion);
        Assert.Contains("Nuevo plan", await HtmlAsync(planeacion, "/Plans"));
        var minasDependency = await app.WithDbAsync(d => d.Dependencies.Where(x => x.Code == "400").Select(x => x.Id).SingleAsync());
        await app.WithDbAsync(async d =>
        {
            // Free the slot: the demo already has the PND and a plan de acción for 400.
            d.RemoveRange(d.Set<InstitutionalPlan>().Where(p => p.Kind == PlanKind.NationalDevelopment || p.DependencyId == minasDependency));
            await d.SaveChangesAsync();
        });
        var pnd = await NewPlanAsync(planeacion, PlanKind.NationalDevelopment, "PND 2022-2026");
        using var th = await app.SignedInAsync(Accounts.TalentoHumano);
        var action = await NewPlanAsync(th, PlanKind.Action, "Plan de acción de Minería", minasDependency);
        Assert.Equal("PND 2022-2026", (await PlanAsync(p => p.Id == pnd)).Name);
        Assert.Equal(minasDependency, (await PlanAsync(p => p.Id == action)).DependencyId);
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.EntityType == "Plan institucional" && a.Action == "Crear" && a.Summary.Contains("PND 2022-2026"))));

        // A second PND in the same period is refused with a message, next to the field.
        var again = await planeacion.PostFormAsync($"/Plans/Edit?vigencia={periodId}", new() { ["Form.Kind"] = "1", ["Form.Name"] = "Otro PND" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var againHtml = await ReadAsync(again);
        Assert.Contains("role=\"alert\"", againHtml);
        Assert.Contains("Ya existe un Plan Nacional de Desarrollo en esta vigencia", againHtml);
    }

    // ------------------------------------------------------------------ items and import

    [Fact]
    public async Task Items_have_a_unique_code_in_their_plan_and_an_item_a_goal_links_to_cannot_be_deleted()
    {
        using var planeacion = await app.SignedInAsync(Accounts.Planeacion);
        var pei = await PlanAsync(p => p.Kind == PlanKind.Strategic);
        var duplicate = await planeacion.PostFormAsync($"/Plans/Item?plan={pei.Id}", new() { ["Form.Code"] = "1.1", ["Form.Name"] = "Repetido" });
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("Ya existe otro ítem con el código «1.1» en este plan", await ReadAsync(duplicate));
        var added = await planeacion.PostFormAsync($"/Plans/Item?plan={pei.Id}", new() { ["Form.Code"] = "4", ["Form.Name"] = "Innovación", ["Form.Description"] = "Nuevo objetivo" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var after = await PlanAsync(p => p.Id == pei.Id);
        Assert.Equal(pei.Items.Count + 1, after.Items.Count);

        // Camila's draft links a goal to PEI 1.1: that item stays; the new one can go.
        var scenario = await EvaluationScenario.OpenAsync(app);
        var linked = pei.Items.Single(i => i.Code == "1.1");
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.SaveGoals(p.Evaluado,
            [.. EvaluationScenario.Goals(100).Select(g => g with { PlanItemId = linked.Id })], p.Context));
        var refused = await planeacion.PostFormAsync($"/Plans/Details/{pei.Id}?handler=DeleteItem", new() { ["itemId"] = linked.Id.ToString() }, getUrl: $"/Plans/Details/{pei.Id}");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedHtml = await ReadAsync(refused);
        Assert.Contains("role=\"alert\"", refusedHtml);
        Assert.Contains("No se puede eliminar el ítem «1.1 — Planes indicativos de expansión de generación y transmisión»: 1 meta de la Vigencia 2026 lo usan", refusedHtml);
        var deletePlan = await planeacion.PostFormAsync($"/Plans/Details/{pei.Id}?handler=Delete", [], getUrl: $"/Plans/Details/{pei.Id}");
        Assert.Contains("No se puede eliminar el plan", await ReadAsync(deletePlan));
        var fresh = after.Items.Single(i => i.Code == "4");
        var deleted = await planeacion.PostFormAsync($"/Plans/Details/{pei.Id}?handler=DeleteItem", new() { ["itemId"] = fresh.Id.ToString() }, getUrl: $"/Plans/Details/{pei.Id}");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var final = await PlanAsync(p => p.Id == pei.Id);
        Assert.Contains(final.Items, i => i.Id == linked.Id);
        Assert.DoesNotContain(final.Items, i => i.Id == fresh.Id);
    }

    [Fact]
    public async Task A_valid_xlsx_is_previewed_then_applied_and_a_spanish_excel_csv_updates_by_code()
    {
        using var planeacion = await app.SignedInAsync(Accounts.Planeacion);
        var energy = await app.WithDbAsync(d => d.Dependencies.Where(x => x.Code == "300").Select(x => x.Id).SingleAsync());
        var pnd = (await PlanAsync(p => p.Kind == PlanKind.NationalDevelopment)).Id;
        var page = $"/Plans/Import?plan={pnd}";
        var template = await planeacion.GetAsync($"{page}&handler=Template");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        var templateRows = MiniExcel.Query(new MemoryStream(await template.Content.ReadAsByteArrayAsync()), useHeaderRow: true, sheetName: "Ítems").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, templateRows.Count);
        Assert.True(templateRows[0].ContainsKey("Dependencia responsable"));

        var file = Xlsx(["Código", "Nombre", "Descripción", "Dependencia responsable"],
            ["T6", "Convergencia regional", "Nueva transformación", "300"],
            ["T7", "Paz total", "", "Subdirección de Minería"]);
        var upload = await planeacion.PostFileAsync(page, page, "Upload", "pnd.xlsx", file);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var preview = await ReadAsync(upload);
        Assert.Contains("Vista previa de «pnd.xlsx»", preview);
        Assert.Contains("id=\"cuenta-crear\">2<", preview);
        Assert.Equal(3, (await PlanAsync(p => p.Id == pnd)).Items.Count); // nothing written before the confirmation

        var confirm = await planeacion.PostFormAsync($"{page}&handler=Confirm", new()
        {
            ["Token"] = TokenField().Match(preview).Groups[1].Value,
            ["Fingerprint"] = FingerprintField().Match(preview).Groups[1].Value,
        }, getUrl: page);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        var items = (await PlanAsync(p => p.Id == pnd)).Items;
        Assert.Equal(5, items.Count);
        Assert.Equal(energy, items.Single(i => i.Code == "T6").ResponsibleDependencyId);
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.Action == "Importar" && a.EntityType == "Ítem de plan" && a.Summary.Contains("2 creados"))));

        // Excel in Spanish saves CSV with ";" in Windows-1252: the same code updates the item.
        var csv = Encoding.Latin1.GetBytes("Código;Nombre;Descripción\r\nT6;Convergencia regional y territorial;Nueva transformación\r\n");
        var csvPreview = await ReadAsync(await planeacion.PostFileAsync(page, page, "Upload", "pnd.csv", csv));
        Assert.Contains("id=\"cuenta-actualizar\">1<", csvPreview);
        Assert.Contains("Convergencia regional → Convergencia regional y territorial", csvPreview);
        var csvConfirm = await planeacion.PostFormAsync($"{page}&handler=Confirm", new()
        {
            ["Token"] = TokenField().Match(csvPreview).Groups[1].Value,
            ["Fingerprint"] = FingerprintField().Match(csvPreview).Groups[1].Value,
        }, getUrl: page);
        Assert.Equal(HttpStatusCode.Redirect, csvConfirm.StatusCode);
        Assert.Equal("Convergencia regional y territorial", (await PlanAsync(p => p.Id == pnd)).Items.Single(i => i.Code == "T6").Name);
    }

    [Fact]
    public async Task A_file_with_errors_lists_them_by_row_and_column_and_writes_nothing()
    {
        using var th = await app.SignedInAsync(Accounts.TalentoHumano);
        var pnd = await PlanAsync(p => p.Kind == PlanKind.NationalDevelopment);
        var page = $"/Plans/Import?plan={pnd.Id}";
        var file = Xlsx(["Código", "Nombre", "Dependencia responsable"],
            ["X1", "Bien", ""],
            ["X2", "", "999"],
            ["x1", "Repetido", ""]);
        var response = await th.PostFileAsync(page, page, "Upload", "malo.xlsx", file);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await ReadAsync(response);
        Assert.Contains("No se importó nada: el archivo «malo.xlsx» tiene errores", html);
        Assert.Matches("<td>3</td>\\s*<td>Nombre</td>", html);
        Assert.Matches("<td>3</td>\\s*<td>Dependencia responsable</td>\\s*<td[^>]*>999</td>", html);
        Assert.Matches("<td>4</td>\\s*<td>Código</td>", html);
        Assert.Contains("ya aparece en la fila 2", html);
        Assert.DoesNotContain("name=\"Token\" value=\"", html);
        Assert.Equal(pnd.Items.Count, (await PlanAsync(p => p.Id == pnd.Id)).Items.Count);

        var notASheet = await ReadAsync(await th.PostFileAsync(page, page, "Upload", "foto.png", [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0]));
        Assert.Contains("El archivo no es una hoja de cálculo válida", notASheet);
    }

    // ------------------------------------------------------------------ goals

    [Fact]
    public async Task The_goal_form_offers_the_evaluados_plan_de_accion_first_and_refuses_an_item_of_another_period()
    {
        var scenario = await EvaluationScenario.OpenAsync(app);
        var id = await scenario.EvaluationIdAsync(EvaluationScenario.Camila);
        var otherPeriodItem = await app.WithDbAsync(async d =>
        {
            var p2027 = Period.CreateWithDefaults(2027);
            d.Periods.Add(p2027);
            await d.SaveChangesAsync();
            var plan = DemoPlans.Seeded(p2027, new(PlanKind.Strategic, null, "PEI 2027", null), [new("9", "Objetivo de 2027", null, null)], [], new Dictionary<int, string>());
            d.Add(plan);
            await d.SaveChangesAsync();
            return plan.Items[0].Id;
        });
        var own = (await PlanAsync(p => p.Kind == PlanKind.Action && p.Items.Any(i => i.Code == "EN-01"))).Items.Single(i => i.Code == "EN-01");

        using var camila = await app.SignedInAsync(Accounts.Evaluado);
        var url = $"/Evaluations/Goals/{id}";
        var page = await HtmlAsync(camila, url);
        Assert.Matches("<label[^>]*for=\"Goals_0__PlanItemId\"[^>]*>Ítem del plan institucional</label>", page);
        var groups = Regex.Matches(page[page.IndexOf("id=\"Goals_0__PlanItemId\"", StringComparison.Ordinal)..page.IndexOf("id=\"Goals_1__PlanItemId\"", StringComparison.Ordinal)],
            "<optgroup label=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal("Plan de acción de su dependencia — Subdirección de Energía", groups[0]);
        Assert.StartsWith("Plan Estratégico Institucional", groups[1], StringComparison.Ordinal);
        Assert.StartsWith("Plan Nacional de Desarrollo", groups[2], StringComparison.Ordinal);
        Assert.DoesNotContain("Objetivo de 2027", page);

        Dictionary<string, string> Form(string version, string item) => new()
        {
            ["Version"] = version,
            ["Goals[0].Description"] = "Publicar el plan de expansión 2027",
            ["Goals[0].Weight"] = "100",
            ["Goals[0].ExpectedEvidence"] = "Documento publicado",
            ["Goals[0].AgreedFirstFollowUpPercent"] = "40",
            ["Goals[0].DueDate"] = "2026-12-10",
            ["Goals[0].PlanItemId"] = item,
        };
        var version = VersionField().Match(page).Groups[1].Value;
        var refused = await camila.PostFormAsync($"{url}?handler=Submit", Form(version, otherPeriodItem.ToString()), getUrl: url);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedHtml = await ReadAsync(refused);
        Assert.Contains("role=\"alert\"", refusedHtml);
        Assert.Contains("Meta 1: el «Ítem del plan institucional» elegido no es de los planes de la vigencia 2026", refusedHtml);
        Assert.Matches("id=\"Goals_0__PlanItemId-error\"[^>]*>[^<]*no es de los planes de la vigencia 2026", refusedHtml);
        var unchanged = await scenario.EvaluationAsync(EvaluationScenario.Camila);
        Assert.Equal(EvaluationState.GoalFormulation, unchanged.State);
        Assert.Empty(unchanged.Goals);

        var ok = await camila.PostFormAsync($"{url}?handler=Submit", Form(version, own.Id.ToString()), getUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var goal = Assert.Single((await scenario.EvaluationAsync(EvaluationScenario.Camila)).Goals);
        Assert.Equal(own.Id, goal.PlanItemId);
        Assert.Equal("Plan de acción EN-01 — Publicar el plan de expansión de referencia generación-transmisión", goal.PlanItemLabel);
        Assert.Contains("Ítem del plan institucional: Plan de acción EN-01 — Publicar el plan de expansión", await HtmlAsync(camila, $"/Evaluations/Details/{id}"));

        // The jefe's approval form keeps the link (the select comes back with the item chosen).
        using var felipe = await app.SignedInAsync(Accounts.Jefe);
        var modify = await HtmlAsync(felipe, $"/Evaluations/Approval/{id}?handler=Modify");
        Assert.Matches($"<option value=\"{own.Id}\" selected>", modify);
    }

    /// <summary>
    /// The other dependencias' planes de acción (hundreds of items in a large entity) are not written into the goal form:
    /// its lists name where the browser fetches them (Evaluations/PlanChoices, with the stamp of the plans), which the
    /// browser may keep until a plan changes. An item chosen from one of them comes back selected in the goal's own list,
    /// so that nothing is lost without JavaScript.
    /// </summary>
    [Fact]
    public async Task The_other_dependencias_plans_are_fetched_apart_and_an_item_chosen_from_them_is_kept()
    {
        var scenario = await EvaluationScenario.OpenAsync(app);
        var id = await scenario.EvaluationIdAsync(EvaluationScenario.Camila);
        var periodId = await PeriodIdAsync();
        var foreign = (await PlanAsync(p => p.Kind == PlanKind.Action && p.Items.Any(i => i.Code == "DG-01"))).Items.Single(i => i.Code == "DG-01");
        var camilaId = await scenario.ServantIdAsync(EvaluationScenario.Camila);
        var ownDependency = await app.WithDbAsync(d => d.Servants.Where(x => x.Id == camilaId).Select(x => x.DependencyId).SingleAsync());
        Task<string> StampAsync() => app.WithDbAsync(d => d.Set<ReadModelStamp>().Where(x => x.Key == PlanChoicesStamp.Key).Select(x => x.Value).SingleAsync());
        using var camila = await app.SignedInAsync(Accounts.Evaluado);
        var url = $"/Evaluations/Goals/{id}";
        var page = await HtmlAsync(camila, url);
        var stamp = await StampAsync();
        var choices = $"/Evaluations/PlanChoices/{periodId}?v={stamp}";
        Assert.Contains($"data-other-plans=\"{choices}\" data-own-dependency=\"{ownDependency}\"", page);
        Assert.DoesNotContain($"<option value=\"{foreign.Id}\"", page);
        Assert.DoesNotContain("Plan de acción — Dirección General", page);
        Assert.Contains("src=\"/js/plan-items.", page);

        // The plans, as the browser gets them: kept (the stamp is the current one), each group marked with its dependencia.
        var fetched = await camila.GetAsync(choices);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        var kept = fetched.Headers.CacheControl!;
        Assert.True(kept.Private && kept.MaxAge == TimeSpan.FromDays(365) && kept.Extensions.Any(e => e.Name == "immutable"), kept.ToString());
        var plans = await ReadAsync(fetched);
        Assert.Matches($"<optgroup label=\"Plan de acción — Dirección General\" data-dependency=\"\\d+\">\\s*<option value=\"{foreign.Id}\">Plan de acción DG-01 — ", plans);
        Assert.Contains($"data-dependency=\"{ownDependency}\"", plans); // the script leaves the evaluado's own out
        Assert.DoesNotContain("PEI ", plans);
        // With another stamp (a page read before a plan changed), the answer is fresh and not kept.
        var old = await camila.GetAsync($"/Evaluations/PlanChoices/{periodId}?v=antiguo");
        Assert.True(old.Headers.CacheControl is { NoStore: true, MaxAge: null }, old.Headers.CacheControl?.ToString());
        Assert.Equal(plans, await ReadAsync(old));

        var saved = await camila.PostFormAsync($"{url}?handler=Save", new()
        {
            ["Version"] = VersionField().Match(page).Groups[1].Value,
            ["Goals[0].Description"] = "Apoyar el relacionamiento con las regiones",
            ["Goals[0].Weight"] = "100",
            ["Goals[0].PlanItemId"] = foreign.Id.ToString(),
        }, getUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(foreign.Id, Assert.Single((await scenario.EvaluationAsync(EvaluationScenario.Camila)).Goals).PlanItemId);
        var again = await HtmlAsync(camila, url);
        var list = again[again.IndexOf("id=\"Goals_0__PlanItemId\"", StringComparison.Ordinal)..again.IndexOf("</select>", again.IndexOf("id=\"Goals_0__PlanItemId\"", StringComparison.Ordinal), StringComparison.Ordinal)];
        Assert.Matches($"<optgroup label=\"Plan de acción — Dirección General\" data-other=\"\">\\s*<option value=\"{foreign.Id}\" selected>Plan de acción DG-01 — ", list);
        Assert.Equal(stamp, await StampAsync()); // saving goals does not change the plans' stamp

        // Planeación renames the item: the stamp changes in the same save, so every form names a new address.
        await ChangePlanAsync(foreign.PlanId, (period, plan) =>
            plan.ChangeItem(period, plan.Items.Single(i => i.Id == foreign.Id), foreign.ToValues() with { Name = "Coordinar las regiones" }, _ => true));
        var renewed = await StampAsync();
        Assert.NotEqual(stamp, renewed);
        Assert.Contains($"data-other-plans=\"/Evaluations/PlanChoices/{periodId}?v={renewed}\"", await HtmlAsync(camila, url));
        Assert.Contains("Plan de acción DG-01 — Coordinar las regiones", await HtmlAsync(camila, $"/Evaluations/PlanChoices/{periodId}?v={renewed}"));

        // So does renaming a dependencia, whose name labels its plan.
        await app.WithDbAsync(async d =>
        {
            (await d.Dependencies.SingleAsync(x => x.Name == "Dirección General")).Name = "Dirección General de la Comisión";
            await d.SaveChangesAsync();
        });
        var renamed = await StampAsync();
        Assert.NotEqual(renewed, renamed);
        Assert.Contains("Plan de acción — Dirección General de la Comisión", await HtmlAsync(camila, $"/Evaluations/PlanChoices/{periodId}?v={renamed}"));

        // And so does an item added by the bulk path (SaveAdditionsAsync), which bypasses the change tracker's save.
        await ChangePlanAsync(foreign.PlanId, (period, plan) => plan.AddItem(period, new("DG-99", "Ítem cargado en bloque", null, null), _ => true, out _), bulk: true);
        Assert.NotEqual(renamed, await StampAsync());
        Assert.Contains("Plan de acción DG-99 — Ítem cargado en bloque", await HtmlAsync(camila, $"/Evaluations/PlanChoices/{periodId}?v={await StampAsync()}"));
    }

    /// <summary>
    /// A save of goals checks their links against the items they name, not the period's hundreds: the lookup holds those
    /// of the period (an item of another period or an unknown id is absent, so the domain refuses it), and whether the
    /// period has items at all.
    /// </summary>
    [Fact]
    public async Task A_save_looks_up_only_the_items_its_goals_name()
    {
        var own = (await PlanAsync(p => p.Kind == PlanKind.Action && p.Items.Any(i => i.Code == "EN-01"))).Items.Single(i => i.Code == "EN-01");
        var foreign = (await PlanAsync(p => p.Kind == PlanKind.Action && p.Items.Any(i => i.Code == "DG-01"))).Items.Single(i => i.Code == "DG-01");
        var periodId = await PeriodIdAsync();
        var items = await app.WithDbAsync(d => d.Set<PlanItem>().CountAsync(i => d.Set<InstitutionalPlan>().Any(p => p.Id == i.PlanId && p.PeriodId == periodId)));
        Assert.True(items > 5, $"the demo period has {items} items");

        var lookup = await app.WithDbAsync(d => new PlanCatalog(d).LookupAsync(periodId, [own.Id, foreign.Id, null, own.Id, 999_999]));
        Assert.Equal([foreign.Id, own.Id], lookup.Labels.Keys.Order());
        Assert.Equal("Plan de acción EN-01 — Publicar el plan de expansión de referencia generación-transmisión", lookup.Labels[own.Id]);
        Assert.True(lookup.PeriodHasItems);
        var none = await app.WithDbAsync(d => new PlanCatalog(d).LookupAsync(periodId, [null]));
        Assert.True(none is { Labels.Count: 0, PeriodHasItems: true });
        // A period without plans: the item is not of it, and it has none (the domain says Planeación has not registered them).
        var otherPeriod = await app.WithDbAsync(async d =>
        {
            var p2027 = Period.CreateWithDefaults(2027);
            d.Periods.Add(p2027);
            await d.SaveChangesAsync();
            return p2027.Id;
        });
        var elsewhere = await app.WithDbAsync(d => new PlanCatalog(d).LookupAsync(otherPeriod, [own.Id]));
        Assert.True(elsewhere is { Labels.Count: 0, PeriodHasItems: false });
    }

    /// <summary>
    /// The goal form reads the period's plan items once: for its lists when it shows, to check the goals of a save that
    /// goes through (which redirects); a save refused comes back with both.
    /// </summary>
    [Fact]
    public async Task The_goal_form_reads_the_plan_items_once_to_show_or_to_save()
    {
        var scenario = await EvaluationScenario.OpenAsync(app);
        var id = await scenario.EvaluationIdAsync(EvaluationScenario.Camila);
        using var camila = await app.SignedInAsync(Accounts.Evaluado);
        var url = $"/Evaluations/Goals/{id}";
        int PlanItemReads() => app.Queries.Texts.Count(t => t.Contains("\"PlanItems\"", StringComparison.Ordinal));

        app.Queries.Reset();
        var page = await HtmlAsync(camila, url);
        Assert.Equal(2, PlanItemReads()); // the PND, PEI and own plan's items; whether other dependencias have plans
        Dictionary<string, string> Form(string weight) => new()
        {
            ["Version"] = VersionField().Match(page).Groups[1].Value,
            ["Goals[0].Description"] = "Publicar el plan de expansión",
            ["Goals[0].Weight"] = weight,
        };

        // PostFormAsync first opens the form for its anti-forgery token: one read of the items is that page's.
        app.Queries.Reset();
        var refused = await camila.PostFormAsync($"{url}?handler=Save", Form("cien"), getUrl: url);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.True(PlanItemReads() == 5, string.Join("\n----\n", app.Queries.Texts)); // the token's page (2), the check, the lists (2)

        app.Queries.Reset();
        var saved = await camila.PostFormAsync($"{url}?handler=Save", Form("100"), getUrl: url);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True(PlanItemReads() == 3, string.Join("\n----\n", app.Queries.Texts)); // the token's page (2), the check
    }

    [Fact]
    public async Task With_the_period_setting_on_a_goal_without_its_plan_item_is_not_sent()
    {
        var scenario = await EvaluationScenario.OpenAsync(app);
        var id = await scenario.EvaluationIdAsync(EvaluationScenario.Camila);
        var periodId = await PeriodIdAsync();

        // Talento Humano turns the setting on in the period's settings screen.
        using var th = await app.SignedInAsync(Accounts.TalentoHumano);
        var settingsUrl = $"/Periods/Settings/{periodId}";
        var settings = await HtmlAsync(th, settingsUrl);
        Assert.Contains("Cada meta debe indicar el ítem del plan institucional que sirve", settings);
        Assert.Contains("Predeterminado: opcional.", settings);
        var saved = await th.PostFormAsync(settingsUrl, Periods.PeriodsTestSupport.SettingsForm(
            ("Input.RequirePlanLink", "true"), ("Input.ImprovementLevelBelow", "Sobresaliente"), ("Input.PartialEvaluationsInFinal", FirstOption(settings, "Input.PartialEvaluationsInFinal"))));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True(await app.WithDbAsync(d => d.Periods.Where(p => p.Id == periodId).Select(p => p.Settings.RequirePlanLink).SingleAsync()));
        Assert.Contains("checked", Regex.Match(await HtmlAsync(th, settingsUrl), "<input[^>]*id=\"Input_RequirePlanLink\"[^>]*>").Value);

        using var camila = await app.SignedInAsync(Accounts.Evaluado);
        var url = $"/Evaluations/Goals/{id}";
        var page = await HtmlAsync(camila, url);
        Assert.Contains("Ítem del plan institucional (obligatorio)", page);
        var form = new Dictionary<string, string>
        {
            ["Version"] = VersionField().Match(page).Groups[1].Value,
            ["Goals[0].Description"] = "Publicar el plan de expansión 2027",
            ["Goals[0].Weight"] = "100",
            ["Goals[0].ExpectedEvidence"] = "Documento publicado",
            ["Goals[0].AgreedFirstFollowUpPercent"] = "40",
            ["Goals[0].DueDate"] = "2026-12-10",
            ["Goals[0].PlanItemId"] = "",
        };
        var refused = await camila.PostFormAsync($"{url}?handler=Submit", form, getUrl: url);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Meta 1: elija el «Ítem del plan institucional» (PND, PEI o plan de acción) al que sirve la meta.", await ReadAsync(refused));
        Assert.Equal(EvaluationState.GoalFormulation, (await scenario.EvaluationAsync(EvaluationScenario.Camila)).State);
        // A draft may still be saved without it.
        Assert.Equal(HttpStatusCode.Redirect, (await camila.PostFormAsync($"{url}?handler=Save", form, getUrl: url)).StatusCode);
    }

    /// <summary>The value of the selected (else the first) option of a select of the page.</summary>
    private static string FirstOption(string html, string name)
    {
        var select = Regex.Match(html, $"<select[^>]*name=\"{Regex.Escape(name)}\"[^>]*>(.*?)</select>", RegexOptions.Singleline).Groups[1].Value;
        var selected = Regex.Match(select, "<option[^>]*value=\"([^\"]*)\"[^>]*selected");
        return selected.Success ? selected.Groups[1].Value : Regex.Match(select, "<option[^>]*value=\"([^\"]*)\"").Groups[1].Value;
    }

    // ------------------------------------------------------------------ coverage

    [Fact]
    public async Task The_coverage_report_shows_which_items_have_goals_and_whose_on_screen_and_in_xlsx()
    {
        var scenario = await EvaluationScenario.OpenAsync(app);
        var en01 = (await PlanAsync(p => p.Kind == PlanKind.Action && p.Items.Any(i => i.Code == "EN-01"))).Items.Single(i => i.Code == "EN-01");
        await scenario.ActAsync(EvaluationScenario.Camila, (e, p) => e.SubmitGoals(p.Evaluado,
            [.. EvaluationScenario.Goals(60, 40).Select((g, i) => i == 0 ? g with { PlanItemId = en01.Id } : g)], p.Context));
        await scenario.ActAsync(EvaluationScenario.Santiago, (e, p) => e.SubmitGoals(p.Evaluado,
            [.. EvaluationScenario.Goals(100).Select(g => g with { PlanItemId = en01.Id })], p.Context));
        var totalItems = await app.WithDbAsync(d => d.Set<PlanItem>().CountAsync());

        using var planeacion = await app.SignedInAsync(Accounts.Planeacion);
        var html = await HtmlAsync(planeacion, "/Plans/Coverage");
        Assert.Contains($"id=\"total-items\">{totalItems}<", html);
        Assert.Contains("id=\"items-con-metas\">1<", html);
        Assert.Contains($"id=\"items-sin-metas\">{totalItems - 1}<", html);
        Assert.Contains("id=\"metas-sin-item\">1<", html);
        var row = Regex.Match(html, "<tr>(?:(?!</tr>).)*EN-01(?:(?!</tr>).)*</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("<td class=\"text-end\">2</td>", row);
        // Planeación sees counts, no names (Ley 1581); Talento Humano and Consulta see whose goals they are.
        Assert.DoesNotContain("Camila Andrea Salazar Nieto", html);
        Assert.DoesNotContain("De quién", html);
        Assert.Contains("Con metas", row);
        Assert.Contains("Sin metas", html);
        Assert.DoesNotContain("Descargar en Excel", html); // exports of personal data: Talento Humano and Consulta
        var denied = await planeacion.PostFormAsync("/Plans/Coverage?handler=Xlsx", [], getUrl: "/Plans/Coverage");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.EntityType == "Cobertura de planes" && a.Action == "Consultar")));

        using var consulta = await app.SignedInAsync(Accounts.Consulta);
        var consultaRow = Regex.Match(await HtmlAsync(consulta, "/Plans/Coverage"), "<tr>(?:(?!</tr>).)*EN-01(?:(?!</tr>).)*</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("Camila Andrea Salazar Nieto, Santiago Bermúdez Gil", consultaRow);
        var download = await consulta.PostFormAsync("/Plans/Coverage?handler=Xlsx", [], getUrl: "/Plans/Coverage");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Content.Headers.ContentType!.MediaType);
        var rows = MiniExcel.Query(new MemoryStream(await download.Content.ReadAsByteArrayAsync()), useHeaderRow: true, sheetName: "Cobertura").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(totalItems, rows.Count);
        var en = rows.Single(r => (string?)r["Código"] == "EN-01");
        Assert.Equal(2, Convert.ToInt32(en["Metas"]));
        Assert.Equal("Camila Andrea Salazar Nieto; Santiago Bermúdez Gil", en["Evaluados"]);
        Assert.Equal("Subdirección de Energía", en["Dependencia"]);
        Assert.Equal(totalItems - 1, rows.Count(r => (string?)r["Cobertura"] == "Sin metas"));
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.EntityType == "Cobertura de planes" && a.Action == "Exportar")));
    }

    /// <summary>
    /// The coverage report's rows come a page at a time (a large entity's plans have hundreds of items and thousands of
    /// names), of every dependencia or of the one chosen; the summary per dependencia covers every item; an unknown
    /// dependencia is explained, not a failure.
    /// </summary>
    [Fact]
    public async Task The_coverage_report_lists_its_items_a_page_at_a_time_and_by_dependencia()
    {
        var energy = await PlanAsync(p => p.Kind == PlanKind.Action && p.Items.Any(i => i.Code == "EN-01"));
        await ChangePlanAsync(energy.Id, (period, plan) => Egi.Domain.Common.Outcome.From(Enumerable.Range(1, 120)
            .SelectMany(n => plan.AddItem(period, new($"EN-{100 + n}", $"Actividad {n}", null, null), _ => true, out _).Errors)));
        var energyId = energy.DependencyId!.Value;
        var energyName = await app.WithDbAsync(d => d.Dependencies.Where(x => x.Id == energyId).Select(x => x.Name).SingleAsync());
        var periodId = await PeriodIdAsync();
        var total = await app.WithDbAsync(d => d.Set<PlanItem>().CountAsync(i => d.Set<InstitutionalPlan>().Any(p => p.Id == i.PlanId && p.PeriodId == periodId)));
        var energyItems = await app.WithDbAsync(d => (from i in d.Set<PlanItem>()
                                                      join p in d.Set<InstitutionalPlan>() on i.PlanId equals p.Id
                                                      where p.PeriodId == periodId && (i.ResponsibleDependencyId ?? p.DependencyId) == energyId
                                                      select i.Id).CountAsync());
        static int Rows(string html) => Regex.Matches(html, "<span class=\"badge text-bg-(?:success|warning)\">").Count;

        using var consulta = await app.SignedInAsync(Accounts.Consulta);
        var first = await HtmlAsync(consulta, "/Plans/Coverage");
        Assert.Contains($"id=\"total-items\">{total}<", first);
        Assert.Equal(CoverageReport.PageSize, Rows(first));
        Assert.Contains($"Página 1 de 2: ítems 1 a 100 de {total}.", first);
        Assert.Matches($"<th scope=\"row\"><a href=\"/Plans/Coverage\\?vigencia={periodId}&dependencia={energyId}\">{energyName}</a></th>\\s*<td class=\"text-end\">{energyItems}</td>", first);
        var second = await HtmlAsync(consulta, $"/Plans/Coverage?vigencia={periodId}&pagina=2");
        Assert.Equal(total - CoverageReport.PageSize, Rows(second));

        var energyPage = await HtmlAsync(consulta, $"/Plans/Coverage?vigencia={periodId}&dependencia={energyId}&pagina=2");
        Assert.Equal(energyItems - CoverageReport.PageSize, Rows(energyPage));
        Assert.Contains($"Ítems de {energyName}", energyPage);
        Assert.Equal([energyName], Regex.Matches(energyPage, "<h3 class=\"h6\" id=\"dep-\\d+\">([^<]*)</h3>").Select(m => m.Groups[1].Value).Distinct());
        Assert.Contains($"id=\"total-items\">{total}<", energyPage); // the totals stay the period's

        // A key typed with spaces around it is the same dependencia, not an unknown one.
        var spaced = await HtmlAsync(consulta, $"/Plans/Coverage?vigencia={periodId}&dependencia=%20{energyId}%20");
        Assert.DoesNotContain("no tiene ítems en los planes de esta vigencia", spaced);
        Assert.Contains($"Ítems de {energyName}", spaced);
        Assert.Equal(CoverageReport.PageSize, Rows(spaced));

        var unknown = await consulta.GetAsync($"/Plans/Coverage?vigencia={periodId}&dependencia=abc");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        var unknownHtml = await ReadAsync(unknown);
        Assert.Contains("La «Dependencia» elegida no tiene ítems en los planes de esta vigencia: elija una de la lista.", unknownHtml);
        Assert.Equal(0, Rows(unknownHtml));
    }
}

public sealed class PlansPagesTestsSqlite(SqliteHost host) : PlansPagesTests(host), IClassFixture<SqliteHost>;

public sealed class PlansPagesTestsPostgres(PostgresHost host) : PlansPagesTests(host), IClassFixture<PostgresHost>;
