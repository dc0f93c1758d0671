using System.Diagnostics.CodeAnalysis;

namespace JobEngine.Core.Results;

/// <summary>Why a domain operation was refused. Becomes a problem details response at the edge.</summary>
public enum FailureKind
{
    /// <summary>An input does not satisfy a rule; the field is named.</summary>
    Invalid,

    /// <summary>The resource does not exist (in the caller's tenant).</summary>
    NotFound,

    /// <summary>The resource's state does not allow the operation.</summary>
    Conflict,

    /// <summary>This caller may never do this to the resource (approving their own request, say).</summary>
    Forbidden,

    /// <summary>The payload is larger than allowed.</summary>
    TooLarge,

    /// <summary>The store (and with it the audit ledger) could not be written; nothing changed.</summary>
    Unavailable,

    /// <summary>Too much is waiting to be written; nothing was taken and a retry after a moment may succeed.</summary>
    Busy,

    /// <summary>The store no longer holds what a signed checkpoint vouches for: the ledger was rewritten or cut.</summary>
    IntegrityViolated,
}

/// <summary>A refused domain operation: what kind, which field (if any) and a sentence for people.</summary>
public sealed record Failure(FailureKind Kind, string Detail, string? Field = null)
{
    public static Failure Invalid(string field, string detail) => new(FailureKind.Invalid, detail, field);

    public static Failure NotFound(string detail) => new(FailureKind.NotFound, detail);

    public static Failure Conflict(string detail) => new(FailureKind.Conflict, detail);

    public static Failure Forbidden(string detail) => new(FailureKind.Forbidden, detail);

    public static Failure TooLarge(string field, string detail) => new(FailureKind.TooLarge, detail, field);

    public static Failure Unavailable(string detail) => new(FailureKind.Unavailable, detail);

    public static Failure Busy(string detail) => new(FailureKind.Busy, detail);

    public static Failure IntegrityViolated(string detail) => new(FailureKind.IntegrityViolated, detail);
}

/// <summary>The result of a domain operation that may be refused as an expected outcome.</summary>
public readonly record struct Outcome<T>
{
    private Outcome(T? value, Failure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }

    public Failure? Failure { get; }

    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Failure is null;

    /// <summary>The value when the operation succeeded; otherwise false and the failure.</summary>
    public bool TryGet([MaybeNullWhen(false)] out T value, [NotNullWhen(false)] out Failure? failure)
    {
        value = Value;
        failure = Failure;
        return failure is null;
    }

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Failure failure) => new(default, failure);
}
