/** The in-process n8n runner: workflows and credential tests on n8n-core's real engine. */
export { CredentialStore, type StoredCredential } from './credentialStore';
export { RunnerCredentialsHelper } from './credentialsHelper';
export { loadRegistry, PACKAGE_NAME } from './registry';
export { defaultCredentialStore, runWorkflow, type RunOptions, type WorkflowJson, type WorkflowRunResult, type NodeRunResult } from './runWorkflow';
export { testCredential, type CredentialTestResult } from './testCredential';
