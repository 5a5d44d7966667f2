/**
 * Response shapes of the Entitlements service (its OpenAPI spec in SAP/crossplane-provider-btp
 * internal/openapi_clients/btp-entitlements-service-api-go/swagger.json), built from the world's
 * state: `EntitledAndAssignedServicesResponseObject` and `DataCenterResponseObject`.
 * `businessCategory` is an object `{id, displayName}` as on the wire (the spec says string).
 */
import type { Assignment, EntitledPlan, PlanCategory, SimContext } from '../state';

/** Plans assigned with `enable` rather than a numeric `amount` (the category descriptions of the Entitlements OpenAPI spec; SAP/terraform-provider-btp btp/provider/resource_subaccount_entitlement.go). */
export const ENABLE_CATEGORIES: PlanCategory[] = ['ELASTIC_SERVICE', 'ELASTIC_LIMITED', 'APPLICATION'];
export const isEnablePlan = (plan: EntitledPlan) => ENABLE_CATEGORIES.includes(plan.category);

const BUSINESS_CATEGORIES: Record<string, { id: string; displayName: string }> = {
	SAPCloudALMAPIs: {
		id: 'FOUNDATION_CROSS_SERVICES',
		displayName: 'Foundation / Cross Services',
	},
	'service-manager': {
		id: 'FOUNDATION_CROSS_SERVICES',
		displayName: 'Foundation / Cross Services',
	},
	cis: {
		id: 'FOUNDATION_CROSS_SERVICES',
		displayName: 'Foundation / Cross Services',
	},
	'auditlog-viewer': {
		id: 'FOUNDATION_CROSS_SERVICES',
		displayName: 'Foundation / Cross Services',
	},
	APPLICATION_RUNTIME: {
		id: 'APPLICATION_DEVELOPMENT_AND_AUTOMATION',
		displayName: 'Application Development and Automation',
	},
};
const businessCategory = (serviceName: string) =>
	BUSINESS_CATEGORIES[serviceName] ?? { id: 'OTHER', displayName: 'Other' };

export function dataCenters(sim: SimContext) {
	const dc = (name: string, region: string, displayName: string, main: boolean) => ({
		name,
		displayName,
		region,
		environment: 'cloudfoundry',
		iaasProvider: 'AWS',
		supportsTrial: region === 'us10',
		provisioningServiceUrl: `${sim.urls.accounts}/unsupported/provisioning`,
		saasRegistryServiceUrl: `${sim.urls.accounts}/unsupported/saas-manager`,
		domain: `${region}.hana.ondemand.com`,
		isMainDataCenter: main,
		geoAccess: region.startsWith('eu') ? 'BACKWARD_COMPLIANT_EU_ACCESS' : 'STANDARD',
	});
	return [dc('cf-eu10', 'eu10', 'Europe (Frankfurt) - AWS', true), dc('cf-us10', 'us10', 'US East (VA) - AWS', false)];
}

/** An assignment made with a unique identifier belongs to that plan only (same-name plans, #930). */
const samePlan = (a: { serviceName: string; planName: string; uniqueIdentifier?: string }, p: EntitledPlan) =>
	a.serviceName === p.serviceName &&
	a.planName === p.planName &&
	(a.uniqueIdentifier === undefined || a.uniqueIdentifier === p.uniqueIdentifier);

/** Quota a subaccount holds: its amount, or what a running/failed job asked for if that is more. */
export function reservedAmount(a: Assignment): number {
	return Math.max(a.amount, a.requestedAmount ?? 0);
}

/** A plan SAP assigns and manages itself (e.g. `service-manager`/`subaccount-admin`). */
export const isAutoManaged = (sim: SimContext, plan: EntitledPlan) =>
	sim.state.assignments.some((a) => samePlan(a, plan) && a.autoAssigned);

export function assignedTotal(sim: SimContext, plan: EntitledPlan) {
	return sim.state.assignments.filter((a) => samePlan(a, plan)).reduce((sum, a) => sum + reservedAmount(a), 0);
}

function remaining(sim: SimContext, plan: EntitledPlan) {
	return plan.unlimited ? 0 : Math.max(0, plan.amount - assignedTotal(sim, plan));
}

