namespace PaymentOrchestrator.Orchestration.Stores;

/// <summary>
/// Bindings written as <c>source</c> or <c>source:rights</c> (the CLI's <c>--source</c>, <c>Local:SeedSalesUnit:AllowedSources</c>):
/// the bound sources and the rights of each, named or the default its name suggests (<see cref="SourceRightsRules.DefaultFor"/>).
/// A source without named rights and without a default is bound but left out of the rights (the caller decides).
/// </summary>
public static class SourceBindings
{
    public static (List<string> Sources, Dictionary<string, SourceRights> Rights) Parse(IEnumerable<string> bindings)
    {
        var sources = new List<string>();
        var rights = new Dictionary<string, SourceRights>(StringComparer.Ordinal);
        foreach (var binding in bindings)
        {
            var (source, named) = SourceRightsRules.ParseBinding(binding);
            if (!sources.Contains(source, StringComparer.Ordinal))
            {
                sources.Add(source);
            }

            if ((named ?? SourceRightsRules.DefaultFor(source)) is { } r)
            {
                rights[source] = rights.GetValueOrDefault(source) | r;
            }
        }

        return (sources, rights);
    }
}
