using System.ComponentModel;
using Letopis.Core.Common;
using Letopis.Core.Leads.Conversion;
using Letopis.Web.Auth;
using Letopis.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Letopis.Web.Api;

/// <summary>Converting a quality lead into a contact person, a company and/or a deal, and the preview its dialog is built from.</summary>
public static class LeadConversionEndpoints
{
    public static void MapLeadConversionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/leads").WithTags("Leads").RequireAuthorization().WithProblems();
        group.MapPost("/{id:guid}/convert", Convert)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Converts a lead into a contact person, a company and/or a deal")
            .WithDescription("Any combination of `createContact`, `createCompany` and `createDeal` (with `pipelineId`); `contactId` or "
                + "`companyId` link an existing visible record instead. Nothing is created when: nothing is chosen (400 "
                + "`errors.createContact`), the pipeline is missing (400 `errors.pipelineId`), a value is invalid (400 "
                + "`errors[\"fields.company.inn\"]`), required fields are missing (422 `required_fields_missing` with `missing`), "
                + "filled custom fields of the lead are absent on a target (422 `fields_not_synchronized` with `fields`; send their "
                + "codes in `createFields`, or `[\"*\"]`), a company with the ИНН or a contact with the phone or e-mail exists "
                + "(409 `duplicates_found` with `matches`; link it or send `allowDuplicates`), the lead is closed (409 `lead_closed`) "
                + "or is a repeat lead asked for a new company or contact (400 `repeat_lead`).");
        group.MapGet("/{id:guid}/conversion", Preview)
            .WithSummary("Shows what converting a lead would ask for")
            .WithDescription("The required fields missing for the chosen elements, the custom fields to create on them, existing "
                + "companies with the lead's ИНН and contact persons with its phone or e-mail (visible ones), and a repeat lead's client. "
                + "Writes nothing.");
    }

    internal static async Task<Results<Ok<ConversionResult>, ProblemHttpResult>> Convert(
        [Description("The lead.")] Guid id, ConversionRequest request, CurrentActor actor, ConvertLead handler, ProblemWriter problems,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, request, ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : Problem(result.Error!, problems, text);
    }

    internal static async Task<Results<Ok<ConversionPreview>, ProblemHttpResult>> Preview(
        [Description("The lead.")] Guid id,
        [Description("Whether a contact person would be created.")] bool? createContact,
        [Description("Whether a company would be created.")] bool? createCompany,
        [Description("Whether a deal would be created.")] bool? createDeal,
        [Description("The deal pipeline.")] Guid? pipelineId,
        CurrentActor actor, PreviewConversion handler, ProblemWriter problems, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var request = new ConversionRequest(createContact == true, createCompany == true, createDeal == true, pipelineId);
        var result = await handler.HandleAsync(await actor.AccessAsync(ct), id, request, ct);
        if (!result.IsSuccess)
            return Problem(result.Error!, problems, text);
        return TypedResults.Ok(result.Value with { Missing = Labelled(result.Value.Missing, text) });
    }

    private static ProblemHttpResult Problem(Error error, ProblemWriter problems, IStringLocalizer<SharedResource> text)
    {
        var problem = problems.Create(error);
        switch (error.Code)
        {
            case ConversionErrors.RequiredFieldsMissing:
                problem.Status = StatusCodes.Status422UnprocessableEntity;
                problem.Extensions["missing"] = Labelled((IReadOnlyList<MissingField>)error.Extensions!["missing"]!, text);
                break;
            case ConversionErrors.FieldsNotSynchronized:
                problem.Status = StatusCodes.Status422UnprocessableEntity;
                break;
            case ConversionErrors.RepeatLead:
                problem.Status = StatusCodes.Status400BadRequest;
                problem.Detail = text["leadConversion.repeatLead"];
                break;
            case ConversionErrors.DuplicatesFound:
                problem.Detail = text["leadConversion.duplicates"];
                break;
            case ConversionErrors.LeadClosed:
                problem.Detail = text["leadConversion.closed." + error.Extensions!["status"]];
                break;
            case ErrorCodes.Validation when error.FieldErrors!.ContainsKey("createContact"):
                problem.Detail = text["leadConversion.nothingSelected"];
                break;
        }
        return TypedResults.Problem(problem);
    }

    /// <summary>Built-in fields carry no label from the core: they are named in the reader's language here.</summary>
    private static List<MissingField> Labelled(IReadOnlyList<MissingField> missing, IStringLocalizer<SharedResource> text) =>
        missing.Select(m => m.Label is null ? m with { Label = text[$"leadConversion.field.{m.Entity}.{m.Field}"] } : m).ToList();
}
