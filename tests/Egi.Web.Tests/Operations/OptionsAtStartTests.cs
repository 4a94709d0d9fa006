using Egi.Web.Tests.Infrastructure;

namespace Egi.Web.Tests.Operations;

/// <summary>
/// Issue 15, item 5: every options class bound from configuration is checked at start-up; a wrong value stops the start
/// with a Spanish message that names the setting and what is expected.
/// </summary>
public sealed class OptionsAtStartTests
{
    [Theory]
    [InlineData("Mail:Smtp:Port", "0", "Mail:Smtp:Port debe estar entre 1 y 65535 (es 0).")]
    [InlineData("Mail:Transport", "Fax", "Mail:Transport debe ser Pickup o Smtp (es «Fax»).")]
    [InlineData("Uploads:EvidenceMaxMb", "0", "Uploads:EvidenceMaxMb debe estar entre 1 y 1024 (es 0).")]
    [InlineData("DirectoryJobs:MaxAttempts", "0", "DirectoryJobs:MaxAttempts debe estar entre 1 y 100 (es 0).")]
    [InlineData("Egi:EntityName", " ", "Egi:EntityName es obligatorio: escriba un valor.")]
    [InlineData("RateLimits:Api:PermitLimit", "-1", "RateLimits:Api:PermitLimit debe estar entre 1 y 1000000 (es -1).")]
    [InlineData("RateLimits:Consolidation:Concurrent", "0", "RateLimits:Consolidation:Concurrent debe estar entre 1 y 10000 (es 0).")]
    public async Task A_wrong_setting_stops_the_start_with_a_spanish_message_naming_it(string key, string value, string message)
    {
        await using var app = new ProductionAppFactory(Db.Sqlite);
        app.Settings[key] = value;
        var thrown = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var messages = Flatten(thrown).Select(e => e.Message).ToList();
        Assert.True(messages.Any(m => m.Contains(message, StringComparison.Ordinal)), string.Join("\n", messages));
    }

    [Fact]
    public async Task Valid_settings_start()
    {
        await using var app = new ProductionAppFactory(Db.Sqlite);
        app.Settings["Mail:Smtp:Port"] = "587";
        app.Settings["Uploads:EvidenceMaxMb"] = "10";
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.NewClient().GetAsync("/health")).StatusCode);
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        yield return e;
        if (e is AggregateException a)
            foreach (var inner in a.InnerExceptions.SelectMany(Flatten)) yield return inner;
        else if (e.InnerException is { } i)
            foreach (var inner in Flatten(i)) yield return inner;
    }
}
