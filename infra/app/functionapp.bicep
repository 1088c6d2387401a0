// The Functions host on Flex Consumption (.NET 10 isolated), running as the user-assigned identity. Every connection
// is identity-based; secrets are Key Vault references resolved with that identity (keyVaultReferenceIdentity).
param name string
param planName string
param location string
param tags object
param identityId string
param identityClientId string
param storage object
param deploymentContainerUrl string
param serviceBusNamespace string
param keyVaultUri string
param applicationInsightsConnectionString string
param vippsEnvironment string
param maximumInstanceCount int

@description('Durable task hub name (letters and digits).')
param taskHubName string = 'paymentorchestrator'

@description('The CloudEvents source the first API key acts as: it refunds and reads only sales units that bind this source.')
param apiKeySource string = 'finance/backoffice'

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: { minTlsVersion: '1.2' }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: maximumInstanceCount, instanceMemoryMB: 2048 }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
  }
}

// Key Vault references (versionless: rotated secrets are picked up within 24 h or on restart); the secrets
// themselves are stored by the operator (docs/deployment.md).
var kv = '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/'

// Settings as their own resource so the webhook URL can use the site's host name.
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Functions runtime + Durable (Azure Storage backend: blob, queue and table).
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__blobServiceUri: storage.blob
    AzureWebJobsStorage__queueServiceUri: storage.queue
    AzureWebJobsStorage__tableServiceUri: storage.table
    TASKHUB_NAME: taskHubName
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    // The worker's OpenTelemetry exporter signs in with this identity (FunctionsTelemetry).
    Telemetry__ManagedIdentityClientId: identityClientId
    // Service Bus triggers and the outcome publisher (HostingNames.ServiceBusConnection).
    ServiceBusConnection__fullyQualifiedNamespace: serviceBusNamespace
    ServiceBusConnection__credential: 'managedidentity'
    ServiceBusConnection__clientId: identityClientId
    // The orchestrator's own tables (OrchestratorServiceCollectionExtensions.StorageSectionName).
    Storage__TableServiceUri: storage.table
    Storage__QueueServiceUri: storage.queue
    Storage__ManagedIdentityClientId: identityClientId
    // Vipps partner keys (VippsClientOptions); add merchant key sets the same way for the Test environment.
    Vipps__Environment: vippsEnvironment
    Vipps__PartnerKeySet: 'partner'
    Vipps__KeySets__partner__Type: 'Partner'
    Vipps__KeySets__partner__Environment: vippsEnvironment
    Vipps__KeySets__partner__ClientId: '${kv}vipps-partner-client-id/)'
    Vipps__KeySets__partner__ClientSecret: '${kv}vipps-partner-client-secret/)'
    Vipps__KeySets__partner__SubscriptionKey: '${kv}vipps-partner-subscription-key/)'
    // The webhook registered with Vipps for this app, and its secret (WebhookOptions).
    Webhooks__Registrations__0__Url: 'https://${site.properties.defaultHostName}/api/vipps/webhooks'
    Webhooks__Registrations__0__Secret: '${kv}vipps-webhook-secret/)'
    // Finance API key (PaymentOrchestrator.Api ApiKeyOptions), bound to a source; add Api__Keys__1__* during a rotation.
    Api__Keys__0__Name: 'finance'
    Api__Keys__0__Source: apiKeySource
    Api__Keys__0__Key: '${kv}api-key-0/)'
  }
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostName}'
