// Alerts for the people on call (docs/operations.md has, per alert, what it means and what to do) and a workbook of
// payments and money per sales unit. The queries read what the Functions app exports with OpenTelemetry
// (FunctionsTelemetry): metrics land in customMetrics with their attributes in customDimensions, logs in traces.
param applicationInsightsId string
param serviceBusNamespaceId string
param location string
param tags object
param namePrefix string

@description('Where alerts are e-mailed. Empty: the action group is created without a receiver (add one in the portal).')
param alertEmail string

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-oncall'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'payorch'
    enabled: true
    emailReceivers: empty(alertEmail) ? [] : [
      { name: 'on-call', emailAddress: alertEmail, useCommonAlertSchema: true }
    ]
  }
}

// Service Bus keeps the dead-letter count per queue: any message there is a refused event or one that failed its
// deliveries, and waits for a person (`dead-letters` in the console, CLI or API).
resource deadLetters 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-dead-letters'
  location: 'global'
  tags: tags
  properties: {
    description: 'Messages are in a dead-letter queue (docs/operations.md, "Dead letters present").'
    severity: 2
    enabled: true
    scopes: [ serviceBusNamespaceId ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'deadLettered'
          metricName: 'DeadletteredMessages'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          dimensions: [ { name: 'EntityName', operator: 'Include', values: [ '*' ] } ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
        }
      ]
    }
    actions: [ { actionGroupId: actionGroup.id } ]
  }
}

// One scheduled query per rule; each query returns rows only when the rule is broken.
var queryAlerts = [
  {
    name: 'needs-attention'
    severity: 2
    window: 'PT15M'
    description: 'A saga needs attention: a payment, agreement or charge stopped for a person (docs/operations.md, "Sagas in NeedsAttention").'
    query: 'customMetrics | where name == "payment_orchestrator.outcomes.published" | extend type = tostring(customDimensions["cloudevents.event_type"]), msn = tostring(customDimensions["payment.msn"]) | where type endswith ".needs-attention.v1" | summarize count = sum(valueSum) by type, msn'
  }
  {
    name: 'reconciliation-discrepancy'
    severity: 2
    window: 'PT1H'
    description: 'Reconciliation found a discrepancy against the settlement report (docs/operations.md, "Reconciliation discrepancy").'
    query: 'customMetrics | where name == "payment_orchestrator.outcomes.published" | where tostring(customDimensions["cloudevents.event_type"]) == "reconciliation.discrepancy.v1" | summarize count = sum(valueSum) by msn = tostring(customDimensions["payment.msn"])'
  }
  {
    name: 'ledger-date-not-reconciled'
    severity: 3
    window: 'P1D'
    description: 'No ledger date reconciled in the last day: the daily reconciliation did not run or did not finish (docs/operations.md, "Ledger date not reconciled").'
    query: 'customMetrics | where name == "payment_orchestrator.outcomes.published" | where tostring(customDimensions["cloudevents.event_type"]) == "reconciliation.completed.v1" | summarize completed = count() | where completed == 0'
  }
  {
    name: 'vipps-errors'
    severity: 2
    window: 'PT15M'
    description: 'Vipps answers 5xx or 429 (rate limited) to more than 5 % of calls (docs/operations.md, "Vipps 5xx / 429").'
    query: 'customMetrics | where name == "payment_orchestrator.vipps.call.duration" | extend statusClass = tostring(customDimensions["http.response.status_class"]) | summarize calls = sum(valueCount), bad = sumif(valueCount, statusClass in ("5xx", "429", "none")) | where calls > 20 and bad > 0.05 * calls'
  }
  {
    name: 'orchestration-failures'
    severity: 1
    window: 'PT15M'
    description: 'A saga orchestration or activity failed (docs/operations.md, "Orchestration failures").'
    query: 'union traces, exceptions | where severityLevel >= 3 | where tostring(customDimensions["CategoryName"]) has_any ("DurableTask", "SagaOrchestration", "SagaActivit", "Function.SagaOrchestrator", "Function.AdvanceSaga") | summarize failures = count()'
  }
]

resource rules 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [for rule in queryAlerts: {
  name: '${namePrefix}-${rule.name}'
  location: location
  tags: tags
  properties: {
    description: rule.description
    severity: rule.severity
    enabled: true
    scopes: [ applicationInsightsId ]
    evaluationFrequency: rule.window == 'P1D' ? 'PT1H' : 'PT5M'
    windowSize: rule.window
    criteria: {
      allOf: [
        {
          query: rule.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    autoMitigate: true
    actions: { actionGroups: [ actionGroup.id ] }
  }
}]

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(applicationInsightsId, 'payments-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'PaymentOrchestrator: payments and money per sales unit'
    category: 'workbook'
    sourceId: applicationInsightsId
    serializedData: loadTextContent('../workbooks/payments.workbook.json')
  }
}

output actionGroupId string = actionGroup.id
output alertNames array = [for (rule, i) in queryAlerts: rules[i].name]
