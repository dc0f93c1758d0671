using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using JobEngine.Core.Audit;
using JobEngine.Core.Protocol;

namespace JobEngine.LoadDriver;

/// <summary>The token rows: issuance against an HTTP endpoint signing the same JWT, and validation against an unauthenticated request.</summary>
internal sealed class TokenScenarios(BenchSettings settings)
{
    /// <summary>A static file of the server: answered by the static-file middleware, which runs before routing and authentication.</summary>
    private const string UnauthenticatedPath = "jobengine.css";

    /// <summary>The fresh-token load's supply: twice the fastest uncached validation rate seen, times the load's seconds.</summary>
    private const int FreshTokensPerSecond = 15_000;

    /// <summary>
    /// Operator tokens through the token endpoint, each recorded in the ledger before it is
    /// returned, against the same JWT signed by a minimal HTTP endpoint (<see cref="SigningEndpoint"/>);
    /// in-process signing and the ledger's count of issued tokens in the note.
    /// </summary>
    public async Task<Measurement> IssuanceAsync(ServerHost server, BenchStore store)
    {
        using var clients = new BenchClients(server);
        var recordedBefore = store.CountEntries("bench", AuditEventTypes.TokenIssued);
        var issued = 0L;
        var (ours, cpuPerToken) = await MeasureAsync(server, settings.FirstLoadWarmup, async (_, ct) =>
        {
            using var response = await clients.Anonymous.PostAsync(WireNames.Routes.Token, BenchClients.OperatorTokenForm(), ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            Interlocked.Increment(ref issued);
            return true;
        });
        var recorded = store.CountEntries("bench", AuditEventTypes.TokenIssued) - recordedBefore;

        using var sample = await clients.Anonymous.PostAsync(WireNames.Routes.Token, BenchClients.OperatorTokenForm());
        var token = (await sample.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        await using var endpoint = await ServerHost.StartSigningEndpointAsync(token);
        using var endpointClient = BenchClients.NewClient(endpoint.BaseAddress);
        var (baseline, cpuPerSignature) = await MeasureAsync(endpoint, settings.FirstLoadWarmup, async (_, ct) =>
        {
            using var response = await endpointClient.PostAsync(WireNames.Routes.Token, BenchClients.OperatorTokenForm(), ct);
            return response.StatusCode == HttpStatusCode.OK
                && (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("access_token").GetString() is { Length: > 0 };
        });

        var minter = new TokenMinter(token, BenchSigningKey.FilePath);
        var inProcess = await ClosedLoop.RunAsync(settings.Concurrency, settings.Warmup, settings.Duration,
            (_, _) => Task.FromResult(minter.Mint().Length > 0));

        var ratio = ours.PerSecond / baseline.PerSecond;
        return new Measurement("token issuance (operator tokens)", "tokens/s", ours.PerSecond, baseline.PerSecond,
            "an HTTP endpoint signing the same JWT: minimal Kestrel server, same form, claims, ES256 key, one signature per request, same concurrency",
            "≥ 0.5 of the HTTP signing endpoint and ≥ 5,000 tokens/s, every operator token durably recorded",
            ratio >= 0.5 && ours.PerSecond >= 5000 && recorded >= issued,
            $"{ours.Latency} (endpoint p50 {baseline.P50Ms:F2} ms, p99 {baseline.P99Ms:F2} ms)",
            string.Create(CultureInfo.InvariantCulture,
                $"in-process signing of the same JWT {inProcess.PerSecond:N0} tokens/s (ratio {ours.PerSecond / inProcess.PerSecond:F2}); ") +
            string.Create(CultureInfo.InvariantCulture,
                $"server CPU per token {cpuPerToken:F2} ms, signing endpoint CPU per token {cpuPerSignature:F2} ms; ") +
            $"ledger: {recorded:N0} `authority.token.issued` entries for {issued:N0} tokens answered 200 (warm-up included)"
            + Failures(ours));
    }

    /// <summary>
    /// A no-op endpoint that requires a valid bearer token, with one token reused (validated once,
    /// then found in the server's cache) and with a fresh token per request (validated in full),
    /// against the same server answering a request that runs no authentication.
    /// </summary>
    public async Task<IReadOnlyList<Measurement>> ValidationAsync(ServerHost server)
    {
        using var clients = new BenchClients(server);
        using var reader = await clients.AsAsync(3, "orch:read");
        var reused = reader.DefaultRequestHeaders.Authorization!.Parameter!;
        var minter = new TokenMinter(reused, BenchSigningKey.FilePath);
        var fresh = Enumerable.Range(0, (int)((settings.Warmup + settings.Duration).TotalSeconds * FreshTokensPerSecond))
            .AsParallel().Select(_ => minter.Mint()).ToArray();
        using var validatedOnce = await clients.Anonymous.SendAsync(Protected(fresh[0]));
        if (validatedOnce.StatusCode != HttpStatusCode.NoContent)
        {
            throw new InvalidOperationException($"A token minted like the server's was refused ({(int)validatedOnce.StatusCode}).");
        }

        using var file = await clients.Anonymous.GetAsync(UnauthenticatedPath);
        file.EnsureSuccessStatusCode();
        var etag = file.Headers.ETag ?? throw new InvalidOperationException($"/{UnauthenticatedPath} has no ETag.");

        var (cached, cpuCached) = await MeasureAsync(server, async (_, ct) =>
        {
            using var response = await reader.GetAsync("api/v1/bench/noop-protected", ct);
            return response.StatusCode == HttpStatusCode.NoContent;
        });
        var peakAfterReused = server.PeakRssMB();
        var next = 0;
        var (uncached, cpuUncached) = await MeasureAsync(server, async (_, ct) =>
        {
            var index = Interlocked.Increment(ref next);
            if (index >= fresh.Length)
            {
                // Not a failed request (those are counted and the load goes on): the row would be wrong, so the run stops.
                throw new FreshTokensExhaustedException();
            }

            using var response = await clients.Anonymous.SendAsync(Protected(fresh[index]), ct);
            return response.StatusCode == HttpStatusCode.NoContent;
        });
        var peakAfterFresh = server.PeakRssMB();
        var (anonymous, cpuAnonymous) = await MeasureAsync(server, async (_, ct) =>
        {
            using var response = await clients.Anonymous.GetAsync("api/v1/bench/noop", ct);
            return response.StatusCode == HttpStatusCode.NoContent;
        });
        var (baseline, cpuBaseline) = await MeasureAsync(server, async (_, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, UnauthenticatedPath);
            request.Headers.IfNoneMatch.Add(etag);
            using var response = await clients.Anonymous.SendAsync(request, ct);
            return response.StatusCode == HttpStatusCode.NotModified;
        });

        const string BaselineLabel = "the same server answering a request that runs no authentication: "
            + "a static file's `304 Not Modified`, served before routing and authentication (the product has no unauthenticated endpoint)";
        var cpu = string.Create(CultureInfo.InvariantCulture,
            $"server CPU per request: unauthenticated {cpuBaseline:F3} ms, anonymous no-op through authentication {cpuAnonymous:F3} ms " +
            $"({anonymous.PerSecond:N0} req/s), reused token {cpuCached:F3} ms, fresh token {cpuUncached:F3} ms");
        return
        [
            new Measurement("token validation, reused token (cached)", "req/s", cached.PerSecond, baseline.PerSecond, BaselineLabel,
                "≥ 0.8 of the unauthenticated no-op with a reused token", cached.PerSecond / baseline.PerSecond >= 0.8,
                cached.Latency, cpu + Failures(cached)),
            new Measurement("token validation, fresh token per request (first use, uncached)", "req/s", uncached.PerSecond, baseline.PerSecond,
                BaselineLabel, "reported for a fresh token (no ratio set)", null,
                uncached.Latency, string.Create(CultureInfo.InvariantCulture,
                    $"{fresh.Length:N0} tokens minted like the server's (same claims and key, fresh `jti`); server peak RSS {peakAfterReused:F0} MB after the reused-token load, {peakAfterFresh:F0} MB after this one") + Failures(uncached)),
        ];
    }

    private static HttpRequestMessage Protected(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/bench/noop-protected");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private Task<(ClosedLoop.Result Result, double CpuMsPerRequest)> MeasureAsync(ServerHost server, Func<int, CancellationToken, Task<bool>> operation) =>
        MeasureAsync(server, settings.Warmup, operation);

    private Task<(ClosedLoop.Result Result, double CpuMsPerRequest)> MeasureAsync(
        ServerHost server, TimeSpan warmup, Func<int, CancellationToken, Task<bool>> operation) =>
        ClosedLoop.RunWithCpuAsync(settings.Concurrency, warmup, settings.Duration, server.CpuTime, operation);

    private static string Failures(ClosedLoop.Result result) => result.FailureNote is { } note ? "; " + note : "";

    private sealed class FreshTokensExhaustedException()
        : Exception($"The fresh-token load used every token minted for it: raise {nameof(FreshTokensPerSecond)}.");
}
