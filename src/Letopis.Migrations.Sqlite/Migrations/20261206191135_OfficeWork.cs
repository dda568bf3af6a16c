using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Letopis.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Attachments",
                table: "Documents",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryMethod",
                table: "Documents",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Pages",
                table: "Documents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReplyToId",
                table: "Documents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "SentOn",
                table: "Documents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TrackingNumber",
                table: "Documents",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ControlPoints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CounterpartyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PlannedMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    PaidMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    ActedMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    ResponsibleId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ActRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    ClosingDocumentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MissReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentTypeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PointKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    DaysBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    NotifyResponsible = table.Column<bool>(type: "INTEGER", nullable: false),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Path = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ControlPointId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CounterpartyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResolutionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ExecutorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ControllerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Closure = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReplyDocumentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ExtensionRequestedTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExtensionReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StoragePlaceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HolderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HolderDepartmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OutSince = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DueBack = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SentMethod = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    TrackingNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
                    AssignmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Lead = table.Column<bool>(type: "INTEGER", nullable: false),
                    Open = table.Column<bool>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssignmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AuthorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ReviewComment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReviewedById = table.Column<Guid>(type: "TEXT", nullable: true)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CopyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ById = table.Column<Guid>(type: "TEXT", nullable: true),
                    HolderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    DueBack = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReturnedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FromPlaceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ToPlaceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Method = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    TrackingNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
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
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false)
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
