using System.ComponentModel.DataAnnotations;

namespace PaymentOrchestrator.Orchestration;

/// <summary>Settings of the orchestration core (configuration section <c>Orchestrator</c>).</summary>
public sealed class PaymentOrchestratorOptions
{
    public const string SectionName = "Orchestrator";

    /// <summary>Largest incoming event accepted, in bytes (Service Bus Standard allows 256 KiB).</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxEventBytes { get; set; } = 64 * 1024;

    /// <summary>How often <c>Apply</c> reloads and retries after another writer changed the saga row (412).</summary>
    [Range(1, 100)]
    public int MaxConcurrencyRetries { get; set; } = 20;

    /// <summary>The CloudEvents <c>source</c> of outcome events.</summary>
    [Required(AllowEmptyStrings = false)]
    public string EventSource { get; set; } = "payment-orchestrator";

    /// <summary>Table of saga rows, timelines and applied event ids.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Orchestrator:PaymentsTable must be 3-63 letters or digits, starting with a letter.")]
    public string PaymentsTable { get; set; } = OrchestratorNames.PaymentsTable;

    /// <summary>Table of the sales-unit registry.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Orchestrator:SalesUnitsTable must be 3-63 letters or digits, starting with a letter.")]
    public string SalesUnitsTable { get; set; } = OrchestratorNames.SalesUnitsTable;

    /// <summary>Table of merchant onboardings (product orders and what was observed since).</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Orchestrator:OnboardingsTable must be 3-63 letters or digits, starting with a letter.")]
    public string OnboardingsTable { get; set; } = OrchestratorNames.OnboardingsTable;

    /// <summary>Queue that outcome events are published to (local host).</summary>
    [Required(AllowEmptyStrings = false)]
    public string PaymentEventsQueue { get; set; } = OrchestratorNames.PaymentEventsQueue;
}
