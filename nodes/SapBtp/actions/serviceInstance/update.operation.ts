import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { hashLabelChanges, updateInstance } from '../../api/serviceManager';
import type { BtpSession } from '../../api/session';
import { parseJsonObject, textOf, validateInstanceName } from '../../helpers/validation';
import { instanceSummary, readInstanceRef, readSmAccess, readWait } from '../common';
import { instanceLocatorField, smAccessProperties, waitFields } from '../fields';
import { parameterFields, readParameters } from '../parameters';

const properties: INodeProperties[] = [
	...smAccessProperties,
	instanceLocatorField(),
	{
		displayName: 'New Name',
		name: 'newName',
		type: 'string',
		default: '',
		placeholder: 'e.g. cloud-alm-api-2',
		description: 'Rename the instance (leave empty to keep the name)',
	},
	...parameterFields(true, 'none'),
	{
		displayName: 'Label Changes (JSON)',
		name: 'labelChangesJson',
		type: 'json',
		default: '[]',
		description: 'Service Manager label changes, e.g. [{"op": "add", "key": "team", "values": ["alm"]}]',
	},
	...waitFields,
];

export const description = updateDisplayOptions({ show: { resource: ['serviceInstance'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: BtpSession): Promise<IDataObject> {
	const node = this.getNode();
	const newName = textOf(node, i, this.getNodeParameter('newName', i, ''), 'New Name');
	if (newName) validateInstanceName(node, i, newName, 'New Name');
	const rawLabels = (this.getNodeParameter('labelChangesJson', i, '[]') as string | unknown[]) ?? '[]';
	let labelChanges: unknown[] = [];
	if (typeof rawLabels === 'string' && rawLabels.trim() && rawLabels.trim() !== '[]') {
		const parsed = parseJsonObject(node, i, `{"changes": ${rawLabels}}`, 'Label Changes (JSON)');
		labelChanges = Array.isArray(parsed?.changes) ? (parsed!.changes as unknown[]) : [];
	} else if (Array.isArray(rawLabels)) {
		labelChanges = rawLabels;
	}
	const wait = readWait.call(this, i);
	const { sm } = await readSmAccess.call(this, i, session);
	const ref = await readInstanceRef.call(this, i, sm);
	const current = (await sm.getInstance(ref.id))!;
	const changes: IDataObject = {};
	const parameters = readParameters.call(this, i, newName || String(current.name));
	if (parameters) changes.parameters = parameters;
	if (newName && newName !== current.name) changes.name = newName;
	// new parameters get a new hash label, so Create or Update compares against what is applied now
	const hashChanges = parameters ? hashLabelChanges(current.labels, parameters) : [];
	if (labelChanges.length || hashChanges.length) changes.labels = [...(labelChanges as IDataObject[]), ...hashChanges];
	if (!Object.keys(changes).length) {
		throw new NodeOperationError(node, 'Nothing to update', {
			itemIndex: i,
			description: 'Set New Name, Parameters or Label Changes.',
		});
	}
	const updated = await updateInstance(sm, { id: ref.id, name: String(current.name) }, changes, wait);
	return { action: 'updated', instance: instanceSummary(updated ?? current) };
}
