using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Letopis.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DocumentFileVersionBlobKeyIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_DocumentFileVersions_BlobKey",
                table: "DocumentFileVersions",
                column: "BlobKey");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DocumentFileVersions_BlobKey",
                table: "DocumentFileVersions");
        }
    }
}
