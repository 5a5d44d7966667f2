import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { CloudAlmSession } from '../../helpers/api';
import { landscapeObjectLocator } from '../common.descriptions';
import { requireLmsId } from './fields';

const properties: INodeProperties[] = [landscapeObjectLocator()];

export const description = updateDisplayOptions({ show: { resource: ['landscapeObject'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	return await session.calm.landscape.get(requireLmsId.call(this, i));
}
