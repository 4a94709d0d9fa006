using Egi.Web.Tests.Infrastructure;
using MimeKit;

namespace Egi.Web.Tests.Notifications;

/// <summary>The demo's default transport writes .eml files into the data folder instead of needing a mail server.</summary>
public sealed class PickupTransportTests : IAsyncLifetime
{
    private readonly EgiAppFactory app = new(Db.Sqlite);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Password_reset_lands_as_an_eml_file_in_the_pickup_folder()
    {
        await app.NewClient().PostFormAsync("/Account/ForgotPassword", new() { ["Email"] = Accounts.Evaluado });
        var folder = Path.Combine(app.DataFolder, "mail-pickup");
        var files = await Eventually.ValueAsync(
            () => Task.FromResult(System.IO.Directory.Exists(folder) && System.IO.Directory.GetFiles(folder, "*.eml") is { Length: > 0 } found ? found : null),
            "the .eml file in the pickup folder");
        var file = Assert.Single(files);
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("EGI — restablecer su contraseña", message.Subject);
        Assert.Equal(Accounts.Evaluado, message.To.Mailboxes.Single().Address);
        Assert.Contains("/Account/ResetPassword?userId=", message.TextBody);
    }
}
