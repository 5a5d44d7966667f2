import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { optionalUuid, textOf } from '../../helpers/api';

/** The hierarchy node's UUID (SAP's key, `/HierarchyNodes/{uuid}`). */
export const nodeIdField: INodeProperties = {
	displayName: 'Node ID',
	name: 'nodeId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 6f1a0c00-0000-4000-8000-000000000001',
	description: "The hierarchy node's UUID, as Get Many returns it in uuid",
};

export const externalReferencesOption: INodeProperties = {
	displayName: 'Include External References',
	name: 'externalReferences',
	type: 'boolean',
	default: false,
	description: 'Whether to read the links to other systems with each node, in toExternalReferences ($expand)',
};

/** Fields of a hierarchy node the node writes (SAP-samples calm-pm-process-hierarchy.ipynb). */
export const editableNodeFields: INodeProperties[] = [
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
	},
	{
		displayName: 'External References',
		name: 'externalReferences',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add External Reference',
		description: 'Links to the node in other systems; on Update they replace the existing ones',
		options: [
			{
				displayName: 'Reference',
				name: 'reference',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Name of the other system' },
					{ displayName: 'External ID', name: 'externalReferenceId', type: 'string', default: '', description: 'The ID of the node in the other system' },
					{ displayName: 'URL', name: 'url', type: 'string', default: '', placeholder: 'e.g. https://jira.example.com/browse/HR-1' },
				],
			},
		],
	},
	{
		displayName: 'Parent Node ID',
		name: 'parentNodeId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 6f1a0c00-0000-4000-8000-000000000001',
		description: 'UUID of the parent node; on Update this moves the node (and everything below it) under that parent',
	},
	{
		displayName: 'Sequence',
		name: 'sequence',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'Position among its siblings (1 = first)',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
	},
];

/** The body from the UI fields; empty texts are left out. Checked before any call. */
export function nodeBody(this: IExecuteFunctions, fields: IDataObject, i: number): IDataObject {
	const body: IDataObject = {};
	const title = textOf.call(this, fields.title, 'Title', i);
	if (title) body.title = title;
	const description = textOf.call(this, fields.description, 'Description', i);
	if (description) body.description = description;
	const parent = optionalUuid.call(this, fields.parentNodeId, 'Parent Node ID', i);
	if (parent) body.parentNodeUUID = parent;
	if (fields.sequence !== undefined) {
		const sequence = Number(fields.sequence);
		if (!Number.isInteger(sequence) || sequence < 1) {
			throw new NodeOperationError(this.getNode(), `Sequence ${String(fields.sequence)} is not a position (a whole number from 1)`, { itemIndex: i });
		}
		body.sequence = sequence;
	}
	const refs = ((fields.externalReferences as IDataObject | undefined)?.reference ?? []) as IDataObject[];
	if (refs.length) {
		body.toExternalReferences = refs.map((r, n) => {
			const ref = {
				name: textOf.call(this, r.name, 'External References → Name', i),
				externalReferenceId: textOf.call(this, r.externalReferenceId, 'External References → External ID', i),
				url: textOf.call(this, r.url, 'External References → URL', i),
			};
			const missing = Object.entries(ref).find(([, v]) => !v);
			if (missing) {
				throw new NodeOperationError(this.getNode(), `External reference ${n + 1} has no ${missing[0] === 'externalReferenceId' ? 'External ID' : missing[0] === 'url' ? 'URL' : 'Name'}`, {
					itemIndex: i,
					description: 'Each external reference needs a Name, an External ID and a URL.',
				});
			}
			return ref;
		});
	}
	return body;
}
