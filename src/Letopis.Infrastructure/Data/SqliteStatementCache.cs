using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Letopis.Infrastructure.Data;

/// <summary>
/// Keeps the statements a SQLite connection runs prepared, so that SQLite parses and plans the
/// card's, the page's or the account check's SQL once per connection instead of on every request.
/// <para>
/// Microsoft.Data.Sqlite reuses a command's prepared statements when the same command object runs
/// again, but EF Core builds a new command for every execution (dotnet/efcore#14044). This
/// interceptor runs EF Core's SQL on a command kept per connection and SQL text, with EF Core's own
/// parameters and transaction, and hands EF Core that command's reader: results, errors and
/// logging are as before. A command whose reader is still open (a query run again while its first
/// run is being read) is left to EF Core.
/// </para>
/// <para>
/// It needs connections that stay open (<see cref="SqliteKeptConnection"/>): when a connection
/// closes, the driver disposes its commands and this cache forgets them.
/// </para>
/// </summary>
internal sealed class SqliteStatementCache : DbCommandInterceptor
{
    /// <summary>Statements kept per connection; the least recently used one goes first.</summary>
    public const int Capacity = 256;

    /// <summary>Longer SQL (long IN lists of a bulk operation) is not worth keeping.</summary>
    private const int MaxSqlLength = 8192;

    public static readonly SqliteStatementCache Instance = new();

    private static readonly ConditionalWeakTable<SqliteConnection, Statements> ByConnection = [];

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        !result.HasResult && Take(command) is { } kept ? InterceptionResult<DbDataReader>.SuppressWithResult(kept.ExecuteReader()) : result;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        Synchronously(() => ReaderExecuting(command, eventData, result), cancellationToken);

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        !result.HasResult && Take(command) is { } kept ? InterceptionResult<int>.SuppressWithResult(kept.ExecuteNonQuery()) : result;

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        Synchronously(() => NonQueryExecuting(command, eventData, result), cancellationToken);

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        !result.HasResult && Take(command) is { } kept ? InterceptionResult<object>.SuppressWithResult(kept.ExecuteScalar()!) : result;

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        Synchronously(() => ScalarExecuting(command, eventData, result), cancellationToken);

    /// <summary>SQLite has no asynchronous execution: the driver's async methods run synchronously too.</summary>
    private static ValueTask<T> Synchronously<T>(Func<T> execute, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return ValueTask.FromResult(execute());
    }

    /// <summary>The kept command for this SQL, loaded with the EF Core command's parameters, or null to let EF Core run it.</summary>
    private static KeptCommand? Take(DbCommand command)
    {
        if (command.Connection is not SqliteConnection { State: ConnectionState.Open } connection
            || command.CommandType != CommandType.Text
            || command.CommandText is not { Length: > 0 and <= MaxSqlLength } sql)
            return null;
        foreach (DbParameter parameter in command.Parameters)
        {
            // Large values stay with EF Core's command, which is dropped after the call.
            if (parameter.Value is byte[] { Length: > 4096 } or Stream)
                return null;
        }

        var kept = ByConnection.GetValue(connection, c => new Statements(c)).Get(sql);
        if (kept is null)
            return null;
        kept.Parameters.Clear();
        foreach (SqliteParameter parameter in command.Parameters)
            kept.Parameters.Add(parameter);
        kept.Transaction = (SqliteTransaction?)command.Transaction;
        kept.CommandTimeout = command.CommandTimeout;
        return kept;
    }

    /// <summary>One connection's kept commands by SQL text, least recently used first.</summary>
    private sealed class Statements
    {
        private readonly SqliteConnection _connection;
        private readonly Dictionary<string, LinkedListNode<KeptCommand>> _bySql = new(StringComparer.Ordinal);
        private readonly LinkedList<KeptCommand> _recency = new();

        public Statements(SqliteConnection connection)
        {
            _connection = connection;
            // Closing disposes the connection's commands, prepared statements included.
            connection.StateChange += (_, e) =>
            {
                if (e.CurrentState != ConnectionState.Open)
                    Forget();
            };
        }

        public KeptCommand? Get(string sql)
        {
            if (_bySql.TryGetValue(sql, out var node))
            {
                if (node.Value.HasOpenReader)
                    return null;
                _recency.Remove(node);
                _recency.AddLast(node);
                return node.Value;
            }

            if (_bySql.Count >= Capacity && _recency.First is { } oldest && !oldest.Value.HasOpenReader)
            {
                _recency.RemoveFirst();
                _bySql.Remove(oldest.Value.CommandText);
                oldest.Value.Dispose();
            }
            var command = new KeptCommand(sql, _connection);
            _bySql[sql] = _recency.AddLast(command);
            return command;
        }

        private void Forget()
        {
            _bySql.Clear();
            _recency.Clear();
            ByConnection.Remove(_connection);
        }
    }

    /// <summary>A command that says whether its reader is still open (the driver keeps that to itself).</summary>
    private sealed class KeptCommand(string sql, SqliteConnection connection) : SqliteCommand(sql, connection)
    {
        public bool HasOpenReader => DataReader is not null;
    }
}
