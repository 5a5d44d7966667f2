import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { EventsClient } from '../SapBtp/api/events';
import { BtpSession, DEFAULT_SM_ACCESS_BINDING } from '../SapBtp/api/session';
import { eventOutput, newestAccountEvent, pollAccountEvents, type WatermarkState } from './accountEventsPoll';

/**
 * Central account events of the Events service the trigger offers (SAP-docs/btp-cloud-platform
 * Get_Events_0fd393a.md, "Central Events group", plus SubaccountEntitlements_Update from its example
 * answer and Using_the_Events_Service_APIs_94e1895.md). Local events (subscriptions, environments)
 * need a cis "local" key and are not offered.
 */
const EVENT_TYPES = [
	{ name: 'Directory Created', value: 'AccountDirectory_Creation' },
	{ name: 'Directory Deleted', value: 'AccountDirectory_Deletion' },
	{ name: 'Directory Updated', value: 'AccountDirectory_Update' },
	{ name: 'Global Account Entitlements Updated', value: 'GlobalAccountEntitlements_Update' },
	{ name: 'Global Account Updated', value: 'GlobalAccount_Update' },
	{ name: 'Subaccount Created', value: 'Subaccount_Creation' },
	{ name: 'Subaccount Deleted', value: 'Subaccount_Deletion' },
	{ name: 'Subaccount Entitlements Changed', value: 'SubaccountEntitlements_Update' },
	{ name: 'Subaccount Moved', value: 'Subaccount_Move' },
	{ name: 'Subaccount Updated', value: 'Subaccount_Update' },
];

export class SapBtpTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SAP BTP Trigger',
		name: 'sapBtpTrigger',
		icon: { light: 'file:../../icons/sapBtp.svg', dark: 'file:../../icons/sapBtp.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["eventTypes"].join(", ")}}',
		description: 'Starts the workflow on SAP BTP account events, e.g. a new subaccount or changed entitlements',
		defaults: { name: 'SAP BTP Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sapBtpCloudManagementApi', required: true }],
		properties: [
			{
				displayName:
					'Reads the account events of the global account from the SAP Cloud Management service\'s Events service, with the same cis "central" key as the SAP BTP node. The first poll only notes what is there; later polls emit each new event once.',
				name: 'eventsNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event Types',
				name: 'eventTypes',
				type: 'multiOptions',
				options: EVENT_TYPES,
				default: ['Subaccount_Creation'],
				required: true,
				description: 'The account events that start the workflow',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const eventTypes = this.getNodeParameter('eventTypes', []) as string[];
		if (!Array.isArray(eventTypes) || eventTypes.length === 0) {
			throw new NodeOperationError(this.getNode(), 'Select at least one event type', {
				description: 'Field: Event Types, e.g. Subaccount Created.',
			});
		}
		const session = new BtpSession(this, { smAccessBindingName: DEFAULT_SM_ACCESS_BINDING, planGraceMs: 0 });
		const client = new EventsClient(session);
		const now = Date.now();
		// leave a tenth of n8n's budget for the hand-off; an unread rest is read by the next poll
		const budget = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : Number.POSITIVE_INFINITY;
		const stopBefore = now + (Number.isFinite(budget) && budget > 0 ? budget * 0.9 : Number.POSITIVE_INFINITY);
		let failure: unknown;
		try {
			if (this.getMode() === 'manual') {
				const newest = await newestAccountEvent(client, eventTypes, now, stopBefore);
				return newest ? [this.helpers.returnJsonArray([eventOutput(newest)])] : null;
			}
			const state = this.getWorkflowStaticData('node') as WatermarkState & IDataObject;
			const fresh = await pollAccountEvents({ client, state, eventTypes, now, stopBefore });
			return fresh.length ? [this.helpers.returnJsonArray(fresh.map(eventOutput))] : null;
		} catch (error) {
			failure = error;
		}
		// wrapped first, then scrubbed: the wrapper's message, description and cause (an axios error
		// carries the request with its Authorization header) are what n8n shows and stores
		const nodeError =
			failure instanceof NodeApiError || failure instanceof NodeOperationError ? failure : new NodeOperationError(this.getNode(), failure as Error);
		await session.scrub(nodeError);
		throw nodeError;
	}
}

