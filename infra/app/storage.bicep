// One StorageV2 account, shared key disabled: the Functions runtime and Durable (blob + queue + table: the Azure
// Storage backend needs all three), the Flex deployment container, and the orchestrator's own tables.
param name string
param location string
param tags object
param deploymentContainerName string
param identityPrincipalId string
param userPrincipalId string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainerName
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

// The tables of OrchestratorNames (payments, salesunits); the app does not create them in Azure.
resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for table in [ 'payments', 'salesunits' ]: {
  parent: tableService
  name: table
}]

var roles = {
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource appRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in items(roles): {
  name: guid(account.id, identityPrincipalId, role.value)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

// The deploying user may read tables and queues while debugging (no keys exist to hand out instead).
resource userRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in items(roles): if (!empty(userPrincipalId)) {
  name: guid(account.id, userPrincipalId, role.value)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    principalId: userPrincipalId
    principalType: 'User'
  }
}]

output name string = account.name
output endpoints object = {
  blob: account.properties.primaryEndpoints.blob
  queue: account.properties.primaryEndpoints.queue
  table: account.properties.primaryEndpoints.table
}
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainerName}'
