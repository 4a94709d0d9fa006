namespace Egi.Web.Notifications;

public static class NotificationServices
{
    public static IServiceCollection AddEgiNotifications(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<MailOptions>(config.GetSection("Mail"));
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
