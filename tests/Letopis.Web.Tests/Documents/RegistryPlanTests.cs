using System.Data.Common;
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Core.Documents;
using Letopis.Infrastructure.Data;
using Letopis.TestKit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Letopis.Web.Tests.Documents;

/// <summary>
/// On SQLite the registry's page and the directory's contact dates are read through indexes: the
/// registry's order is one index range (no sort of the whole table), the contact dates one range of
/// the activities' counterparty index per card of the page.
/// </summary>
public class RegistryPlanTests
{
    private sealed record Admin(Guid? UserId) : ICurrentActor
    {
        public Guid? OnBehalfOfId => null;
    }

    private static async Task<(LetopisDb Db, Commands Commands, AccessContext Access, Guid AdminId)> OpenAsync()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var commands = new Commands();
        var options = new DbContextOptionsBuilder<LetopisDb>();
        DatabaseRegistration.Configure(options, "sqlite", host.ConnectionString);
        options.AddInterceptors(commands);
        var db = new LetopisDb(options.Options);
        var adminId = await db.Users.Where(u => u.NormalizedUserName == "ADMIN").Select(u => u.Id).SingleAsync();
        return (db, commands, await AccessContext.LoadAsync(db, adminId, CancellationToken.None), adminId);
    }

    [Fact]
    public async Task RegistryPage_Unfiltered_IsReadInItsOrderFromTheIndex()
    {
        var (db, commands, access, _) = await OpenAsync();
        await using var _ = db;

        await new ListDocuments(db, TimeProvider.System, CompanyTimeZone.FromSetting(null))
            .HandleAsync(access, new DocumentFilter(), PageRequest.From(1, 50), CancellationToken.None);

        var page = commands.All.Single(c => c.CommandText.Contains("FROM \"Documents\"", StringComparison.Ordinal) && c.CommandText.Contains("ORDER BY", StringComparison.Ordinal));
        var plan = await PlanAsync((SqliteConnection)db.Database.GetDbConnection(), page);
        plan.ShouldContain(step => step.Contains("IX_Documents_RegisteredOn_NumberSortKey_Id", StringComparison.Ordinal), string.Join(" | ", plan));
        plan.ShouldNotContain(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal), string.Join(" | ", plan));
    }

    [Fact]
    public async Task DirectoryContactDates_AreReadThroughTheActivitiesCounterpartyIndex()
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        await DirectoryApiTests.CreateAsync(await host.AdminAsync(), new { name = "ООО «План»" });
        var (db, commands, access, adminId) = await OpenAsync();
        await using var _ = db;

        var page = await new ListCounterparties(db, new NameBook(), new Admin(adminId), TimeProvider.System, CompanyTimeZone.FromSetting(null))
            .HandleAsync(access, new CounterpartyFilter(null, null, null, null, null, null, null, null), PageRequest.From(1, 50), CancellationToken.None);

        page.Items.ShouldNotBeEmpty();
        var dates = commands.All.Single(c => c.CommandText.Contains("FROM \"Activities\"", StringComparison.Ordinal));
        var plan = await PlanAsync((SqliteConnection)db.Database.GetDbConnection(), dates);
        plan.ShouldContain(step => step.Contains("IX_Activities_CounterpartyId_PlannedAt", StringComparison.Ordinal), string.Join(" | ", plan));
        plan.ShouldNotContain(step => step.StartsWith("SCAN \"Activities\"", StringComparison.Ordinal) || step.StartsWith("SCAN a", StringComparison.Ordinal), string.Join(" | ", plan));
    }

    /// <summary>SQLite's plan for a statement, with its own parameter values bound.</summary>
    private static async Task<List<string>> PlanAsync(SqliteConnection connection, DbCommand command)
    {
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        foreach (SqliteParameter parameter in command.Parameters)
            explain.Parameters.AddWithValue(parameter.ParameterName, parameter.Value);
        var steps = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            steps.Add(reader.GetString(3));
        return steps;
    }

    /// <summary>Keeps a copy of every reading statement.</summary>
    private sealed class Commands : DbCommandInterceptor
    {
        public List<DbCommand> All { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            var copy = new SqliteCommand(command.CommandText);
            foreach (SqliteParameter parameter in command.Parameters)
                copy.Parameters.AddWithValue(parameter.ParameterName, parameter.Value);
            All.Add(copy);
            return ValueTask.FromResult(result);
        }
    }
}
