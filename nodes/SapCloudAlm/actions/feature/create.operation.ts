import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { featureBody, requireText, segment, type CloudAlmSession } from '../../helpers/api';
import { projectLocator, titleAndAdditionalFields } from '../common.descriptions';
import { editableFeatureFields } from './fields';

const properties: INodeProperties[] = [
	projectLocator({ description: 'Project the feature belongs to' }),
	...titleAndAdditionalFields(editableFeatureFields),
];

export const description = updateDisplayOptions({ show: { resource: ['feature'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const projectId = this.getNodeParameter('projectId', i, '', { extractValue: true }) as string;
	const title = requireText.call(this, 'title', 'Title', i);
	const fields = featureBody(this.getNodeParameter('additionalFields', i, {}) as IDataObject);
	return await session.calm.createFeature({ title, projectId: segment.call(this, projectId, 'Project', i), ...fields });
}
