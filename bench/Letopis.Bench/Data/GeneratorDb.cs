using System.Data.Common;
using System.Globalization;

namespace Letopis.Bench.Data;

/// <summary>What every data generator does on its raw connection and its console.</summary>
internal static class GeneratorDb
{
    public static async Task<Guid[]> ReadGuidsAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        var ids = new List<Guid>();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            ids.Add(ReadGuid(reader, 0));
        return [.. ids];
    }

    // SQLite keeps GUIDs as text, PostgreSQL as uuid.
    public static Guid ReadGuid(DbDataReader reader, int i) =>
        reader.GetFieldType(i) == typeof(Guid) ? reader.GetGuid(i) : Guid.Parse(reader.GetString(i));

    public static async Task<T> ScalarAsync<T>(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        var value = await command.ExecuteScalarAsync(ct);
        return typeof(T) == typeof(bool) ? (T)(object)Convert.ToBoolean(value, CultureInfo.InvariantCulture) : (T)Convert.ChangeType(value!, typeof(T), CultureInfo.InvariantCulture);
    }

    public static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    public static Action<long> Progress(string what, long total) =>
        done => Log($"  {what}: {done:N0} of {total:N0} ({100.0 * done / Math.Max(1, total):0}%)");

    public static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
