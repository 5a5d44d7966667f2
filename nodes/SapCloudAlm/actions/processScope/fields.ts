import type { INodeProperties } from 'n8n-workflow';

/** The scope's ID (Process Scopes API: `/scopes/{id}`). */
export const scopeIdField: INodeProperties = {
	displayName: 'Scope ID',
	name: 'scopeId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 7a2b0d00-0000-4000-8000-000000000001',
	description: "The scope's ID, as Get Many returns it (the scope ID that tasks and test cases carry in scopeId)",
};
