import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { SERVICE } from '../../helpers/constants';
import { calmRequest, requireSegment } from '../../helpers/api';
import { featureLocator } from '../common.descriptions';

const properties: INodeProperties[] = [featureLocator()];

export const description = updateDisplayOptions({ show: { resource: ['feature'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const uuid = requireSegment.call(this, 'featureId', 'Feature UUID', i);
	return (await calmRequest.call(this, { method: 'GET', path: `${SERVICE.features}/Features/${uuid}` })) as IDataObject;
}
