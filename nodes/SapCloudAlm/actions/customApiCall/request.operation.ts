import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { parseJsonBody, textOf, type CloudAlmSession } from '../../helpers/api';
import { UnsafePathError } from '../../helpers/paths';

const BODY_METHODS = ['POST', 'PUT', 'PATCH'];
/** Headers the credential owns; letting a workflow set them would bypass or leak the token. */
const RESERVED_HEADERS = new Set(['authorization', 'host', 'cookie', 'proxy-authorization']);

const properties: INodeProperties[] = [
	{
		displayName:
			"Calls any SAP Cloud ALM API with this credential. The path starts after the binding's API URL (which ends in /api), and the binding's instance needs that API's scope, e.g. calm-api.processhierarchy.read.",
		name: 'customApiCallNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'DELETE', value: 'DELETE' },
			{ name: 'GET', value: 'GET' },
			{ name: 'PATCH', value: 'PATCH' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
		default: 'GET',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. /calm-processhierarchy/v1/HierarchyNodes',
		description:
			"Path after the binding's API URL (endpoints.Api, which already ends in /api). Absolute URLs to other hosts are refused, so the token stays on the Cloud ALM host.",
	},
	{
		displayName: 'Query Parameters',
		name: 'query',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: {},
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. $top' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. 10' },
				],
			},
		],
	},
	{
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		default: '{}',
		description: 'JSON object or array to send',
		displayOptions: { show: { method: BODY_METHODS } },
	},
	{
		displayName: 'Headers',
		name: 'headers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Header',
		default: {},
		description: 'Extra headers, e.g. If-Match for test management, or a merge-patch Content-Type for process management',
		options: [
			{
				displayName: 'Header',
				name: 'header',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. If-Match' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customApiCall'], operation: ['request'] } },
	properties,
);

function pairs(value: IDataObject, key: string): Array<{ name: string; value: string }> {
	const list = (value?.[key] ?? []) as Array<{ name?: string; value?: unknown }>;
	return list
		.map((p) => ({ name: String(p.name ?? '').trim(), value: p.value === undefined ? '' : String(p.value) }))
		.filter((p) => p.name);
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
	session: CloudAlmSession,
): Promise<IDataObject | IDataObject[]> {
	const method = (this.getNodeParameter('method', i, 'GET') as string).toUpperCase();
	const rawPath = textOf.call(this, this.getNodeParameter('path', i, ''), 'Path', i);
	let path: string;
	try {
		path = await session.calm.apiPath(rawPath);
	} catch (error) {
		if (error instanceof UnsafePathError) {
			throw new NodeOperationError(this.getNode(), error.message, {
				itemIndex: i,
				description: 'Step: Check input\nField: Path. Nothing was sent: the Cloud ALM token only goes to paths under endpoints.Api.',
			});
		}
		throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
	}

	const qs: IDataObject = {};
	for (const p of pairs(this.getNodeParameter('query', i, {}) as IDataObject, 'parameter')) qs[p.name] = p.value;

	const headers: IDataObject = {};
	for (const h of pairs(this.getNodeParameter('headers', i, {}) as IDataObject, 'header')) {
		if (RESERVED_HEADERS.has(h.name.toLowerCase())) {
			throw new NodeOperationError(this.getNode(), `Header "${h.name}" is set by the credential and cannot be overridden`, {
				itemIndex: i,
			});
		}
		headers[h.name] = h.value;
	}

	const body = BODY_METHODS.includes(method)
		? parseJsonBody.call(this, this.getNodeParameter('body', i, '{}'), i)
		: undefined;

	const response = await session.calm.request({ method, path, qs, body, headers });
	if (Array.isArray(response)) return response.map((r) => (r && typeof r === 'object' ? r : { value: r })) as IDataObject[];
	if (response === undefined || response === null || response === '') return { success: true };
	if (typeof response !== 'object') return { value: response };
	return response as IDataObject;
}
