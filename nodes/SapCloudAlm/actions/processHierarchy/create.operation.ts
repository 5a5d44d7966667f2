import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { requireText, type CloudAlmSession } from '../../helpers/api';
import { titleAndAdditionalFields } from '../common.descriptions';
import { editableNodeFields, nodeBody } from './fields';

const properties: INodeProperties[] = [
	...titleAndAdditionalFields(editableNodeFields),
];

export const description = updateDisplayOptions({ show: { resource: ['processHierarchy'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const title = requireText.call(this, 'title', 'Title', i);
	return await session.calm.processHierarchy.create({ ...nodeBody.call(this, this.getNodeParameter('additionalFields', i, {}) as IDataObject, i), title });
}
