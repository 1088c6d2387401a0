// Service Bus Standard (duplicate detection needs Standard or Premium), local (SAS) auth disabled and no
// authorization rules: only Entra ID identities with data roles can send or receive.
param name string
param location string
param tags object
param identityPrincipalId string
param userPrincipalId string

@description('Deliveries before Service Bus dead-letters a message the app kept failing on (bad input is dead-lettered at once).')
param maxDeliveryCount int = 10

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

// payment-requests and refund-requests feed the triggers; payment-events carries outcomes to webshops. Duplicate
// detection is keyed on MessageId: publishers send the CloudEvent id, the outcome publisher the outcome id.
resource queues 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = [for queue in [ 'payment-requests', 'refund-requests', 'payment-events' ]: {
  parent: namespace
  name: queue
  properties: {
    lockDuration: 'PT1M'
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT10M'
    defaultMessageTimeToLive: 'P14D'
    requiresSession: false
    enablePartitioning: false
  }
}]

// Data Owner as in the official Functions + Service Bus azd template: the triggers receive and settle, the scale
// controller reads queue lengths with the app's identity, and the outcome publisher sends.
var dataOwner = '090c5cfd-751d-490a-894a-3ce6f1109419'
var dataSender = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'

resource appRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(namespace.id, identityPrincipalId, dataOwner)
  scope: namespace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataOwner)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The deploying user may send test events (docs/deployment.md).
resource userRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(namespace.id, userPrincipalId, dataSender)
  scope: namespace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataSender)
    principalId: userPrincipalId
    principalType: 'User'
  }
}

output name string = namespace.name
output id string = namespace.id
output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'
