namespace RedPacket.Web.Api;

/// <summary>
/// Declares, in the OpenAPI document, the problems an endpoint may answer, by their stable codes: the statuses come
/// from <see cref="DomainProblemMapping"/>, so the document and the answers cannot drift apart.
/// </summary>
public static class OpenApiProblems
{
    public static TBuilder Problems<TBuilder>(this TBuilder builder, params string[] codes) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in codes.Select(DomainProblemMapping.StatusOf).Distinct().Order())
            builder.ProducesProblem(status);
        return builder;
    }

    /// <summary>What any signed-in API call may answer: not signed in, a dependency down.</summary>
    public static TBuilder SignedInProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Problems(DomainProblemMapping.Unauthorized, Domain.Common.ErrorCodes.Unavailable);

    /// <summary>A state change by a signed-in caller: also a bad body, a body too large, a cookie call without the antiforgery token.</summary>
    public static TBuilder ChangeProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.SignedInProblems().Problems(Domain.Common.ErrorCodes.InvalidRequest, Domain.Common.ErrorCodes.TooLarge, DomainProblemMapping.Csrf);
}
