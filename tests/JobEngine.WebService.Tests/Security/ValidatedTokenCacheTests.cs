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
    public void TheCache_NeverHoldsMoreThanItsCapacity()
    {
        var cache = new ValidatedTokenCache(new ManualClock(Start));
        for (var i = 0; i <= ValidatedTokenCache.Capacity; i++)
        {
            cache.Add($"token-{i}", TicketExpiring(Start.AddMinutes(2)));
        }

        Assert.InRange(cache.Count, 1, ValidatedTokenCache.Capacity);
        Assert.NotNull(cache.Find($"token-{ValidatedTokenCache.Capacity}"));
    }

    private static AuthenticationTicket TicketExpiring(DateTimeOffset expires)
    {
        var identity = new ClaimsIdentity("test");
        var principal = new ClaimsPrincipal(identity).SetExpirationDate(expires);
        return new AuthenticationTicket(principal, "test");
    }
}
