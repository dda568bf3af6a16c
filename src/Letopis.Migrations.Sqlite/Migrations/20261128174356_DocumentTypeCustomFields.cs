using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Letopis.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DocumentTypeCustomFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CustomFieldModes",
                table: "DocumentTypes",
                type: "TEXT",
                maxLength: 16000,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CustomFieldModes",
                table: "DocumentTypes");
        }
    }
}
