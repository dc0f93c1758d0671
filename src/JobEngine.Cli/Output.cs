using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace JobEngine.Cli;

/// <summary>Writes results as tables for people or JSON for scripts.</summary>
internal static class Output
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static void Json<T>(IAnsiConsole console, T value) =>
        console.Profile.Out.Writer.WriteLine(value is JsonNode node ? node.ToJsonString(Indented) : JsonSerializer.Serialize(value, Indented));

    /// <summary>One line exactly as given: no markup, never wrapped (a stream's lines must stay whole for scripts).</summary>
    public static void Line(IAnsiConsole console, string line) => console.Profile.Out.Writer.WriteLine(line);

    public static void Table(IAnsiConsole console, string[] headers, IEnumerable<string?[]> rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(header);
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => Markup.Escape(cell ?? "")).ToArray());
        }

        console.Write(table);
    }

    /// <summary>A two-column table of named values.</summary>
    public static void Properties(IAnsiConsole console, IEnumerable<(string Name, string? Value)> properties) =>
        Table(console, ["field", "value"], properties.Select(p => new[] { p.Name, p.Value }));

    /// <summary>A ticket with its ticket system, as jobctl prints both: <c>CHG-1 (jira)</c>.</summary>
    public static string? Ticket(string? ticket, string? system) => ticket is null || system is null ? ticket : $"{ticket} ({system})";

    public static string? Time(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
