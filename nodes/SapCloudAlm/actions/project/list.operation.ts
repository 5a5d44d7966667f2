import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { listLimit, type CloudAlmSession } from '../../helpers/api';
import { limitField, returnAllField } from '../common.descriptions';

const properties: INodeProperties[] = [returnAllField, limitField];

export const description = updateDisplayOptions({ show: { resource: ['project'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	return await session.calm.listProjects(listLimit.call(this, i));
}
