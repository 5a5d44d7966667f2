/** Everything an operation needs to call Cloud ALM: the request, list paging and parameter checks. */
export { apiBaseUrl, calmRequest } from './request';
export type { CalmRequest } from './request';
export { odataList, restList, restListUnpaged } from './paging';
export {
	featureBody,
	isoDate,
	listLimit,
	odataString,
	parseJsonBody,
	requireSegment,
	requireText,
	segment,
	taskBody,
	textOf,
} from './validation';
