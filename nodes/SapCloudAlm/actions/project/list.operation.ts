import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { SERVICE } from '../../helpers/constants';
import { listLimit, restListUnpaged } from '../../helpers/api';
import { limitField, returnAllField } from '../common.descriptions';

const properties: INodeProperties[] = [returnAllField, limitField];

export const description = updateDisplayOptions({ show: { resource: ['project'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	return await restListUnpaged.call(this, `${SERVICE.projects}/projects`, {}, listLimit.call(this, i));
}
