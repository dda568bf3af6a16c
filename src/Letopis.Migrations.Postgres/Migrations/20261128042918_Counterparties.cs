using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Letopis.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Counterparties : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReferenceItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Book = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    NameNormalized = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    IsArchived = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferenceItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Counterparties",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    NameNormalized = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    FullName = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Inn = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    Kpp = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    Ogrn = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Fax = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Website = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    LegalAddress = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RegionId = table.Column<Guid>(type: "uuid", nullable: true),
                    CategoryId = table.Column<Guid>(type: "uuid", nullable: true),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActivityTypeId = table.Column<Guid>(type: "uuid", nullable: true),
                    AdSourceId = table.Column<Guid>(type: "uuid", nullable: true),
                    ResponsibleId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Counterparties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Counterparties_AspNetUsers_ResponsibleId",
                        column: x => x.ResponsibleId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Counterparties_ReferenceItems_ActivityTypeId",
                        column: x => x.ActivityTypeId,
                        principalTable: "ReferenceItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Counterparties_ReferenceItems_AdSourceId",
                        column: x => x.AdSourceId,
                        principalTable: "ReferenceItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Counterparties_ReferenceItems_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "ReferenceItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Counterparties_ReferenceItems_GroupId",
                        column: x => x.GroupId,
                        principalTable: "ReferenceItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Counterparties_ReferenceItems_RegionId",
                        column: x => x.RegionId,
                        principalTable: "ReferenceItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

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
                name: "IX_Counterparties_Email",
                table: "Counterparties",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_GroupId_NameNormalized",
                table: "Counterparties",
                columns: new[] { "GroupId", "NameNormalized" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_Inn",
                table: "Counterparties",
                column: "Inn");

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_NameNormalized",
                table: "Counterparties",
                column: "NameNormalized");

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_Phone",
                table: "Counterparties",
                column: "Phone");

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_RegionId_NameNormalized",
                table: "Counterparties",
                columns: new[] { "RegionId", "NameNormalized" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_ResponsibleId_NameNormalized",
                table: "Counterparties",
                columns: new[] { "ResponsibleId", "NameNormalized" });

            migrationBuilder.CreateIndex(
                name: "IX_ReferenceItems_Book_NameNormalized",
                table: "ReferenceItems",
                columns: new[] { "Book", "NameNormalized" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Counterparties");

            migrationBuilder.DropTable(
                name: "ReferenceItems");
        }
    }
}
