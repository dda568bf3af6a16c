using Letopis.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Letopis.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef</c> build the model for this provider without starting the web host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LetopisDb>
{
    public LetopisDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LetopisDb>().UseNpgsql("Host=localhost;Database=letopis_design", o => o.MigrationsAssembly("Letopis.Migrations.Postgres")).Options);
}
