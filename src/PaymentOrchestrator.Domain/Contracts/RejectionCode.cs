using System.Text.Json.Serialization;

namespace PaymentOrchestrator.Domain.Contracts;

/// <summary>Why an incoming message was refused. Everything but <see cref="BusinessRule"/> is a schema violation.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RejectionCode>))]
public enum RejectionCode
{
    /// <summary>The message is larger than the size limit.</summary>
    TooLarge,

    /// <summary>Not JSON (or duplicate properties, or nested too deeply).</summary>
    MalformedJson,

    /// <summary>The document or a field that must be an object is not one.</summary>
    NotAnObject,

    MissingField,
    WrongType,

    /// <summary>The right type but not an allowed value (pattern, range, length, enum).</summary>
    InvalidValue,

    /// <summary>A string or property name holds a control, bidirectional or invisible character, or a lone surrogate escape.</summary>
    InvalidText,

    /// <summary>A data field the type does not define (catches misspelt optional fields).</summary>
    UnknownField,

    /// <summary>A profile scope asks for a customer detail that is not one of <see cref="Values.ProfileScope.Claims"/>.</summary>
    UnknownProfileScope,

    UnsupportedSpecVersion,
    UnknownType,

    /// <summary>Structurally valid but breaks a rule that needs no I/O (e.g. due date too soon, NOK below 100 øre).</summary>
    BusinessRule,
}
