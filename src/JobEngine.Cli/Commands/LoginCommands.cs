using System.CommandLine;
using JobEngine.Cli.Config;
using JobEngine.Client;
using JobEngine.Core.Protocol;
using JobEngine.Core.Security;
using Spectre.Console;

namespace JobEngine.Cli.Commands;

/// <summary><c>jobctl login</c> and <c>jobctl whoami</c>.</summary>
internal static class LoginCommands
{
    public const string SecretVariable = "JOBCTL_CLIENT_SECRET";

    public static Command Login(CliEnvironment environment, GlobalOptions global)
    {
        var device = new Option<bool>("--device") { Description = "Sign in as yourself in a browser (device authorization) instead of as a client" };
        var clientId = new Option<string?>("--client-id") { Description = "Your OAuth client id (without --device)" };
        var secretFile = new Option<FileInfo?>("--client-secret-file") { Description = $"A file holding the client secret (else ${SecretVariable})" };
        var scope = new Option<string>("--scope") { Description = "Space-separated scopes, e.g. \"orch:read orch:operate\"", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why you act (required with orch:operate or orch:quota)" };
        var ticket = new Option<string?>("--ticket") { Description = "The change ticket you act under (required with orch:operate or orch:quota)" };
        var reasonCode = new Option<string?>("--reason-code")
        {
            Description = "The kind of reason: incident, change, maintenance, customer-request, security or test (required with operator scopes where the server says so)",
        };
        var tenant = new Option<string?>("--tenant") { Description = "The tenant to act for (when your client has several)" };

        var command = new Command("login", "Get a token from the server's Authority and keep it for later commands")
        {
            device, clientId, secretFile, scope, reason, ticket, reasonCode, tenant,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var server = parse.GetValue(global.Server)
                ?? throw new CliException(ExitCodes.Usage, "login needs --server URL (e.g. --server http://127.0.0.1:5080).");
            if (!Uri.TryCreate(server, UriKind.Absolute, out var serverUri) || serverUri.Scheme is not ("http" or "https"))
            {
                throw new CliException(ExitCodes.Usage, $"--server must be an http(s) URL; got '{server}'.");
            }

            var scopes = parse.GetValue(scope)!;
            var operatorScope = scopes.Split(' ').Any(OrchestratorScopes.RequiresOperatorJustification);
            if (operatorScope && (parse.GetValue(reason) is null || parse.GetValue(ticket) is null))
            {
                throw new CliException(ExitCodes.Usage,
                    "orch:operate, orch:quota and orch:approve need --reason \"<why>\" and --ticket <CHANGE-TICKET>: every operator action is recorded with them.");
            }

            using var http = environment.CreateHttpClient(serverUri);
            var authority = new AuthorityClient(http);
            TokenResponse token;
            string client;
            if (parse.GetValue(device))
            {
                if (parse.GetValue(clientId) is not null || parse.GetValue(secretFile) is not null)
                {
                    throw new CliException(ExitCodes.Usage, "--device signs you in as yourself: leave out --client-id and --client-secret-file.");
                }

                client = WireNames.PublicClients.Jobctl;
                token = await DeviceLogin.RunAsync(environment, authority, new DeviceAuthorizationRequest(
                    scopes, parse.GetValue(tenant), parse.GetValue(reason), parse.GetValue(ticket), parse.GetValue(reasonCode)), cancellationToken);
            }
            else
            {
                client = parse.GetValue(clientId)
                    ?? throw new CliException(ExitCodes.Usage, "login needs --client-id ID (or --device to sign in as yourself).");
                var secret = ReadSecret(environment, parse.GetValue(secretFile));
                token = await authority.RequestTokenAsync(new TokenRequest(
                    client, secret, scopes, parse.GetValue(tenant), parse.GetValue(reason), parse.GetValue(ticket), parse.GetValue(reasonCode)),
                    cancellationToken);
            }

            var stored = new StoredToken(server, client, token.AccessToken, environment.Time.GetUtcNow().AddSeconds(token.ExpiresIn));
            var store = new CredentialStore(environment.ConfigDirectory);
            store.Save(stored);
            environment.Out.MarkupLineInterpolated(
                $"Logged in to [bold]{CredentialStore.Normalize(server)}[/] as [bold]{stored.Claim(WireNames.Claims.Subject)}[/] (tenant {stored.Claim(WireNames.Claims.Tenant)}, scopes {token.Scope}); token valid until {Output.Time(stored.ExpiresAt)}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command WhoAmI(CliEnvironment environment, GlobalOptions global)
    {
        var command = new Command("whoami", "Show the stored token's subject, client, tenant, roles, scopes, reason, ticket and time left");
        command.SetAction((parse, _) => CommandRunner.RunAsync(environment, () =>
        {
            using var session = Session.Open(environment, parse.GetValue(global.Server));
            var token = session.Token;
            var left = token.ExpiresAt - environment.Time.GetUtcNow();
            if (parse.GetValue(global.Json))
            {
                Output.Json(environment.Out, new
                {
                    server = token.Server,
                    subject = token.Claim(WireNames.Claims.Subject),
                    clientId = token.Claim(WireNames.Claims.ClientId),
                    tenant = token.Claim(WireNames.Claims.Tenant),
                    roles = token.Roles,
                    scope = token.Claim(WireNames.Claims.Scope),
                    operatorReason = token.Claim(WireNames.Claims.OperatorReason),
                    operatorTicket = token.Claim(WireNames.Claims.OperatorTicket),
                    operatorTicketSystem = token.Claim(WireNames.Claims.OperatorTicketSystem),
                    ticketUrl = token.Claim(WireNames.Claims.OperatorTicketUrl),
                    operatorReasonCode = token.Claim(WireNames.Claims.OperatorReasonCode),
                    tokenId = token.Claim(WireNames.Claims.TokenId),
                    expiresAt = token.ExpiresAt,
                    secondsLeft = (long)left.TotalSeconds,
                });
            }
            else
            {
                Output.Properties(environment.Out,
                [
                    ("server", token.Server), ("subject", token.Claim(WireNames.Claims.Subject)), ("client", token.Claim(WireNames.Claims.ClientId)), ("tenant", token.Claim(WireNames.Claims.Tenant)),
                    ("roles", string.Join(", ", token.Roles)), ("scopes", token.Claim(WireNames.Claims.Scope)),
                    ("reason", token.Claim(WireNames.Claims.OperatorReason) ?? "(none)"),
                    ("reason code", token.Claim(WireNames.Claims.OperatorReasonCode) ?? "(none)"),
                    ("ticket", Output.Ticket(token.Claim(WireNames.Claims.OperatorTicket), token.Claim(WireNames.Claims.OperatorTicketSystem)) ?? "(none)"),
                    ("ticket link", token.Claim(WireNames.Claims.OperatorTicketUrl) ?? "(none)"),
                    ("token id", token.Claim(WireNames.Claims.TokenId)), ("expires", $"{Output.Time(token.ExpiresAt)} ({(int)left.TotalMinutes} min {left.Seconds} s left)"),
                ]);
            }

            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static string ReadSecret(CliEnvironment environment, FileInfo? file)
    {
        if (file is not null)
        {
            if (!file.Exists)
            {
                throw new CliException(ExitCodes.Usage, $"--client-secret-file: {file.FullName} does not exist.");
            }

            return File.ReadAllText(file.FullName).TrimEnd('\r', '\n');
        }

        return environment.Variable(SecretVariable) is { Length: > 0 } secret
            ? secret
            : throw new CliException(ExitCodes.Usage,
                $"No client secret: give --client-secret-file FILE or set {SecretVariable} (never on the command line, where others can see it).");
    }
}
