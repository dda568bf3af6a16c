using Letopis.Infrastructure.Data;
using Npgsql;

namespace Letopis.Web.Tests.Hosting;

/// <summary>
/// PostgreSQL keeps the statements Letopis repeats prepared, and pooled connections are not reset
/// before each query, unless the operator's connection string says otherwise.
/// </summary>
public class PostgresAutoPrepareTests
{
    [Fact]
    public void WithoutASetting_RepeatedStatementsArePrepared()
    {
        var built = new NpgsqlConnectionStringBuilder(DatabaseRegistration.WithNpgsqlDefaults("Host=db;Database=letopis;Username=app"));
        built.MaxAutoPrepare.ShouldBe(DatabaseRegistration.DefaultMaxAutoPrepare);
        built.AutoPrepareMinUsages.ShouldBe(2);
        built.NoResetOnClose.ShouldBeTrue();
        built.Host.ShouldBe("db");
    }

    [Theory]
    [InlineData("Host=db;Database=letopis;Max Auto Prepare=0")]
    [InlineData("Host=db;Database=letopis;maxautoprepare=0")]
    public void TheOperatorsSetting_Wins(string connectionString) =>
        new NpgsqlConnectionStringBuilder(DatabaseRegistration.WithNpgsqlDefaults(connectionString)).MaxAutoPrepare.ShouldBe(0);

    [Theory]
    [InlineData("Host=db;Database=letopis;No Reset On Close=false")]
    [InlineData("Host=db;Database=letopis;noresetonclose=false")]
    public void TheOperatorsResetSetting_Wins(string connectionString) =>
        new NpgsqlConnectionStringBuilder(DatabaseRegistration.WithNpgsqlDefaults(connectionString)).NoResetOnClose.ShouldBeFalse();
}
