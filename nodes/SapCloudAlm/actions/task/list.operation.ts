import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { listLimit, type CloudAlmSession } from '../../helpers/api';
import { limitField, projectLocator, returnAllField } from '../common.descriptions';
import { readTaskFilters, taskFilters, taskOutputFields, taskShaper } from './filters';

const properties: INodeProperties[] = [projectLocator({ description: 'Project whose tasks to get' }), returnAllField, limitField, taskFilters];

export const description = [
	...updateDisplayOptions({ show: { resource: ['task'], operation: ['list'] } }, properties),
	...taskOutputFields('list'),
];

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const { query, after } = readTaskFilters.call(this, i);
	const shape = taskShaper.call(this, i);
	return shape(await session.calm.listTasks(query, listLimit.call(this, i), after));
}
