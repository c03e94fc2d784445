// Event subscriptions from the storage system topic to the function app: BlobCreated to the blob extension's webhook
// (the blob trigger), BlobDeleted to the HTTP function BlobDeletedEvents (api/events/blob-deleted), which removes the
// deleted blob's record and index rows.
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

@description('Event subscription name for blob-deleted events.')
param deletedName string = '${name}-deleted'

@description('Route of the HTTP function that handles blob-deleted events (BlobDeletedEventFunction.Route, under the api/ prefix).')
param deletedRoute string = 'api/events/blob-deleted'

@description('Container whose blob-created and blob-deleted events are delivered.')
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
var hostKeys = listKeys('${functionApp.id}/host/default', '2024-04-01')
var blobsExtensionKey = hostKeys.systemKeys.blobs_extension
// The HTTP function is AuthorizationLevel.Function: the host's default function key opens it.
var functionKey = hostKeys.functionKeys.default

var retryPolicy = {
  maxDeliveryAttempts: 30
  eventTimeToLiveInMinutes: 1440
}

var deadLetter = {
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

var subjectBeginsWith = '/blobServices/default/containers/${incomingContainerName}/'

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
      subjectBeginsWith: subjectBeginsWith
    }
    retryPolicy: retryPolicy
    deadLetterWithResourceIdentity: deadLetter
  }
}

resource deletedSubscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: systemTopic
  name: deletedName
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/${deletedRoute}?code=${functionKey}'
        maxEventsPerBatch: 10
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobDeleted'
      ]
      subjectBeginsWith: subjectBeginsWith
    }
    retryPolicy: retryPolicy
    deadLetterWithResourceIdentity: deadLetter
  }
}

output name string = subscription.name
output deletedName string = deletedSubscription.name
