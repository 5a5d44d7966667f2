import type { IDataObject, INodeProperties } from 'n8n-workflow';

export const documentIdField: INodeProperties = {
	displayName: 'Document ID',
	name: 'documentId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 7c2d1e00-0000-4000-8000-000000000001',
	description: "The document's UUID, as Get Many returns it in uuid (not its display ID like 12-1)",
};

/** Fields of a document the node writes (consetto/calmcp: content is HTML). */
export const editableDocumentFields: INodeProperties[] = [
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'The document body, as HTML',
	},
	{
		displayName: 'Document Type Code',
		name: 'documentTypeCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. SD',
		description: 'Code of the document type (the DocumentTypes code list)',
	},
	{
		displayName: 'Status Code',
		name: 'statusCode',
		type: 'string',
		default: '',
		description: 'Code of the document status (the DocumentStatus code list)',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
	},
];

/** The body from the UI fields; empty strings are left out. */
export function documentBody(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const key of ['title', 'content', 'documentTypeCode', 'statusCode']) {
		const v = fields[key];
		if (typeof v === 'string' && v !== '') body[key] = v;
	}
	return body;
}
