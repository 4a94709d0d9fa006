using Egi.Web.Data.Migrations;
using Egi.Web.Notifications;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Notifications;

/// <summary>
/// The migration OutboxKindCodes: the outbox's kinds written as Spanish labels before issue 13 become the stable codes
/// the outbox screen and the invitations page read, on both providers; running it twice changes nothing.
/// </summary>
public abstract class OutboxKindCodesTests(SharedHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync() => host.StartTestAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Old_labels_become_codes_and_the_outbox_shows_their_spanish_name()
    {
        var old = new[] { "Invitación", "Restablecer contraseña", "Evaluación", "Recordatorio de cierre", "Recordatorio", "ImprovementPlan", "ImprovementFormat", "Citación a sesión" };
        await app.WithDbAsync(async d =>
        {
            foreach (var (kind, i) in old.Select((k, i) => (k, i)))
                d.OutboxMessages.Add(new OutboxMessage { Kind = kind, ToAddress = $"p{i}@egi-demo.gov.co", Subject = $"Antiguo {i}", CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow, State = OutboxState.Sent });
            return await d.SaveChangesAsync();
        });
        for (var round = 0; round < 2; round++)
            await app.WithDbAsync(async d =>
            {
                foreach (var sql in MailKindCodesSql.Up()) await d.Database.ExecuteSqlRawAsync(sql);
                return 0;
            });
        var kinds = await app.WithDbAsync(d => d.OutboxMessages.AsNoTracking().Where(m => m.Subject.StartsWith("Antiguo")).OrderBy(m => m.Subject).Select(m => m.Kind).ToListAsync());
        Assert.Equal(
            [nameof(MailKind.Invitation), nameof(MailKind.PasswordReset), nameof(MailKind.EvaluationUpdate), nameof(MailKind.StageClosing),
                nameof(MailKind.ControlReminder), nameof(MailKind.ImprovementPlanUpdate), nameof(MailKind.ImprovementFormat), nameof(MailKind.SessionInvitation)],
            kinds);
        Assert.All(kinds, k => Assert.True(Enum.TryParse<MailKind>(k, out _)));

        var hr = await app.SignedInAsync(Accounts.TalentoHumano);
        var outbox = System.Net.WebUtility.HtmlDecode(await hr.GetStringAsync("/Notifications/Outbox?Search=citaci"));
        Assert.Contains("<td>Citación a sesión</td>", outbox); // the Spanish name, and the search by it
        Assert.Contains("Antiguo 7", outbox);
        Assert.DoesNotContain("Antiguo 0", outbox);
    }
}

public sealed class OutboxKindCodesTestsSqlite(SqliteHost host) : OutboxKindCodesTests(host), IClassFixture<SqliteHost>;

public sealed class OutboxKindCodesTestsPostgres(PostgresHost host) : OutboxKindCodesTests(host), IClassFixture<PostgresHost>;
