import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { isLibrary, type Library, type LibraryElementFields } from '../../helpers/libraryClient';
import { INPUT_STEP, textOf } from '../../helpers/validation';

/** The four cross-library services (consetto/calmcp docs/API_VERSIONS.md). */
export const libraryField: INodeProperties = {
	displayName: 'Library',
	name: 'library',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Applications', value: 'application', description: 'Fiori apps, transactions and other applications' },
		{ name: 'Configurations', value: 'configuration', description: 'Configuration (customizing) elements' },
		{ name: 'Developments', value: 'development', description: 'Custom developments such as reports and enhancements' },
		{ name: 'Interfaces', value: 'interface', description: 'Integration interfaces between systems' },
	],
	default: 'application',
	description: 'Which cross-library the element belongs to (each is its own SAP service)',
};

export function libraryOf(this: IExecuteFunctions, i: number): Library {
	const library = this.getNodeParameter('library', i, 'application');
	if (!isLibrary(library)) {
		throw new NodeOperationError(this.getNode(), `Library "${String(library)}" is not one of Applications, Configurations, Developments, Interfaces`, {
			itemIndex: i,
			description: `Step: ${INPUT_STEP}\nField: Library`,
		});
	}
	return library;
}

export const elementIdField: INodeProperties = {
	displayName: 'Element ID',
	name: 'elementId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 6c3f0000-0000-4000-8000-000000000001',
	description: "The element's UUID, as Get Many returns it in uuid",
};

/** Fields of an element the node writes (the type code goes to the library's own property, libraryClient.ts). */
export const editableElementFields: INodeProperties[] = [
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		description: 'The name shown in the library',
	},
	{
		displayName: 'Type Code',
		name: 'typeCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. FIORI_ACTION',
		description: "Code of the element's type, sent as applicationTypeCode, configurationTypeCode, developmentTypeCode or interfaceTypeCode after the library",
	},
];

/** The UI fields as text (expressions giving objects are refused naming the field); empty ones left out. */
export function elementFieldsOf(this: IExecuteFunctions, fields: IDataObject, i: number): LibraryElementFields {
	const out: LibraryElementFields = {};
	const labels = { title: 'Title', description: 'Description', typeCode: 'Type Code' } as const;
	for (const key of Object.keys(labels) as Array<keyof typeof labels>) {
		const text = textOf.call(this, fields[key], labels[key], i);
		if (text) out[key] = text;
	}
	return out;
}
