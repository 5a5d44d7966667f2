import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { SERVICE } from '../../helpers/constants';
import { listLimit, restListUnpaged, segment } from '../../helpers/api';
import { limitField, projectLocator, returnAllField } from '../common.descriptions';

const properties: INodeProperties[] = [projectLocator(), returnAllField, limitField];

export const description = updateDisplayOptions(
	{ show: { resource: ['project'], operation: ['listTimeboxes'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const projectId = this.getNodeParameter('projectId', i, '', { extractValue: true }) as string;
	const path = `${SERVICE.projects}/projects/${segment.call(this, projectId, 'Project', i)}/timeboxes`;
	return await restListUnpaged.call(this, path, {}, listLimit.call(this, i));
}
