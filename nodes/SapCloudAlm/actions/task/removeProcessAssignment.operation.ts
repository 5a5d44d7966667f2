import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { CloudAlmSession } from '../../helpers/api';
import { assignmentFields, readAssignment } from './processAssignment';

const properties: INodeProperties[] = assignmentFields;

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['removeProcessAssignment'] } }, properties);

/** Safe to re-run: an assignment that is not there is reported, no DELETE is sent. */
export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const { assignment, projectId, existing } = await readAssignment.call(this, i, session);
	if (!existing) return { ...assignment, projectId, removed: false, wasAssigned: false };
	await session.calm.removeSolutionProcessAssignment(assignment);
	return { ...assignment, projectId, removed: true, wasAssigned: true };
}
