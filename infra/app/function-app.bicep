// Flex Consumption (FC1) plan and the .NET isolated function app. The app runs as a user-assigned identity and
// reaches storage and Application Insights through identity-based connections only: no keys, no storage
// connection strings, and basic (publishing) auth is turned off.

@description('Function app name; also the host name prefix (<name>.azurewebsites.net).')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of the user-assigned identity (for the __clientId settings).')
param identityClientId string

@description('Primary blob endpoint of the storage account, with trailing slash.')
param blobEndpoint string

@description('Primary queue endpoint of the storage account, with trailing slash.')
param queueEndpoint string

@description('Primary table endpoint of the storage account, with trailing slash.')
param tableEndpoint string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Container watched by BlobIngestFunction (app settings IngestContainer and StorageOptions__IncomingContainer).')
param incomingContainerName string

@description('Container for article record blobs (app setting StorageOptions__RecordsContainer).')
param recordsContainerName string

@description('Queue of articles to reprocess (app settings ReprocessQueueName and StorageOptions__ReprocessQueue).')
param reprocessQueueName string

@description('NCRONTAB schedule of the reprocess timer (app setting ReprocessSchedule).')
param reprocessSchedule string

@description('Application Insights connection string (endpoint only; local auth is disabled on the component).')
param applicationInsightsConnectionString string

@description('Functions runtime stack.')
param runtimeName string = 'dotnet-isolated'

@description('Functions runtime stack version.')
param runtimeVersion string

@description('Memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound on scale-out.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
  }
}

// Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION here: the runtime is set in
// functionAppConfig above.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    // Host storage (leases, timer schedule monitor, blob receipts): identity-based.
    AzureWebJobsStorage__blobServiceUri: blobEndpoint
    AzureWebJobsStorage__queueServiceUri: queueEndpoint
    AzureWebJobsStorage__tableServiceUri: tableEndpoint
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    // The app's own connection (Connection = "IngestStorage" on triggers and in the storage layer).
    IngestStorage__blobServiceUri: blobEndpoint
    IngestStorage__queueServiceUri: queueEndpoint
    IngestStorage__tableServiceUri: tableEndpoint
    IngestStorage__credential: 'managedidentity'
    IngestStorage__clientId: identityClientId
    // Resource names: StorageOptions__* is what the storage code resolves; IngestContainer and ReprocessQueueName are the
    // same names for the trigger attributes' %IngestContainer% / %ReprocessQueueName%, which the host resolves from app
    // settings. The worker refuses to start when the two disagree (Ingest.Functions.IngestSettings). No NamePrefix here:
    // each environment has its own storage account.
    StorageOptions__IncomingContainer: incomingContainerName
    StorageOptions__RecordsContainer: recordsContainerName
    StorageOptions__ReprocessQueue: reprocessQueueName
    IngestContainer: incomingContainerName
    ReprocessQueueName: reprocessQueueName
    ReprocessSchedule: reprocessSchedule
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  }
}

// No publishing credentials: deploy with an Entra identity (azd, az functionapp deployment, or func publish).
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = functionApp.name
output id string = functionApp.id
output defaultHostName string = functionApp.properties.defaultHostName
