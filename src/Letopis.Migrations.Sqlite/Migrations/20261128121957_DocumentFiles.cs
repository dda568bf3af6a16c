using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Letopis.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DocumentFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FileTextExtractions",
                columns: table => new
                {
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClaimedUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DoneAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FileTextExtractions", x => x.VersionId);
                    table.ForeignKey(
                        name: "FK_FileTextExtractions_DocumentFileVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "DocumentFileVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FileTextExtractions_DocumentFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "DocumentFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StorageQuotaSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    CompanyMegabytes = table.Column<long>(type: "INTEGER", nullable: true),
                    UserMegabytes = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StorageQuotaSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StorageUsages",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StorageUsages", x => x.Scope);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FileTextExtractions_DocumentId",
                table: "FileTextExtractions",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_FileTextExtractions_FileId",
                table: "FileTextExtractions",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_FileTextExtractions_Pending",
                table: "FileTextExtractions",
                column: "CreatedAt",
                filter: "\"State\" = 'Pending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FileTextExtractions");

            migrationBuilder.DropTable(
                name: "StorageQuotaSettings");

            migrationBuilder.DropTable(
                name: "StorageUsages");
        }
    }
}
