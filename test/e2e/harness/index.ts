/** What e2e suites import: the real-n8n runtime and the simulator, from one place. */
export { createN8nInstance, N8nInstance, freePort, type OwnerLogin } from '../../../scripts/n8n/runtime';
export { credentialsFromSimulator, credentialFromKey, CREDENTIAL_IDS, type CredentialImport } from '../../../scripts/n8n/credentials';
export { builtTypeNames, readManifest, packedDir } from '../../../scripts/n8n/package';
export type { ExecutionResult, NodeRun } from '../../../scripts/n8n/runOutput';
