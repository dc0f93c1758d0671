using JobEngine.Core.Security;

namespace JobEngine.WebService.Console;

/// <summary>What the console says when the person's token cannot do what the page needs, before asking the API.</summary>
internal static class ConsoleProblems
{
    public static ConsoleProblem MissingAudit(ConsolePerson person) => Missing(person, OrchestratorScopes.Audit, "read the audit trail");

    public static ConsoleProblem MissingRead(ConsolePerson person) => Missing(person, OrchestratorScopes.Read, "read jobs");

    private static ConsoleProblem Missing(ConsolePerson person, string scope, string what) => new(
        StatusCodes.Status403Forbidden, "Not allowed",
        person.MayRequest(scope)
            ? $"Your session's token does not carry {scope}, which you need to {what}. Sign in again to get it."
            : $"To {what} you need {scope}, which none of your roles ({string.Join(", ", person.Roles.DefaultIfEmpty("none"))}) grants.");
}
