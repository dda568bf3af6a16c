using System.Reflection;
using System.Text.Json;
using Letopis.Core.Common;

namespace Letopis.Web.Api;

/// <summary>
/// The rules of <see cref="JsonInput"/> for route and query parameters, which minimal APIs bind
/// without the serializer: dates and instants within <see cref="DateLimits"/>, text without NUL.
/// One endpoint filter on every API group checks the handler's parameters (and the properties of
/// an <c>[AsParameters]</c> record) and answers a 400 naming each refused parameter.
/// </summary>
public static class ParameterInput
{
    public static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var checks = new List<(int Index, string Name, Func<object?, object?> Value, Func<object?, string?> Check)>();
        var parameters = context.MethodInfo.GetParameters();
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                foreach (var property in parameter.ParameterType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (CheckOf(property.PropertyType) is { } check)
                        checks.Add((i, JsonNamingPolicy.CamelCase.ConvertName(property.Name), o => o is null ? null : property.GetValue(o), check));
                }
            }
            else if (CheckOf(parameter.ParameterType) is { } check)
            {
                checks.Add((i, parameter.Name!, o => o, check));
            }
        }
        if (checks.Count == 0)
            return next;
        return async invocation =>
        {
            List<(string, string)>? errors = null;
            foreach (var (index, name, value, check) in checks)
            {
                if (index < invocation.Arguments.Count && check(value(invocation.Arguments[index])) is { } code)
                    (errors ??= []).Add((name, code));
            }
            if (errors is null)
                return await next(invocation);
            return invocation.HttpContext.RequestServices.GetRequiredService<ProblemWriter>().Result(Error.Validation([.. errors]));
        };
    }

    private static Func<object?, string?>? CheckOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(DateOnly))
            return v => v is DateOnly d && !DateLimits.Contains(d) ? FieldErrors.OutOfRange : null;
        if (type == typeof(DateTime))
            return v => v is DateTime t && !DateLimits.Contains(t) ? FieldErrors.OutOfRange : null;
        if (type == typeof(DateTimeOffset))
            return v => v is DateTimeOffset t && !DateLimits.Contains(t) ? FieldErrors.OutOfRange : null;
        if (type == typeof(string))
            return v => v is string s && s.Contains('\0', StringComparison.Ordinal) ? TextRules.ControlCharacters : null;
        if (type == typeof(string[]))
            return v => v is string[] all && all.Any(s => s.Contains('\0', StringComparison.Ordinal)) ? TextRules.ControlCharacters : null;
        return null;
    }
}
