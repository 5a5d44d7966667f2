/**
 * The simulator's whole world, in memory. Every service module reads and writes this object;
 * `GET /__sim/state` returns a redacted copy of it, `POST /__sim/reset` rebuilds it from the seed.
 *
 * Async work (entitlement jobs, Service Manager operations) is time-based and settled lazily:
 * whoever reads a job/operation/assignment/instance first calls `settle(state, now)`, which moves
 * everything whose `doneAt` has passed to its final state. No background timers.
 */
import type { CalmMonitoringState } from './services/calmMonitoring';
import type { FaultConfig, Profile } from './profile';

export type Millis = number;

// ------------------------------------------------------------------------------------ XSUAA
export interface UaaClient {
	clientid: string;
	/** Absent for X.509-only clients. */
	clientsecret?: string;
	/** PEM of the client certificate an X.509 client must present over mTLS. */
	certificatePem?: string;
	/** `zid` of tokens: the identity zone (tenant) id. */
	zoneId: string;
	/** `ext_attr.zdn`: subdomain of the zone. */
	subdomain: string;
	/** `ext_attr.subaccountid` */
	subaccountId: string;
	/** Fully qualified scopes put into tokens, e.g. `cis-central!b14.job.read`. */
	scopes: string[];
	/** What the client belongs to, for the request log and state dumps. */
	owner: string;
}

export interface IssuedToken {
	jti: string;
	clientid: string;
	zoneId: string;
	subaccountId: string;
	scopes: string[];
	/** epoch seconds */
	exp: number;
	revoked: boolean;
}

// ------------------------------------------------------------------------------------ Accounts
export interface Subaccount {
	guid: string;
	technicalName: string;
	displayName: string;
	subdomain: string;
	region: string;
	globalAccountGUID: string;
	parentGUID: string;
	parentType: 'ROOT' | 'DIRECTORY';
	state: string;
	stateMessage?: string;
	betaEnabled: boolean;
	usedForProduction: 'UNSET' | 'NOT_USED_FOR_PRODUCTION' | 'USED_FOR_PRODUCTION';
	description?: string;
	labels?: Record<string, string[]>;
	createdBy: string;
	createdDate: Millis;
	modifiedDate: Millis;
	contractStatus: 'ACTIVE';
}

/** CIS `serviceManagerBindings` (Accounts v2): SM access keys of a subaccount. */
export interface ServiceManagerAccessBinding {
	name: string;
	subaccountGUID: string;
	clientid: string;
	clientsecret?: string;
	certificate?: string;
	key?: string;
	certUrl?: string;
	sm_url: string;
	url: string;
	xsappname: string;
	/** ISO 8601 (this API, unlike the v1 CIS APIs, uses strings). */
	creationDate: string;
}

// ------------------------------------------------------------------------------------ Entitlements
export type PlanCategory =
	| 'SERVICE'
	| 'ELASTIC_SERVICE'
	| 'ELASTIC_LIMITED'
	| 'APPLICATION'
	| 'QUOTA_BASED_APPLICATION'
	| 'ENVIRONMENT'
	| 'PLATFORM';

/** A plan the global account is entitled to (its quota). */
export interface EntitledPlan {
	serviceName: string;
	serviceDisplayName: string;
	serviceDescription: string;
	planName: string;
	planDisplayName: string;
	planDescription: string;
	uniqueIdentifier: string;
	category: PlanCategory;
	/** Global-account quota for numeric plans (ignored when `unlimited`). */
	amount: number;
	unlimited: boolean;
	/** 0/null = the GA quota is the cap. */
	maxAllowedSubaccountQuota: number | null;
	provisioningMethod: string;
	/** Whether Service Manager exposes this plan (entitled plans become visible in SM). */
	smOfferingName?: string;
}

export type AssignmentState = 'STARTED' | 'PROCESSING' | 'PROCESSING_FAILED' | 'OK';

/** One plan assigned to one subaccount. */
export interface Assignment {
	serviceName: string;
	planName: string;
	/** the plan's `uniqueIdentifier`; tells apart plans of the same name (hana-cloud/hana, #930) */
	uniqueIdentifier?: string;
	subaccountGUID: string;
	/** numeric plans: the effective amount; enable plans: 1 when enabled */
	amount: number;
	/** set while a job is running or after it failed */
	requestedAmount?: number;
	enabled: boolean;
	entityState: AssignmentState;
	stateMessage: string;
	createdDate: Millis;
	modifiedDate: Millis;
	autoAssigned: boolean;
	/** job that is currently changing this assignment */
	pendingJobId?: string;
}

