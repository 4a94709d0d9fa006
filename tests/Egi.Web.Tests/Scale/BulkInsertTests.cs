using Egi.Web.Data;
using Egi.Web.Notifications;
using Egi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Egi.Web.Tests.Scale;

/// <summary>
/// The bulk paths' multi-row INSERT (<see cref="BulkInsert"/>) writes short texts as literals and long texts or texts
/// with line breaks as parameters (an e-mail body written as a literal is a chain of <c>|| CHAR(10) ||</c> that SQLite
/// concatenates piece by piece). Either way every text reads back exactly as written, on both providers, and a
/// statement binds at most <see cref="BulkInsert.MaxParameters"/> parameters.
/// </summary>
public abstract class BulkInsertTests(QuietHost host) : IAsyncLifetime
{
    private readonly EgiAppFactory app = host.App;

    public Task InitializeAsync() => host.StartTestAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly string[] Texts =
    [
        "",
        "corto",
        "O'Higgins «comillas» y \"dobles\"",
        "línea 1\r\nlínea 2\n\tcon tabulación y 'comilla'",
        "ñandú € 😀 — " + new string('x', 180),
        string.Join("\n", Enumerable.Range(1, 80).Select(i => $"<p>Párrafo {i} con 'comillas' y acentos: áéíóú</p>")),
        "termina en salto\n",
        "\u0001control\u001f",
    ];

    /// <summary>The texts that fit a name (200 characters) or a subject (300).</summary>
    private static readonly string[] Short = Texts.Where(t => t.Length <= 200).ToArray();

    [Theory]
    [InlineData(950)]
    [InlineData(20)]
    public async Task Texts_short_long_and_with_line_breaks_read_back_exactly(int rows)
    {
        var messages = Enumerable.Range(0, rows).Select(i => new OutboxMessage
        {
            CreatedAt = new DateTime(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc),
            NextAttemptAt = new DateTime(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc),
            ToAddress = $"bulk{i}@egi-demo.gov.co",
            ToName = Short[i % Short.Length],
            Subject = Short[(i + 1) % Short.Length],
            HtmlBody = Texts[5] + Texts[i % Texts.Length],
            TextBody = Texts[(i + 3) % Texts.Length] + "\n" + i,
            Kind = nameof(MailKind.Invitation),
        }).ToList();

        var (statements, postgres) = await app.WithDbAsync(async d =>
        {
            await using var tx = await d.Database.BeginTransactionAsync();
            var n = await BulkInsert.InsertAsync(d, d.Model.FindEntityType(typeof(OutboxMessage))!, messages, default);
            await tx.CommitAsync();
            return (n, d.Database.IsNpgsql());
        });
        if (rows < BulkInsert.CopyFrom)
            // A few rows: one INSERT of literals (the long texts bound), on both databases.
            Assert.Equal(1, statements);
        else if (postgres)
            // One binary COPY, after one query of the keys' sequence.
            Assert.Equal(2, statements);
        else
            // 950 rows are under MaxRows, but both bodies of every row are bound (long, or with a line break), and some
            // subjects: over 2 000 parameters, more than MaxParameters, so more than one statement.
            Assert.True(statements > 1, $"{statements} statement(s) for {rows} rows with long texts");
        Assert.All(messages, m => Assert.True(m.Id > 0));

        var stored = await app.WithDbAsync(d => d.OutboxMessages.AsNoTracking().Where(m => m.ToAddress.StartsWith("bulk"))
            .ToDictionaryAsync(m => m.Id));
        Assert.Equal(rows, stored.Count);
        foreach (var m in messages)
        {
            var s = stored[m.Id];
            Assert.Equal(m.ToAddress, s.ToAddress);
            Assert.Equal(m.ToName, s.ToName);
            Assert.Equal(m.Subject, s.Subject);
            Assert.Equal(m.HtmlBody, s.HtmlBody);
            Assert.Equal(m.TextBody, s.TextBody);
        }
    }

    private static OutboxMessage Message(string address, string subject) => new()
    {
        CreatedAt = new DateTime(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc),
        NextAttemptAt = new DateTime(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc),
        ToAddress = address,
        ToName = "Prueba",
        Subject = subject,
        HtmlBody = "<p>Hola</p>",
        TextBody = "Hola",
        Kind = nameof(MailKind.Invitation),
    };

    [Fact]
    public async Task Saving_additions_refuses_a_tracked_row_changed_beside_them_and_writes_nothing()
    {
        await app.WithDbAsync(async d =>
        {
            d.OutboxMessages.Add(Message("guardado@egi-demo.gov.co", "Asunto original"));
            await d.SaveChangesAsync();
        });
        var error = await app.WithDbAsync(async d =>
        {
            // Changed on the entity only (no DetectChanges): the bulk save must still see it, and refuse the whole save.
            var saved = await d.OutboxMessages.SingleAsync(m => m.ToAddress == "guardado@egi-demo.gov.co");
            saved.Subject = "Asunto cambiado";
            d.OutboxMessages.Add(Message("nuevo@egi-demo.gov.co", "Nuevo"));
            return await Assert.ThrowsAsync<InvalidOperationException>(() => d.SaveAdditionsAsync());
        });
        Assert.Contains("OutboxMessage is Modified", error.Message);
        var stored = await app.WithDbAsync(d => d.OutboxMessages.AsNoTracking()
            .Where(m => m.ToAddress == "guardado@egi-demo.gov.co" || m.ToAddress == "nuevo@egi-demo.gov.co").ToListAsync());
        Assert.Equal(["Asunto original"], stored.Select(m => m.Subject));
    }
}

public sealed class BulkInsertTestsSqlite(QuietSqliteHost host) : BulkInsertTests(host), IClassFixture<QuietSqliteHost>;

public sealed class BulkInsertTestsPostgres(QuietPostgresHost host) : BulkInsertTests(host), IClassFixture<QuietPostgresHost>;
