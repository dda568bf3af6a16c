using System.Data.Common;
using Letopis.Core.Access;
using Letopis.Core.Common;
using Letopis.Core.Crm;
using Letopis.Core.Data;
using Letopis.Infrastructure.Data;
using Letopis.TestKit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Letopis.Web.Tests.Crm;

/// <summary>
/// On SQLite every directory order is read from an index: no page sorts the whole table first.
/// At a million cards such a sort took 0.35 s; a fresh file has no statistics, so SQLite plans it
/// as it would for a big table.
/// </summary>
public class DirectoryOrderPlanTests
{
    [Theory]
    [InlineData("name", 1)]
    [InlineData("name", 2)]
    [InlineData("-name", 1)]
    [InlineData("name", 50)]
    [InlineData("inn", 1)]
    [InlineData("inn", 50)]
    [InlineData("createdAt", 1)]
    public async Task AnUnfilteredPage_IsReadInItsOrderFromAnIndex(string sort, int pageSize)
    {
        var host = await LetopisHost.SharedAsync(TestDatabases.Sqlite);
        var commands = new PageCommands();
        var options = new DbContextOptionsBuilder<LetopisDb>();
        DatabaseRegistration.Configure(options, "sqlite", host.ConnectionString);
        options.AddInterceptors(commands);
        await using var db = new LetopisDb(options.Options);
        var adminId = await db.Users.Where(u => u.NormalizedUserName == "ADMIN").Select(u => u.Id).SingleAsync();
        var access = await AccessContext.LoadAsync(db, adminId, CancellationToken.None);

        var filter = new CounterpartyFilter(null, null, null, null, null, null, null, null) { Sort = CounterpartySorts.ByName[sort] };
        await new ListCounterparties(db, new NameBook(), new Admin(adminId), TimeProvider.System, CompanyTimeZone.FromSetting(null))
            .HandleAsync(access, filter, PageRequest.From(1, pageSize), CancellationToken.None);

        var page = commands.Pages.ShouldHaveSingleItem();
        var plan = await PlanAsync((SqliteConnection)db.Database.GetDbConnection(), page);
        plan.ShouldContain(step => step.Contains("USING", StringComparison.Ordinal) && step.Contains("INDEX", StringComparison.Ordinal));
        plan.ShouldNotContain(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal), string.Join(" | ", plan));
    }

    private sealed record Admin(Guid? UserId) : ICurrentActor
    {
        public Guid? OnBehalfOfId => null;
    }

    /// <summary>SQLite's plan for the page's statement, with the page's own parameter values bound.</summary>
    private static async Task<List<string>> PlanAsync(SqliteConnection connection, DbCommand page)
    {
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + page.CommandText;
        foreach (SqliteParameter parameter in page.Parameters)
            explain.Parameters.AddWithValue(parameter.ParameterName, parameter.Value);
        var steps = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            steps.Add(reader.GetString(3));
        return steps;
    }

    /// <summary>Keeps a copy of each directory page's statement (the one that orders the cards).</summary>
    private sealed class PageCommands : DbCommandInterceptor
    {
        public List<DbCommand> Pages { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("FROM \"Counterparties\"", StringComparison.Ordinal)
                && command.CommandText.Contains("ORDER BY", StringComparison.Ordinal))
            {
                var copy = new SqliteCommand(command.CommandText);
                foreach (SqliteParameter parameter in command.Parameters)
                    copy.Parameters.AddWithValue(parameter.ParameterName, parameter.Value);
                Pages.Add(copy);
            }
            return ValueTask.FromResult(result);
        }
    }
}