export interface EntitlementJob {
	id: string; // numeric string, e.g. "30829210"
	status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
	description?: string;
	createdAt: Millis;
	doneAt: Millis;
	/** decided when the job is created (fault injection); applied at `doneAt` */
	outcome: 'COMPLETED' | 'FAILED';
	failureMessage?: string;
	/**
	 * When a COMPLETED job's assignments leave STARTED/PROCESSING (`doneAt` + `profile.assignmentLagMs`):
	 * SAP's terraform provider keeps polling `entityState` after the job (resource_subaccount_entitlement.go).
	 */
	assignmentsAt: Millis;
	/** what the assignments end in after a COMPLETED job (fault `assignmentFailure`) */
	assignmentOutcome: 'OK' | 'PROCESSING_FAILED';
	assignmentFailureMessage?: string;
	/** the final states were written to the assignments */
	applied?: boolean;
	/** each change's amount before the job (the Events service tells increased from decreased) */
	previousAmounts?: number[];
	/** the assignments this job changes: target amount/enable per subaccount+plan */
	changes: Array<{
		serviceName: string;
		planName: string;
		uniqueIdentifier?: string;
		subaccountGUID: string;
		amount: number;
		enabled: boolean;
	}>;
}

// ------------------------------------------------------------------------------------ Service Manager
export interface SmOffering {
	id: string;
	name: string; // catalog_name, e.g. SAPCloudALMAPIs
	catalog_id: string;
	catalog_name: string;
	description: string;
	bindable: boolean;
	instances_retrievable: boolean;
	bindings_retrievable: boolean;
	plan_updateable: boolean;
	allow_context_updates: boolean;
	tags: string[];
	metadata: Record<string, unknown>;
	broker_id: string;
	/** '' for the subaccount's own data center (rendered without the field), else e.g. `cf-us10` */
	data_center: string;
	created_at: string;
	updated_at: string;
	/** the Entitlements service name that must be assigned for its plans to show up */
	entitlementServiceName: string;
	/** simulator-internal: SAP's docs for this offering state the <= 32-char instance-name rule */
	documentedNameRule?: boolean;
}

export interface SmPlan {
	id: string;
	name: string;
	catalog_id: string;
	catalog_name: string;
	description: string;
	free: boolean;
	bindable: boolean;
	service_offering_id: string;
	data_center: string;
	metadata: Record<string, unknown>;
	created_at: string;
	updated_at: string;
	/** Entitlements plan name */
	entitlementPlanName: string;
}

export type SmOperationState = 'in progress' | 'succeeded' | 'failed';

export interface SmOperation {
	id: string;
	type: 'create' | 'update' | 'delete';
	state: SmOperationState;
	resource_id: string;
	resource_type: '/v1/service_instances' | '/v1/service_bindings';
	description: string;
	errors?: { error: string; description: string };
	correlation_id: string;
	created_at: string;
	updated_at: string;
	doneAt: Millis;
	outcome: 'succeeded' | 'failed';
	failureDescription?: string;
	/** `error` of a failed operation's `errors` (default BrokerError: the broker refused) */
	failureError?: string;
	/** subaccount that owns the resource */
	subaccountGUID: string;
	/** update: parameters/name/labels to apply when it succeeds */
	pendingChanges?: Record<string, unknown>;
}

export interface SmInstance {
	id: string;
	name: string;
	service_plan_id: string;
	service_offering_id: string;
	subaccountGUID: string;
	/** `service-manager` for instances created through SM; a platform GUID for Cloud Foundry / Kyma ones */
	platform_id: string;
	parameters: Record<string, unknown>;
	labels: Record<string, string[]>;
	context: Record<string, unknown>;
	ready: boolean;
	usable: boolean;
	shared: boolean;
	dashboard_url?: string;
	created_at: string;
	updated_at: string;
	last_operation?: SmOperation;
	/** monotonically increasing; paging order */
	paging_sequence: number;
	/** true for the instance SAP auto-created for tenants provisioned after 2023-10-16 */
	autoGenerated?: boolean;
	/** XSUAA clients minted for this instance's bindings derive their scopes from here */
	xsappname?: string;
}

export interface SmBinding {
	id: string;
	name: string;
	service_instance_id: string;
	subaccountGUID: string;
	parameters: Record<string, unknown>;
	labels: Record<string, string[]>;
	context: Record<string, unknown>;
	credentials: Record<string, unknown>;
	ready: boolean;
	created_at: string;
	updated_at: string;
	last_operation?: SmOperation;
	paging_sequence: number;
	/** XSUAA client id created for this binding (removed on delete) */
	uaaClientId?: string;
}

