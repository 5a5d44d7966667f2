import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { listLimit, requireSegment, type CloudAlmSession } from '../../helpers/api';
import { limitField, projectLocator, returnAllField } from '../common.descriptions';

const properties: INodeProperties[] = [projectLocator({ description: 'The project whose scopes to list' }), returnAllField, limitField];

export const description = updateDisplayOptions({ show: { resource: ['processScope'], operation: ['list'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const projectId = decodeURIComponent(requireSegment.call(this, 'projectId', 'Project', i));
	return await session.calm.processScopes.list(projectId, listLimit.call(this, i));
}
