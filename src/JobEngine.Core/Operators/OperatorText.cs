namespace JobEngine.Core.Operators;

/// <summary>Character rules shared by the free-text fields operators write into the ledger.</summary>
internal static class OperatorText
{
    /// <summary>
    /// Finds the first character that must never reach the ledger: C0/C1 controls and DEL,
    /// the bidirectional overrides and isolates (which can make a record read differently
    /// from what it stores), and unpaired surrogates (not valid text).
    /// </summary>
    public static bool TryFindForbiddenCharacter(string value, out int index)
    {
        for (index = 0; index < value.Length; index++)
        {
            var c = value[index];
            if (char.IsControl(c) || IsBidiControl(c))
            {
                return true;
            }

            if (char.IsHighSurrogate(c) && index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]))
            {
                index++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        index = -1;
        return false;
    }

    /// <summary>Length in Unicode code points, so that a limit means the same for every script.</summary>
    public static int CodePointLength(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static bool IsBidiControl(char c) =>
        c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';

    public static string Describe(string value, int index) =>
        $"U+{(int)value[index]:X4} at position {index + 1}";
}
