import { NodeOperationError, type IExecuteFunctions, type INodeParameterResourceLocator, type INodeProperties } from 'n8n-workflow';
import type { ServiceManagerClient } from '../../api/serviceManager';
import { requireText, validateGuid } from '../../helpers/validation';
import { GUID_REGEX } from '../fields';

export const bindingLocatorField: INodeProperties = {
	displayName: 'Service Binding',
	name: 'binding',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchBindings', searchable: true } },
		{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. cloud-alm-api-key' },
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 5c0ffee0-0000-4000-8000-00000000b1d1',
			validation: [{ type: 'regex', properties: { regex: `^\\s*${GUID_REGEX}\\s*$`, errorMessage: 'Not a GUID' } }],
		},
	],
};

/** The binding a locator names; by name it must be unique in the subaccount. */
export async function readBindingRef(
	this: IExecuteFunctions,
	i: number,
	sm: ServiceManagerClient,
): Promise<{ id: string; name: string }> {
	const locator = this.getNodeParameter('binding', i) as INodeParameterResourceLocator;
	const value = requireText(this.getNode(), i, locator?.value, 'Service Binding');
	if (locator.mode === 'name') {
		const found = await sm.findBindingsNamed(value);
		if (found.length !== 1) {
			throw new NodeOperationError(
				this.getNode(),
				found.length ? `Binding name "${value}" is used by ${found.length} instances` : `Service binding "${value}" does not exist`,
				{ itemIndex: i, description: 'Field: Service Binding. Pick it from the list or give its ID.' },
			);
		}
		return { id: found[0].id, name: found[0].name };
	}
	if (locator.mode === 'id') validateGuid(this.getNode(), i, value, 'Service Binding');
	return { id: value, name: value };
}
