using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Egi.Web.Data;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Egi.Web.Tests.Audit;

/// <summary>
/// The test server has no network connection: the class's host gives every request the address a browser would have.
/// </summary>
public abstract class AuditHost(Db db) : SharedHost(db, app => app.DefaultRemoteIp = AuditHost.Address)
{
    public const string Address = "203.0.113.7";
}

public sealed class AuditSqliteHost() : AuditHost(Db.Sqlite);

public sealed class AuditPostgresHost() : AuditHost(Db.Postgres);

public abstract partial class AuditTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync() => host.StartTestAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient NewClient() => app.NewClient();

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = NewClient();
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = EgiAppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private async Task<T> WithDbAsync<T>(Func<EgiDbContext, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<EgiDbContext>());
    }

    private static async Task<string> Html(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [GeneratedRegex("data-audit-id=\"(\\d+)\"")]
    private static partial Regex RowId();

    private static List<long> RowIds(string html) =>
        RowId().Matches(html).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    /// <summary>The HTML of one row of the table (up to the next row), details included.</summary>
    private static string RowHtml(string html, long id)
    {
        var start = html.IndexOf($"data-audit-id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"Row {id} is not on the page");
        var next = RowId().Match(html, start + 10);
        return html[start..(next.Success ? next.Index : html.Length)];
    }

    /// <summary>Cells of the before/after table of a row: (campo, antes, después).</summary>
    private static List<(string Field, string Before, string After)> Changes(string rowHtml) =>
        Regex.Matches(rowHtml, "<tr>\\s*<th scope=\"row\">(.*?)</th>\\s*<td>(.*?)</td>\\s*<td>(.*?)</td>", RegexOptions.Singleline)
            .Select(m => (m.Groups[1].Value.Trim(), m.Groups[2].Value.Trim(), m.Groups[3].Value.Trim()))
            .ToList();

    private async Task<int> DependencyId(string code) =>
        await WithDbAsync(d => d.Dependencies.Where(x => x.Code == code).Select(x => x.Id).SingleAsync());

    private static DateTime Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    /// <summary>Three lines of another era, so date filters do not depend on when the demo was seeded.</summary>
    private async Task<(long A, long B, long C)> SeedOldLinesAsync() => await WithDbAsync(async d =>
    {
        var a = new AuditEntry { At = Utc(2001, 3, 10, 15, 0), UserName = "Ana.Prueba@egi-demo.gov.co", Roles = "Consulta", Action = "Exportar", EntityType = "Reporte", EntityId = "", Summary = "Informe anual de evaluación", Ip = "10.0.0.1" };
        // 11/03/2001 04:30 UTC is still 10/03/2001 23:30 in Bogotá.
        var b = new AuditEntry { At = Utc(2001, 3, 11, 4, 30), UserName = "Sistema", Action = "Crear", EntityType = "Servidor", EntityId = "servidor-prueba-b", Summary = "Prueba B", After = "{\"Name\":\"B\"}" };
        var c = new AuditEntry { At = Utc(2001, 3, 12, 12, 0), UserName = "Sistema", Action = "Modificar", EntityType = "Servidor", EntityId = "778", Summary = "Prueba C", Before = "{\"Name\":\"C\",\"Active\":true}", After = "{\"Name\":\"C2\",\"Active\":true}" };
        d.AuditEntries.AddRange(a, b, c);
        await d.SaveChangesAsync();
        return (a.Id, b.Id, c.Id);
    });

    [Fact]
    public async Task Creating_a_dependencia_shows_a_crear_line_by_talento_humano_with_ip_and_after_values()
    {
        var client = await SignedInAsync(Accounts.TalentoHumano);
        var energia = await DependencyId("300");
        var created = await client.PostFormAsync("/Directory/Dependencies/Create", new()
        {
            ["Input.Code"] = "320",
            ["Input.Name"] = "Grupo Interno de Trabajo de Regulación",
            ["Input.ParentId"] = energia.ToString(CultureInfo.InvariantCulture),
            ["Input.Active"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await DependencyId("320");
        var entry = await WithDbAsync(d => d.AuditEntries.SingleAsync(a => a.Action == "Crear" && a.EntityType == "Dependencia" && a.EntityId == id.ToString()));

        var response = await client.GetAsync("/Audit?accion=Crear&entidad=Dependencia");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await Html(response);
        Assert.Equal(entry.Id, RowIds(html).First()); // newest first
        var row = RowHtml(html, entry.Id);
        Assert.Contains($"<td>{Accounts.TalentoHumano}</td>", row);
        Assert.Contains("<td>Talento Humano</td>", row);
        Assert.Contains("<td>Crear</td>", row);
        Assert.Contains("<td>Dependencia</td>", row);
        Assert.Contains($"<td>{id}</td>", row);
        Assert.Contains("320 — Grupo Interno de Trabajo de Regulación", row);
        Assert.Contains(AuditHost.Address, row);
        // Recorded in UTC, shown in Bogotá time (UTC−5): the test clock is 24/11/2026 15:00 UTC.
        Assert.Equal(new DateTime(2026, 11, 24, 15, 0, 0, DateTimeKind.Utc), entry.At);
        Assert.Contains("24/11/2026 10:00:00", row);

        var changes = Changes(row);
        Assert.Contains(("Código", "—", "320"), changes);
        Assert.Contains(("Nombre", "—", "Grupo Interno de Trabajo de Regulación"), changes);
        Assert.Contains(("Dependencia superior (id)", "—", energia.ToString(CultureInfo.InvariantCulture)), changes);
        Assert.Contains(("Activa", "—", "Sí"), changes);
        Assert.Contains("<details", row);
    }

    [Fact]
    public async Task A_modificar_line_lists_only_the_fields_that_changed()
    {
        var client = await SignedInAsync(Accounts.TalentoHumano);
        var mineria = await DependencyId("400");
        var edited = await client.PostFormAsync($"/Directory/Dependencies/Edit/{mineria}", new()
        {
            ["Input.Code"] = "400",
            ["Input.Name"] = "Subdirección de Minería y Gas",
            ["Input.ParentId"] = (await DependencyId("100")).ToString(CultureInfo.InvariantCulture),
            ["Input.Active"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        var html = await Html(await client.GetAsync("/Audit?accion=Modificar&entidad=Dependencia"));
        var id = Assert.Single(RowIds(html));
        var changes = Changes(RowHtml(html, id));
        Assert.Equal([("Nombre", "Subdirección de Minería", "Subdirección de Minería y Gas")], changes);
    }

    [Fact]
    public async Task Filters_by_action_entity_text_and_bogota_dates()
    {
        var (a, b, c) = await SeedOldLinesAsync();
        var client = await SignedInAsync(Accounts.TalentoHumano);

        async Task<List<long>> Ids(string query) => RowIds(await Html(await client.GetAsync("/Audit" + query)));

        // A whole Bogotá day: B was written at 04:30 UTC on the 11th, still the 10th in Bogotá.
        Assert.Equal([b, a], await Ids("?desde=2001-03-10&hasta=2001-03-10"));
        Assert.Equal([c], await Ids("?desde=11/03/2001&hasta=31/12/2001&entidad=Servidor"));
        Assert.Equal([c, b, a], await Ids("?hasta=2001-12-31"));
        Assert.Equal([c, b], await Ids("?hasta=2001-12-31&entidad=Servidor"));
        Assert.Equal([a], await Ids("?hasta=2001-12-31&accion=Exportar"));
        Assert.Equal([b], await Ids("?q=SERVIDOR-PRUEBA-B"));         // entity id (random user ids must not match)
        Assert.Equal([a], await Ids("?q=ana.prueba"));                // user, any case
        Assert.Equal([c], await Ids("?q=prueba c&hasta=2001-12-31")); // summary

        var page = await Html(await client.GetAsync("/Audit?entidad=Servidor"));
        Assert.Contains("<option value=\"Exportar\">Exportar</option>", page);   // actions offered
        Assert.Contains("<option value=\"Servidor\" selected=\"selected\">Servidor</option>", page);
        Assert.Contains("<option value=\"Dependencia\">Dependencia</option>", page);
    }

    [Theory]
    [InlineData("?desde=2001-03-12&hasta=2001-03-10", "La fecha «Hasta» (10/03/2001) no puede ser anterior a la fecha «Desde» (12/03/2001).")]
    [InlineData("?desde=31/02/2001", "La fecha «Desde» no es válida: «31/02/2001». Escríbala como dd/mm/aaaa")]
    [InlineData("?hasta=ayer", "La fecha «Hasta» no es válida: «ayer»")]
    public async Task Bad_filters_get_a_spanish_message_not_an_error(string query, string message)
    {
        var client = await SignedInAsync(Accounts.TalentoHumano);
        var response = await client.GetAsync("/Audit" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await Html(response);
        Assert.Contains(message, html);
        Assert.Contains("role=\"alert\"", html);
        Assert.Empty(RowIds(html));

        var export = await client.PostFormAsync("/Audit?handler=Export" + query.Replace('?', '&'), [], "/Audit");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains(message, await Html(export));
        Assert.Equal(0, await WithDbAsync(d => d.AuditEntries.CountAsync(x => x.Action == "Exportar")));
    }

    [Fact]
    public async Task Pages_of_fifty_newest_first()
    {
        var client = await SignedInAsync(Accounts.TalentoHumano);
        var expected = await WithDbAsync(d => d.AuditEntries.OrderByDescending(x => x.At).ThenByDescending(x => x.Id).Select(x => x.Id).ToListAsync());
        Assert.True(expected.Count > 50, $"the demo seed writes more than one page ({expected.Count})");

        var first = await Html(await client.GetAsync("/Audit"));
        Assert.Equal(expected.Take(50), RowIds(first));
        var pages = (expected.Count + 49) / 50;
        Assert.Contains($"Página 1 de {pages}", first);
        Assert.Contains($"Registros 1 a 50 de {expected.Count.ToString("N0", CultureInfo.GetCultureInfo("es-CO"))}", first);

        var second = await Html(await client.GetAsync("/Audit?pagina=2"));
        Assert.Equal(expected.Skip(50).Take(50), RowIds(second));

        var beyond = await Html(await client.GetAsync("/Audit?pagina=99999"));
        Assert.Equal(expected.Skip((pages - 1) * 50), RowIds(beyond));
        var nonsense = await client.GetAsync("/Audit?pagina=abc");
        Assert.Equal(HttpStatusCode.OK, nonsense.StatusCode);
        Assert.Equal(expected.Take(50), RowIds(await Html(nonsense)));
    }

    [Fact]
    public async Task Export_downloads_the_filtered_rows_as_xlsx_and_is_recorded_while_reading_is_not()
    {
        var (a, b, c) = await SeedOldLinesAsync();
        var client = await SignedInAsync(Accounts.TalentoHumano);
        const string filter = "?entidad=Servidor&desde=2001-01-01&hasta=2001-12-31";

        var before = await WithDbAsync(d => d.AuditEntries.CountAsync());
        var screen = await Html(await client.GetAsync("/Audit" + filter));
        Assert.Equal(before, await WithDbAsync(d => d.AuditEntries.CountAsync())); // reading the trail is not recorded
        var onScreen = RowIds(screen);
        Assert.Equal([c, b], onScreen);

        var response = await client.PostFormAsync("/Audit?handler=Export", new()
        {
            ["entidad"] = "Servidor",
            ["desde"] = "2001-01-01",
            ["hasta"] = "2001-12-31",
        }, "/Audit" + filter);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"'));

        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(onScreen, rows.Select(r => Convert.ToInt64(r["Registro"], CultureInfo.InvariantCulture)));
        var rowC = rows[0];
        Assert.Equal("12/03/2001 07:00:00", rowC["Fecha y hora"]);
        Assert.Equal("Modificar", rowC["Acción"]);
        Assert.Equal("Servidor", rowC["Entidad"]);
        Assert.Equal("778", rowC["Id"]?.ToString());
        Assert.Equal("Prueba C", rowC["Resumen"]);
        Assert.Equal("Nombre: C → C2", rowC["Cambios"]);

        var line = await WithDbAsync(d => d.AuditEntries.SingleAsync(x => x.Action == "Exportar" && x.EntityType == "Auditoría"));
        Assert.Equal(Accounts.TalentoHumano, line.UserName);
        Assert.Equal(AuditHost.Address, line.Ip);
        Assert.Equal("2 registros con filtros: entidad «Servidor», desde 01/01/2001, hasta 31/12/2001", line.Summary);
    }

    [Fact]
    public async Task The_trail_is_append_only()
    {
        var id = await WithDbAsync(d => d.AuditEntries.OrderBy(x => x.Id).Select(x => x.Id).FirstAsync());

        var edit = await Assert.ThrowsAsync<InvalidOperationException>(() => WithDbAsync(async d =>
        {
            var entry = await d.AuditEntries.SingleAsync(x => x.Id == id);
            entry.Summary = "alterado";
            return await d.SaveChangesAsync();
        }));
        Assert.Contains("append-only", edit.Message);

        await Assert.ThrowsAsync<InvalidOperationException>(() => WithDbAsync(async d =>
        {
            d.AuditEntries.Remove(await d.AuditEntries.SingleAsync(x => x.Id == id));
            return await d.SaveChangesAsync();
        }));

        Assert.NotEqual("alterado", await WithDbAsync(d => d.AuditEntries.Where(x => x.Id == id).Select(x => x.Summary).SingleAsync()));
        Assert.True(await WithDbAsync(d => d.AuditEntries.AnyAsync(x => x.Id == id)));

        // The screen offers no way to change it either.
        var client = await SignedInAsync(Accounts.TalentoHumano);
        var html = await Html(await client.GetAsync("/Audit"));
        Assert.DoesNotContain("Eliminar registro", html);
        Assert.DoesNotContain("?handler=Delete", html);
    }

    [Fact]
    public async Task Anonymous_user_is_sent_to_sign_in()
    {
        var client = NewClient();
        var get = await client.GetAsync("/Audit");
        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.StartsWith("/Account/Login", get.Headers.Location!.PathAndQuery);
        var post = await client.PostAsync("/Audit?handler=Export", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/Account/Login", post.Headers.Location!.PathAndQuery);
    }

    public static TheoryData<string> NotTalentoHumano => new() { Accounts.Evaluado, Accounts.Consulta, Accounts.Planeacion };

    [Theory]
    [MemberData(nameof(NotTalentoHumano))]
    public async Task Other_roles_get_403_and_export_nothing(string email)
    {
        var client = await SignedInAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Audit")).StatusCode);
        var post = await client.PostAsync("/Audit?handler=Export", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(0, await WithDbAsync(d => d.AuditEntries.CountAsync(x => x.Action == "Exportar")));
    }
}

public sealed class AuditTestsSqlite(AuditSqliteHost host) : AuditTests(host), IClassFixture<AuditSqliteHost>;

public sealed class AuditTestsPostgres(AuditPostgresHost host) : AuditTests(host), IClassFixture<AuditPostgresHost>;
