using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Letopis.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DirectoryOrderIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Counterparties_NameNormalized",
                table: "Counterparties");

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_NameNormalized_Id",
                table: "Counterparties",
                columns: new[] { "NameNormalized", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Counterparties_NameNormalized_Id",
                table: "Counterparties");

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_NameNormalized",
                table: "Counterparties",
                column: "NameNormalized");
        }
    }
}
