using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Letopis.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the model for this provider without starting the web host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LetopisDb>
{
    public LetopisDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LetopisDb>().UseSqlite("Data Source=design.db", o => o.MigrationsAssembly("Letopis.Migrations.Sqlite")).Options);
}
