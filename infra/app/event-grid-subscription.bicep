// Event subscription from the storage system topic to the blob extension's webhook of the function app.
// The webhook URL carries the host's blobs_extension system key, read here with listKeys. That key exists
// only after the app's code (with the blob extension) has been deployed and the host has started, and Event
// Grid validates the endpoint when the subscription is created, so deploy this after the code
// (main.bicep parameter deployEventSubscription = true on a second run; see infra/README.md).

@description('Existing system topic on the storage account.')
param systemTopicName string

@description('Event subscription name.')
param name string

@description('Existing function app hosting the blob-triggered function.')
param functionAppName string

@description('Function name as in [Function(...)]; the host exposes it as Host.Functions.<name>.')
param functionName string

@description('Container whose blob-created events are delivered.')
param incomingContainerName string

@description('Storage account (the topic\'s source) that receives dead letters.')
param storageAccountName string

@description('Container for undeliverable events.')
param deadLetterContainerName string

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

// Microsoft.Web/sites/host has no Bicep type definitions, so the key is read with the listKeys function on the
// host's resource id rather than through an `existing` resource symbol.
var blobsExtensionKey = listKeys('${functionApp.id}/host/default', '2024-04-01').systemKeys.blobs_extension

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: systemTopic
  name: name
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${blobsExtensionKey}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${incomingContainerName}/'
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storage.id
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

output name string = subscription.name