// ------------------------------------------------------------------------------------ Cloud ALM
export interface CalmProject {
	id: string;
	name: string;
	status: string;
	description?: string;
	createdAt: string;
	timeboxes: CalmTimebox[];
}
export interface CalmTimebox {
	id: string;
	projectId: string;
	type: number;
	name: string;
	startDate: string;
	endDate: string;
	closed: boolean;
}
export interface CalmTask {
	id: string;
	projectId: string;
	title: string;
	type: string;
	status: string;
	subStatus?: string;
	description?: string;
	externalId?: string;
	dueDate?: string;
	priorityId?: number;
	assigneeId?: string;
	assigneeName?: string;
	parentId?: string;
	storyPoints?: number;
	obsolete?: boolean;
	/** the timebox (sprint, phase, milestone) of the project the task is planned in */
	timeboxId?: string;
	/** tag names (the tasks list filters by `tags=`) */
	tags?: string[];
	lastChangedDate: string;
	createdAt: string;
}
export interface CalmComment {
	id: string;
	taskId: string;
	text: string;
	createdAt: string;
}
export interface CalmReference {
	id: string;
	taskId: string;
	name: string;
	url: string;
}
export interface CalmFeature {
	uuid: string;
	displayId: string;
	title: string;
	description?: string;
	projectId: string;
	statusCode: string;
	priorityCode: number;
	releaseId?: string;
	scopeId?: string;
	responsibleId?: string;
	type: string;
	createdAt: string;
	modifiedAt: string;
}

/** A task's assignment to a solution process of a scope (Tasks API `/tasks/solutionProcessAssignments`). */
export interface CalmSolutionProcessAssignment {
	taskId: string;
	scopeId: string;
	solutionScenarioVersionId: string;
	solutionProcessId: string;
}
/** A task's assignment to a process hierarchy node (Tasks API `/tasks/{id}/hierarchyNodeAssignments`). */
export interface CalmHierarchyNodeAssignment {
	taskId: string;
	hierarchyNodeId: string;
}

export interface CalmTenant {
	projects: CalmProject[];
	tasks: CalmTask[];
	comments: CalmComment[];
	references: CalmReference[];
	features: CalmFeature[];
	nextFeatureNumber: number;
	solutionProcessAssignments: CalmSolutionProcessAssignment[];
	hierarchyNodeAssignments: CalmHierarchyNodeAssignment[];
}

// ------------------------------------------------------------------------------------ Events service
/**
 * One account event of the CIS Events service, as `BusinessEventResponseObject` of SAP-docs/
 * btp-cloud-platform docs/50-administration-and-ops/Get_Events_0fd393a.md lists it. Times are kept as
 * epoch ms; the wire format is `profile.eventsTimeFormat`.
 */
export interface AccountEvent {
	id: number;
	actionTime: Millis;
	/** when the record was written; the event is not visible before it */
	creationTime: Millis;
	details: Record<string, unknown>;
	globalAccountGUID: string;
	entityId: string;
	entityType: string;
	eventOrigin: string;
	eventType: string;
}

// ------------------------------------------------------------------------------------ Destination service
/** A subaccount-level destination (its properties as the Destination service REST API stores them). */
export interface SubaccountDestination {
	subaccountGUID: string;
	properties: Record<string, unknown>;
}

// ------------------------------------------------------------------------------------ Cloud ALM outbound events
/** How a Cloud ALM webhook's destination authenticates (header values are not offered). services/calmOutbound.ts */
export type CalmWebhookAuthentication = 'NoAuthentication' | 'BasicAuthentication' | 'ClientCertificateAuthentication' | 'OAuth2ClientCredentials';

/** A webhook of External API Management: its BTP destination, as the Cloud ALM UI sets it up. */
export interface CalmWebhook {
	id: string;
	name: string;
	/** 1 = no retry (SAP publishes no retry policy) */
	maxAttempts: number;
	/** the BTP destination of the Cloud ALM subaccount (Destination service) it posts to, read at each delivery */
	destinationName?: string;
	/** given inline (control API), or the named destination as read at the last delivery */
	destination: {
		url: string;
		authentication: CalmWebhookAuthentication;
		user?: string;
		password?: string;
		tokenServiceURL?: string;
		clientId?: string;
		clientSecret?: string;
		/** ClientCertificateAuthentication: the keystore's certificate and key, its subject CN and SHA-256 fingerprint (hex) */
		certificate?: string;
		key?: string;
		certificateSubject?: string;
		fingerprint?: string;
	};
}

export interface CalmSubscription {
	id: string;
	webhookId: string;
	resourceType: string;
	eventTypes: string[];
	/** tasks: subscriptions are per project */
	projectId?: string;
}

