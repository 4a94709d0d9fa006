using Egi.Web.Infrastructure;

namespace Egi.Web.Notifications;

public static class NotificationServices
{
    public static IServiceCollection AddEgiNotifications(this IServiceCollection services, IConfiguration config)
    {
        services.AddCheckedOptions<MailOptions>(config.GetSection("Mail"), m =>
            OptionsValidation.OneOf("Mail:Transport", m.Transport, "Pickup", "Smtp")
                .Concat(m.IsSmtp ? OptionsValidation.Required("Mail:Smtp:Host", m.Smtp.Host) : [])
                .Concat(OptionsValidation.Between("Mail:Smtp:Port", m.Smtp.Port, 1, 65535))
                .Concat(OptionsValidation.OneOf("Mail:Smtp:Security", m.Smtp.Security, "Auto", "None", "StartTls", "SslOnConnect", "StartTlsWhenAvailable"))
                .Concat(OptionsValidation.Between("Mail:Smtp:TimeoutSeconds", m.Smtp.TimeoutSeconds, 1, 600))
                .Concat(OptionsValidation.Required("Mail:FromAddress", m.FromAddress))
                .Concat(OptionsValidation.Between("Mail:PollSeconds", m.PollSeconds, 0.05, 3600))
                .Concat(OptionsValidation.Between("Mail:MaxAttempts", m.MaxAttempts, 1, 100))
                .Concat(OptionsValidation.Between("Mail:FirstRetrySeconds", m.FirstRetrySeconds, 1, 86400))
                .Concat(OptionsValidation.Between("Mail:MaxRetryDelayMinutes", m.MaxRetryDelayMinutes, 1, 10080)));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<SmtpMailTransport>();
        services.AddSingleton<PickupMailTransport>();
        services.AddSingleton<IMailTransport, ConfiguredMailTransport>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddScoped<Notifier>();
        services.AddScoped<EmailTemplates>();
        services.AddScoped<EvaluationNotices>();
        services.AddSingleton<Scheduler>();
        services.AddSingleton<IScheduledJob, StageClosingReminderJob>();
        if (config.GetValue("Mail:WorkerEnabled", true)) services.AddHostedService<OutboxWorker>();
        if (config.GetValue("Scheduler:Enabled", true)) services.AddHostedService<SchedulerWorker>();
        return services;
    }
}
