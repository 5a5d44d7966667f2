import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { CloudAlmSession } from '../../helpers/api';
import { landscapeObjectLocator } from '../common.descriptions';
import { requireLmsId } from './fields';

const properties: INodeProperties[] = [landscapeObjectLocator('The technical system or cloud service (business services have no properties)')];

export const description = updateDisplayOptions({ show: { resource: ['landscapeObject'], operation: ['getProperties'] } }, properties);

/** One item: the object's lmsId, name and type, and `properties` as SAP answers them. */
export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	return await session.calm.landscape.properties(requireLmsId.call(this, i));
}
