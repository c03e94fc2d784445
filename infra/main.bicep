// Ingest: article files dropped into the `articles` container raise Event Grid blob-created events that trigger
// BlobIngestFunction on a Flex Consumption function app; records go to Table storage, HTTP functions query them,
// and a timer plus the `reprocess` queue reprocess stored articles. Everything authenticates with one
// user-assigned managed identity: the storage account has shared-key access disabled and no connection string
// or key appears in any setting.
targetScope = 'resourceGroup'

@description('Environment name (for example dev, prod); feeds the unique suffix of every resource name.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region for all resources. Must offer Flex Consumption.')
param location string = resourceGroup().location

@description('Function app name; empty derives func-<token>.')
param functionAppName string = ''

@description('Storage account name; empty derives st<token>.')
@maxLength(24)
param storageAccountName string = ''

@description('Runtime version of the dotnet-isolated stack.')
param runtimeVersion string = '10.0'

@description('Container watched by BlobIngestFunction.')
param incomingContainerName string = 'articles'

@description('Container for article record blobs.')
param recordsContainerName string = 'article-records'

@description('Table names used by the storage layer.')
param tableNames string[] = [
  'Articles'
  'ArticleFailures'
  'EntityIndex'
  'SpeakerIndex'
  'SourceIndex'
  'DateIndex'
  'EntityNames'
  'QuoteIndex'
  'CopyIndex'
  'TemplateLines'
]

@description('NCRONTAB schedule (six fields, seconds first) of the reprocess timer.')
param reprocessSchedule string = '0 0 3 * * *'

@description('Create the Event Grid subscription to the function\'s blob webhook. Leave false on the first run; set true after the code is deployed (see infra/README.md).')
param deployEventSubscription bool = false

@description('Optional principal id (user, group or CI service principal) that also gets data access to storage.')
param developerPrincipalId string = ''

@description('Principal type of developerPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param developerPrincipalType string = 'User'

@description('Tags applied to every resource.')
param tags object = {}

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var allTags = union(tags, { 'azd-env-name': environmentName, application: 'ingest' })

var appName = !empty(functionAppName) ? functionAppName : '${abbrs.functionApp}ingest-${resourceToken}'
var storageName = !empty(storageAccountName) ? storageAccountName : '${abbrs.storageAccount}ingest${take(resourceToken, 10)}'
var systemTopicName = '${abbrs.eventGridSystemTopic}ingest-${resourceToken}'
var deploymentContainerName = 'app-package'
var deadLetterContainerName = 'eventgrid-deadletter'
var blobFunctionName = 'BlobIngestFunction'
// The queue ReprocessQueueFunction listens on (%ReprocessQueueName%) and the app writes to (StorageOptions__ReprocessQueue).
// It must be the first of the storage module's queueNames, the second its poison queue (tests/Ingest.Infra.Tests check both).
var reprocessQueueName = 'reprocess'
var logAnalyticsName = '${abbrs.logAnalyticsWorkspace}ingest-${resourceToken}'
var applicationInsightsName = '${abbrs.applicationInsights}ingest-${resourceToken}'

// Modules get names from these variables, not from other modules' outputs, so that every resource id is known
// before deployment (What-If stays precise); explicit dependsOn keeps the order.

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${abbrs.managedIdentity}ingest-${resourceToken}'
  location: location
  tags: allTags
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageName
    location: location
    tags: allTags
    deploymentContainerName: deploymentContainerName
    incomingContainerName: incomingContainerName
    recordsContainerName: recordsContainerName
    deadLetterContainerName: deadLetterContainerName
    tableNames: tableNames
    queueNames: [
      'reprocess'
      'reprocess-poison'
    ]
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: logAnalyticsName
    applicationInsightsName: applicationInsightsName
    location: location
    tags: allTags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  params: {
    storageAccountName: storageName
    applicationInsightsName: applicationInsightsName
    identityId: identity.id
    identityPrincipalId: identity.properties.principalId
    developerPrincipalId: developerPrincipalId
    developerPrincipalType: developerPrincipalType
  }
  dependsOn: [
    storage
    monitoring
  ]
}

module functionApp 'app/function-app.bicep' = {
  name: 'function-app'
  params: {
    name: appName
    planName: '${abbrs.appServicePlan}ingest-${resourceToken}'
    location: location
    tags: allTags
    identityId: identity.id
    identityClientId: identity.properties.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    incomingContainerName: incomingContainerName
    recordsContainerName: recordsContainerName
    reprocessQueueName: reprocessQueueName
    reprocessSchedule: reprocessSchedule
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    runtimeVersion: runtimeVersion
  }
  // The host reads its storage with the identity as soon as it starts; grant the roles first.
  dependsOn: [
    rbac
  ]
}

module eventGridTopic 'app/event-grid-topic.bicep' = {
  name: 'event-grid-topic'
  params: {
    name: systemTopicName
    location: location
    tags: allTags
    storageAccountName: storageName
  }
  dependsOn: [
    storage
  ]
}

module eventGridSubscription 'app/event-grid-subscription.bicep' = if (deployEventSubscription) {
  name: 'event-grid-subscription'
  params: {
    systemTopicName: systemTopicName
    name: '${abbrs.eventGridSubscription}${toLower(blobFunctionName)}'
    functionAppName: appName
    functionName: blobFunctionName
    incomingContainerName: incomingContainerName
    storageAccountName: storageName
    deadLetterContainerName: deadLetterContainerName
  }
  dependsOn: [
    eventGridTopic
    functionApp
  ]
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = resourceGroup().name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output AZURE_EVENT_GRID_SYSTEM_TOPIC_NAME string = eventGridTopic.outputs.name
output AZURE_APPLICATION_INSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output INGEST_CONTAINER string = incomingContainerName
output BLOB_INGEST_WEBHOOK_PATH string = '/runtime/webhooks/blobs?functionName=Host.Functions.${blobFunctionName}'
