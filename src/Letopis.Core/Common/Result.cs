namespace Letopis.Core.Common;

/// <summary>
/// A domain error: a stable machine-readable code, an English fallback message and the
/// fields it concerns. The web layer localizes by <see cref="Code"/> and field error codes.
/// </summary>
public sealed record Error(
    string Code,
    string Message,
    IReadOnlyDictionary<string, string[]>? FieldErrors = null,
    IReadOnlyDictionary<string, object?>? Extensions = null)
{
    public static Error NotFound() => new(ErrorCodes.NotFound, "The record does not exist or is not visible to you.");
    public static Error Forbidden() => new(ErrorCodes.Forbidden, "You are not allowed to do this.");
    public static Error Conflict(string message) => new(ErrorCodes.Conflict, message);
    public static Error StaleVersion() => new(ErrorCodes.StaleVersion, "The record was changed by someone else; reload it and try again.");

    /// <summary>A validation error on one or more fields; each value is a field error code.</summary>
    public static Error Validation(params (string Field, string Code)[] errors) =>
        new(ErrorCodes.Validation, "One or more fields are invalid.",
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray()));
}

public static class ErrorCodes
{
    public const string NotFound = "not_found";
    public const string Forbidden = "forbidden";
    public const string Conflict = "conflict";
    public const string StaleVersion = "stale_version";
    public const string Validation = "validation_failed";
}

/// <summary>Field error codes shared by every feature; the web layer localizes them.</summary>
public static class FieldErrors
{
    public const string Required = "required";
    public const string TooLong = "too_long";
    public const string Invalid = "invalid";
    public const string NotFound = "not_found";
    public const string Duplicate = "duplicate";
    public const string Cycle = "cycle";
    public const string PasswordTooWeak = "password_too_weak";
    public const string EndBeforeStart = "end_before_start";

    /// <summary>A number or date outside what Letopis accepts (<see cref="DateLimits"/>, a documented maximum).</summary>
    public const string OutOfRange = "out_of_range";

    /// <summary>The same field twice in one JSON object.</summary>
    public const string DuplicateKey = "duplicate_key";

    /// <summary>A password checked too often in the sign-in window: the login is locked for a while.</summary>
    public const string TooManyAttempts = "too_many_attempts";
}

public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"Result is an error: {Error!.Code}");

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Ok(value);

    public static implicit operator Result<T>(Error error) => Fail(error);
}