/** An event situation or status event raised in Cloud ALM; `externalId` is the answered ticket id. */
export type CalmOutboundEvent = Record<string, unknown> & { id: string; externalId?: string };

export interface CalmDelivery {
	id: string;
	subscriptionId: string;
	webhookId: string;
	resourceType: string;
	eventType: string;
	resourceId: string;
	url: string;
	status: 'pending' | 'delivered' | 'failed';
	attempts: Array<{ at: string; status?: number; error?: string; durationMs: number; answer?: string }>;
	queuedAt: string;
	externalId?: string;
}

export interface CalmOutboundState {
	webhooks: CalmWebhook[];
	subscriptions: CalmSubscription[];
	eventSituations: CalmOutboundEvent[];
	statusEvents: CalmOutboundEvent[];
	deliveries: CalmDelivery[];
}

// ------------------------------------------------------------------------------------ whole world
export interface SimUrls {
	/** control API (`/__sim/...`) */
	control: string;
	/** XSUAA token endpoint origin (plain, client secret) */
	uaa: string;
	/** XSUAA mTLS origin (`certurl`), https with client certificates */
	uaaCert: string;
	accounts: string;
	entitlements: string;
	serviceManager: string;
	/** Cloud ALM origin; `endpoints.Api` = this + `/api` */
	cloudAlm: string;
	/** CIS Events service origin (`endpoints.events_service_url` of the cis key) */
	events: string;
	/** Destination service origin (`uri` of a destination key) */
	destination: string;
}

export interface SimState {
	globalAccount: { guid: string; displayName: string; subdomain: string; zoneId: string };
	subaccounts: Subaccount[];
	smAccess: ServiceManagerAccessBinding[];
	entitledPlans: EntitledPlan[];
	assignments: Assignment[];
	jobs: EntitlementJob[];
	offerings: SmOffering[];
	plans: SmPlan[];
	instances: SmInstance[];
	bindings: SmBinding[];
	operations: SmOperation[];
	uaaClients: UaaClient[];
	tokens: IssuedToken[];
	calm: CalmTenant;
	/** Cloud ALM's outbound events: webhooks, subscriptions, raised events, deliveries (services/calmOutbound.ts) */
	calmOutbound: CalmOutboundState;
	/** OpenTelemetry metrics and logs pushed into Cloud ALM monitoring, as they arrived (services/calmMonitoring.ts) */
	calmMonitoring: CalmMonitoringState;
	/** account events of the global account (CIS Events service), oldest first */
	events: AccountEvent[];
	/** subaccount-level destinations of every subaccount (Destination service) */
	destinations: SubaccountDestination[];
	/** monotonically increasing counters for ids and paging */
	/**
	 * `client` numbers the `!b<n>` of Cloud ALM binding client ids: XSUAA never reuses one, and a
	 * reused id would let the late removal of a deleted binding's client revoke a live binding's
	 */
	seq: { job: number; paging: number; token: number; feature: number; client: number; event: number };
	/**
	 * Service Manager rate-limit windows, keyed `<clientid>|<limit>` (name kept from when it only
	 * held the instance-create log): the window's end and the calls counted in it.
	 */
	smCreateLog: Record<string, { resetAt: Millis; count: number }>;
}

/** Everything a service handler can reach. */
export interface SimContext {
	state: SimState;
	profile: Profile;
	faults: FaultConfig;
	urls: SimUrls;
	/** CA + server material for the mTLS origin, and a signer for client certificates */
	pki: SimPki;
	/** deterministic random for fault decisions */
	random: () => number;
	/**
	 * Current time of every time-based rule (operations, jobs, token expiry, rate-limit windows).
	 * Tests that run the simulator in-process may replace it (e.g. `() => Date.now() + offset`) to
	 * move time forward deterministically instead of sleeping.
	 */
	now: () => Millis;
}

export interface TokenSigningKey {
	/** `kid` of the token header and of the JWKS entry */
	kid: string;
	privateKeyPem: string;
	/** SPKI PEM, as in the key's `uaa.verificationkey` and the JWKS entry's `value` */
	publicKeyPem: string;
}

export interface SimPki {
	caCertPem: string;
	serverCertPem: string;
	serverKeyPem: string;
	/** XSUAA's RS256 token keys as published at `/token_keys`; the last one signs new tokens. */
	tokenKeys: TokenSigningKey[];
	/** Issues a client certificate (signed by the simulator CA) and its private key. */
	issueClientCertificate(commonName: string, validityDays: number, notAfter?: Date): { certificate: string; key: string };
}
