/**
 * What the node knows about SAP Cloud ALM Analytics providers before asking, so it can answer "how
 * many" correctly and warn where the service would silently answer something else.
 *
 * Why (consetto/calmcp src/tools/counting.ts, constants.ts, calmAnalytics.ts, observed there on a
 * tenant):
 * - a row is a data point, not a record: one row per combination of a record's dimension values
 *   (a task with several tags is several rows) and per time bucket. Counting rows overstates; the
 *   count is the provider's count measure per group, or `$count` over its identity field alone
 *   with one daily bucket (`period eq 'C1D' and resolution eq 'D'`);
 * - `$orderby` is accepted and ignored;
 * - a `$filter` clause on a field the provider does not honour is dropped without an error, and
 *   every row comes back (Tasks honours `typeID`, not the `type` its spec marks filterable).
 *
 * The catalogue is calmcp's (transcribed from SAP's CALM_ANALYTICS_ODATA spec, corrected on a
 * tenant) for the providers it covers; for others the node knows no field list and says so.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

export interface ProviderFields {
	/** the field that identifies one record (a distinct count over it counts records) */
	identity: string;
	/** the measure that holds the record count of a group */
	countMeasure: string;
	/** fields a `$filter` is applied on; a clause on any other is dropped by the service */
	filterable: string[];
	/** a field people filter on that the service drops, and what to use instead */
	insteadOf?: Record<string, string>;
}

/** Control properties that travel inside `$filter` (calmcp src/tools/analyticsFilter.ts). */
const CONTROLS = ['period', 'resolution', 'timeZone', 'firstWeekDay', 'timestampFormat'];

/** consetto/calmcp src/tools/constants.ts ANALYTICS_PROVIDER_FIELDS. */
export const PROVIDER_FIELDS: Record<string, ProviderFields> = {
	Tasks: {
		identity: 'taskGUID',
		countMeasure: 'counter',
		filterable: ['project', 'scope', 'requirementId', 'requirementGUID', 'parentTask', 'parentTaskId', 'status', 'phase', 'role', 'typeID', 'priority', 'processor', 'overDue', 'team'],
		insteadOf: { type: 'typeID' },
	},
	Defects: {
		identity: 'GUID',
		countMeasure: 'counter',
		filterable: ['project', 'scope', 'name', 'defectStatus', 'team', 'role', 'priority', 'testCaseId', 'testPlan'],
		insteadOf: { status: 'defectStatus' },
	},
	Features: {
		identity: 'featureId',
		countMeasure: 'counter',
		filterable: ['projectId', 'scopeId', 'requirementId', 'featureId', 'status', 'priority', 'responsible', 'release'],
	},
	Requirements: {
		identity: 'GUID',
		countMeasure: 'counter',
		filterable: ['project', 'scope', 'status', 'team', 'assignee', 'priority', 'role', 'approval'],
	},
};

/** The providers (OData entity sets) calmcp lists (src/tools/constants.ts ANALYTICS_PROVIDERS), sorted. */
export const PROVIDER_OPTIONS: INodePropertyOptions[] = [
	'ConfigurationItems',
	'Defects',
	'Exceptions',
	'Features',
	'Jobs',
	'Messages',
	'Metrics',
	'MonitoringEvents',
	'Projects',
	'QualityGates',
	'Requests',
	'Requirements',
	'ScenarioExecutions',
	'ServiceLevels',
	'StatusEvents',
	'Tasks',
	'Tests',
].map((name) => ({ name: name.replace(/([a-z])([A-Z])/g, '$1 $2'), value: name }));

/**
 * The filter fields the service would drop for this provider, each with what to use instead when
 * known; empty when every field is honoured or the provider is not catalogued.
 */
export function ignoredFilterFields(provider: string, fields: string[]): Array<{ field: string; instead?: string }> {
	const known = PROVIDER_FIELDS[provider];
	if (!known) return [];
	return fields
		.filter((f) => !known.filterable.includes(f) && !CONTROLS.includes(f))
		.map((field) => ({ field, instead: known.insteadOf?.[field] }));
}
