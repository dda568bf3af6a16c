using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Letopis.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddCustomFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CustomFields",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Entity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Required = table.Column<bool>(type: "boolean", nullable: false),
                    Multiple = table.Column<bool>(type: "boolean", nullable: false),
                    Options = table.Column<string>(type: "character varying(64000)", maxLength: 64000, nullable: true),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    IsArchived = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomFields", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CustomFieldValues",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FieldId = table.Column<Guid>(type: "uuid", nullable: false),
                    EntityId = table.Column<Guid>(type: "uuid", nullable: false),
                    StringValue = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    NumberValue = table.Column<long>(type: "bigint", nullable: true),
                    DateValue = table.Column<DateOnly>(type: "date", nullable: true),
                    BoolValue = table.Column<bool>(type: "boolean", nullable: true),
                    GuidValue = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomFieldValues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustomFieldValues_CustomFields_FieldId",
                        column: x => x.FieldId,
                        principalTable: "CustomFields",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CustomFields_Entity_Code",
                table: "CustomFields",
                columns: new[] { "Entity", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_EntityId_FieldId",
                table: "CustomFieldValues",
                columns: new[] { "EntityId", "FieldId" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_FieldId_BoolValue_EntityId",
                table: "CustomFieldValues",
                columns: new[] { "FieldId", "BoolValue", "EntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_FieldId_DateValue_EntityId",
                table: "CustomFieldValues",
                columns: new[] { "FieldId", "DateValue", "EntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_FieldId_GuidValue_EntityId",
                table: "CustomFieldValues",
                columns: new[] { "FieldId", "GuidValue", "EntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_FieldId_NumberValue_EntityId",
                table: "CustomFieldValues",
                columns: new[] { "FieldId", "NumberValue", "EntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_FieldId_StringValue_EntityId",
                table: "CustomFieldValues",
                columns: new[] { "FieldId", "StringValue", "EntityId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomFieldValues");

            migrationBuilder.DropTable(
                name: "CustomFields");
        }
    }
}
