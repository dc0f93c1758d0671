namespace JobEngine.WebService.Ledger.Sinks;

/// <summary>Which entries record a refusal (a denied action, a rejected token request, a lockout): what sinks mark as failures or warnings.</summary>
internal static class RefusalEvents
{
    public static bool Includes(string eventType) =>
        eventType.EndsWith(".denied", StringComparison.Ordinal) || eventType.EndsWith(".rejected", StringComparison.Ordinal)
        || eventType.EndsWith(".lockout", StringComparison.Ordinal);
}
