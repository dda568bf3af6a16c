using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Letopis.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CardData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RepeatDaysBefore",
                table: "Reminders",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RepeatYearlyOn",
                table: "Reminders",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActualAddress",
                table: "Counterparties",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PostalAddress",
                table: "Counterparties",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone2",
                table: "ContactPersons",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BankAccounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CounterpartyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Bik = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    BankName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CorrespondentAccount = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Account = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    IsMain = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BankAccounts_Counterparties_CounterpartyId",
                        column: x => x.CounterpartyId,
                        principalTable: "Counterparties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContactDates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContactId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    RemindDaysBefore = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactDates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactDates_ContactPersons_ContactId",
                        column: x => x.ContactId,
                        principalTable: "ContactPersons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OurCompanies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    NameNormalized = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    FullName = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Inn = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    Kpp = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    Ogrn = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    Address = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Bik = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    BankName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CorrespondentAccount = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Account = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    SignatoryPosition = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    SignatoryName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    IsArchived = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OurCompanies", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BankAccounts_CounterpartyId",
                table: "BankAccounts",
                column: "CounterpartyId");

            migrationBuilder.CreateIndex(
                name: "IX_ContactDates_ContactId",
                table: "ContactDates",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_OurCompanies_NameNormalized",
                table: "OurCompanies",
                column: "NameNormalized",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BankAccounts");

            migrationBuilder.DropTable(
                name: "ContactDates");

            migrationBuilder.DropTable(
                name: "OurCompanies");

            migrationBuilder.DropColumn(
                name: "RepeatDaysBefore",
                table: "Reminders");

            migrationBuilder.DropColumn(
                name: "RepeatYearlyOn",
                table: "Reminders");

            migrationBuilder.DropColumn(
                name: "ActualAddress",
                table: "Counterparties");

            migrationBuilder.DropColumn(
                name: "PostalAddress",
                table: "Counterparties");

            migrationBuilder.DropColumn(
                name: "Phone2",
                table: "ContactPersons");
        }
    }
}
