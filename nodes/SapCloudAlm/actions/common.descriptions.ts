import type { INodeProperties } from 'n8n-workflow';

import { limitField, returnAllField } from '../../shared/descriptions';

export { limitField, returnAllField };

/** Collection options in alphabetical order of their labels, as n8n lists them. */
export const sortedFields = (fields: INodeProperties[]): INodeProperties[] =>
	[...fields].sort((a, b) => a.displayName.localeCompare(b.displayName));

const UUID_REGEX = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/*
 * Resource locators offer "From List" and "By ID", no "By URL": SAP documents no shape for links
 * into the Cloud ALM UI (a launchpad whose routes are in no API reference), and a link to a task
 * can carry the project's UUID as well, so taking the first UUID of a URL could pick the wrong object.
 *
 * A saved version 1 workflow holds a plain string for Task ID and Feature UUID. n8n reads it unchanged
 * (n8n-core extract-value.ts returns a value that is not a locator as it is, and the editor shows
 * it in its legacy mode), so the same parameter serves both versions.
 */

/**
 * The `modes` of a locator: "From List" (searchListMethod) and "By ID" (`byId`: a UUID, checked in the
 * editor; the node checks again before any call that it is one path segment). Returned under a
 * `modes` key, where n8n's lint rules (and its community-package scanner, which ignores
 * eslint-disable comments) recognise the objects as modes, which have no default.
 */
const locatorModes = (
	searchListMethod: string,
	placeholder: string,
	byId: { what: string; example: string; regex?: string; errorMessage?: string },
): Pick<INodeProperties, 'modes'> => ({
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder,
			typeOptions: { searchListMethod, searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: `e.g. ${byId.example}`,
			validation: [
				{
					type: 'regex',
					properties: {
						regex: byId.regex ?? `^\\s*${UUID_REGEX}\\s*$`,
						errorMessage: byId.errorMessage ?? `Not a ${byId.what} ID (a UUID)`,
					},
				},
			],
		},
	],
});

/** A project picked from a searchable list, or given by ID. */
export const projectLocator = (overrides: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName: 'Project',
	name: 'projectId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Cloud ALM project',
	...locatorModes('searchProjects', 'Select a project...', { what: 'project', example: '3c6a9d00-0000-4000-8000-0000000000f1' }),
	...overrides,
});

/** A task picked from the tasks of the projects the binding can read, or given by ID. `description`: no final period. */
export const taskLocator = (description = 'The task'): INodeProperties => ({
	displayName: 'Task',
	name: 'taskId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: `${description}. The list shows the tasks of every project the binding can read, project by project.`,
	...locatorModes('searchTasks', 'Select a task...', { what: 'task', example: '4d7b0e00-0000-4000-8000-000000000001' }),
});

/** A feature picked from a searchable list (title or display ID like 6-123), or given by its UUID. `description`: no final period. */
export const featureLocator = (description = 'The feature'): INodeProperties => ({
	displayName: 'Feature',
	name: 'featureId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: `${description}. By ID takes the feature's UUID, not its display ID like 6-123.`,
	...locatorModes('searchFeatures', 'Select a feature...', { what: 'feature', example: '5e8c1f00-0000-4000-8000-000000000001' }),
});

/**
 * The "Filter" option of the OData Get Many operations (documents, test cases, hierarchy nodes): the
 * user's own `$filter`, ANDed with the operation's other options (`combinedWith` says which, where
 * that is only the project). `example` is an expression.
 */
export const odataFilterOption = (example: string, note = '', combinedWith = 'the other options'): INodeProperties => ({
	displayName: 'Filter',
	name: 'filter',
	type: 'string',
	default: '',
	placeholder: `e.g. ${example}`,
	description: `OData $filter expression; combined with ${combinedWith} by "and"${note ? `. ${note}` : ''}`,
});

/** The "Project ID" option of the OData Get Many operations: only the `plural` of this project. */
export const projectIdOption = (plural: string): INodeProperties => ({
	displayName: 'Project ID',
	name: 'projectId',
	type: 'string',
	default: '',
	description: `Only ${plural} of this project`,
});

/**
 * A landscape object picked from a searchable list (name, SID, system number), or given by its
 * lmsId. The lmsId's form is not published (the simulator's are UUIDs), so By ID only checks that it
 * is one word. `description`: no final period.
 */
export const landscapeObjectLocator = (description = 'The landscape object'): INodeProperties => ({
	displayName: 'Landscape Object',
	name: 'lmsId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: `${description}. By ID takes its lmsId, as Get Many returns it.`,
	...locatorModes('searchLandscapeObjects', 'Select a landscape object...', {
		what: 'landscape object',
		example: '9b2e0000-0000-4000-8000-000000000001',
		regex: '^\\s*[^\\s/?#]+\\s*$',
		errorMessage: 'Not a landscape object ID (its lmsId, one word)',
	}),
});

/** A custom process (Process Authoring) picked from a searchable list (name, external ID), or given by ID. `description`: no final period. */
export const customProcessLocator = (description = 'The custom process'): INodeProperties => ({
	displayName: 'Custom Process',
	name: 'customProcessId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: `${description}. The list shows name and status; search by name or external ID.`,
	...locatorModes('searchCustomProcesses', 'Select a custom process...', { what: 'custom process', example: 'c5a70000-0000-4000-8000-000000000001' }),
});

/** A business process of Process Authoring picked from a searchable list, or given by ID. */
export const businessProcessLocator = (overrides: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName: 'Business Process',
	name: 'businessProcessId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The business process the custom process belongs to',
	...locatorModes('searchBusinessProcesses', 'Select a business process...', { what: 'business process', example: 'b1a70000-0000-4000-8000-000000000001' }),
	...overrides,
});

/** The "Skip" option of the OData Get Many operations (`$skip`), counted in `plural`. */
export const skipOption = (plural: string): INodeProperties => ({
	displayName: 'Skip',
	name: 'skip',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description: `Number of ${plural} to skip before the first one returned (OData $skip)`,
});

/** The "Options" collection of a Get Many operation. */
export const listOptionsCollection = (options: INodeProperties[]): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options,
});

/** The "Filters" collection of a Get Many operation, its filters sorted by name as n8n's linter wants them. */
export const filtersCollection = (options: INodeProperties[], description?: string): INodeProperties => ({
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	...(description ? { description } : {}),
	options: sortedFields(options),
});

/** Return All, Limit and the Options collection: the parameters of a Get Many operation, in n8n's order. */
export const getManyProperties = (options: INodeProperties[]): INodeProperties[] => [
	returnAllField,
	limitField,
	listOptionsCollection(options),
];

/** The required "Project ID" text parameter of a Create whose object belongs to a project (`what`: "document"). */
export const owningProjectIdField = (what: string): INodeProperties => ({
	displayName: 'Project ID',
	name: 'projectId',
	type: 'string',
	required: true,
	default: '',
	description: `The project the ${what} belongs to`,
});

/**
 * The required Title and the "Additional Fields" collection of a Create: `fields` are the object's
 * editable fields (Title among them is left out, it is asked for on its own), after `leading` ones
 * that only Create offers.
 */
export const titleAndAdditionalFields = (fields: INodeProperties[], leading: INodeProperties[] = []): INodeProperties[] => [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...leading, ...fields.filter((f) => f.name !== 'title')],
	},
];
