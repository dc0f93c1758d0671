using System.Security.Claims;
using JobEngine.WebService.Security;
using JobEngine.WebService.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;

namespace JobEngine.WebService.Tests.Security;

public sealed class ValidatedTokenCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AValidatedToken_IsFoundUntilItsExpiry()
    {
        var clock = new ManualClock(Start);
        var cache = new ValidatedTokenCache(clock);
        cache.Add("token-a", TicketExpiring(Start.AddMinutes(2)));

        Assert.NotNull(cache.Find("token-a"));
        clock.Now = Start.AddMinutes(2).AddSeconds(-1);
        Assert.NotNull(cache.Find("token-a"));
        clock.Now = Start.AddMinutes(2);
        Assert.Null(cache.Find("token-a"));
    }

    [Fact]
    public void ALongLivedToken_IsRememberedForAtMostTheMaximumLifetime()
    {
        var clock = new ManualClock(Start);
        var cache = new ValidatedTokenCache(clock);
        cache.Add("token-a", TicketExpiring(Start.AddHours(1)));

        clock.Now = Start + ValidatedTokenCache.MaxLifetime - TimeSpan.FromSeconds(1);
        Assert.NotNull(cache.Find("token-a"));
        clock.Now = Start + ValidatedTokenCache.MaxLifetime;
        Assert.Null(cache.Find("token-a"));
    }

    [Fact]
    public void OnlyTheExactTokenHits()
    {
        var cache = new ValidatedTokenCache(new ManualClock(Start));
        cache.Add("header.payload.signature", TicketExpiring(Start.AddMinutes(2)));

        Assert.Null(cache.Find("header.payload.signaturf"));
        Assert.Null(cache.Find("header.payload.signature "));
        Assert.Null(cache.Find("header.payload"));
    }

    [Fact]
    public void TicketsWithoutExpiryOrAlreadyExpired_AreNotRemembered()
    {
        var cache = new ValidatedTokenCache(new ManualClock(Start));
        cache.Add("no-exp", new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity("test")), "test"));
        cache.Add("expired", TicketExpiring(Start.AddSeconds(-10)));

        Assert.Equal(0, cache.Count);
        Assert.Null(cache.Find("no-exp"));
        Assert.Null(cache.Find("expired"));
    }

    [Fact]
    public void TheCache_IsBoundedByBytes_AndWhenFullForgetsTheSoonestToLapseFirst()
    {
        var cache = new ValidatedTokenCache(new ManualClock(Start));
        var large = TicketExpiring(Start.AddMinutes(4), claims: 200);
        var perTicket = ValidatedTokenCache.EstimatedBytes(large);
        var fits = (int)(ValidatedTokenCache.MaxBytes / perTicket);
        cache.Add("soonest", TicketExpiring(Start.AddMinutes(1), claims: 200));
        for (var i = 0; i < fits * 2; i++)
        {
            cache.Add($"token-{i}", large);
            Assert.InRange(cache.Bytes, 1, ValidatedTokenCache.MaxBytes);
        }

        Assert.Null(cache.Find("soonest"));
        Assert.NotNull(cache.Find($"token-{(fits * 2) - 1}"));
        // Eviction frees a quarter of the room, not all of it: most recent tickets are still there.
        Assert.InRange(cache.Count, fits / 2, fits);
    }

    [Fact]
    public void ATicketsEstimatedSize_GrowsWithWhatTheTokenCarries()
    {
        Assert.True(ValidatedTokenCache.EstimatedBytes(TicketExpiring(Start, claims: 100))
                    > 10 * ValidatedTokenCache.EstimatedBytes(TicketExpiring(Start, claims: 1)));
    }

    private static AuthenticationTicket TicketExpiring(DateTimeOffset expires, int claims = 0)
    {
        var identity = new ClaimsIdentity(Enumerable.Range(0, claims).Select(i => new Claim($"claim-{i}", new string('v', 64))), "test");
        var principal = new ClaimsPrincipal(identity).SetExpirationDate(expires);
        return new AuthenticationTicket(principal, "test");
    }
}
