using System.Text.Json.Serialization;

namespace JobEngine.WebService.Operators;

/// <summary>The body every operator action accepts: at least an optional comment.</summary>
internal interface IOperatorActionBody<TSelf>
    where TSelf : class, IOperatorActionBody<TSelf>
{
    /// <summary>What a request without a body means; null when this action needs a body.</summary>
    static abstract TSelf? Empty { get; }

    string? Comment { get; }
}

/// <summary>The body of an action that takes nothing but a comment; it may be left out entirely.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record OperatorActionRequest(string? Comment) : IOperatorActionBody<OperatorActionRequest>
{
    public static OperatorActionRequest Empty { get; } = new(Comment: null);
}
