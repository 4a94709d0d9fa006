namespace Egi.Web.Notifications;

/// <summary>Section "Mail" of the configuration.</summary>
public sealed class MailOptions
{
    /// <summary>"Pickup" (writes .eml files to <see cref="PickupFolder"/>; the default) or "Smtp".</summary>
    public string Transport { get; set; } = "Pickup";

    /// <summary>Folder for .eml files with the Pickup transport; relative to Egi:DataFolder.</summary>
    public string PickupFolder { get; set; } = "mail-pickup";

    public string FromAddress { get; set; } = "egi@egi-demo.gov.co";
    public string FromName { get; set; } = "EGI — Evaluación de la Gestión Institucional";

    /// <summary>Base URL for links in e-mails, e.g. https://egi.entidad.gov.co. Empty: the address the app listens on.</summary>
    public string BaseUrl { get; set; } = "";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>How often the delivery worker looks for due messages.</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>Attempts before a message is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First retry delay; doubles each attempt up to <see cref="MaxRetryDelayMinutes"/>.</summary>
    public double FirstRetrySeconds { get; set; } = 30;

    public double MaxRetryDelayMinutes { get; set; } = 60;

    public bool IsSmtp => Transport.Equals("Smtp", StringComparison.OrdinalIgnoreCase);
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;

    /// <summary>None, StartTls, SslOnConnect or Auto (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "Auto";

    public string? User { get; set; }
    public string? Password { get; set; }
    public int TimeoutSeconds { get; set; } = 30;
}