function entitledPlanView(sim: SimContext, plan: EntitledPlan) {
	return {
		name: plan.planName,
		displayName: plan.planDisplayName,
		description: plan.planDescription,
		uniqueIdentifier: plan.uniqueIdentifier,
		category: plan.category,
		amount: plan.amount,
		remainingAmount: remaining(sim, plan),
		unlimited: plan.unlimited,
		autoAssign: isAutoManaged(sim, plan),
		autoDistributeAmount: 0,
		beta: false,
		availableForInternal: false,
		internalQuotaLimit: 0,
		maxAllowedSubaccountQuota: plan.maxAllowedSubaccountQuota,
		numberOfAssignedEntities: sim.state.assignments.filter((a) => samePlan(a, plan)).length,
		providedBy: 'VENDOR',
		provisioningMethod: plan.provisioningMethod,
		resources: [],
		sourceEntitlements: [],
		dataCenters: dataCenters(sim),
	};
}

function assignmentInfoView(sim: SimContext, plan: EntitledPlan, a: Assignment) {
	return {
		entityId: a.subaccountGUID,
		entityType: 'SUBACCOUNT',
		amount: a.amount,
		...(a.requestedAmount !== undefined ? { requestedAmount: a.requestedAmount } : {}),
		entityState: a.entityState,
		stateMessage: a.stateMessage,
		autoAssign: false,
		autoAssigned: a.autoAssigned,
		autoDistributeAmount: 0,
		createdDate: a.createdDate,
		modifiedDate: a.modifiedDate,
		parentId: sim.state.globalAccount.guid,
		parentType: 'GLOBAL_ACCOUNT',
		parentAmount: plan.amount,
		parentRemainingAmount: remaining(sim, plan),
		resources: [],
		unlimitedAmountAssigned: plan.unlimited && a.enabled,
	};
}

function serviceHeader(plan: EntitledPlan) {
	return {
		name: plan.serviceName,
		displayName: plan.serviceDisplayName,
		businessCategory: businessCategory(plan.serviceName),
		ownerType: 'VENDOR',
		iconBase64: '',
		applicationCoordinates: {},
	};
}

/** Groups items by service name, keeping first-seen order. */
function byService<T>(items: T[], service: (t: T) => string) {
	const out = new Map<string, T[]>();
	for (const item of items) out.set(service(item), [...(out.get(service(item)) ?? []), item]);
	return out;
}

export interface AssignmentQuery {
	subaccountGUID?: string;
	serviceName?: string;
	planName?: string;
	assignedServiceName?: string;
	entitledServicesOnly: boolean;
	includeAutoManagedPlans: boolean;
}

/** `EntitledAndAssignedServicesResponseObject` for the query parameters of §3.5.1. */
export function entitledAndAssigned(sim: SimContext, q: AssignmentQuery) {
	const plans = sim.state.entitledPlans.filter(
		(p) =>
			(!q.serviceName || p.serviceName === q.serviceName) &&
			(!q.planName || p.planName === q.planName) &&
			(q.includeAutoManagedPlans || !isAutoManaged(sim, p)),
	);

	const entitledServices = [...byService(plans, (p) => p.serviceName).values()].map((group) => ({
		...serviceHeader(group[0]),
		description: group[0].serviceDescription,
		termsOfUseUrl: '',
		servicePlans: group.map((p) => entitledPlanView(sim, p)),
	}));

	const assignedPlans = q.entitledServicesOnly
		? []
		: plans
				.filter((p) => !q.assignedServiceName || p.serviceName === q.assignedServiceName)
				.map((p) => ({
					plan: p,
					assignments: sim.state.assignments.filter(
						(a) =>
							samePlan(a, p) &&
							(!q.subaccountGUID || a.subaccountGUID === q.subaccountGUID) &&
							(q.includeAutoManagedPlans || !a.autoAssigned),
					),
				}))
				.filter((x) => x.assignments.length > 0);

	const assignedServices = [...byService(assignedPlans, (x) => x.plan.serviceName).values()].map((group) => ({
		...serviceHeader(group[0].plan),
		servicePlans: group.map(({ plan, assignments }) => ({
			name: plan.planName,
			displayName: plan.planDisplayName,
			uniqueIdentifier: plan.uniqueIdentifier,
			category: plan.category,
			beta: false,
			maxAllowedSubaccountQuota: plan.maxAllowedSubaccountQuota,
			unlimited: plan.unlimited,
			assignmentInfo: assignments.map((a) => assignmentInfoView(sim, plan, a)),
		})),
	}));

	return {
		entitledServices,
		assignedServices,
		fetchErrorFromExternalProviderRegistry: false,
	};
}
