using Letopis.Core.Data;
using Letopis.Core.Search;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Letopis.Migrations.Postgres.Migrations
{
    /// <summary>
    /// New search rows go straight into the GIN index instead of its pending list, which every search
    /// had to read through (see <see cref="SearchSchema.PostgresDirectIndexUp"/>). Raw SQL only (the
    /// index is not part of the EF model), hence no model snapshot change and no SQLite counterpart.
    /// </summary>
    [DbContext(typeof(LetopisDb))]
    [Migration("20261128190000_SearchIndexDirect")]
    public class SearchIndexDirect : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SearchSchema.PostgresDirectIndexUp);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SearchSchema.PostgresDirectIndexDown);
        }
    }
}
