using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Letopis.Migrations.Sqlite.Migrations
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Book = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NameNormalized = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    IsArchived = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferenceItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Counterparties",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NameNormalized = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Inn = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    Kpp = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true),
                    Ogrn = table.Column<string>(type: "TEXT", maxLength: 15, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Fax = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Website = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    LegalAddress = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RegionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActivityTypeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AdSourceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResponsibleId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
