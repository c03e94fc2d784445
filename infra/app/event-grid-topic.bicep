// Event Grid system topic on the storage account: the source of the blob-created events that drive
// BlobIngestFunction. The topic's own identity writes dead-lettered events to a blob container.

@description('System topic name.')
param name string

@description('Azure region (the storage account\'s).')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Name of the storage account that emits the events.')
param storageAccountName string

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// Storage Blob Data Contributor, so the topic can write dead letters without an account key.
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, systemTopic.id, storageBlobDataContributor)
  scope: storage
  properties: {
    principalId: systemTopic.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
  }
}

output name string = systemTopic.name
