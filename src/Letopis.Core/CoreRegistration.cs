using Letopis.Core.Access;
using Letopis.Core.Calendar;
using Letopis.Core.Common;
using Letopis.Core.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Letopis.Core;

public static class CoreRegistration
{
    /// <summary>Registers the use-case handlers; the API and the UI call the same ones.</summary>
    public static IServiceCollection AddLetopisCore(this IServiceCollection services)
    {
        // The host registers the configured zone first; hosts without configuration get Moscow.
        services.TryAddSingleton(CompanyTimeZone.FromSetting(null));
        services.AddScoped<UserClock>();
        services.AddScoped<CheckPassword>();
        services.AddScoped<CreateUser>();
        services.AddScoped<UpdateUser>();
        services.AddScoped<UpdateOwnProfile>();
        services.AddScoped<ListUsers>();
        services.AddScoped<ReadUserHistory>();
        services.AddScoped<ListDepartments>();
        services.AddScoped<CreateDepartment>();
        services.AddScoped<UpdateDepartment>();
        services.AddScoped<DeleteDepartment>();
        services.AddScoped<ListRoles>();
        services.AddScoped<CreateRole>();
        services.AddScoped<DeleteRole>();
        services.AddScoped<SetRolePermissions>();
        services.AddScoped<ListDeputyships>();
        services.AddScoped<SetDeputy>();
        services.AddScoped<EndDeputyship>();
        services.AddScoped<ManageApiTokens>();
        // Leads: the card, the list, the board and the moves to the outcome.
        services.AddScoped<Leads.CreateLead>();
        services.AddScoped<Leads.ReadLead>();
        services.AddScoped<Leads.UpdateLead>();
        services.AddScoped<Leads.DeleteLead>();
        services.AddScoped<Leads.ListLeads>();
        services.AddScoped<Leads.ReadLeadBoard>();
        services.AddScoped<Leads.MoveLead>();
        services.AddScoped<Leads.JunkLead>();
        services.AddScoped<Activities.ManageCalendarFeed>();
        services.AddScoped<Activities.ReadCalendarFeed>();
        services.AddScoped<GetHistory>();
        services.AddScoped<SeedAccess>();
        services.AddSingleton<AccessCache>();
        services.AddSingleton<NameBook>();
        services.AddScoped<WorkingCalendar>();
        services.AddScoped<Demo.SeedDemoCompany>();
        services.AddScoped<Demo.SeedDemoApprovals>();
        services.AddScoped<Demo.SeedDemoPaper>();
        services.AddScoped<Demo.SeedDemoExecution>();
        services.AddScoped<Demo.SeedDemoSales>();
        services.AddScoped<Crm.CreateCounterparty>();
        services.AddScoped<Crm.UpdateCounterparty>();
        services.AddScoped<Crm.ListCounterparties>();
        services.AddScoped<Crm.ManageReferenceBooks>();
        services.AddScoped<Crm.ManageContacts>();
        services.AddScoped<Crm.ReadTimeline>();
        services.AddScoped<Crm.ReadCounterpartySummary>();
        services.AddScoped<Crm.FindDuplicates>();
        services.AddScoped<CustomFields.ManageCustomFields>();
        services.AddScoped<CustomFields.CustomFieldFilter>();
        services.AddScoped<CustomFields.UpdateContactCustomFields>();
        services.AddScoped<Crm.ListTags>();
        services.AddScoped<Crm.ManageSavedFilters>();
        services.AddScoped<Crm.ExportCounterparties>();
        services.AddScoped<Search.SearchRecords>();
        services.AddScoped<Crm.ManageBankAccounts>();
        services.AddScoped<Crm.ManageOurCompanies>();
        services.AddScoped<Crm.MergeCounterparties>();
        services.AddScoped<Notifications.ListNotifications>();
        services.AddScoped<Notifications.MarkNotificationsRead>();
        services.AddScoped<Notifications.CreateReminder>();
        services.AddScoped<Notifications.ListReminders>();
        services.AddScoped<Notifications.CancelReminder>();
        services.AddScoped<Notifications.ReminderDispatcher>();
        services.AddSingleton<Notifications.ReminderDispatchGate>();
        services.AddSingleton<Notifications.ClusterNode>();
        // Letters to clients: written in a request, sent by whichever node claims them.
        services.AddScoped<Mail.SendEmail>();
        services.AddScoped<Mail.ReadEmails>();
        services.AddScoped<Mail.RetryEmail>();
        services.AddScoped<Mail.DeliverEmails>();
        services.AddSingleton<Mail.EmailDeliveryGate>();
        services.AddSingleton<Mail.EmailQueueSignal>();
        services.AddScoped<ListCalendarDays>();
        services.AddScoped<SetCalendarDay>();
        services.AddScoped<RemoveCalendarDay>();
        // The plan form's assignee choices (act-ui).
        services.AddScoped<Activities.ListAssignees>();
        services.AddScoped<Activities.ActivityStartDefaults>();
        services.AddScoped<Activities.PlanActivity>();
        services.AddScoped<Activities.UpdateActivity>();
        services.AddScoped<Activities.CompleteActivity>();
        services.AddScoped<Activities.CancelActivity>();
        services.AddScoped<Activities.ReadAgenda>();
        services.AddScoped<Leads.Conversion.ConvertLead>();
        services.AddScoped<Leads.Conversion.PreviewConversion>();
        services.AddScoped<Deals.ManagePipelines>();
        services.AddScoped<Deals.CreateDeal>();
        services.AddScoped<Deals.UpdateDeal>();
        services.AddScoped<Deals.ReadDeal>();
        services.AddScoped<Deals.ListDeals>();
        services.AddScoped<Deals.ReadDealBoard>();
        services.AddScoped<Deals.MoveDeal>();
        services.AddScoped<Deals.ReadDealRecords>();
        services.AddScoped<Activities.ListActivities>();
        services.AddScoped<Activities.ReadActivity>();
        services.AddScoped<Activities.ActivityNotes>();
        services.AddScoped<Documents.SeedDocumentTypes>();
        services.AddScoped<Deals.SeedSales>();
        services.AddScoped<Documents.ManageDocumentTypes>();
        services.AddScoped<Documents.ManageJournals>();
        services.AddScoped<Documents.RegisterDocument>();
        services.AddScoped<Documents.UpdateDocument>();
        services.AddScoped<Documents.ChangeDocumentStatus>();
        services.AddScoped<Documents.ReadDocument>();
        services.AddScoped<Documents.ListDocuments>();
        services.AddScoped<Documents.ExportDocuments>();
        services.AddScoped<Documents.ReadDocumentTree>();
        services.AddScoped<Documents.ReadCounterpartyDocuments>();
        services.AddScoped<Documents.ManageDocumentLinks>();
        services.AddScoped<Documents.ManageCoResponsible>();
        // Templates: the settings page, the editor's preview and generation from a card.
        services.AddScoped<Templates.ManageTemplates>();
        services.AddScoped<Templates.PreviewTemplate>();
        services.AddScoped<Templates.GenerateDocument>();
        // Templates: the engine (Liquid, Word), the model of a record and the shipped templates.
        services.AddSingleton<Templates.LiquidTemplates>();
        services.AddScoped<Templates.BuildTemplateModel>();
        services.AddSingleton<Templates.DocxTemplates>();
        services.AddScoped<Templates.SeedTemplates>();
        // Approvals: schemes per document type, drafts and published versions.
        services.AddScoped<Approvals.ManageApprovalSchemes>();
        // Approvals, control: the sheet, overdue lists and statistics, cancel / restart / reassign, moving routes.
        services.AddScoped<Approvals.Control.ApprovalSheet>();
        services.AddScoped<Approvals.Control.ReadApprovalControl>();
        services.AddScoped<Approvals.Control.ControlApprovalRoutes>();
        services.AddScoped<Approvals.Control.MoveApprovalRoutes>();
        // Execution control: control points of contracts, payments, settlement, reminder rules.
        services.AddScoped<Execution.ControlPointReminders>();
        services.AddScoped<Execution.ManageControlPoints>();
        services.AddScoped<Execution.RecordPayment>();
        services.AddScoped<Execution.ReadSettlement>();
        services.AddScoped<Execution.ListControlPoints>();
        services.AddScoped<Execution.ManageControlReminders>();
        // Approvals: the route engine, the decisions and «На согласовании».
        services.AddScoped<Approvals.ApprovalFlow>();
        services.AddScoped<Approvals.StartApprovalRoute>();
        services.AddScoped<Approvals.DecideApprovalTask>();
        services.AddScoped<Approvals.ReadApprovalRoute>();
        services.AddScoped<Approvals.ListApprovalInbox>();
        services.AddScoped<Approvals.ManageApprovalRoute>();
        // Paper copies: storage places, copies and their movements, the office's lists, handover acts.
        services.AddScoped<Paper.ManageStoragePlaces>();
        services.AddScoped<Paper.ManagePaperCopies>();
        services.AddScoped<Paper.ListPaperCopies>();
        services.AddScoped<Paper.HandoverAct>();
        // Approvals: schemes per document type, drafts and published versions.
        services.AddScoped<Approvals.ManageApprovalSchemes>();
        // Correspondence: resolutions, assignments, reports, sending letters, the secretary's desk.
        services.AddScoped<Correspondence.AssignmentWork>();
        services.AddScoped<Correspondence.WriteResolution>();
        services.AddScoped<Correspondence.ReadResolutions>();
        services.AddScoped<Correspondence.ListAssignments>();
        services.AddScoped<Correspondence.ReadAssignment>();
        services.AddScoped<Correspondence.ReportAssignment>();
        services.AddScoped<Correspondence.ReviewAssignment>();
        services.AddScoped<Correspondence.AssignmentExtension>();
        services.AddScoped<Correspondence.SendLetter>();
        services.AddScoped<Correspondence.ReadCorrespondenceDesk>();
        return services;
    }
}
