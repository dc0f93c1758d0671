using JobEngine.Client;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JobEngine.WebService.Console;

/// <summary>
/// A console page: the signed-in person, their API client, and the API's refusals shown as the
/// page's problem with the API's status (a resource of another tenant is a 404 page, as in the API).
/// </summary>
public abstract class ConsolePage : PageModel
{
    private JobEngineClient? _api;

    public ConsolePerson Person { get; private set; } = null!;

    /// <summary>What the API refused, shown above whatever the page could still render.</summary>
    public ConsoleProblem? Problem { get; private set; }

    protected JobEngineClient Api => _api ?? throw new InvalidOperationException("The API client exists once the page handler runs.");

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ConsoleHeaders.Apply(HttpContext);
        Person = ConsolePerson.From(User);
        _api = await HttpContext.RequestServices.GetRequiredService<ConsoleApi>().ForAsync(HttpContext);
        var executed = await next();
        switch (executed.Exception)
        {
            case JobEngineProblemException { Status: StatusCodes.Status401Unauthorized }:
                // The token expired or its key is gone: the session ends with it.
                executed.ExceptionHandled = true;
                await HttpContext.SignOutAsync(ConsoleAuthentication.Scheme);
                executed.Result = RedirectToPage("/Console/SignIn", new { returnUrl = Request.Path + Request.QueryString });
                break;
            case JobEngineProblemException problem:
                executed.ExceptionHandled = true;
                executed.Result = Refuse(new ConsoleProblem(problem.Status, problem.Title ?? "The API refused", Describe(problem)));
                break;
            case HttpRequestException unreachable:
                executed.ExceptionHandled = true;
                executed.Result = Refuse(new ConsoleProblem(StatusCodes.Status502BadGateway, "The API could not be reached", unreachable.Message));
                break;
        }
    }

    /// <summary>Renders the page with <paramref name="problem"/> and its status.</summary>
    protected PageResult Refuse(ConsoleProblem problem)
    {
        Problem = problem;
        var page = Page();
        page.StatusCode = problem.Status;
        return page;
    }

    private static string Describe(JobEngineProblemException problem)
    {
        var fields = problem.Errors.SelectMany(field => field.Value.Select(message => $"{field.Key}: {message}"));
        return string.Join(" ", new[] { problem.Detail }.Concat(fields).Where(text => !string.IsNullOrEmpty(text)));
    }
}

/// <summary>A refusal as the console shows it.</summary>
public sealed record ConsoleProblem(int Status, string Title, string Detail);
