using System.Globalization;

namespace RedPacket.Web.Api;

/// <summary>
/// Declares, in the OpenAPI document, the problems an endpoint may answer, by their stable codes: the statuses come
/// from <see cref="DomainProblemMapping"/>, so the document and the answers cannot drift apart. Each problem response
/// names its codes in its description ("Forbidden. Codes: csrf, not_recipient"), because one status carries several
/// codes and a client handles the code.
/// </summary>
public static class OpenApiProblems
{
    private const string CodesLabel = ". Codes: ";

    public static TBuilder Problems<TBuilder>(this TBuilder builder, params string[] codes) where TBuilder : IEndpointConventionBuilder
    {
        var byStatus = codes.Distinct().GroupBy(DomainProblemMapping.StatusOf).OrderBy(g => g.Key).ToList();
        foreach (var status in byStatus) builder.ProducesProblem(status.Key);
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var status in byStatus)
                if (operation.Responses?.TryGetValue(status.Key.ToString(CultureInfo.InvariantCulture), out var response) == true)
                    response.Description = WithCodes(response.Description, status);
            return Task.CompletedTask;
        });
        return builder;
    }

    /// <summary>The codes already named (by the group's conventions, say) and these, once each, in order.</summary>
    internal static string WithCodes(string? description, IEnumerable<string> codes)
    {
        var text = description ?? "";
        var at = text.IndexOf(CodesLabel, StringComparison.Ordinal);
        var head = at < 0 ? text : text[..at];
        var named = at < 0 ? [] : text[(at + CodesLabel.Length)..].Split(", ", StringSplitOptions.RemoveEmptyEntries);
        return head + CodesLabel + string.Join(", ", named.Concat(codes).Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>What any signed-in API call may answer: not signed in, a dependency down.</summary>
    public static TBuilder SignedInProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.Problems(DomainProblemMapping.Unauthorized, Domain.Common.ErrorCodes.Unavailable);

    /// <summary>A state change by a signed-in caller: also a bad body, a body too large, a cookie call without the antiforgery token.</summary>
    public static TBuilder ChangeProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.SignedInProblems().Problems(Domain.Common.ErrorCodes.InvalidRequest, Domain.Common.ErrorCodes.TooLarge, DomainProblemMapping.Csrf);
}
