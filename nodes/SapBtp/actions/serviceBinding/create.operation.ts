import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import { createOrReuseBinding } from '../../api/serviceManager';
import type { BtpSession } from '../../api/session';
import { validateBindingName } from '../../helpers/validation';
import { readInstanceRef, readSmAccess, readWait } from '../common';
import {
	bindingNameField,
	includeSecretsField,
	instanceLocatorField,
	serviceKeyNotice,
	smAccessProperties,
	waitFields,
} from '../fields';
import { bindingCredentialTypeFields, readBindingParameters } from '../parameters';
import { bindingOutput } from './output';

const properties: INodeProperties[] = [
	...smAccessProperties,
	instanceLocatorField(),
	bindingNameField('A binding of this name on the instance is reused'),
	...bindingCredentialTypeFields,
	includeSecretsField,
	serviceKeyNotice,
	...waitFields,
];

export const description = updateDisplayOptions({ show: { resource: ['serviceBinding'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: BtpSession): Promise<IDataObject> {
	const name = validateBindingName(this.getNode(), i, this.getNodeParameter('bindingName', i) as string);
	const parameters = readBindingParameters.call(this, i);
	const includeSecrets = this.getNodeParameter('includeSecrets', i, false) as boolean;
	const wait = readWait.call(this, i);
	const { sm } = await readSmAccess.call(this, i, session);
	const ref = await readInstanceRef.call(this, i, sm);
	const instance = ref.name === ref.id ? ((await sm.getInstance(ref.id)) ?? ref) : ref;
	const { binding, action } = await createOrReuseBinding(
		sm,
		{ id: ref.id, name: String(instance.name) },
		{ name, parameters },
		wait,
	);
	return { action, ...bindingOutput(binding, includeSecrets) };
}
