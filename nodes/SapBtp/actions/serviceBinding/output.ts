import type { IDataObject } from 'n8n-workflow';
import { credentialsForOutput } from '../../helpers/mask';

/** A binding for outputs: its credentials in the shape the SAP Cloud ALM API credential accepts. */
export const bindingOutput = (b: IDataObject, includeSecrets: boolean): IDataObject => ({
	id: b.id,
	name: b.name,
	serviceInstanceId: b.service_instance_id,
	serviceInstanceName: b.service_instance_name,
	ready: b.ready,
	lastOperation: b.last_operation
		? { type: (b.last_operation as IDataObject).type, state: (b.last_operation as IDataObject).state }
		: undefined,
	createdAt: b.created_at,
	serviceKey: b.credentials ? credentialsForOutput(b.credentials, includeSecrets) : null,
	secretsIncluded: includeSecrets,
});
