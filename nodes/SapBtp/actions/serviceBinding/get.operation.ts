import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';
import type { BtpSession } from '../../api/session';
import { readSmAccess } from '../common';
import { includeSecretsField, serviceKeyNotice, smAccessProperties } from '../fields';
import { bindingLocatorField, readBindingRef } from './fields';
import { bindingOutput } from './output';

const properties: INodeProperties[] = [...smAccessProperties, bindingLocatorField, includeSecretsField, serviceKeyNotice];

export const description = updateDisplayOptions({ show: { resource: ['serviceBinding'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number, session: BtpSession): Promise<IDataObject> {
	const includeSecrets = this.getNodeParameter('includeSecrets', i, false) as boolean;
	const { sm } = await readSmAccess.call(this, i, session);
	const ref = await readBindingRef.call(this, i, sm);
	return bindingOutput((await sm.getBinding(ref.id))!, includeSecrets);
}
