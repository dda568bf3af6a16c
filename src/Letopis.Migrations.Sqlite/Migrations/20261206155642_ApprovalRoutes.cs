using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Letopis.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ApprovalRoutes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApprovalSchemes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentTypeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Draft = table.Column<string>(type: "TEXT", nullable: true),
                    DraftUpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DraftUpdatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    PublishedVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedVersionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalSchemes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApprovalSchemes_DocumentTypes_DocumentTypeId",
                        column: x => x.DocumentTypeId,
                        principalTable: "DocumentTypes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApprovalSchemeVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchemeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Definition = table.Column<string>(type: "TEXT", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedById = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalSchemeVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApprovalSchemeVersions_ApprovalSchemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "ApprovalSchemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApprovalRoutes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchemeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchemeVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SchemeVersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CurrentStage = table.Column<int>(type: "INTEGER", nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalRoutes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApprovalRoutes_ApprovalSchemeVersions_SchemeVersionId",
                        column: x => x.SchemeVersionId,
                        principalTable: "ApprovalSchemeVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ApprovalRoutes_ApprovalSchemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "ApprovalSchemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ApprovalRoutes_AspNetUsers_StartedById",
                        column: x => x.StartedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ApprovalRoutes_Documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "Documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApprovalRouteStages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RouteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Required = table.Column<int>(type: "INTEGER", nullable: false),
                    Days = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalRouteStages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApprovalRouteStages_ApprovalRoutes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "ApprovalRoutes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApprovalTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RouteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssigneeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OriginalAssigneeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Unresolved = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    OnBehalfOfId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DelayReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DelegatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    DelegationComment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApprovalTasks_ApprovalRouteStages_StageId",
                        column: x => x.StageId,
                        principalTable: "ApprovalRouteStages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ApprovalTasks_ApprovalRoutes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "ApprovalRoutes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ApprovalTasks_AspNetUsers_AssigneeId",
                        column: x => x.AssigneeId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ApprovalTaskFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    FileVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalTaskFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApprovalTaskFiles_ApprovalTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "ApprovalTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRoutes_DocumentId_StartedAt",
                table: "ApprovalRoutes",
                columns: new[] { "DocumentId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRoutes_Live",
                table: "ApprovalRoutes",
                column: "DocumentId",
                unique: true,
                filter: "\"Status\" IN ('Running', 'Rework')");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRoutes_SchemeId_Status_SchemeVersionNumber",
                table: "ApprovalRoutes",
                columns: new[] { "SchemeId", "Status", "SchemeVersionNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRoutes_SchemeVersionId",
                table: "ApprovalRoutes",
                column: "SchemeVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRoutes_StartedById",
                table: "ApprovalRoutes",
                column: "StartedById");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRouteStages_RouteId_Index",
                table: "ApprovalRouteStages",
                columns: new[] { "RouteId", "Index" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalSchemes_DocumentTypeId",
                table: "ApprovalSchemes",
                column: "DocumentTypeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalSchemeVersions_SchemeId_Number",
                table: "ApprovalSchemeVersions",
                columns: new[] { "SchemeId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalTaskFiles_TaskId",
                table: "ApprovalTaskFiles",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalTasks_AssigneeId_Status_DueAt",
                table: "ApprovalTasks",
                columns: new[] { "AssigneeId", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalTasks_DecidedById_DecidedAt",
                table: "ApprovalTasks",
                columns: new[] { "DecidedById", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalTasks_RouteId_StageId",
                table: "ApprovalTasks",
                columns: new[] { "RouteId", "StageId" });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalTasks_StageId",
                table: "ApprovalTasks",
                column: "StageId");

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalTasks_Status_DueAt",
                table: "ApprovalTasks",
                columns: new[] { "Status", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApprovalTaskFiles");

            migrationBuilder.DropTable(
                name: "ApprovalTasks");

            migrationBuilder.DropTable(
                name: "ApprovalRouteStages");

            migrationBuilder.DropTable(
                name: "ApprovalRoutes");

            migrationBuilder.DropTable(
                name: "ApprovalSchemeVersions");

            migrationBuilder.DropTable(
                name: "ApprovalSchemes");
        }
    }
}
