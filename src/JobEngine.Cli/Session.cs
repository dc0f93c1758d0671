using JobEngine.Cli.Config;
using JobEngine.Client;
using JobEngine.Core.Protocol;

namespace JobEngine.Cli;

/// <summary>A command's connection to a server: its stored token, checked for presence and expiry.</summary>
internal sealed class Session : IDisposable
{
    private readonly HttpClient _http;

    private Session(StoredToken token, HttpClient http)
    {
        Token = token;
        _http = http;
        Api = new JobEngineClient(http);
    }

    public StoredToken Token { get; }

    public JobEngineClient Api { get; }

    /// <summary>The session for <paramref name="server"/> (or the last server logged in to), or why there is none.</summary>
    public static Session Open(CliEnvironment environment, string? server)
    {
        var token = new CredentialStore(environment.ConfigDirectory).Find(server)
            ?? throw new CliException(ExitCodes.NotAuthenticated,
                server is null
                    ? "Not logged in. Run: jobctl login --server URL --client-id ID --scope \"…\""
                    : $"Not logged in to {server}. Run: jobctl login --server {server} --client-id ID --scope \"…\"");

        if (token.ExpiresAt <= environment.Time.GetUtcNow())
        {
            throw new CliException(ExitCodes.NotAuthenticated,
                $"The token for {token.Server} expired at {token.ExpiresAt:u}. Run jobctl login again.");
        }

        var http = environment.CreateHttpClient(new Uri(token.Server));
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.AccessToken);
        return new Session(token, http);
    }

    /// <summary>Refuses an operator action locally when the token cannot do it, saying exactly what to do.</summary>
    public void RequireOperator(string scope)
    {
        if (!Token.IsOperatorToken)
        {
            var who = Token.ClientId == WireNames.PublicClients.Jobctl ? "--device" : $"--client-id {Token.ClientId}";
            throw new CliException(ExitCodes.NotAuthenticated,
                $"Your token for {Token.Server} carries no operator reason and ticket, and operator actions need both. Run:\n" +
                $"  jobctl login --server {Token.Server} {who} --scope \"orch:read {scope}\" --reason \"<why>\" --ticket <CHANGE-TICKET>");
        }

        if (!Token.HasScope(scope))
        {
            throw new CliException(ExitCodes.NotAuthenticated,
                $"Your token for {Token.Server} lacks the scope {scope}. Run jobctl login again with --scope \"… {scope}\" (your client's role must grant it).");
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A failure jobctl reports with a message and a given exit code.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
