using './main.bicep'

// azd sets AZURE_ENV_NAME / AZURE_LOCATION; plain `az deployment group create` falls back to the defaults.
param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'eastus')
param deployEventSubscription = bool(readEnvironmentVariable('INGEST_DEPLOY_EVENT_SUBSCRIPTION', 'false'))
param developerPrincipalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
