namespace JobEngine.WebService.Tenancy;

/// <summary>The tenant the current request acts for, set once by <see cref="RequireTenantFilter"/>.</summary>
internal sealed class RequestTenant
{
    private string? _id;

    public string Id
    {
        get => _id ?? throw new InvalidOperationException("The request's tenant has not been resolved.");
        set => _id = _id is null ? value : throw new InvalidOperationException("The request's tenant is already set.");
    }
}
