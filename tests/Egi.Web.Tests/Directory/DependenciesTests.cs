using System.Net;
using System.Text.RegularExpressions;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Dependencies;

public abstract partial class DependenciesTests(SharedHost host) : IAsyncLifetime
{
    private const string Index = "/Directory/Dependencies";
    private const string Create = "/Directory/Dependencies/Create";

    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync()
    {
        return host.StartTestAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<int> IdOf(string code) =>
        app.WithDbAsync(d => d.Dependencies.Where(x => x.Code == code).Select(x => x.Id).SingleAsync());

    private static async Task<string> Html(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static Dictionary<string, string> Form(string code, string name, int? parentId, bool active = true) => new()
    {
        ["Input.Code"] = code,
        ["Input.Name"] = name,
        ["Input.ParentId"] = parentId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        ["Input.Active"] = active ? "true" : "false",
    };

    [GeneratedRegex("<li[^>]*data-code=\"([^\"]+)\"[^>]*>|</li>")]
    private static partial Regex TreeTags();

    /// <summary>The parent code of every node of the rendered tree (null for roots), read from the nesting of the &lt;li&gt;.</summary>
    private static Dictionary<string, string?> ParentsInTree(string html)
    {
        var tree = html[html.IndexOf("class=\"tree\"", StringComparison.Ordinal)..];
        var parents = new Dictionary<string, string?>();
        var open = new Stack<string>();
        foreach (Match m in TreeTags().Matches(tree))
        {
            if (m.Value == "</li>")
            {
                if (open.Count == 0) break;
                open.Pop();
                continue;
            }
            parents[m.Groups[1].Value] = open.Count == 0 ? null : open.Peek();
            open.Push(m.Groups[1].Value);
        }
        return parents;
    }

    /// <summary>The line of one node (before its children).</summary>
    private static string NodeLine(string html, string code)
    {
        var start = html.IndexOf($"data-code=\"{code}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No node {code} in the tree");
        return html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task Tree_shows_the_seven_demo_dependencias_nested_with_their_active_servants()
    {
        var client = await app.SignedInAsync(Accounts.TalentoHumano);
        var response = await client.GetAsync(Index);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await Html(response);

        var parents = ParentsInTree(html);
        Assert.Equal(7, parents.Count);
        Assert.Null(parents["100"]);
        Assert.Equal("100", parents["110"]);
        Assert.Equal("100", parents["200"]);
        Assert.Equal("200", parents["210"]);
        Assert.Equal("100", parents["300"]);
        Assert.Equal("300", parents["310"]); // Grupo Interno de Trabajo de Información inside Subdirección de Energía
        Assert.Equal("100", parents["400"]);

        var info = NodeLine(html, "310");
        Assert.Contains("310 — Grupo Interno de Trabajo de Información", info);
        Assert.Contains("6 servidores activos", info);
        Assert.Contains($"href=\"/Directory/Servants?dependencyId={await IdOf("310")}\"", info);
        Assert.Contains($"href=\"/Directory/Dependencies/Edit/{await IdOf("310")}\"", info);
        Assert.Contains("Editar", info);
        // Subdirección de Minería has 10 servants, one retired on 31/08/2026: 9 are active.
        Assert.Contains("9 servidores activos", NodeLine(html, "400"));
        Assert.DoesNotContain("Inactiva", html);
    }

    [Fact]
    public async Task Creating_a_child_places_it_under_its_parent()
    {
        var client = await app.SignedInAsync(Accounts.TalentoHumano);
        var energia = await IdOf("300");
        var form = await Html(await client.GetAsync(Create));
        Assert.Contains("300 — Dirección General › Subdirección de Energía", form); // the select shows the tree path

        var response = await client.PostFormAsync(Create, Form(" 320 ", " Grupo Interno de Trabajo de Regulación ", energia));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Index, response.Headers.Location!.OriginalString);

        var saved = await app.WithDbAsync(d => d.Dependencies.SingleAsync(x => x.Code == "320"));
        Assert.Equal("Grupo Interno de Trabajo de Regulación", saved.Name);
        Assert.Equal(energia, saved.ParentId);
        Assert.True(saved.Active);

        var tree = await Html(await client.GetAsync(Index));
        Assert.Equal("300", ParentsInTree(tree)["320"]);
        Assert.Contains("0 servidores activos", NodeLine(tree, "320"));
        Assert.Contains("Se creó la dependencia «320 — Grupo Interno de Trabajo de Regulación»", tree);
    }

    [Fact]
    public async Task Duplicate_code_is_refused_next_to_the_field()
    {
        var client = await app.SignedInAsync(Accounts.TalentoHumano);
        var response = await client.PostFormAsync(Create, Form("310", "Otro grupo", await IdOf("300")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await Html(response);
        Assert.Contains("Ya existe otra dependencia con el código «310».", html);
        Assert.Matches("data-valmsg-for=\"Input.Code\"[^>]*>Ya existe otra dependencia", html);
        Assert.Contains("value=\"Otro grupo\"", html); // what was typed is kept
        Assert.Equal(7, await app.WithDbAsync(d => d.Dependencies.CountAsync()));
    }

    [Fact]
    public async Task Missing_name_and_unreadable_parent_get_spanish_messages()
    {
        var client = await app.SignedInAsync(Accounts.TalentoHumano);
        var response = await client.PostFormAsync(Create, new()
        {
            ["Input.Code"] = "330",
            ["Input.Name"] = "  ",
            ["Input.ParentId"] = "abc",
            ["Input.Active"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await Html(response);
        Assert.Contains("Elija la «Dependencia superior» de la lista.", html);
        Assert.DoesNotContain("is not valid", html);
        Assert.Contains("role=\"alert\"", html);

        var noName = await Html(await client.PostFormAsync(Create, Form("330", "", null)));
        Assert.Contains("El campo «Nombre» es obligatorio.", noName);
        Assert.Equal(7, await app.WithDbAsync(d => d.Dependencies.CountAsync()));
    }

    [Fact]
    public async Task Making_a_dependencia_the_child_of_its_own_descendant_is_refused()
    {
        var client = await app.SignedInAsync(Accounts.TalentoHumano);
        var energia = await IdOf("300");
        var edit = $"/Directory/Dependencies/Edit/{energia}";

        var form = await Html(await client.GetAsync(edit));
        Assert.DoesNotContain("Subdirección de Energía › Grupo Interno de Trabajo de Información</option>", form); // not offered

        var response = await client.PostFormAsync(edit, Form("300", "Subdirección de Energía", await IdOf("310")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("La dependencia superior elegida depende de esta: se formaría un ciclo.", await Html(response));

        var self = await client.PostFormAsync(edit, Form("300", "Subdirección de Energía", energia));
        Assert.Contains("Una dependencia no puede depender de sí misma.", await Html(self));

        Assert.Equal(await IdOf("100"), await app.WithDbAsync(d => d.Dependencies.Where(x => x.Id == energia).Select(x => x.ParentId).SingleAsync()));
    }

    [Fact]
    public async Task Deactivating_a_dependencia_with_active_servants_or_children_is_refused_saying_how_many()
    {
        var client = await app.SignedInAsync(Accounts.TalentoHumano);
        var energia = await IdOf("300");
        var response = await client.PostFormAsync($"/Directory/Dependencies/Edit/{energia}", Form("300", "Subdirección de Energía", await IdOf("100"), active: false));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await Html(response);
        Assert.Contains("No se puede desactivar «Subdirección de Energía»: tiene 6 servidores activos y 1 dependencia activa a su cargo.", html);

        var info = await IdOf("310");
        var group = await Html(await client.PostFormAsync($"/Directory/Dependencies/Edit/{info}", Form("310", "Grupo Interno de Trabajo de Información", energia, active: false)));
        Assert.Contains("tiene 6 servidores activos.", group);

        Assert.True(await app.WithDbAsync(d => d.Dependencies.Where(x => x.Id == energia || x.Id == info).AllAsync(x => x.Active)));
    }

    [Fact]
    public async Task An_empty_dependencia_is_deactivated_and_marked_in_the_tree_never_deleted()
    {
        var client = await app.SignedInAsync(Accounts.TalentoHumano);
        var energia = await IdOf("300");
        await client.PostFormAsync(Create, Form("320", "Grupo Interno de Trabajo de Regulación", energia));
        var id = await IdOf("320");

        var response = await client.PostFormAsync($"/Directory/Dependencies/Edit/{id}", Form("320", "Grupo Interno de Trabajo de Regulación", energia, active: false));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var tree = await Html(await client.GetAsync(Index));
        Assert.Contains("Inactiva", NodeLine(tree, "320"));
        Assert.DoesNotContain("Inactiva", NodeLine(tree, "310"));
        Assert.False(await app.WithDbAsync(d => d.Dependencies.Where(x => x.Id == id).Select(x => x.Active).SingleAsync()));

        // A new dependencia cannot hang from the inactive one.
        var under = await Html(await client.PostFormAsync(Create, Form("321", "Equipo de tarifas", id)));
        Assert.Contains("«Grupo Interno de Trabajo de Regulación» está inactiva", under);
    }

    [Fact]
    public async Task Editing_is_audited_with_before_and_after()
    {
        var client = await app.SignedInAsync(Accounts.TalentoHumano);
        var mineria = await IdOf("400");
        var response = await client.PostFormAsync($"/Directory/Dependencies/Edit/{mineria}", Form("400", "Subdirección de Minería y Gas", await IdOf("100")));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var line = await app.WithDbAsync(d => d.AuditEntries
            .Where(a => a.Action == "Modificar" && a.EntityType == "Dependencia" && a.EntityId == mineria.ToString())
            .SingleAsync());
        Assert.Equal(Accounts.TalentoHumano, line.UserName);
        Assert.Equal("Talento Humano", line.Roles);
        Assert.Contains("\"Name\":\"Subdirección de Minería\"", System.Text.RegularExpressions.Regex.Unescape(line.Before!));
        Assert.Contains("\"Name\":\"Subdirección de Minería y Gas\"", System.Text.RegularExpressions.Regex.Unescape(line.After!));
    }

    /// <summary>The codes in the stored tree order (<see cref="Domain.Directory.Dependency.TreePosition"/>), and as the read model lists them.</summary>
    private Task<(List<string> Stored, List<string> Listed)> TreeOrderAsync() => app.WithDbAsync(async d =>
        (await d.Dependencies.OrderBy(x => x.TreePosition).Select(x => x.Code).ToListAsync(),
            (await Features.Shared.DependencyNodes.LoadAsync(d, default)).Select(n => n.Code).ToList()));

    [Fact]
    public async Task Every_dependencia_keeps_its_place_in_the_tree_when_one_is_created_or_moved_without_audit_lines_for_the_others()
    {
        Assert.Equal(["100", "110", "200", "210", "300", "310", "400"], (await TreeOrderAsync()).Stored);
        var client = await app.SignedInAsync(Accounts.TalentoHumano);
        var modified = () => app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.EntityType == "Dependencia" && a.Action == "Modificar"));
        var before = await modified();

        // A new sibling between 200 and 300: 300, 310 and 400 move one place down.
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(Create, Form("250", "Oficina de Control Interno", await IdOf("100")))).StatusCode);
        var created = await TreeOrderAsync();
        Assert.Equal(["100", "110", "200", "210", "250", "300", "310", "400"], created.Stored);
        Assert.Equal(created.Stored, created.Listed);

        // 310 moves under 200: it now comes right after 210.
        Assert.Equal(HttpStatusCode.Redirect,
            (await client.PostFormAsync($"/Directory/Dependencies/Edit/{await IdOf("310")}", Form("310", "Grupo Interno de Trabajo de Información", await IdOf("200")))).StatusCode);
        var moved = await TreeOrderAsync();
        Assert.Equal(["100", "110", "200", "210", "310", "250", "300", "400"], moved.Stored);
        Assert.Equal(moved.Stored, moved.Listed);
        Assert.Equal(8, (await app.WithDbAsync(d => d.Dependencies.Select(x => x.TreePosition).Distinct().CountAsync())));

        // Only the move itself is news in the audit trail, not the places that shifted around it.
        Assert.Equal(before + 1, await modified());

        // The reports list the servants of 310 (moved) before those of 300, in the stored order.
        var sequence = await app.WithDbAsync(async d =>
        {
            var period = await d.Periods.OrderByDescending(p => p.Year).FirstAsync();
            var rows = await Features.Reports.ReportQuery.Ordered(Features.Shared.EvaluationRows.Of(d, period, new DateOnly(2026, 11, 24)))
                .Select(r => r.DependencyId).ToListAsync();
            var codes = await d.Dependencies.ToDictionaryAsync(x => x.Id, x => x.Code);
            return rows.Select(id => codes[id]).Distinct().ToList();
        });
        Assert.Equal(moved.Stored.Where(sequence.Contains), sequence);
        Assert.True(sequence.IndexOf("310") < sequence.IndexOf("300"), string.Join(", ", sequence));
    }

    [Fact]
    public async Task A_dependencia_added_by_the_bulk_path_takes_its_place_too()
    {
        var root = await IdOf("100");
        await app.WithDbAsync(d =>
        {
            d.Dependencies.Add(new Domain.Directory.Dependency { Code = "150", Name = "Oficina Jurídica", ParentId = root });
            return d.SaveAdditionsAsync();
        });

        var order = await TreeOrderAsync();
        Assert.Equal(["100", "110", "150", "200", "210", "300", "310", "400"], order.Stored);
        Assert.Equal(order.Stored, order.Listed);
    }

    [Fact]
    public async Task Places_written_by_hand_are_set_again_at_start_up()
    {
        await app.WithDbAsync(d => d.Dependencies.ExecuteUpdateAsync(u => u.SetProperty(x => x.TreePosition, x => 100 - x.Id)));
        Assert.NotEqual(["100", "110", "200", "210", "300", "310", "400"], (await TreeOrderAsync()).Stored);

        await app.WithDbAsync(d => d.PlaceAllDependenciesAsync());

        var order = await TreeOrderAsync();
        Assert.Equal(["100", "110", "200", "210", "300", "310", "400"], order.Stored);
        Assert.Equal(order.Stored, order.Listed);
    }

    [Fact]
    public async Task Unknown_dependencia_is_a_404()
    {
        var client = await app.SignedInAsync(Accounts.TalentoHumano);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Directory/Dependencies/Edit/99999")).StatusCode);
    }

    [Theory]
    [InlineData(Index)]
    [InlineData(Create)]
    [InlineData("/Directory/Dependencies/Edit/1")]
    public async Task Anonymous_user_is_sent_to_sign_in(string url)
    {
        var client = app.NewClient();
        var get = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.StartsWith("/Account/Login", get.Headers.Location!.PathAndQuery);

        var post = await client.PostAsync(url, new FormUrlEncodedContent(Form("999", "Intrusa", null)));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/Account/Login", post.Headers.Location!.PathAndQuery);
    }

    public static TheoryData<string> NotTalentoHumano => new() { Accounts.Evaluado, Accounts.Consulta, Accounts.Planeacion, Accounts.Jefe };

    [Theory]
    [MemberData(nameof(NotTalentoHumano))]
    public async Task Other_roles_get_403_on_every_page_and_post(string email)
    {
        var client = await app.SignedInAsync(email);
        var id = await IdOf("400");
        foreach (var url in new[] { Index, Create, $"/Directory/Dependencies/Edit/{id}" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
            var post = await client.PostAsync(url, new FormUrlEncodedContent(Form("400", "Renombrada sin permiso", null, active: false)));
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }
        Assert.Equal("Subdirección de Minería", await app.WithDbAsync(d => d.Dependencies.Where(x => x.Id == id).Select(x => x.Name).SingleAsync()));
        Assert.Equal(7, await app.WithDbAsync(d => d.Dependencies.CountAsync()));
    }
}

public sealed class DependenciesTestsSqlite(SqliteHost host) : DependenciesTests(host), IClassFixture<SqliteHost>;

public sealed class DependenciesTestsPostgres(PostgresHost host) : DependenciesTests(host), IClassFixture<PostgresHost>;
