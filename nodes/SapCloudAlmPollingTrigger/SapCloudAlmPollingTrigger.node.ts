import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { projectLocator } from '../SapCloudAlm/actions/common.descriptions';
import { CloudAlmSession } from '../SapCloudAlm/helpers/session';
import type { IdSegment } from '../SapCloudAlm/helpers/validation';
import { searchProjects } from '../SapCloudAlm/methods/listSearch';
import { asText } from '../shared/text';
import { latestChange, MissingChangeTimeError, pollChanges, WATCHED, type Change, type WatchedResource, type WatchState } from './changes';

type Emit = 'all' | 'new' | 'changed';

const PROJECTS_FIELD = 'Projects';

/** The projects of the Projects field, each checked to be one path segment (an ID). */
function projectIds(ctx: IPollFunctions): IdSegment[] {
	const entries = ((ctx.getNodeParameter('projects', {}) as IDataObject).project ?? []) as IDataObject[];
	const ids: IdSegment[] = [];
	for (const [n, entry] of entries.entries()) {
		const raw = entry.projectId;
		const value = raw && typeof raw === 'object' && '__rl' in raw ? (raw as IDataObject).value : raw;
		const text = asText(value);
		const id = text.ok ? text.text.trim() : '';
		if (!id || /[/\\?#]/.test(id) || id === '.' || id === '..') {
			throw new NodeOperationError(ctx.getNode(), `Project ${n + 1} of the ${PROJECTS_FIELD} field is ${id ? `not a project ID: "${id}"` : 'empty'}`, {
				description: `Field: ${PROJECTS_FIELD}. Pick the project from the list or give its ID (a UUID).`,
			});
		}
		const segment = encodeURIComponent(id) as IdSegment;
		if (!ids.includes(segment)) ids.push(segment);
	}
	if (!ids.length) {
		throw new NodeOperationError(ctx.getNode(), `No project to watch: add at least one to the ${PROJECTS_FIELD} field`, {
			description: `Field: ${PROJECTS_FIELD}.`,
		});
	}
	return ids;
}

const isNotFound = (error: unknown) => error instanceof NodeApiError && String(error.httpCode) === '404';

/** Transport errors are node errors already; anything else becomes one. */
const asNodeError = (ctx: IPollFunctions, error: unknown): NodeApiError | NodeOperationError =>
	error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(ctx.getNode(), error as Error);

/** The project must exist: an unknown one fails naming the field, not with an empty result forever. */
async function checkProject(ctx: IPollFunctions, session: CloudAlmSession, projectId: IdSegment): Promise<void> {
	try {
		await session.calm.getProject(projectId);
	} catch (error) {
		if (!isNotFound(error)) throw asNodeError(ctx, error);
		throw new NodeOperationError(ctx.getNode(), `Project ${decodeURIComponent(projectId)} was not found in SAP Cloud ALM`, {
			description: `Field: ${PROJECTS_FIELD}. Pick the project from the list; the binding can read the projects listed there.`,
		});
	}
}

function outputOf(resource: WatchedResource, change: Change): INodeExecutionData {
	return { json: { ...change.item, changeType: change.changeType, changedAt: change.changedAt, resource } };
}

export class SapCloudAlmPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SAP Cloud ALM Polling Trigger',
		name: 'sapCloudAlmPollingTrigger',
		icon: { light: 'file:../../icons/sapCloudAlm.svg', dark: 'file:../../icons/sapCloudAlm.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"New or changed " + $parameter["resource"] + "s"}}',
		description: 'Starts the workflow when tasks or features of SAP Cloud ALM projects are created or changed',
		defaults: { name: 'SAP Cloud ALM Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sapCloudAlmApi', required: true }],
		properties: [
			{
				displayName:
					'Checks the projects at every poll and emits each created or changed item once. The first poll only records where each project stands, so activating the trigger does not replay the past. Needs the calm-api.tasks.read or calm-api.features.read scope.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Watch',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Feature', value: 'feature', description: 'Features of the projects, by their modifiedAt' },
					{ name: 'Task', value: 'task', description: 'Tasks, user stories, requirements, defects and the other task types, by their lastChangedTimestamp' },
				],
				default: 'task',
			},
			{
				displayName: 'Projects',
				name: 'projects',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Project',
				default: {},
				required: true,
				description: 'The Cloud ALM projects to watch; each keeps its own watermark',
				options: [
					{
						displayName: 'Project',
						name: 'project',
						values: [projectLocator({ description: 'A project to watch' })],
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Emit',
						name: 'emit',
						type: 'options',
						options: [
							{ name: 'New and Changed', value: 'all', description: 'Every created or changed item' },
							{ name: 'Only New', value: 'new', description: 'Items created since the last poll' },
							{ name: 'Only Changed', value: 'changed', description: 'Items that existed before and changed' },
						],
						default: 'all',
						description: 'Which changes start the workflow; each item says which it is in changeType',
					},
				],
			},
		],
	};

	methods = { listSearch: { searchProjects } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const resource = this.getNodeParameter('resource', 'task') as WatchedResource;
		if (!(resource in WATCHED)) throw new NodeOperationError(this.getNode(), `Watch "${String(resource)}" is not one of Tasks or Features`);
		const emit = ((this.getNodeParameter('options', {}) as IDataObject).emit ?? 'all') as Emit;
		const projects = projectIds(this);
		const session = new CloudAlmSession(this);
		const staticData = this.getWorkflowStaticData('node');
		const keyOf = (projectId: IdSegment) => `${resource}:${decodeURIComponent(projectId)}`;

		try {
			if (this.getMode() === 'manual') {
				// "Fetch Test Event": the latest item of each project, so the shape shows; the watermark is untouched
				const samples: INodeExecutionData[] = [];
				for (const projectId of projects) {
					await checkProject(this, session, projectId);
					const latest = await latestChange(session, resource, projectId);
					if (latest) samples.push(outputOf(resource, latest));
				}
				return samples.length ? [samples] : null;
			}

			const out: INodeExecutionData[] = [];
			const next: Record<string, WatchState> = {};
			for (const projectId of projects) {
				const previous = staticData[keyOf(projectId)] as WatchState | undefined;
				if (!previous) await checkProject(this, session, projectId);
				let result;
				try {
					result = await pollChanges(session, resource, projectId, previous);
				} catch (error) {
					if (isNotFound(error)) await checkProject(this, session, projectId);
					throw asNodeError(this, error);
				}
				next[keyOf(projectId)] = result.state;
				for (const change of result.changes) {
					if (emit === 'all' || emit === change.changeType) out.push(outputOf(resource, change));
				}
			}
			// every project was read whole: only now do the watermarks move (in place, as n8n's cursor staging expects)
			Object.assign(staticData, next);
			return out.length ? [out] : null;
		} catch (error) {
			const nodeError = error instanceof MissingChangeTimeError ? new NodeOperationError(this.getNode(), error.message) : asNodeError(this, error);
			await session.scrub(nodeError);
			throw nodeError;
		}
	}
}
