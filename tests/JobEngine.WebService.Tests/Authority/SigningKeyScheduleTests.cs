using JobEngine.Authority.Keys;
using JobEngine.Infrastructure.Keys;

namespace JobEngine.WebService.Tests.Authority;

public sealed class SigningKeyScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Keys live 30 days, are published 2 days ahead, and tokens need 1 hour after a key retires.
    private static readonly SigningKeySchedule Schedule = new(TimeSpan.FromDays(30), TimeSpan.FromDays(2), TimeSpan.FromHours(1));

    private static AuthorityKey Key(string id, DateTimeOffset createdAt) =>
        AuthorityKey.Create(id, AuthorityKey.SigningUse, "ES256", [1], createdAt);

    [Fact]
    public void TheFirstKey_SignsAtOnce_AndIsSucceededAfterItsLifetime()
    {
        AuthorityKey[] keys = [Key("one", Start)];

        Assert.True(Schedule.SuccessorDue([], Start));
        Assert.Same(keys[0], Schedule.Active(keys, Start));
        Assert.False(Schedule.SuccessorDue(keys, Start.AddDays(30).AddTicks(-1)));
        Assert.True(Schedule.SuccessorDue(keys, Start.AddDays(30)));
    }

    [Fact]
    public void ASuccessor_IsPublishedAheadOfUse_AndSignsAfterThePropagationTime()
    {
        var successorCreated = Start.AddDays(30);
        AuthorityKey[] keys = [Key("one", Start), Key("two", successorCreated)];

        Assert.Equal("one", Schedule.Active(keys, successorCreated).KeyId);
        Assert.Equal("one", Schedule.Active(keys, successorCreated.AddDays(2).AddTicks(-1)).KeyId);
        Assert.Equal("two", Schedule.Active(keys, successorCreated.AddDays(2)).KeyId);
        Assert.False(Schedule.SuccessorDue(keys, successorCreated.AddDays(29)));
    }

    [Fact]
    public void ARetiredKey_IsKeptUntilItsLastTokenExpired()
    {
        var successorSigns = Start.AddDays(32);
        AuthorityKey[] keys = [Key("one", Start), Key("two", Start.AddDays(30))];

        Assert.Empty(Schedule.Expired(keys, successorSigns));
        Assert.Empty(Schedule.Expired(keys, successorSigns.AddHours(1).AddTicks(-1)));
        Assert.Equal("one", Assert.Single(Schedule.Expired(keys, successorSigns.AddHours(1))).KeyId);
    }

    [Fact]
    public void AKeyNotYetSigning_NeverExpires_AndNeitherDoesTheActiveOne()
    {
        AuthorityKey[] keys = [Key("one", Start), Key("two", Start.AddDays(30)), Key("three", Start.AddDays(60))];

        // Long after everything: "three" signs, "one" and "two" are gone, "three" stays.
        var expired = Schedule.Expired(keys, Start.AddDays(80)).Select(key => key.KeyId);
        Assert.Equal(["one", "two"], expired);

        // Just after "three" was made: "two" signs, "three" waits, only "one" is gone.
        Assert.Equal(["one"], Schedule.Expired(keys, Start.AddDays(60)).Select(key => key.KeyId));
    }

    [Fact]
    public void AfterALongStop_TheOldKeyKeepsSigning_UntilItsSuccessorIsPublishedLongEnough()
    {
        AuthorityKey[] stale = [Key("one", Start)];
        var restart = Start.AddDays(100);
        var plan = Schedule.Plan(stale, restart, at => Key("two", at), dropExpired: true);

        Assert.Equal("two", plan.Added!.KeyId);
        Assert.Empty(plan.Removed);
        AuthorityKey[] keys = [stale[0], plan.Added];
        Assert.Equal("one", Schedule.Active(keys, restart.AddDays(1)).KeyId);
        Assert.Equal("two", Schedule.Active(keys, restart.AddDays(2)).KeyId);
    }

    [Fact]
    public void NothingDue_PlansNoChange()
    {
        AuthorityKey[] keys = [Key("one", Start)];

        Assert.Same(AuthorityKeyChanges.None, Schedule.Plan(keys, Start.AddDays(1), _ => throw new InvalidOperationException("no key is due"), dropExpired: true));
    }
}
