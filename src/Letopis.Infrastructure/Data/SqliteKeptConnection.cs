using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Letopis.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Sqlite.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;

namespace Letopis.Infrastructure.Data;

#pragma warning disable EF1001 // The SQLite connection service is EF Core's internal API; this subclass only changes when it closes.

/// <summary>
/// The SQLite connection of a context stays open for the context's whole life, across the requests
/// of a pooled context, and closes when the context is disposed.
/// <list type="bullet">
/// <item>Opening a connection taken from Microsoft.Data.Sqlite's pool registers EF Core's SQL
/// functions on it again, and closing it removes them: a tenth of a card's CPU when it happened for
/// each query.</item>
/// <item>The statements <see cref="SqliteStatementCache"/> keeps prepared live on the connection:
/// closing it would finalize them.</item>
/// </list>
/// SQLite sees no difference: the driver's pool kept the native connection open anyway, and an
/// open connection outside a statement holds no lock and no snapshot. Transactions still end when
/// EF Core closes or resets the connection; only the close itself is skipped.
/// </summary>
internal sealed class SqliteKeptConnection(
    RelationalConnectionDependencies dependencies,
    IRawSqlCommandBuilder rawSqlCommandBuilder,
    IDiagnosticsLogger<DbLoggerCategory.Infrastructure> logger)
    : SqliteRelationalConnection(dependencies, rawSqlCommandBuilder, logger), ISqliteWriter
{
    // One writer connection per file in this process, kept open like the contexts' own: EF Core
    // opens it the first time (functions, pragmas) and never closes it.
    private static readonly ConcurrentDictionary<string, SqliteConnection> Writers = new(StringComparer.Ordinal);

    private SqliteConnection? _writer;

    public override DbConnection DbConnection => _writer ?? base.DbConnection;

    public IDisposable UseWriter()
    {
        if (_writer is not null)
            throw new InvalidOperationException("The context is already on the writer connection.");
        _writer = Writers.GetOrAdd(base.DbConnection.ConnectionString, file => new SqliteConnection(file));
        return new BackToOwn(this);
    }

    private sealed class BackToOwn(SqliteKeptConnection connection) : IDisposable
    {
        public void Dispose() => connection._writer = null;
    }

    protected override void CloseDbConnection()
    {
        if (DbConnection.State == ConnectionState.Broken)
            base.CloseDbConnection();
    }

    protected override Task CloseDbConnectionAsync() =>
        DbConnection.State == ConnectionState.Broken ? base.CloseDbConnectionAsync() : Task.CompletedTask;
}
