using Egi.Web.Infrastructure;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Egi.Web.Notifications;

/// <summary>Sends one e-mail. The seam tests and configuration choose (SMTP or pickup folder).</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>Delivery through a real SMTP server with MailKit.</summary>
public sealed class SmtpMailTransport(IOptionsMonitor<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var smtp = options.CurrentValue.Smtp;
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        var security = Enum.TryParse<SecureSocketOptions>(smtp.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.Auto;
        await client.ConnectAsync(smtp.Host, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.User))
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", ct);
        await client.SendAsync(message, ct);
        // The server accepted the message: a failed QUIT must not make the outbox send it again.
        try
        {
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception e) when (e is IOException or MailKit.ProtocolException or MailKit.CommandException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
        }
    }
}

/// <summary>Writes each message as an .eml file (the demo's default: no mail server needed).</summary>
public sealed class PickupMailTransport(IOptionsMonitor<MailOptions> options, IConfiguration config, IHostEnvironment env) : IMailTransport
{
    public string Folder
    {
        get
        {
            var folder = options.CurrentValue.PickupFolder;
            return Path.IsPathRooted(folder) ? folder : Path.Combine(ServiceRegistration.ResolveDataFolder(config, env), folder);
        }
    }

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        PrivateFolder.Create(Folder);
        var name = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml";
        var temp = Path.Combine(Folder, name + ".tmp");
        await using (var stream = File.Create(temp))
            await message.WriteToAsync(stream, ct);
        File.Move(temp, Path.Combine(Folder, name));
    }
}

/// <summary>Chooses the transport from Mail:Transport at each send (so configuration can change at run time).</summary>
public sealed class ConfiguredMailTransport(IOptionsMonitor<MailOptions> options, SmtpMailTransport smtp, PickupMailTransport pickup) : IMailTransport
{
    public Task SendAsync(MimeMessage message, CancellationToken ct) =>
        options.CurrentValue.IsSmtp ? smtp.SendAsync(message, ct) : pickup.SendAsync(message, ct);
}
