using Letopis.Core.Mail;
using Letopis.Infrastructure.Mail;

namespace Letopis.Web.Mail;

public static class MailSetup
{
    /// <summary>Letters to clients: their options, the claimers of both providers and this node's sender loop.</summary>
    public static IServiceCollection AddLetopisMail(this IServiceCollection services)
    {
        services.AddOptions<OutgoingEmailOptions>().BindConfiguration(OutgoingEmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IOutgoingEmailClaimer, SqliteOutgoingEmailClaimer>();
        services.AddSingleton<IOutgoingEmailClaimer, PostgresOutgoingEmailClaimer>();
        services.AddHostedService<OutgoingEmailBackgroundService>();
        return services;
    }
}
