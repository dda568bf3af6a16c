using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Fluid;
using Fluid.Ast;
using Fluid.Parser;
using Fluid.Values;
using Letopis.Core.Common;

namespace Letopis.Core.Templates;

/// <summary>A template that parsed; render it as many times as needed, from any thread.</summary>
public sealed class ParsedTemplate
{
    internal ParsedTemplate(IFluidTemplate template) => Template = template;

    internal IFluidTemplate Template { get; }
}

/// <summary>
/// Liquid templates on Fluid, made safe for templates written by users:
/// <list type="bullet">
/// <item>no file system and no network: the <c>include</c> and <c>render</c> tags are removed and
/// the file provider is empty; no functions, no macros, no code;</item>
/// <item>only the model's own members are readable (each model type is registered with the member
/// access strategy; nothing else of .NET is reachable), and a member the model does not have is an
/// error naming it (<c>template_unknown_field</c>) instead of a silent blank;</item>
/// <item>limits: steps, nesting, ranges, assigned strings and output size, so a template cannot
/// hang or flood a node (<c>template_too_large</c>);</item>
/// <item>HTML rendering escapes every inserted value (there is no <c>raw</c> filter); text rendering
/// (subjects, file names) does not.</item>
/// </list>
/// Formats are ru-RU; see <see cref="TemplateFilters"/> for the filters Letopis adds.
/// </summary>
public sealed partial class LiquidTemplates
{
    /// <summary>The most statements one render may execute (a 10,000-item table takes about 100,000).</summary>
    public const int MaxSteps = 1_000_000;

    /// <summary>The deepest nesting of blocks and loops.</summary>
    public const int MaxRecursion = 40;

    /// <summary>The most characters a render may produce (and any one assigned or captured string may hold).</summary>
    public const int MaxOutputChars = 20_000_000;

    /// <summary>The longest range <c>(a..b)</c> a template may iterate.</summary>
    public const int MaxRange = 10_000;

    private static readonly Type[] ModelTypes =
    [
        typeof(TemplateModel), typeof(TemplateCounterparty), typeof(TemplateBankAccount), typeof(TemplateContact),
        typeof(TemplateCompany), typeof(TemplateDeal), typeof(TemplateItem), typeof(TemplateDocument),
        typeof(TemplateDocumentParent), typeof(TemplateUser),
    ];

    /// <summary>The model's name of each model type, to name an unknown field as a template author writes it.</summary>
    private static readonly Dictionary<Type, string> TypeNames = new()
    {
        [typeof(TemplateModel)] = "",
        [typeof(TemplateCounterparty)] = "counterparty",
        [typeof(TemplateBankAccount)] = "bankAccount",
        [typeof(TemplateContact)] = "contact",
        [typeof(TemplateCompany)] = "ourCompany",
        [typeof(TemplateDeal)] = "deal",
        [typeof(TemplateItem)] = "item",
        [typeof(TemplateDocument)] = "document",
        [typeof(TemplateDocumentParent)] = "document.parent",
        [typeof(TemplateUser)] = "user",
    };

    /// <summary>HTML escaping that leaves Cyrillic readable but escapes &lt; &gt; &amp; " ' and the like.</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly FluidParser _parser;
    private readonly TemplateOptions _options;

