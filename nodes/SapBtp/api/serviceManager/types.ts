/**
 * Service Manager's resources as this node reads them, typed after SAP's operator
 * (SAP/sap-btp-service-operator client/sm/types: service_instance.go, service_binding.go,
 * service_offering.go, service_plan.go, operation.go, types.go). Only the fields the node reads
 * are named; SM sends more, and outputs pass some of them on as they came.
 */
import type { IDataObject } from 'n8n-workflow';

/** An operation's type (SAP's operator: types.OperationCategory CREATE / UPDATE / DELETE). */
export type OperationType = 'create' | 'update' | 'delete';
/** An operation's state (SAP's operator: types.OperationState PENDING / IN PROGRESS / SUCCEEDED / FAILED). */
export type OperationState = 'pending' | 'in progress' | 'succeeded' | 'failed';

/** `labels` of an SM object: key → values (SAP's operator: types.Labels). */
export type SmLabels = Record<string, string[]>;

/** One label change of a PATCH (SAP's operator: types.LabelChange; `op` add or remove). */
export interface SmLabelChange extends IDataObject {
	op: 'add' | 'remove';
	key: string;
	values?: string[];
}

/** An async operation: the `last_operation` of an object, or the document behind a 202's Location. */
export interface SmOperation extends IDataObject {
	id?: string;
	type?: OperationType;
	state?: OperationState;
	description?: string;
	/** the broker's reason(s) of a failed operation: one object or a list */
	errors?: IDataObject | IDataObject[];
}

interface SmObject extends IDataObject {
	id: string;
	name: string;
	labels?: SmLabels;
	ready?: boolean;
	last_operation?: SmOperation;
	created_at?: string;
	updated_at?: string;
}

export interface SmInstance extends SmObject {
	service_plan_id?: string;
	/** `service-manager` for instances of the SM API; Cloud Foundry and Kyma ones are listed too */
	platform_id?: string;
	usable?: boolean;
	context?: IDataObject;
}

export interface SmBinding extends SmObject {
	service_instance_id?: string;
	service_instance_name?: string;
	/** the service key (GET of one binding) */
	credentials?: IDataObject;
}

export interface SmOffering extends SmObject {
	catalog_name?: string;
	description?: string;
	data_center?: string;
	/** whether SM can read an instance's parameters back (false or absent: it cannot) */
	instances_retrievable?: boolean;
}

export interface SmPlan extends SmObject {
	catalog_name?: string;
	service_offering_id?: string;
}

/** Any object of the lists: what paging and the generic lifecycle need. */
export type SmResource = SmInstance | SmBinding | SmOffering | SmPlan;

/** The collections of SM's API (`/v1/<collection>`). */
export type SmCollection = 'service_offerings' | 'service_plans' | 'service_instances' | 'service_bindings';
/** The collections whose objects the node creates, updates and deletes. */
export type SmKind = 'service_instances' | 'service_bindings';
export const KIND_LABEL: Record<SmKind, string> = { service_instances: 'service instance', service_bindings: 'service binding' };

export interface WaitOptions {
	wait: boolean;
	timeoutMs: number;
}

// ------------------------------------------------------------------------------------ predicates
/** An operation that has not ended yet. */
export const isRunning = (r?: { last_operation?: SmOperation }) => r?.last_operation?.state === 'in progress' || r?.last_operation?.state === 'pending';

/** An object whose create failed: SM keeps it (not ready) until it is deleted. */
export const createFailed = (r?: { last_operation?: SmOperation }) =>
	!!r && r.last_operation?.type === 'create' && r.last_operation?.state === 'failed';

/** An ended state of an operation (anything else is still running). */
export const isFinalState = (state: string): state is 'succeeded' | 'failed' => state === 'succeeded' || state === 'failed';
