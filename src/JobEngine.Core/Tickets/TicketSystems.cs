using System.Diagnostics.CodeAnalysis;
using JobEngine.Core.Operators;

namespace JobEngine.Core.Tickets;

/// <summary>
/// The rule a tenant's ticket systems set: with none, any well-formed ticket stands on its own;
/// with some, a ticket must have the form of one of them, and belongs to the first it matches.
/// </summary>
public static class TicketSystems
{
    /// <summary>
    /// The system <paramref name="ticket"/> belongs to among <paramref name="systems"/> (null when
    /// there are none), or the error naming the systems and the forms they expect.
    /// </summary>
    public static bool TryMatch(
        IReadOnlyList<TicketSystem> systems, OperatorTicket ticket, out TicketSystem? system, [NotNullWhen(false)] out string? error)
    {
        error = null;
        system = null;
        if (systems.Count == 0)
        {
            return true;
        }

        system = systems.FirstOrDefault(candidate => candidate.Matches(ticket));
        if (system is not null)
        {
            return true;
        }

        error = $"'{ticket.Value}' is not a ticket of this tenant's ticket systems: expected one of "
            + string.Join(", ", systems.Select(candidate => candidate.Described));
        return false;
    }
}
