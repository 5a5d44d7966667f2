import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { isLibrary, type Library } from '../../helpers/libraryClient';
import { INPUT_STEP } from '../../helpers/validation';

/** The four cross-library services (consetto/calmcp docs/API_VERSIONS.md). */
export const libraryField: INodeProperties = {
	displayName: 'Library',
	name: 'library',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Applications', value: 'application', description: 'Fiori apps, transactions and other applications' },
		{ name: 'Configurations', value: 'configuration', description: 'Configuration (customizing) elements' },
		{ name: 'Developments', value: 'development', description: 'Custom developments such as reports and enhancements' },
		{ name: 'Interfaces', value: 'interface', description: 'Integration interfaces between systems' },
	],
	default: 'application',
	description: 'Which cross-library to read',
};

export function libraryOf(this: IExecuteFunctions, i: number): Library {
	const library = this.getNodeParameter('library', i, 'application');
	if (!isLibrary(library)) {
		throw new NodeOperationError(this.getNode(), `Library "${String(library)}" is not one of Applications, Configurations, Developments, Interfaces`, {
			itemIndex: i,
			description: `Step: ${INPUT_STEP}\nField: Library`,
		});
	}
	return library;
}
