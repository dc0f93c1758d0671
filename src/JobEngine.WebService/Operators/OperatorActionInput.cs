using JobEngine.Core.Jobs;
using JobEngine.Core.Operators;
using JobEngine.WebService.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobEngine.WebService.Operators;

/// <summary>Validates the inputs operator actions share: the optional comment and a job type in the route.</summary>
internal static class OperatorActionInput
{
    public static ProblemHttpResult? ValidateComment(string? rawComment, out string? comment) =>
        OperatorComment.TryNormalize(rawComment, out comment, out var error)
            ? null
            : Problems.Invalid("comment", $"comment {error}.");

    public static ProblemHttpResult? ValidateJobTypeAndComment(string jobType, string? rawComment, out string? comment)
    {
        comment = null;
        return JobType.IsValid(jobType, out var error)
            ? ValidateComment(rawComment, out comment)
            : Problems.Invalid("jobType", $"jobType {error}.");
    }
}
