using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace JobEngine.WebService.Tests.Infrastructure;

/// <summary>
/// A ticket system's validation endpoint on a real port, as a Jira or ServiceNow integration
/// would answer: <c>{"valid": true}</c> for the tickets it knows, and whatever a test makes it
/// answer for a given ticket (a refusal, silence, 503, a malformed body, a redirect).
/// </summary>
public sealed class TicketSystemStandIn : IAsyncDisposable
{
    private WebApplication? _app;

    public enum Behaviour
    {
        Valid,
        Refused,
        Slow,
        Down,
        Malformed,
        Redirect,
    }

    /// <summary>Every question received, in order.</summary>
    public ConcurrentQueue<JsonObject> Questions { get; } = [];

    /// <summary>How the system answers for a ticket; tickets not named here are valid.</summary>
    public ConcurrentDictionary<string, Behaviour> Answers { get; } = new(StringComparer.Ordinal);

    public string Url { get; private set; } = "";

    public int QuestionsAbout(string ticket) => Questions.Count(question => question["ticket"]?.GetValue<string>() == ticket);

    public static async Task<TicketSystemStandIn> StartAsync()
    {
        var standIn = new TicketSystemStandIn();
        (standIn._app, var address) = await LoopbackServer.StartAsync(app => app.MapPost("/validate", standIn.AnswerAsync));
        standIn.Url = address + "/validate";
        return standIn;
    }

    public ValueTask DisposeAsync() => _app?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task<IResult> AnswerAsync(HttpRequest request)
    {
        var question = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        Questions.Enqueue(question);
        var ticket = question["ticket"]?.GetValue<string>() ?? "";
        switch (Answers.GetValueOrDefault(ticket))
        {
            case Behaviour.Refused:
                return Results.Json(new { valid = false, message = $"{ticket} is closed" });
            case Behaviour.Slow:
                await Task.Delay(TimeSpan.FromSeconds(10), request.HttpContext.RequestAborted);
                return Results.Json(new { valid = true });
            case Behaviour.Down:
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            case Behaviour.Malformed:
                return Results.Text("<html>maintenance</html>", "text/html");
            case Behaviour.Redirect:
                return Results.Redirect("http://127.0.0.1:1/elsewhere");
            default:
                return Results.Json(new { valid = true });
        }
    }
}
