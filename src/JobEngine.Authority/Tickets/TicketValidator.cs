using System.Net.Http.Json;
using System.Text.Json;
using JobEngine.Core.Text;
using JobEngine.Core.Tickets;
using JobEngine.Infrastructure.Caching;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Kind = JobEngine.Authority.Tickets.TicketVerdict.Kind;

namespace JobEngine.Authority.Tickets;

/// <summary>
/// Asks a ticket system whether a ticket is valid (<see cref="TicketSystem.ValidationUrl"/>): a POST
/// of the <see cref="TicketQuestion"/>, retried while the system is unreachable or answers 5xx, 408
/// or 429, all within <see cref="TicketOptions.ValidationTimeout"/>; no usable answer by then is
/// <see cref="Kind.Unavailable"/>. Redirects are not followed: an answer comes from the configured
/// URL or not at all. A "valid" is remembered for <see cref="TicketOptions.ValidationCacheLifetime"/>.
/// </summary>
internal sealed partial class TicketValidator(
    IHttpClientFactory clients, IOptions<TicketOptions> options, TimeProvider time, ILogger<TicketValidator> logger)
{
    public const string ClientName = "ticket-validation";
    private const int MaxAnswerLength = 200;
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly ExpiringMap<string, bool> _accepted = new(time, capacity: 10_000);

    public async Task<TicketVerdict> ValidateAsync(TicketSystem system, TicketQuestion question, CancellationToken cancellationToken)
    {
        var url = system.ValidationUrl ?? throw new InvalidOperationException($"The ticket system '{system.Name}' has no validation URL.");
        var key = question.CacheKey(system.Name);
        if (_accepted.TryGet(key, out _))
        {
            return new TicketVerdict(Kind.Accepted, system.Name, null, "valid (answered within the last minutes)");
        }

        var settings = options.Value;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.ValidationTimeout);
        var verdict = await AskAsync(system, url, question, deadline.Token, cancellationToken);
        if (verdict.Accepted && settings.ValidationCacheLifetime > TimeSpan.Zero)
        {
            _accepted.Set(key, true, time.GetUtcNow() + settings.ValidationCacheLifetime);
        }

        LogVerdict(system.Name, question.Tenant, question.Ticket, verdict.Outcome, verdict.Status, verdict.Answer);
        return verdict;
    }

    private async Task<TicketVerdict> AskAsync(
        TicketSystem system, Uri url, TicketQuestion question, CancellationToken deadline, CancellationToken caller)
    {
        var http = clients.CreateClient(ClientName);
        var delay = FirstRetryDelay;
        var problem = "no answer";
        int? status = null;
        while (true)
        {
            try
            {
                using var response = await http.PostAsJsonAsync(url, question, TicketJsonContext.Default.TicketQuestion, deadline);
                status = (int)response.StatusCode;
                if (status is not (>= 500 or 408 or 429))
                {
                    return await ReadAsync(system, response, deadline);
                }

                problem = $"answered {status}";
            }
            catch (HttpRequestException exception)
            {
                status = null;
                problem = $"unreachable ({exception.HttpRequestError})";
            }
            catch (OperationCanceledException) when (!caller.IsCancellationRequested)
            {
                return TimedOut(system, status, problem);
            }

            try
            {
                await Task.Delay(delay, time, deadline);
            }
            catch (OperationCanceledException) when (!caller.IsCancellationRequested)
            {
                return TimedOut(system, status, problem);
            }

            delay *= 2;
        }
    }

    private TicketVerdict TimedOut(TicketSystem system, int? status, string problem) =>
        new(Kind.Unavailable, system.Name, status, $"no answer within {options.Value.ValidationTimeout.TotalSeconds:0.###} s; last attempt: {problem}");

    private static async Task<TicketVerdict> ReadAsync(TicketSystem system, HttpResponseMessage response, CancellationToken deadline)
    {
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            return new TicketVerdict(Kind.Unavailable, system.Name, status, $"answered {status} (a redirect, which is not followed)");
        }

        TicketAnswer? answer;
        try
        {
            answer = await response.Content.ReadFromJsonAsync(TicketJsonContext.Default.TicketAnswer, deadline);
        }
        catch (JsonException)
        {
            answer = null;
        }

        var message = TextRule.Sanitize(answer?.Message, MaxAnswerLength);
        return (status, answer?.Valid) switch
        {
            ( < 300, true) => new TicketVerdict(Kind.Accepted, system.Name, status, "valid"),
            ( < 300, false) => new TicketVerdict(Kind.Refused, system.Name, status, message ?? "not a valid ticket"),
            ( < 300, null) => new TicketVerdict(Kind.Unavailable, system.Name, status,
                $"answered {status} without a JSON object with a boolean 'valid'"),
            _ => new TicketVerdict(Kind.Refused, system.Name, status, message ?? $"answered {status}"),
        };
    }

    [LoggerMessage(EventId = 1010, EventName = "TicketValidated", Level = LogLevel.Information,
        Message = "Ticket system {System} on ticket {Ticket} of tenant {Tenant}: {Outcome} (status {Status}: {Answer})")]
    private partial void LogVerdict(string system, string tenant, string ticket, Kind outcome, int? status, string answer);
}
