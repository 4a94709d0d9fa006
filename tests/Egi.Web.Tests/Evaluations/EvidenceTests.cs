using System.Net;
using System.Text;
using Egi.Domain.Calendar;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Evaluations;

/// <summary>
/// SPEC §4 evidence: Camila uploads files and links on her Autoevaluación I; the content is checked by its signature
/// (a renamed executable is refused), the size limit comes from the period, the file is stored outside wwwroot under a
/// GUID and the name is only displayed; downloads are for people who may see the evaluation, and audited.
/// </summary>
public abstract class EvidenceTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;
    private EvaluationScenario scenario = null!;
    private int id;

    private const string Camila = EvaluationScenario.Camila;

    public async Task InitializeAsync()
    {
        await host.StartTestAsync();
        scenario = await EvaluationScenario.OpenAsync(app);
        await app.WithDbAsync(async d =>
        {
            var p = await d.Periods.SingleAsync(x => x.Id == scenario.PeriodId);
            var errors = p.SetWindows(p.Windows
                .Select(w => w.Stage is Stage.FirstFollowUp or Stage.SecondFollowUp ? w with { Start = new(2026, 11, 1), End = new(2026, 12, 15) } : w)
                .ToList());
            Assert.Empty(errors);
            await d.SaveChangesAsync();
            return 0;
        });
        await scenario.ActAsync(Camila, (e, p) => e.SubmitGoals(p.Evaluado, EvaluationScenario.Goals(60, 40), p.Context));
        await scenario.ActAsync(Camila, (e, p) => e.ApproveGoals(p.Evaluator, p.Context));
        await scenario.ActAsync(Camila, (e, p) => e.AcceptGoals(p.Evaluado, p.Context));
        id = await scenario.EvaluationIdAsync(Camila);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Self => $"/Evaluations/SelfEvaluation/{id}";
    private string Upload => $"{Self}?handler=Upload";

    private static byte[] Pdf(int size = 200)
    {
        var bytes = new byte[size];
        Encoding.ASCII.GetBytes("%PDF-1.4\n%informe\n").CopyTo(bytes, 0);
        return bytes;
    }

    private async Task<HttpResponseMessage> UploadAsync(HttpClient client, string name, byte[] content, string goal = "1", string narrative = "")
    {
        var html = await Ap.HtmlAsync(client, Self);
        return await client.PostFileAsync(Upload, Self, "EvidenceFile", name, content, new Dictionary<string, string>
        {
            ["Version"] = Ap.Version(html),
            ["EvidenceGoal"] = goal,
            ["Progress[0].GoalNumber"] = "1",
            ["Progress[0].AchievedPercent"] = "30",
            ["Progress[0].Narrative"] = narrative,
            ["Progress[1].GoalNumber"] = "2",
        });
    }

    [Fact]
    public async Task Camila_uploads_checked_evidence_and_only_allowed_people_download_it()
    {
        var camila = await app.SignedInAsync(Accounts.Evaluado);

        // A real small PDF: listed, stored outside wwwroot under a GUID name.
        var ok = await UploadAsync(camila, "informe.pdf", Pdf(), narrative: "Avance con informe");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var page = await Ap.ReadAsync(ok);
        Assert.Contains("Se adjuntó la evidencia a la meta 1", page);
        Assert.Contains("Avance con informe", page);
        var items = await app.WithDbAsync(d => d.EvidenceItems.Where(x => x.EvaluationId == id).ToListAsync());
        var pdf = Assert.Single(items);
        Assert.Equal("informe.pdf", pdf.OriginalName);
        Assert.Equal(1, pdf.FollowUp);
        Assert.Equal(1, pdf.GoalNumber);
        Assert.True(Guid.TryParseExact(pdf.StoredName, "N", out _));
        var path = Path.Combine(app.DataFolder, "evidence", id.ToString(System.Globalization.CultureInfo.InvariantCulture), pdf.StoredName!);
        Assert.True(File.Exists(path));
        Assert.DoesNotContain("wwwroot", Path.GetFullPath(path));
        Assert.Equal(Pdf(), await File.ReadAllBytesAsync(path));
        Assert.Contains($"href=\"/Evaluations/Evidence/{pdf.Id}\"", await (await camila.GetAsync(Self)).Content.ReadAsStringAsync());

        // A renamed executable is refused.
        var exe = new byte[300];
        Encoding.ASCII.GetBytes("MZ\x90\0").CopyTo(exe, 0);
        var refused = await UploadAsync(camila, "informe.pdf", exe);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("no corresponde a un archivo PDF válido", await Ap.ReadAsync(refused));

        // A path-traversal name is stored under a GUID and displayed bare.
        var traversal = await UploadAsync(camila, "../../x.pdf", Pdf(), goal: "2");
        Assert.Equal(HttpStatusCode.OK, traversal.StatusCode);
        var x = await app.WithDbAsync(d => d.EvidenceItems.SingleAsync(i => i.EvaluationId == id && i.GoalNumber == 2));
        Assert.Equal("x.pdf", x.OriginalName);
        Assert.True(Guid.TryParseExact(x.StoredName, "N", out _));
        Assert.False(File.Exists(Path.Combine(app.DataFolder, "x.pdf")));
        Assert.Contains(">x.pdf</a>", await Ap.ReadAsync(traversal));
        Assert.Equal(2, await app.WithDbAsync(d => d.EvidenceItems.CountAsync(i => i.EvaluationId == id)));

        // Links: http/https only.
        var html = await Ap.HtmlAsync(camila, Self);
        var badLink = await camila.PostFormAsync(Upload, new() { ["Version"] = Ap.Version(html), ["EvidenceGoal"] = "1", ["EvidenceUrl"] = "javascript:alert(1)" }, Self);
        Assert.Contains("debe ser una dirección completa que empiece por http:// o https://", await Ap.ReadAsync(badLink));
        var link = await camila.PostFormAsync(Upload, new() { ["Version"] = Ap.Version(html), ["EvidenceGoal"] = "1", ["EvidenceUrl"] = "https://intranet.example/acta" }, Self);
        Assert.Contains("https://intranet.example/acta", await Ap.ReadAsync(link));

        // Felipe (her evaluator) downloads it, audited.
        var felipe = await app.SignedInAsync(Accounts.Jefe);
        var details = await Ap.HtmlAsync(felipe, $"/Evaluations/Details/{id}");
        Assert.Contains($"href=\"/Evaluations/Evidence/{pdf.Id}\"", details);
        var download = await felipe.GetAsync($"/Evaluations/Evidence/{pdf.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("informe.pdf", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(Pdf(), await download.Content.ReadAsByteArrayAsync());
        var audited = await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.Action == "Descargar evidencia" && a.EntityId == pdf.Id.ToString()));
        Assert.Equal(1, audited);

        // Another jefe: 404; anonymous: login.
        var planeacion = await app.SignedInAsync(Accounts.Planeacion);
        Assert.Equal(HttpStatusCode.NotFound, (await planeacion.GetAsync($"/Evaluations/Evidence/{pdf.Id}")).StatusCode);
        var anonymous = await app.NewClient().GetAsync($"/Evaluations/Evidence/{pdf.Id}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Talento_Humano_reads_the_evaluations_audit_timeline_its_saves_and_its_evidence_and_nothing_else()
    {
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(camila, "informe.pdf", Pdf())).StatusCode);
        var pdf = await app.WithDbAsync(d => d.EvidenceItems.SingleAsync(x => x.EvaluationId == id));
        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync($"/Evaluations/Evidence/{pdf.Id}")).StatusCode);
        // Lines of another evaluation whose id starts with this one's: not in this timeline.
        var other = id * 10;
        await app.WithDbAsync(async d =>
        {
            d.AuditEntries.Add(new() { At = DateTime.UtcNow, UserName = "otra", Action = "Modificar", EntityType = "Evaluación", EntityId = $"{other}", Summary = "otra evaluación" });
            d.AuditEntries.Add(new()
            {
                At = DateTime.UtcNow,
                UserName = "otra",
                Action = "Descargar evidencia",
                EntityType = "Evidencia",
                EntityId = "999",
                Summary = $"Descargó «ajeno.pdf» (evaluación {other}, seguimiento 1, meta 1)"
            });
            await d.SaveChangesAsync();
        });

        // From the evaluation page (Talento Humano only) to its timeline.
        var timeline = $"/Audit?evaluacion={id}";
        Assert.Contains($"href=\"{timeline}\"", await Ap.HtmlAsync(hr, $"/Evaluations/Details/{id}"));
        Assert.Contains($"href=\"{timeline}\"", await Ap.HtmlAsync(hr, $"/Evaluations/Admin/{id}"));
        Assert.DoesNotContain("/Audit?", await Ap.HtmlAsync(camila, $"/Evaluations/Details/{id}"));
        Assert.Equal(HttpStatusCode.Forbidden, (await camila.GetAsync(timeline)).StatusCode);

        var page = await Ap.HtmlAsync(hr, timeline);
        Assert.Contains($"Línea de tiempo de la evaluación {id}: Camila", page);
        Assert.Contains("· Vigencia 2026", page);
        var expected = await app.WithDbAsync(d => d.AuditEntries.CountAsync(a =>
            (a.EntityType == "Evaluación" && a.EntityId == id.ToString()) || (a.EntityType == "Evidencia" && a.EntityId == pdf.Id.ToString())));
        Assert.True(expected >= 4, $"{expected}"); // the scenario's three steps, the upload's save, the upload and the download
        Assert.Contains($"Registros 1 a {expected} de {expected},", page);
        Assert.Contains("Cargó «informe.pdf»", page);
        Assert.Contains("Descargó «informe.pdf»", page);
        Assert.DoesNotContain("ajeno.pdf", page);
        Assert.DoesNotContain("otra evaluación", page);
        // The search keeps to the evaluation (both forms carry it); the export too, and says so in its own line.
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(page, $"<input type=\"hidden\" name=\"evaluacion\" value=\"{id}\" />"));
        Assert.Contains("Descargó «informe.pdf»", await Ap.HtmlAsync(hr, $"{timeline}&accion=Descargar+evidencia"));
        Assert.DoesNotContain("ajeno.pdf", await Ap.HtmlAsync(hr, $"{timeline}&accion=Descargar+evidencia"));
        var export = await hr.PostFormAsync("/Audit?handler=Export", new() { ["evaluacion"] = id.ToString() }, getUrl: timeline);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.True(await app.WithDbAsync(d => d.AuditEntries.AnyAsync(a => a.Action == "Exportar" && a.EntityType == "Auditoría"
            && a.Summary == $"{expected} registros con filtros: evaluación {id}")));
        // A value that is not an evaluation's number: a Spanish message, no list.
        var bad = await Ap.HtmlAsync(hr, "/Audit?evaluacion=abc");
        Assert.Contains("«abc» no es el número de una evaluación", bad);
        Assert.DoesNotContain("data-audit-id", bad);
    }

    [Fact]
    public async Task An_oversized_file_is_refused_naming_the_limit_and_keeps_the_narrative()
    {
        await app.WithDbAsync(async d =>
        {
            var p = await d.Periods.SingleAsync(x => x.Id == scenario.PeriodId);
            p.Settings.MaxEvidenceSizeMb = 1;
            await d.SaveChangesAsync();
        });
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        var response = await UploadAsync(camila, "grande.pdf", Pdf(1536 * 1024), narrative: "Relato que no debe perderse");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Ap.ReadAsync(response);
        Assert.Contains("pesa más de 1 MB, el tamaño máximo permitido por archivo", page);
        Assert.Contains("Relato que no debe perderse", page);
        Assert.Equal(0, await app.WithDbAsync(d => d.EvidenceItems.CountAsync(i => i.EvaluationId == id)));
    }

    /// <summary>The card of one version on the evaluation page (its heading id is version-{sequence}).</summary>
    private static string VersionCard(string details, int sequence)
    {
        var start = details.IndexOf($"id=\"version-{sequence}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no version {sequence} on the page");
        return details[start..details.IndexOf("</article>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task Each_version_of_the_self_evaluation_shows_the_evidence_it_was_sent_with()
    {
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        var felipe = await app.SignedInAsync(Accounts.Jefe);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(camila, "primera.pdf", Pdf())).StatusCode);
        // In the draft: not sent yet.
        Assert.Contains("Sin enviar (borrador)", await Ap.HtmlAsync(camila, Self));

        // Round 1 sent with primera.pdf; Felipe rejects it; she adds segunda.pdf and sends round 2.
        var sent = await Ap.PostAsync(camila, Self, "Submit", Ap.ProgressFields((30, "Primer avance"), (20, "Segundo avance")));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var rejected = await Ap.PostAsync(felipe, $"/Evaluations/FollowUpApproval/{id}", "Reject", new() { ["Reason"] = "Falta el informe de octubre." });
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(camila, "segunda.pdf", Pdf(300))).StatusCode);
        sent = await Ap.PostAsync(camila, Self, "Submit", Ap.ProgressFields((40, "Con el informe de octubre"), (20, "Segundo avance")));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var e = await scenario.EvaluationAsync(Camila);
        var proposals = e.Versions.Where(v => v.Step == Egi.Domain.Evaluations.EvaluationStep.FollowUpI && v.Kind == Egi.Domain.Evaluations.VersionKind.Proposal)
            .OrderBy(v => v.Sequence).ToList();
        Assert.Equal(2, proposals.Count);
        var items = await app.WithDbAsync(d => d.EvidenceItems.AsNoTracking().Where(x => x.EvaluationId == id).OrderBy(x => x.Id).ToListAsync());
        Assert.Equal([proposals[0].Sequence, proposals[1].Sequence], items.Select(x => x.SentWithVersion));

        var details = await Ap.HtmlAsync(felipe, $"/Evaluations/Details/{id}");
        var first = VersionCard(details, proposals[0].Sequence);
        Assert.Contains(">primera.pdf</a>", first);
        Assert.DoesNotContain("segunda.pdf", first);
        var second = VersionCard(details, proposals[1].Sequence);
        Assert.Contains(">primera.pdf</a>", second);
        Assert.Contains(">segunda.pdf</a>", second);
        Assert.Contains("Ronda 1 de la autoevaluación", details);
        Assert.Contains("Ronda 2 de la autoevaluación", details);
        Assert.DoesNotContain("Sin enviar (borrador)", details);
    }

    [Fact]
    public async Task Evidence_stored_before_rounds_were_recorded_is_stamped_with_the_version_it_went_with_at_start_up()
    {
        var camila = await app.SignedInAsync(Accounts.Evaluado);
        var felipe = await app.SignedInAsync(Accounts.Jefe);
        // Two rounds as in the test above, and a third file attached afterwards that is still in the draft; the clock
        // moves between the steps, as days do (the back-fill matches uploads and versions by time).
        void Later() => app.Clock.Advance(TimeSpan.FromMinutes(5));
        Later();
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(camila, "primera.pdf", Pdf())).StatusCode);
        Later();
        Assert.Equal(HttpStatusCode.Redirect, (await Ap.PostAsync(camila, Self, "Submit", Ap.ProgressFields((30, "Primer avance"), (20, "Segundo avance")))).StatusCode);
        Later();
        Assert.Equal(HttpStatusCode.Redirect, (await Ap.PostAsync(felipe, $"/Evaluations/FollowUpApproval/{id}", "Reject", new() { ["Reason"] = "Falta el informe de octubre." })).StatusCode);
        Later();
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(camila, "segunda.pdf", Pdf(300))).StatusCode);
        Later();
        Assert.Equal(HttpStatusCode.Redirect, (await Ap.PostAsync(camila, Self, "Submit", Ap.ProgressFields((40, "Con el informe de octubre"), (20, "Segundo avance")))).StatusCode);
        Later();
        Assert.Equal(HttpStatusCode.Redirect, (await Ap.PostAsync(felipe, $"/Evaluations/FollowUpApproval/{id}", "Reject", new() { ["Reason"] = "Falta el de noviembre." })).StatusCode);
        Later();
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(camila, "tercera.pdf", Pdf(400))).StatusCode);
        var stamped = await app.WithDbAsync(d => d.EvidenceItems.AsNoTracking().Where(x => x.EvaluationId == id).OrderBy(x => x.Id).Select(x => x.SentWithVersion).ToListAsync());
        Assert.Equal(3, stamped.Count);
        Assert.NotNull(stamped[0]);
        Assert.NotNull(stamped[1]);
        Assert.Null(stamped[2]);

        // A database of before the rounds: nothing stamped. The start-up back-fill finds the same versions again.
        await app.WithDbAsync(d => d.EvidenceItems.Where(x => x.EvaluationId == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.SentWithVersion, (int?)null)));
        var count = await app.WithDbAsync(d => Egi.Web.Features.Evaluations.EvidenceRounds.BackfillAsync(d, default));
        Assert.Equal(2, count);
        var backfilled = await app.WithDbAsync(d => d.EvidenceItems.AsNoTracking().Where(x => x.EvaluationId == id).OrderBy(x => x.Id).Select(x => x.SentWithVersion).ToListAsync());
        Assert.Equal(stamped, backfilled);
        // Run again: nothing left to stamp, the draft's file stays unsent.
        Assert.Equal(0, await app.WithDbAsync(d => Egi.Web.Features.Evaluations.EvidenceRounds.BackfillAsync(d, default)));
    }
}

public sealed class EvidenceTestsSqlite(SqliteHost host) : EvidenceTests(host), IClassFixture<SqliteHost>;

public sealed class EvidenceTestsPostgres(PostgresHost host) : EvidenceTests(host), IClassFixture<PostgresHost>;
