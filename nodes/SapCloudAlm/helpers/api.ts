/** Everything an operation needs besides its session's client (`session.calm`): parameter checks. */
export type { CloudAlmSession } from './session';
export type { FeatureQuery, SolutionProcessAssignment, TaskQuery, TaskRowFilter } from './client';
export {
	boundedTexts,
	featureBody,
	isoDate,
	listLimit,
	optionalUuid,
	projectAndFilter,
	requireSegment,
	requireText,
	segment,
	taskBody,
	textOf,
	type IdSegment,
	parseJsonBody,
	refuse,
} from './validation';
