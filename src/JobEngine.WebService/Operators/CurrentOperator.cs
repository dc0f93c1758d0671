using JobEngine.Core.Operators;

namespace JobEngine.WebService.Operators;

/// <summary>The operator context of the current request, set by <see cref="RequireOperatorJustificationFilter"/>.</summary>
internal sealed class CurrentOperator
{
    private OperatorContext? _context;

    public OperatorContext Context
    {
        get => _context ?? throw new InvalidOperationException("The operator context has not been resolved.");
        set => _context = value;
    }

    /// <summary>The context with the request's validated comment attached.</summary>
    public OperatorContext WithComment(string? comment) => Context with { Comment = comment };
}