    public LiquidTemplates()
    {
        _parser = new FluidParser(new FluidParserOptions { AllowFunctions = false, AllowLiquidTag = true });
        // Templates may not reach files: no include, no render (the file provider is empty anyway).
        _parser.RegisteredTags.Remove("include");
        _parser.RegisteredTags.Remove("render");

        var strategy = new ModelMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.CamelCase };
        foreach (var type in ModelTypes)
            strategy.Register(type);
        _options = new TemplateOptions
        {
            MemberAccessStrategy = strategy,
            FileProvider = new Microsoft.Extensions.FileProviders.NullFileProvider(),
            MaxSteps = MaxSteps,
            MaxRecursion = MaxRecursion,
            CultureInfo = TemplateFilters.Russian,
            TimeZone = TimeZoneInfo.Utc,
            StrictFilters = true,
            Undefined = name => throw new UnknownFieldException(name),
            Assigned = (name, value, _) => Bounded(value),
            Captured = (name, value, _) => Bounded(value),
        };
        // Inserted values are always escaped in HTML: the filter that would turn escaping off is gone.
        _options.Filters.Remove("raw");
        TemplateFilters.Register(_options.Filters);
    }

    /// <summary>Parses a template; a syntax error names the line and the cause (<c>template_syntax</c>).</summary>
    public Result<ParsedTemplate> Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!_parser.TryParse(source, out var template, out var error))
            return TemplateErrors.SyntaxError(LineOf(error), CleanCause(error));
        var check = new SafetyCheck(_options.Filters);
        check.VisitTemplate(template);
        if (check.Problem is { } problem)
            return TemplateErrors.SyntaxError(LineOfText(source, problem.Needle), problem.Cause);
        return new ParsedTemplate(template);
    }

    /// <summary>Renders HTML: every inserted value is escaped.</summary>
    public Result<string> RenderHtml(ParsedTemplate template, TemplateModel model) => Render(template, model, Html);

    /// <summary>Renders plain text (a subject, a file name, a letter's body): nothing is escaped.</summary>
    public Result<string> RenderText(ParsedTemplate template, TemplateModel model) => Render(template, model, NullEncoder.Default);

    /// <summary>Parses and renders text in one go (for short patterns such as file names).</summary>
    public Result<string> RenderText(string source, TemplateModel model)
    {
        var parsed = Parse(source);
        return parsed.IsSuccess ? RenderText(parsed.Value, model) : parsed.Error!;
    }

    /// <summary>Renders text with one more variable in scope (a loop variable of a repeated Word table row).</summary>
    internal Result<string> RenderText(ParsedTemplate template, TemplateModel model, string local, object? value) =>
        Render(template, model, NullEncoder.Default, context => context.SetValue(local, value));

    /// <summary>The elements of a collection the model holds, e.g. <c>deal.items</c>; empty for nothing.</summary>
    internal Result<IReadOnlyList<object?>> EvaluateList(string expression, TemplateModel model)
    {
        var parsed = Parse("{{ " + expression + " }}");
        if (!parsed.IsSuccess)
            return parsed.Error!;
        if (parsed.Value.Template is not FluidTemplate { Statements: [OutputStatement output] })
            return TemplateErrors.SyntaxError(null, $"'{expression}' is not a collection of the model");
        return Guarded<IReadOnlyList<object?>>(() =>
        {
            var context = Context(model, null);
            var evaluation = output.Expression.EvaluateAsync(context);
            var value = evaluation.IsCompletedSuccessfully ? evaluation.Result : evaluation.AsTask().GetAwaiter().GetResult();
            if (value.IsNil())
                return Result<IReadOnlyList<object?>>.Ok(Array.Empty<object?>());
            if (value.Type != FluidValues.Array)
                return TemplateErrors.SyntaxError(null, $"'{expression}' is not a collection of the model");
            return Result<IReadOnlyList<object?>>.Ok(value.Enumerate(context).Select(v => v.ToObjectValue()).ToList());
        });
    }

    private Result<string> Render(ParsedTemplate template, TemplateModel model, TextEncoder encoder, Action<TemplateContext>? extend = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(model);
        return Guarded<string>(() =>
        {
            var context = Context(model, extend);
            using var writer = new BoundedWriter(MaxOutputChars);
            // The model's members are plain properties, so rendering completes synchronously.
            var rendering = template.Template.RenderAsync(writer, encoder, context);
            if (!rendering.IsCompletedSuccessfully)
                rendering.AsTask().GetAwaiter().GetResult();
            return writer.ToString();
        });
    }

    private TemplateContext Context(TemplateModel model, Action<TemplateContext>? extend)
    {
        var context = new TemplateContext(_options);
        context.SetValue("counterparty", model.Counterparty);
        context.SetValue("ourCompany", model.OurCompany);
        context.SetValue("deal", model.Deal);
        context.SetValue("document", model.Document);
        context.SetValue("user", model.User);
        context.SetValue("today", model.Today);
        context.Now = () => new DateTimeOffset(DateTime.SpecifyKind(model.Today, DateTimeKind.Unspecified), TimeSpan.Zero);
        extend?.Invoke(context);
        return context;
    }

    /// <summary>Runs a render, turning what a template can do wrong into its problem.</summary>
    private static Result<T> Guarded<T>(Func<Result<T>> render)
    {
        try
        {
            return render();
        }
        catch (UnknownFieldException e)
        {
            return TemplateErrors.UnknownFieldError(e.Field);
        }
        catch (OutputTooLargeException)
        {
            return TemplateErrors.TooLargeError($"the output exceeds {MaxOutputChars:N0} characters");
        }
        catch (TemplateFilterException e)
        {
            return TemplateErrors.FilterError(e.Filter, e.Message);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("maximum level of recursion", StringComparison.Ordinal))
        {
            return TemplateErrors.TooLargeError($"more than {MaxSteps:N0} steps or {MaxRecursion} nested blocks");
        }
        catch (Exception e) when (e is FluidException or InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            return TemplateErrors.SyntaxError(null, e.Message);
        }
    }

    private static ValueTask<FluidValue> Bounded(FluidValue value)
    {
        if (value is StringValue s && s.ToStringValue().Length > MaxOutputChars)
            throw new OutputTooLargeException();
        return new ValueTask<FluidValue>(value);
    }

    [GeneratedRegex(@"\((\d+):(\d+)\)")]
    private static partial Regex Position();

    private static int? LineOf(string? error) =>
        error is not null && Position().Match(error) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    private static string CleanCause(string? error) => string.IsNullOrWhiteSpace(error) ? "the template cannot be read" : error.Trim();

    private static int? LineOfText(string source, string needle)
    {
        var at = source.IndexOf(needle, StringComparison.Ordinal);
        return at < 0 ? null : source.AsSpan(0, at).Count('\n') + 1;
    }

    /// <summary>Names unknown members of model types instead of reading them as blank.</summary>
    private sealed class ModelMemberAccessStrategy : DefaultMemberAccessStrategy
    {
        public override IMemberAccessor GetAccessor(Type type, string name)
        {
            var accessor = base.GetAccessor(type, name);
            if (accessor is null && TypeNames.TryGetValue(type, out var owner))
                throw new UnknownFieldException(owner.Length == 0 ? name : owner + "." + name);
            return accessor!;
        }
    }

    /// <summary>Refuses what parses but is unsafe or cannot work: an unknown filter, a range too long or with computed bounds.</summary>
    private sealed class SafetyCheck(FilterCollection filters) : AstVisitor
    {
        public (string Needle, string Cause)? Problem { get; private set; }

        protected override Expression VisitFilterExpression(FilterExpression filterExpression)
        {
            if (Problem is null && !filters.TryGetValue(filterExpression.Name, out _))
                Problem = (filterExpression.Name, $"Unknown filter '{filterExpression.Name}'");
            return base.VisitFilterExpression(filterExpression);
        }

        protected override Expression VisitRangeExpression(RangeExpression rangeExpression)
        {
            if (Problem is null)
            {
                if (rangeExpression.From is not LiteralExpression from || rangeExpression.To is not LiteralExpression to)
                    Problem = ("..", "A range needs number bounds, e.g. (1..10)");
                else if (to.Value.ToNumberValue() - from.Value.ToNumberValue() >= MaxRange)
                    Problem = ("..", $"A range may hold at most {MaxRange:N0} numbers");
            }
            return base.VisitRangeExpression(rangeExpression);
        }
    }

    private sealed class UnknownFieldException(string field) : Exception($"Unknown field '{field}'")
    {
        public string Field { get; } = field;
    }

    private sealed class OutputTooLargeException : Exception;

    private sealed class BoundedWriter(int max) : StringWriter(CultureInfo.InvariantCulture)
    {
        private void Check(int adding)
        {
            if (GetStringBuilder().Length + adding > max)
                throw new OutputTooLargeException();
        }

        public override void Write(char value)
        {
            Check(1);
            base.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            Check(count);
            base.Write(buffer, index, count);
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            Check(buffer.Length);
            base.Write(buffer);
        }

        public override void Write(string? value)
        {
            Check(value?.Length ?? 0);
            base.Write(value);
        }

        public override void Write(StringBuilder? value)
        {
            Check(value?.Length ?? 0);
            base.Write(value);
        }
    }
}
