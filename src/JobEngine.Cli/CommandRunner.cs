using System.Net;
using JobEngine.Cli.Ledger;
using JobEngine.Client;
using Spectre.Console;

namespace JobEngine.Cli;

/// <summary>Runs a command body and turns every expected failure into a clear message and exit code.</summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(CliEnvironment environment, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (CliException failure)
        {
            return Fail(environment, failure.ExitCode, failure.Message);
        }
        catch (ApprovalRequiredException held)
        {
            return Commands.ApprovalCommands.Held(environment, held.Request);
        }
        catch (LedgerIntegrityException broken)
        {
            return Fail(environment, ExitCodes.IntegrityFailure, $"integrity failure ({broken.Kind}): {broken.Message}");
        }
        catch (JobEngineProblemException problem) when (problem.Status == (int)HttpStatusCode.Unauthorized)
        {
            return Fail(environment, ExitCodes.NotAuthenticated,
                "The server did not accept your token (expired or revoked). Run jobctl login again.");
        }
        catch (JobEngineProblemException problem) when (problem.IsMissingOperatorJustification)
        {
            return Fail(environment, ExitCodes.NotAuthenticated,
                $"{problem.Detail}\nRun jobctl login again with --reason \"<why>\" --ticket <CHANGE-TICKET>.");
        }
        catch (JobEngineProblemException problem)
        {
            var fields = string.Concat(problem.Errors.Select(error => $"\n  {error.Key}: {string.Join("; ", error.Value)}"));
            return Fail(environment, ExitCodes.Failed, $"{problem.Status} {problem.Title}: {problem.Detail}{fields}");
        }
        catch (OAuthException oauth)
        {
            return Fail(environment, ExitCodes.Failed, $"The Authority refused: {oauth.Error}: {oauth.Description}");
        }
        catch (HttpRequestException unreachable)
        {
            return Fail(environment, ExitCodes.Failed, $"Cannot reach the server: {unreachable.Message}");
        }
    }

    public static int Fail(CliEnvironment environment, int exitCode, string message)
    {
        environment.Error.MarkupLineInterpolated($"[red]error:[/] {message}");
        return exitCode;
    }
}
