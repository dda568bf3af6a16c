using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Letopis.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LeadsDealsPipelines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "CounterpartyId",
                table: "TimelineEvents",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<Guid>(
                name: "DealId",
                table: "TimelineEvents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "LeadId",
                table: "TimelineEvents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DealId",
                table: "Documents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OptionsGroupId",
                table: "CustomFields",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Scope",
                table: "ApiTokens",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DealId",
                table: "Activities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "LeadId",
                table: "Activities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Pipelines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    IsArchived = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pipelines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StageTotals",
                columns: table => new
                {
                    StageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResponsibleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StageTotals", x => new { x.StageId, x.ResponsibleId });
                });

            migrationBuilder.CreateTable(
                name: "StageTransitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EntityKind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    EntityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromStageId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ToStageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SecondsInPrevious = table.Column<long>(type: "INTEGER", nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OnBehalfOfId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StageTransitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PipelineStages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PipelineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Semantic = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Color = table.Column<string>(type: "TEXT", maxLength: 7, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PipelineStages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PipelineStages_Pipelines_PipelineId",
                        column: x => x.PipelineId,
                        principalTable: "Pipelines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Deals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TitleNormalized = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    PipelineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    ExpectedCloseOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ResponsibleId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LeadId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LostReasonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LostComment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    StageChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Deals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Deals_AspNetUsers_ResponsibleId",
                        column: x => x.ResponsibleId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Deals_Counterparties_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Counterparties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Deals_PipelineStages_StageId",
                        column: x => x.StageId,
                        principalTable: "PipelineStages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Deals_Pipelines_PipelineId",
                        column: x => x.PipelineId,
                        principalTable: "Pipelines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Deals_ReferenceItems_LostReasonId",
                        column: x => x.LostReasonId,
                        principalTable: "ReferenceItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Deals_ReferenceItems_SourceId",
                        column: x => x.SourceId,
                        principalTable: "ReferenceItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DealContacts",
                columns: table => new
                {
                    DealId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DealContacts", x => new { x.DealId, x.ContactId });
                    table.ForeignKey(
                        name: "FK_DealContacts_ContactPersons_ContactId",
                        column: x => x.ContactId,
                        principalTable: "ContactPersons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DealContacts_Deals_DealId",
                        column: x => x.DealId,
                        principalTable: "Deals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DealItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DealId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    QuantityMilli = table.Column<long>(type: "INTEGER", nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    PriceMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    VatRate = table.Column<int>(type: "INTEGER", nullable: true),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    VatMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DealItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DealItems_Deals_DealId",
                        column: x => x.DealId,
                        principalTable: "Deals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Leads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TitleNormalized = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    CompanyName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Inn = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ResponsibleId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    JunkReasonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    JunkComment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RepeatCounterpartyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RepeatContactId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DealId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    StageChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Leads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Leads_AspNetUsers_ResponsibleId",
                        column: x => x.ResponsibleId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Leads_ContactPersons_ContactId",
                        column: x => x.ContactId,
                        principalTable: "ContactPersons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Leads_ContactPersons_RepeatContactId",
                        column: x => x.RepeatContactId,
                        principalTable: "ContactPersons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Leads_Counterparties_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Counterparties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Leads_Counterparties_RepeatCounterpartyId",
                        column: x => x.RepeatCounterpartyId,
                        principalTable: "Counterparties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Leads_Deals_DealId",
                        column: x => x.DealId,
                        principalTable: "Deals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Leads_PipelineStages_StageId",
                        column: x => x.StageId,
                        principalTable: "PipelineStages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Leads_ReferenceItems_JunkReasonId",
                        column: x => x.JunkReasonId,
                        principalTable: "ReferenceItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Leads_ReferenceItems_SourceId",
                        column: x => x.SourceId,
                        principalTable: "ReferenceItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEvents_DealId_At",
                table: "TimelineEvents",
                columns: new[] { "DealId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_TimelineEvents_LeadId_At",
                table: "TimelineEvents",
                columns: new[] { "LeadId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Documents_DealId_RegisteredOn",
                table: "Documents",
                columns: new[] { "DealId", "RegisteredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomFields_OptionsGroupId",
                table: "CustomFields",
                column: "OptionsGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_Activities_DealId_PlannedAt",
                table: "Activities",
                columns: new[] { "DealId", "PlannedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Activities_LeadId_PlannedAt",
                table: "Activities",
                columns: new[] { "LeadId", "PlannedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DealContacts_ContactId",
                table: "DealContacts",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_DealItems_DealId_Order",
                table: "DealItems",
                columns: new[] { "DealId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_Deals_CompanyId_CreatedAt",
                table: "Deals",
                columns: new[] { "CompanyId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Deals_LeadId",
                table: "Deals",
                column: "LeadId");

            migrationBuilder.CreateIndex(
                name: "IX_Deals_LostReasonId",
                table: "Deals",
                column: "LostReasonId");

            migrationBuilder.CreateIndex(
                name: "IX_Deals_PipelineId_CreatedAt",
                table: "Deals",
                columns: new[] { "PipelineId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Deals_ResponsibleId_CreatedAt",
                table: "Deals",
                columns: new[] { "ResponsibleId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Deals_SourceId",
                table: "Deals",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_Deals_StageId_CreatedAt_Id",
                table: "Deals",
                columns: new[] { "StageId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Deals_StageId_ResponsibleId_CreatedAt",
                table: "Deals",
                columns: new[] { "StageId", "ResponsibleId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_CompanyId",
                table: "Leads",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_ContactId",
                table: "Leads",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_CreatedAt_Id",
                table: "Leads",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_DealId",
                table: "Leads",
                column: "DealId");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Email_CreatedAt",
                table: "Leads",
                columns: new[] { "Email", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Inn",
                table: "Leads",
                column: "Inn");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_JunkReasonId",
                table: "Leads",
                column: "JunkReasonId");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Phone_CreatedAt",
                table: "Leads",
                columns: new[] { "Phone", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_RepeatContactId",
                table: "Leads",
                column: "RepeatContactId");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_RepeatCounterpartyId",
                table: "Leads",
                column: "RepeatCounterpartyId");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_ResponsibleId_CreatedAt",
                table: "Leads",
                columns: new[] { "ResponsibleId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_SourceId",
                table: "Leads",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_StageId_CreatedAt_Id",
                table: "Leads",
                columns: new[] { "StageId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_StageId_ResponsibleId_CreatedAt",
                table: "Leads",
                columns: new[] { "StageId", "ResponsibleId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Status_CreatedAt",
                table: "Leads",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Pipelines_Kind_Order",
                table: "Pipelines",
                columns: new[] { "Kind", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_PipelineStages_PipelineId_Order",
                table: "PipelineStages",
                columns: new[] { "PipelineId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_StageTransitions_EntityKind_EntityId_At",
                table: "StageTransitions",
                columns: new[] { "EntityKind", "EntityId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_StageTransitions_FromStageId_At",
                table: "StageTransitions",
                columns: new[] { "FromStageId", "At" });

            migrationBuilder.AddForeignKey(
                name: "FK_Activities_Deals_DealId",
                table: "Activities",
                column: "DealId",
                principalTable: "Deals",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Activities_Leads_LeadId",
                table: "Activities",
                column: "LeadId",
                principalTable: "Leads",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Documents_Deals_DealId",
                table: "Documents",
                column: "DealId",
                principalTable: "Deals",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_TimelineEvents_Deals_DealId",
                table: "TimelineEvents",
                column: "DealId",
                principalTable: "Deals",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_TimelineEvents_Leads_LeadId",
                table: "TimelineEvents",
                column: "LeadId",
                principalTable: "Leads",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Activities_Deals_DealId",
                table: "Activities");

            migrationBuilder.DropForeignKey(
                name: "FK_Activities_Leads_LeadId",
                table: "Activities");

            migrationBuilder.DropForeignKey(
                name: "FK_Documents_Deals_DealId",
                table: "Documents");

            migrationBuilder.DropForeignKey(
                name: "FK_TimelineEvents_Deals_DealId",
                table: "TimelineEvents");

            migrationBuilder.DropForeignKey(
                name: "FK_TimelineEvents_Leads_LeadId",
                table: "TimelineEvents");

            migrationBuilder.DropTable(
                name: "DealContacts");

            migrationBuilder.DropTable(
                name: "DealItems");

            migrationBuilder.DropTable(
                name: "Leads");

            migrationBuilder.DropTable(
                name: "StageTotals");

            migrationBuilder.DropTable(
                name: "StageTransitions");

            migrationBuilder.DropTable(
                name: "Deals");

            migrationBuilder.DropTable(
                name: "PipelineStages");

            migrationBuilder.DropTable(
                name: "Pipelines");

            migrationBuilder.DropIndex(
                name: "IX_TimelineEvents_DealId_At",
                table: "TimelineEvents");

            migrationBuilder.DropIndex(
                name: "IX_TimelineEvents_LeadId_At",
                table: "TimelineEvents");

            migrationBuilder.DropIndex(
                name: "IX_Documents_DealId_RegisteredOn",
                table: "Documents");

            migrationBuilder.DropIndex(
                name: "IX_CustomFields_OptionsGroupId",
                table: "CustomFields");

            migrationBuilder.DropIndex(
                name: "IX_Activities_DealId_PlannedAt",
                table: "Activities");

            migrationBuilder.DropIndex(
                name: "IX_Activities_LeadId_PlannedAt",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "DealId",
                table: "TimelineEvents");

            migrationBuilder.DropColumn(
                name: "LeadId",
                table: "TimelineEvents");

            migrationBuilder.DropColumn(
                name: "DealId",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "OptionsGroupId",
                table: "CustomFields");

            migrationBuilder.DropColumn(
                name: "Scope",
                table: "ApiTokens");

            migrationBuilder.DropColumn(
                name: "DealId",
                table: "Activities");

            migrationBuilder.DropColumn(
                name: "LeadId",
                table: "Activities");

            migrationBuilder.AlterColumn<Guid>(
                name: "CounterpartyId",
                table: "TimelineEvents",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
