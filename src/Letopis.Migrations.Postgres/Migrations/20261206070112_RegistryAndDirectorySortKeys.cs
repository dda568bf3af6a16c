using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Letopis.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RegistryAndDirectorySortKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Documents_RegisteredOn_Id",
                table: "Documents");

            migrationBuilder.DropIndex(
                name: "IX_Counterparties_ActivityTypeId_NameNormalized",
                table: "Counterparties");

            migrationBuilder.DropIndex(
                name: "IX_Counterparties_AdSourceId_NameNormalized",
                table: "Counterparties");

            migrationBuilder.DropIndex(
                name: "IX_Counterparties_CategoryId_NameNormalized",
                table: "Counterparties");

            migrationBuilder.DropIndex(
                name: "IX_Counterparties_GroupId_NameNormalized",
                table: "Counterparties");

            migrationBuilder.DropIndex(
                name: "IX_Counterparties_NameNormalized_Id",
                table: "Counterparties");

            migrationBuilder.DropIndex(
                name: "IX_Counterparties_RegionId_CategoryId_NameNormalized",
                table: "Counterparties");

            migrationBuilder.DropIndex(
                name: "IX_Counterparties_RegionId_NameNormalized",
                table: "Counterparties");

            migrationBuilder.DropIndex(
                name: "IX_Counterparties_ResponsibleId_NameNormalized",
                table: "Counterparties");

            migrationBuilder.AddColumn<string>(
                name: "NumberSortKey",
                table: "Documents",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SortName",
                table: "Counterparties",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Documents_RegisteredOn_NumberSortKey_Id",
                table: "Documents",
                columns: new[] { "RegisteredOn", "NumberSortKey", "Id" },
                descending: new[] { true, false, false });

            migrationBuilder.CreateIndex(
                name: "IX_Documents_ValidTo",
                table: "Documents",
                column: "ValidTo");

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_ActivityTypeId_SortName",
                table: "Counterparties",
                columns: new[] { "ActivityTypeId", "SortName" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_AdSourceId_SortName",
                table: "Counterparties",
                columns: new[] { "AdSourceId", "SortName" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_CategoryId_SortName",
                table: "Counterparties",
                columns: new[] { "CategoryId", "SortName" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_GroupId_SortName",
                table: "Counterparties",
                columns: new[] { "GroupId", "SortName" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_RegionId_CategoryId_SortName",
                table: "Counterparties",
                columns: new[] { "RegionId", "CategoryId", "SortName" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_RegionId_SortName",
                table: "Counterparties",
                columns: new[] { "RegionId", "SortName" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_ResponsibleId_SortName",
                table: "Counterparties",
                columns: new[] { "ResponsibleId", "SortName" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_SortName_Id",
                table: "Counterparties",
                columns: new[] { "SortName", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Documents_RegisteredOn_NumberSortKey_Id",
                table: "Documents");

            migrationBuilder.DropIndex(
                name: "IX_Documents_ValidTo",
                table: "Documents");

            migrationBuilder.DropIndex(
                name: "IX_Counterparties_ActivityTypeId_SortName",
                table: "Counterparties");

            migrationBuilder.DropIndex(
                name: "IX_Counterparties_AdSourceId_SortName",
                table: "Counterparties");

            migrationBuilder.DropIndex(
                name: "IX_Counterparties_CategoryId_SortName",
                table: "Counterparties");

            migrationBuilder.DropIndex(
                name: "IX_Counterparties_GroupId_SortName",
                table: "Counterparties");

            migrationBuilder.DropIndex(
                name: "IX_Counterparties_RegionId_CategoryId_SortName",
                table: "Counterparties");

            migrationBuilder.DropIndex(
                name: "IX_Counterparties_RegionId_SortName",
                table: "Counterparties");

            migrationBuilder.DropIndex(
                name: "IX_Counterparties_ResponsibleId_SortName",
                table: "Counterparties");

            migrationBuilder.DropIndex(
                name: "IX_Counterparties_SortName_Id",
                table: "Counterparties");

            migrationBuilder.DropColumn(
                name: "NumberSortKey",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "SortName",
                table: "Counterparties");

            migrationBuilder.CreateIndex(
                name: "IX_Documents_RegisteredOn_Id",
                table: "Documents",
                columns: new[] { "RegisteredOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_ActivityTypeId_NameNormalized",
                table: "Counterparties",
                columns: new[] { "ActivityTypeId", "NameNormalized" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_AdSourceId_NameNormalized",
                table: "Counterparties",
                columns: new[] { "AdSourceId", "NameNormalized" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_CategoryId_NameNormalized",
                table: "Counterparties",
                columns: new[] { "CategoryId", "NameNormalized" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_GroupId_NameNormalized",
                table: "Counterparties",
                columns: new[] { "GroupId", "NameNormalized" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_NameNormalized_Id",
                table: "Counterparties",
                columns: new[] { "NameNormalized", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_RegionId_CategoryId_NameNormalized",
                table: "Counterparties",
                columns: new[] { "RegionId", "CategoryId", "NameNormalized" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_RegionId_NameNormalized",
                table: "Counterparties",
                columns: new[] { "RegionId", "NameNormalized" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_ResponsibleId_NameNormalized",
                table: "Counterparties",
                columns: new[] { "ResponsibleId", "NameNormalized" });
        }
    }
}
