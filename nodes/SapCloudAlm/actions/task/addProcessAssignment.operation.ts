import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import type { CloudAlmSession } from '../../helpers/api';
import { assignmentFields, readAssignment } from './processAssignment';

const properties: INodeProperties[] = assignmentFields;

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['addProcessAssignment'] } }, properties);

/** Safe to re-run: an assignment that exists already is reported, not sent again. */
export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject> {
	const { assignment, projectId, existing } = await readAssignment.call(this, i, session);
	if (existing) return { ...assignment, projectId, assigned: true, alreadyAssigned: true };
	const answer = await session.calm.addSolutionProcessAssignment(assignment);
	// SAP's answer is not published: the created entry when it sends one, else what was sent
	const created = Array.isArray(answer) && answer[0] && typeof answer[0] === 'object' ? (answer[0] as IDataObject) : assignment;
	return { ...assignment, ...created, projectId, assigned: true, alreadyAssigned: false };
}
