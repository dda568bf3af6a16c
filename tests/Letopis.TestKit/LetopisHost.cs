using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Letopis.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Letopis.TestKit;

/// <summary>
/// The real Letopis server in the test process, on a real database of the chosen provider, with a
/// clock the test moves. Tests share one host per provider (<see cref="SharedAsync"/>) and create
/// their own data, or start their own host when they need their own clock or settings.
/// </summary>
public sealed class LetopisHost : WebApplicationFactory<Program>
{
    public const string AdminPassword = "admin-test-2026";

    /// <summary>Friday 27 November 2026, 09:00 Moscow time.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 6, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, Task<LetopisHost>> Shared = [];
    private static readonly Lock SharedLock = new();
    private readonly Dictionary<string, string?> _settings;

    public LetopisHost(string provider, string? connectionString = null, IDictionary<string, string?>? settings = null)
    {
        Provider = provider;
        DataDir = Directory.CreateTempSubdirectory("letopis-test-").FullName;
        ConnectionString = connectionString ?? TestDatabases.CreateEmpty(provider, DataDir);
        _settings = new Dictionary<string, string?>
        {
            ["Letopis:DataDir"] = DataDir,
            ["Letopis:AdminPassword"] = AdminPassword,
            ["Letopis:Database:Provider"] = provider,
            ["Letopis:Database:ConnectionString"] = ConnectionString,
            // A query that limits rows without an order fails the test instead of logging a warning.
            ["Letopis:Database:StrictQueries"] = "true",
            // Background loops are driven by the tests through the fake clock.
            ["Letopis:Reminders:PollSeconds"] = "3600",
            // The fake clock fires a periodic timer once for every period it jumps over, and on SQLite each of
            // the relay's polls then runs inline: at the default 2 s a jump of three days was 129,600 polls.
            // Tests of the relay advance by its PollInterval or call PollOnceAsync.
            ["Letopis:Reminders:RelayPollSeconds"] = "3600",
            // Tests move the shared clock by hours or days: with the default grace an upload running meanwhile
            // would be refused as too slow to record. Tests of the orphan sweep set their own.
            ["Letopis:Files:OrphanGraceMinutes"] = "525600",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            _settings[key] = value;
    }

    public string Provider { get; }

    public string DataDir { get; }

    public string ConnectionString { get; }

    public TestClock Clock { get; } = new(Start);

    public static Task<LetopisHost> SharedAsync(string provider)
    {
        lock (SharedLock)
        {
            if (!Shared.TryGetValue(provider, out var host))
            {
                host = Task.Run(() =>
                {
                    var h = new LetopisHost(provider);
                    h.Clock.Shared = true;
                    _ = h.Server; // start it, applying migrations
                    return h;
                });
                Shared[provider] = host;
            }
            return host;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.UseEnvironment("Development");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A scope on the host's services, for arranging data a test needs directly in the database.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public async Task<T> WithDbAsync<T>(Func<LetopisDb, Task<T>> work)
    {
        await using var scope = Scope();
        return await work(scope.ServiceProvider.GetRequiredService<LetopisDb>());
    }

    /// <summary>A client carrying a bearer token for the given user.</summary>
    public async Task<HttpClient> ClientAsync(string login, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { login, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("accessToken").GetString());
        return client;
    }

    public Task<HttpClient> AdminAsync() => ClientAsync("admin", AdminPassword);

    /// <summary>Creates a user through the API as admin; the login is made unique.</summary>
    public async Task<TestUser> CreateUserAsync(string role = "employee", Guid? departmentId = null, string? fullName = null, string? email = null)
    {
        var admin = await AdminAsync();
        var login = $"{role}-{Guid.NewGuid().ToString("N")[..8]}";
        var password = "pass-" + Guid.NewGuid().ToString("N")[..10] + "1";
        var response = await admin.PostAsJsonAsync("/api/v1/users", new
        {
            login,
            password,
            fullName = fullName ?? "Тестовый Пользователь " + login,
            email,
            departmentId,
            roles = new[] { role },
        });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"User not created: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new TestUser(body.GetProperty("id").GetGuid(), login, password);
    }

    /// <summary>Creates a department through the API as admin; the name is made unique.</summary>
    public async Task<Guid> CreateDepartmentAsync(string name, Guid? parentId = null, Guid? headId = null)
    {
        var admin = await AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/departments", new { name = $"{name} {Guid.NewGuid().ToString("N")[..6]}", parentId, headId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(DataDir, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the WAL file for a moment; the OS temp cleaner takes it later.
            }
        }
    }
}

public sealed record TestUser(Guid Id, string Login, string Password);
