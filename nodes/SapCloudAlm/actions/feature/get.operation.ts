import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireSegment, type CloudAlmSession } from '../../helpers/api';
import { featureLocator } from '../common.descriptions';

const properties: INodeProperties[] = [featureLocator()];

export const description = updateDisplayOptions({ show: { resource: ['feature'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	return await session.calm.getFeature(requireSegment.call(this, 'featureId', 'Feature UUID', i));
}
