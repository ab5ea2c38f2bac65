using Microsoft.AspNetCore.Http.HttpResults;

namespace RedPacket.Web.Api.RateLimiting;

public static class TooManyRequests
{
    /// <summary>429 <c>rate_limited</c> with <c>Retry-After</c> in whole seconds (rounded up, at least 1).</summary>
    public static ProblemHttpResult Problem(HttpContext http, TimeSpan retryAfter, string what)
    {
        var seconds = RetryAfter.Write(http.Response, retryAfter);
        return DomainProblemMapping.Problem(DomainProblemMapping.RateLimited, $"{what}; try again in {seconds} s.");
    }
}
