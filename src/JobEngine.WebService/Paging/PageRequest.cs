using JobEngine.Core.Results;

namespace JobEngine.WebService.Paging;

/// <summary>The <c>limit</c> and <c>cursor</c> of a list request, validated.</summary>
internal sealed record PageRequest(int Limit, string? AfterKey)
{
    /// <summary>The key to continue after, in a list keyed by (time-ordered) ids.</summary>
    public Outcome<Guid?> AfterId() =>
        AfterKey is null ? (Guid?)null
        : Guid.TryParse(AfterKey, out var id) ? id
        : Failure.Invalid("cursor", "cursor is not a cursor this list returned.");

    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static Outcome<PageRequest> Parse(string? limit, string? cursor, string list)
    {
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, null, out size) || size is < 1 or > MaxLimit))
        {
            return Failure.Invalid("limit", $"limit must be a whole number from 1 to {MaxLimit}.");
        }

        string? after = null;
        if (cursor is not null && !Cursor.TryDecode(cursor, list, out after))
        {
            return Failure.Invalid("cursor", "cursor is not a cursor this list returned.");
        }

        return new PageRequest(size, after);
    }
}

/// <summary>One page of a list: the items and, when more may follow, the cursor of the next page.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
