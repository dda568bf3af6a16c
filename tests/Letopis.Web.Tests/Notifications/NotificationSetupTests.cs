using System.Net;
using Letopis.TestKit;
using Microsoft.Extensions.Options;

namespace Letopis.Web.Tests.Notifications;

public class NotificationSetupTests
{
    [Fact]
    public void Start_WithSmtpHostButNoSender_FailsValidation()
    {
        using var host = new LetopisHost(TestDatabases.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Letopis:Smtp:Host"] = "127.0.0.1",
        });

        var error = Should.Throw<OptionsValidationException>(() => host.Server);

        error.Message.ShouldContain("Letopis:Smtp:From");
    }

    [Fact]
    public void Start_WithUnknownTlsMode_FailsValidation()
    {
        using var host = new LetopisHost(TestDatabases.Sqlite, settings: new Dictionary<string, string?>
        {
            ["Letopis:Smtp:Host"] = "127.0.0.1",
            ["Letopis:Smtp:From"] = "letopis@example.ru",
            ["Letopis:Smtp:UseTls"] = "maybe",
        });

        Should.Throw<OptionsValidationException>(() => host.Server).Message.ShouldContain("UseTls");
    }

    [Fact]
    public async Task Hub_WithoutCredentials_Is401()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);

        var response = await host.CreateClient().PostAsync("/hubs/notifications/negotiate?negotiateVersion=1", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
