import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { listLimit, textOf, type CloudAlmSession } from '../../helpers/api';
import { LANDSCAPE_FILTERS, type LandscapeQuery } from '../../helpers/landscapeClient';
import { filtersCollection, limitField, returnAllField } from '../common.descriptions';
import { OBJECT_TYPES } from './fields';

const properties: INodeProperties[] = [
	returnAllField,
	limitField,
	filtersCollection(
		[
			{ displayName: 'Deployment Model', name: 'deploymentModel', type: 'string', default: '', placeholder: 'e.g. On-Premise' },
			{ displayName: 'External ID', name: 'externalId', type: 'string', default: '', description: 'The ID the object has in its source, e.g. a tenant ID' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. S4H', description: "The object's whole name: a system's SID, a service's name" },
			{ displayName: 'Object Type', name: 'objectType', type: 'options', options: OBJECT_TYPES, default: 'TechnicalSystem' },
			{ displayName: 'Role', name: 'role', type: 'string', default: '', placeholder: 'e.g. Production', description: 'The system role the landscape gives the object' },
			{ displayName: 'Service Type', name: 'serviceType', type: 'string', default: '', placeholder: 'e.g. SAP_S4HANA' },
			{ displayName: 'Source', name: 'source', type: 'string', default: '', placeholder: 'e.g. SAP for Me', description: 'Where Cloud ALM learnt of the object' },
			{ displayName: 'System Number', name: 'systemNumber', type: 'string', default: '', description: 'The installation or system number of a technical system' },
		],
		'Each filter matches the whole value, as SAP compares it (not a part of it)',
	),
];

export const description = updateDisplayOptions({ show: { resource: ['landscapeObject'], operation: ['list'] } }, properties);

const LABELS: Record<(typeof LANDSCAPE_FILTERS)[number], string> = {
	deploymentModel: 'Deployment Model',
	externalId: 'External ID',
	name: 'Name',
	objectType: 'Object Type',
	role: 'Role',
	serviceType: 'Service Type',
	source: 'Source',
	systemNumber: 'System Number',
};

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const query: LandscapeQuery = {};
	for (const key of LANDSCAPE_FILTERS) {
		const value = textOf.call(this, filters[key], `Filters > ${LABELS[key]}`, i);
		if (value) query[key] = value;
	}
	return await session.calm.landscape.list(query, listLimit.call(this, i));
}
