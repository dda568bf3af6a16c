using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Notifications;
using Letopis.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Letopis.Web.Tests.Hosting;

/// <summary>
/// The addresses the server hands out (calendar feed, e-mail links) come from its configured public
/// address, never from the request's Host header; in production that address is required.
/// </summary>
public class PublicAddressTests
{
    private static async Task<string> IssueFeedWithHostAsync(HttpClient client, string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/calendar-feed");
        request.Headers.Host = host;
        var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CalendarFeedUrl_WithAForgedHost_UsesTheConfiguredPublicAddress(string provider)
    {
        using var host = new LetopisHost(provider, settings: new Dictionary<string, string?> { ["Letopis:PublicUrl"] = "https://crm.example.ru/" });
        var user = await host.CreateUserAsync();
        var client = await host.ClientAsync(user.Login, user.Password);

        var url = await IssueFeedWithHostAsync(client, "evil.example");

        url.ShouldStartWith("https://crm.example.ru/calendar/");
        url.ShouldNotContain("evil");
        // Links in reminder e-mails are built from the same address.
        host.Services.GetRequiredService<IOptions<ReminderOptions>>().Value.PublicUrl.ShouldBe("https://crm.example.ru");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task CalendarFeedUrl_WithoutAConfiguredAddressInDevelopment_StillIgnoresAForgedHost(string provider)
    {
        var host = await LetopisHost.SharedAsync(provider);
        var user = await host.CreateUserAsync();
        var client = await host.ClientAsync(user.Login, user.Password);

        var url = await IssueFeedWithHostAsync(client, "evil.example");

        url.ShouldNotContain("evil");
        url.ShouldStartWith("http://localhost");
        // The link still works where the server is.
        (await host.CreateClient().GetAsync(new Uri(url).AbsolutePath)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CalendarFeedUrl_WithTheOlderRemindersSetting_UsesIt()
    {
        using var host = new LetopisHost("sqlite", settings: new Dictionary<string, string?> { ["Letopis:Reminders:PublicUrl"] = "https://old.example.ru" });
        var user = await host.CreateUserAsync();
        var client = await host.ClientAsync(user.Login, user.Password);

        (await IssueFeedWithHostAsync(client, "evil.example")).ShouldStartWith("https://old.example.ru/calendar/");
    }

    [Fact]
    public void Start_InProductionWithoutThePublicAddress_FailsNamingTheSetting()
    {
        using var host = new LetopisHost("sqlite");
        using var production = host.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        Should.Throw<Exception>(() => production.Server).ToString().ShouldContain("Letopis:PublicUrl");
    }

    [Fact]
    public async Task Start_InProductionWithThePublicAddress_Serves()
    {
        using var host = new LetopisHost("sqlite", settings: new Dictionary<string, string?> { ["Letopis:PublicUrl"] = "https://crm.example.ru" });
        using var production = host.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        (await production.CreateClient().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
