using Letopis.Core.Notifications;
using Letopis.Infrastructure.Mail;
using Letopis.Infrastructure.Reminders;

namespace Letopis.Web.Notifications;

public static class NotificationsSetup
{
    /// <summary>Reminders, e-mail, the relay and the hub: everything that tells users things.</summary>
    public static IServiceCollection AddLetopisNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReminderOptions>().BindConfiguration("Letopis:Reminders").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IReminderClaimer, SqliteReminderClaimer>();
        services.AddSingleton<IReminderClaimer, PostgresReminderClaimer>();

        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // No SMTP host, no sender: reminders then record that no e-mail was sent instead of faking it.
        if ((configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>() ?? new SmtpOptions()).Enabled)
        {
            services.AddSingleton<IEmailSender, MailKitEmailSender>();
            services.AddSingleton<IReminderEmailComposer, ReminderEmailComposer>();
        }

        services.AddSignalR();
        services.AddSingleton<NotificationBroadcaster>();
        services.AddSingleton<NotificationRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationRelay>());
        services.AddSingleton<INotificationPublisher, RelayNotificationPublisher>();
        services.AddHostedService<ReminderBackgroundService>();
        return services;
    }
}
