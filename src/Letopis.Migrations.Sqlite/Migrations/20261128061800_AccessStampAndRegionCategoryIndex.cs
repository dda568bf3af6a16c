using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Letopis.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AccessStampAndRegionCategoryIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccessStamps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessStamps", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "AccessStamps",
                columns: new[] { "Id", "Value" },
                values: new object[] { 1, new Guid("00000000-0000-0000-0000-000000000001") });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_RegionId_CategoryId_NameNormalized",
                table: "Counterparties",
                columns: new[] { "RegionId", "CategoryId", "NameNormalized" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccessStamps");

            migrationBuilder.DropIndex(
                name: "IX_Counterparties_RegionId_CategoryId_NameNormalized",
                table: "Counterparties");
        }
    }
}
