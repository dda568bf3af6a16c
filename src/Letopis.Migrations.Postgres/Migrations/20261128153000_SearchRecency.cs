using Letopis.Core.Data;
using Letopis.Core.Search;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Letopis.Migrations.Postgres.Migrations
{
    /// <summary>
    /// The search vector also holds each row's recency block, so that the newest matches of a broad
    /// word are found through the index instead of by visiting every matching row. Raw SQL only (the
    /// vector is not part of the EF model), hence no model snapshot change and no SQLite counterpart.
    /// </summary>
    [DbContext(typeof(LetopisDb))]
    [Migration("20261128153000_SearchRecency")]
    public class SearchRecency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SearchSchema.PostgresRecencyUp);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SearchSchema.PostgresRecencyDown);
        }
    }
}
