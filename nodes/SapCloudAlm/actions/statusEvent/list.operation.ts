import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { listLimit, textOf, type CloudAlmSession } from '../../helpers/api';
import type { StatusEventQuery } from '../../helpers/statusEventsClient';
import { INPUT_STEP } from '../../helpers/validation';
import { filtersCollection, limitField, returnAllField } from '../common.descriptions';
import { OBJECT_TYPES } from '../landscapeObject/fields';

/**
 * Event types (SAP's API guide: disruptions, degradations, maintenances; the others as a third-party
 * Cloud ALM MCP server lists them). An event is about a landscape object, so its Type offers the
 * landscape's object types. Free values are accepted by expression.
 */
const EVENT_TYPES = ['Communication', 'Degradation', 'Disruption', 'Maintenance', 'Planned Availability'].map((v) => ({ name: v, value: v }));

const properties: INodeProperties[] = [
	returnAllField,
	limitField,
	filtersCollection([
		{ displayName: 'Event Type', name: 'eventType', type: 'options', options: EVENT_TYPES, default: 'Disruption' },
		{ displayName: 'Service Name', name: 'serviceName', type: 'string', default: '', placeholder: 'e.g. S/4HANA Cloud PRD' },
		{ displayName: 'Service Type', name: 'serviceType', type: 'string', default: '', placeholder: 'e.g. SAP_S4HANA' },
		{ displayName: 'Type', name: 'type', type: 'options', options: OBJECT_TYPES, default: 'CloudService', description: 'The kind of object the event is about' },
		{ displayName: 'From', name: 'startTime', type: 'dateTime', default: '', description: 'Only events that last until this time or later' },
		{ displayName: 'To', name: 'endTime', type: 'dateTime', default: '', description: 'Only events that start at this time or earlier' },
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['statusEvent'], operation: ['list'] } }, properties);

/** An n8n dateTime value as an ISO 8601 instant; refused naming the field when it is none. */
function instant(this: IExecuteFunctions, value: unknown, label: string, i: number): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text =
		value instanceof Date ? value.toISOString() : typeof (value as { toISO?: unknown }).toISO === 'function' ? String((value as { toISO: () => string }).toISO()) : textOf.call(this, value, label, i);
	const t = Date.parse(text);
	if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(t)) {
		throw new NodeOperationError(this.getNode(), `${label} "${text}" is not a date and time`, { itemIndex: i, description: `Step: ${INPUT_STEP}\nField: Filters > ${label}. Use ISO 8601, e.g. 2026-03-01T08:00:00Z.` });
	}
	return new Date(t).toISOString();
}

export async function execute(this: IExecuteFunctions, i: number, session: CloudAlmSession): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const query: StatusEventQuery = {
		eventType: textOf.call(this, filters.eventType, 'Event Type', i) || undefined,
		serviceName: textOf.call(this, filters.serviceName, 'Service Name', i) || undefined,
		serviceType: textOf.call(this, filters.serviceType, 'Service Type', i) || undefined,
		type: textOf.call(this, filters.type, 'Type', i) || undefined,
		startTime: instant.call(this, filters.startTime, 'From', i),
		endTime: instant.call(this, filters.endTime, 'To', i),
	};
	if (query.startTime && query.endTime && query.endTime < query.startTime) {
		throw new NodeOperationError(this.getNode(), 'To is before From', { itemIndex: i, description: `Step: ${INPUT_STEP}\nField: Filters > To` });
	}
	return await session.calm.statusEvents.list(query, listLimit.call(this, i));
}
