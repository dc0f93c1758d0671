using System.Text.Json.Nodes;

namespace JobEngine.WebService.Console;

/// <summary>One member of an entry's before and after states, as the entry page's diff shows it.</summary>
public sealed record StateChange(string Member, string? Before, string? After)
{
    public bool Changed => Before != After;

    /// <summary>Every top-level member of either state, in the order they appear, with its value before and after.</summary>
    public static IReadOnlyList<StateChange> Between(JsonObject? before, JsonObject? after)
    {
        var members = (before?.Select(pair => pair.Key) ?? []).Concat(after?.Select(pair => pair.Key) ?? []).Distinct(StringComparer.Ordinal);
        return [.. members.Select(member => new StateChange(member, Show(before, member), Show(after, member)))];
    }

    private static string? Show(JsonObject? state, string member) =>
        state is null || !state.TryGetPropertyValue(member, out var value) ? null
        : value is JsonValue scalar && scalar.TryGetValue<string>(out var text) ? text
        : value?.ToJsonString() ?? "null";
}
