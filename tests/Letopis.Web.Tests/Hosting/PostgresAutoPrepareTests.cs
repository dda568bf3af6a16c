using Letopis.Infrastructure.Data;
using Npgsql;

namespace Letopis.Web.Tests.Hosting;

/// <summary>PostgreSQL keeps the statements Letopis repeats prepared, unless the operator's connection string says otherwise.</summary>
public class PostgresAutoPrepareTests
{
    [Fact]
    public void WithoutASetting_RepeatedStatementsArePrepared()
    {
        var built = new NpgsqlConnectionStringBuilder(DatabaseRegistration.WithAutoPrepare("Host=db;Database=letopis;Username=app"));
        built.MaxAutoPrepare.ShouldBe(DatabaseRegistration.DefaultMaxAutoPrepare);
        built.AutoPrepareMinUsages.ShouldBe(2);
        built.Host.ShouldBe("db");
    }

    [Theory]
    [InlineData("Host=db;Database=letopis;Max Auto Prepare=0")]
    [InlineData("Host=db;Database=letopis;maxautoprepare=0")]
    public void TheOperatorsSetting_Wins(string connectionString) =>
        new NpgsqlConnectionStringBuilder(DatabaseRegistration.WithAutoPrepare(connectionString)).MaxAutoPrepare.ShouldBe(0);
}
