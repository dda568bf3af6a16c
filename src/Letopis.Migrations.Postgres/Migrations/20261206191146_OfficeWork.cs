using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Letopis.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OfficeWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AddresseeId",
                table: "Documents",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Attachments",
                table: "Documents",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryMethod",
                table: "Documents",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Pages",
                table: "Documents",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReplyToId",
                table: "Documents",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "SentOn",
                table: "Documents",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TrackingNumber",
                table: "Documents",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ControlPoints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    CounterpartyId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PlannedMinor = table.Column<long>(type: "bigint", nullable: true),
                    PaidMinor = table.Column<long>(type: "bigint", nullable: false),
                    ActedMinor = table.Column<long>(type: "bigint", nullable: false),
                    ResponsibleId = table.Column<Guid>(type: "uuid", nullable: true),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ActRequired = table.Column<bool>(type: "boolean", nullable: false),
                    ClosingDocumentId = table.Column<Guid>(type: "uuid", nullable: true),
                    MissReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ControlPoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ControlPoints_AspNetUsers_ResponsibleId",
                        column: x => x.ResponsibleId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ControlPoints_Counterparties_CounterpartyId",
                        column: x => x.CounterpartyId,
                        principalTable: "Counterparties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ControlPoints_Documents_ClosingDocumentId",
                        column: x => x.ClosingDocumentId,
                        principalTable: "Documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ControlPoints_Documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "Documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ControlReminderRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DocumentTypeId = table.Column<Guid>(type: "uuid", nullable: true),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: true),
                    PointKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    DaysBefore = table.Column<int>(type: "integer", nullable: false),
                    NotifyResponsible = table.Column<bool>(type: "boolean", nullable: false),
                    RoleId = table.Column<Guid>(type: "uuid", nullable: true),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ControlReminderRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ControlReminderRules_DocumentTypes_DocumentTypeId",
                        column: x => x.DocumentTypeId,
                        principalTable: "DocumentTypes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ControlReminderRules_Documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "Documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Resolutions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: true),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Resolutions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Resolutions_Documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "Documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StoragePlaces",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Path = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoragePlaces", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StoragePlaces_StoragePlaces_ParentId",
                        column: x => x.ParentId,
                        principalTable: "StoragePlaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ControlPayments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ControlPointId = table.Column<Guid>(type: "uuid", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    CounterpartyId = table.Column<Guid>(type: "uuid", nullable: true),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ControlPayments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ControlPayments_ControlPoints_ControlPointId",
                        column: x => x.ControlPointId,
                        principalTable: "ControlPoints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Assignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResolutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ExecutorId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    ControllerId = table.Column<Guid>(type: "uuid", nullable: true),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Closure = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedById = table.Column<Guid>(type: "uuid", nullable: true),
                    ReplyDocumentId = table.Column<Guid>(type: "uuid", nullable: true),
                    ExtensionRequestedTo = table.Column<DateOnly>(type: "date", nullable: true),
                    ExtensionReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assignments_AspNetUsers_ExecutorId",
                        column: x => x.ExecutorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assignments_Documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "Documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Assignments_Resolutions_ResolutionId",
                        column: x => x.ResolutionId,
                        principalTable: "Resolutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PaperCopies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Owner = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StoragePlaceId = table.Column<Guid>(type: "uuid", nullable: true),
                    HolderId = table.Column<Guid>(type: "uuid", nullable: true),
                    HolderDepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    OutSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DueBack = table.Column<DateOnly>(type: "date", nullable: true),
                    Purpose = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    SentMethod = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    TrackingNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaperCopies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaperCopies_AspNetUsers_HolderId",
                        column: x => x.HolderId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PaperCopies_Documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "Documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PaperCopies_StoragePlaces_StoragePlaceId",
                        column: x => x.StoragePlaceId,
                        principalTable: "StoragePlaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AssignmentExecutors",
                columns: table => new
                {
                    AssignmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Lead = table.Column<bool>(type: "boolean", nullable: false),
                    Open = table.Column<bool>(type: "boolean", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssignmentExecutors", x => new { x.AssignmentId, x.UserId });
                    table.ForeignKey(
                        name: "FK_AssignmentExecutors_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AssignmentExecutors_Assignments_AssignmentId",
                        column: x => x.AssignmentId,
                        principalTable: "Assignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssignmentReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AssignmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: true),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ReviewComment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssignmentReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssignmentReports_Assignments_AssignmentId",
                        column: x => x.AssignmentId,
                        principalTable: "Assignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PaperMovements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CopyId = table.Column<Guid>(type: "uuid", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ById = table.Column<Guid>(type: "uuid", nullable: true),
                    HolderId = table.Column<Guid>(type: "uuid", nullable: true),
                    Purpose = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    DueBack = table.Column<DateOnly>(type: "date", nullable: true),
                    ReturnedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FromPlaceId = table.Column<Guid>(type: "uuid", nullable: true),
                    ToPlaceId = table.Column<Guid>(type: "uuid", nullable: true),
                    Method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    TrackingNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaperMovements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaperMovements_PaperCopies_CopyId",
                        column: x => x.CopyId,
                        principalTable: "PaperCopies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssignmentReportFiles",
                columns: table => new
                {
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssignmentReportFiles", x => new { x.ReportId, x.FileVersionId });
                    table.ForeignKey(
                        name: "FK_AssignmentReportFiles_AssignmentReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "AssignmentReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AssignmentReportFiles_DocumentFileVersions_FileVersionId",
                        column: x => x.FileVersionId,
                        principalTable: "DocumentFileVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Documents_AddresseeId_RegisteredOn",
                table: "Documents",
                columns: new[] { "AddresseeId", "RegisteredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Documents_ReplyToId",
                table: "Documents",
                column: "ReplyToId");

            migrationBuilder.CreateIndex(
                name: "IX_AssignmentExecutors_UserId_Open_DueOn_AssignmentId",
                table: "AssignmentExecutors",
                columns: new[] { "UserId", "Open", "DueOn", "AssignmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_AssignmentReportFiles_FileVersionId",
                table: "AssignmentReportFiles",
                column: "FileVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_AssignmentReports_AssignmentId_At",
                table: "AssignmentReports",
                columns: new[] { "AssignmentId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_ControllerId_Status_DueOn",
                table: "Assignments",
                columns: new[] { "ControllerId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_DepartmentId_Status_DueOn",
                table: "Assignments",
                columns: new[] { "DepartmentId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_DocumentId_Number",
                table: "Assignments",
                columns: new[] { "DocumentId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_ExecutorId",
                table: "Assignments",
                column: "ExecutorId");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_ReplyDocumentId",
                table: "Assignments",
                column: "ReplyDocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_ResolutionId",
                table: "Assignments",
                column: "ResolutionId");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_Status_DueOn",
                table: "Assignments",
                columns: new[] { "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlPayments_ControlPointId_PaidOn",
                table: "ControlPayments",
                columns: new[] { "ControlPointId", "PaidOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlPayments_CounterpartyId_PaidOn",
                table: "ControlPayments",
                columns: new[] { "CounterpartyId", "PaidOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlPayments_DocumentId_PaidOn",
                table: "ControlPayments",
                columns: new[] { "DocumentId", "PaidOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlPoints_ClosingDocumentId",
                table: "ControlPoints",
                column: "ClosingDocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_ControlPoints_CounterpartyId_DocumentId",
                table: "ControlPoints",
                columns: new[] { "CounterpartyId", "DocumentId" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlPoints_DepartmentId_Status_DueOn",
                table: "ControlPoints",
                columns: new[] { "DepartmentId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlPoints_DocumentId_Order",
                table: "ControlPoints",
                columns: new[] { "DocumentId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlPoints_ResponsibleId_Status_DueOn",
                table: "ControlPoints",
                columns: new[] { "ResponsibleId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlPoints_Status_DueOn",
                table: "ControlPoints",
                columns: new[] { "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ControlReminderRules_DocumentId",
                table: "ControlReminderRules",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_ControlReminderRules_DocumentTypeId",
                table: "ControlReminderRules",
                column: "DocumentTypeId");

            migrationBuilder.CreateIndex(
                name: "IX_PaperCopies_DocumentId_Number",
                table: "PaperCopies",
                columns: new[] { "DocumentId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaperCopies_HolderDepartmentId_State_DueBack",
                table: "PaperCopies",
                columns: new[] { "HolderDepartmentId", "State", "DueBack" });

            migrationBuilder.CreateIndex(
                name: "IX_PaperCopies_HolderId_State_DueBack",
                table: "PaperCopies",
                columns: new[] { "HolderId", "State", "DueBack" });

            migrationBuilder.CreateIndex(
                name: "IX_PaperCopies_State_DueBack",
                table: "PaperCopies",
                columns: new[] { "State", "DueBack" });

            migrationBuilder.CreateIndex(
                name: "IX_PaperCopies_StoragePlaceId",
                table: "PaperCopies",
                column: "StoragePlaceId");

            migrationBuilder.CreateIndex(
                name: "IX_PaperMovements_CopyId_At",
                table: "PaperMovements",
                columns: new[] { "CopyId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_PaperMovements_DocumentId_At",
                table: "PaperMovements",
                columns: new[] { "DocumentId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Resolutions_DocumentId_CreatedAt",
                table: "Resolutions",
                columns: new[] { "DocumentId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_StoragePlaces_ParentId_Name",
                table: "StoragePlaces",
                columns: new[] { "ParentId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_StoragePlaces_Path",
                table: "StoragePlaces",
                column: "Path");

            migrationBuilder.AddForeignKey(
                name: "FK_Documents_AspNetUsers_AddresseeId",
                table: "Documents",
                column: "AddresseeId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Documents_Documents_ReplyToId",
                table: "Documents",
                column: "ReplyToId",
                principalTable: "Documents",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Documents_AspNetUsers_AddresseeId",
                table: "Documents");

            migrationBuilder.DropForeignKey(
                name: "FK_Documents_Documents_ReplyToId",
                table: "Documents");

            migrationBuilder.DropTable(
                name: "AssignmentExecutors");

            migrationBuilder.DropTable(
                name: "AssignmentReportFiles");

            migrationBuilder.DropTable(
                name: "ControlPayments");

            migrationBuilder.DropTable(
                name: "ControlReminderRules");

            migrationBuilder.DropTable(
                name: "PaperMovements");

            migrationBuilder.DropTable(
                name: "AssignmentReports");

            migrationBuilder.DropTable(
                name: "ControlPoints");

            migrationBuilder.DropTable(
                name: "PaperCopies");

            migrationBuilder.DropTable(
                name: "Assignments");

            migrationBuilder.DropTable(
                name: "StoragePlaces");

            migrationBuilder.DropTable(
                name: "Resolutions");

            migrationBuilder.DropIndex(
                name: "IX_Documents_AddresseeId_RegisteredOn",
                table: "Documents");

            migrationBuilder.DropIndex(
                name: "IX_Documents_ReplyToId",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "AddresseeId",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "Attachments",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "DeliveryMethod",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "Pages",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "ReplyToId",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "SentOn",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "TrackingNumber",
                table: "Documents");
        }
    }
}
