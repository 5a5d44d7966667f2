/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/**
 * Latency profile and fault injection of the simulator. Both can be changed at run time through
 * the control API (`POST /__sim/profile`, `POST /__sim/faults`), so one running simulator serves a
 * fast unit test, a benchmark with SAP-like waits, and a fault soak with a fixed seed.
 */

export interface Profile {
	/** Added to every API response (ms). Control API calls are never delayed. */
	latencyMs: number;
	/** How long an entitlement job stays IN_PROGRESS (ms). */
	entitlementJobMs: number;
	/** How long a Service Manager instance operation stays `in progress` (ms). */
	instanceOperationMs: number;
	/** How long a Service Manager binding operation stays `in progress` (ms). */
	bindingOperationMs: number;
	/** `expires_in` of issued tokens (seconds); tokens are rejected after it. */
	tokenTtlSeconds: number;
	/**
	 * Service Manager rate limits per caller (OAuth client id), SAP Help "Rate Limiting" of SAP
	 * Service Manager (SAP-docs/btp-service-manager docs/Service-Consumption/SAP-Service-Manager/
	 * rate-limiting-97be679.md). Each is a count per fixed window (minute = 60 s, hour = 3600 s) that
	 * starts with the caller's first call, as in Peripli/service-manager's limiter
	 * (api/filters/rate_limiter_filter.go on ulule/limiter). 0 turns a limit off.
	 */
	/** `POST /v1/service_instances` per minute (SAP: 50). */
	smInstanceCreatesPerMinute: number;
	/** All SM APIs together, per minute / per hour (SAP: 1,000 / 10,000). */
	smRequestsPerMinute: number;
	smRequestsPerHour: number;
	/** `/v1/service_bindings…` (operation polls included: matched by path prefix) (SAP: 600 / 6,000). */
	smBindingRequestsPerMinute: number;
	smBindingRequestsPerHour: number;
	/** `/v1/service_offerings…` and `/v1/service_plans…`, each its own group (SAP: 100 / 1,000). */
	smCatalogRequestsPerMinute: number;
	smCatalogRequestsPerHour: number;
	/** `POST`, `PATCH` and `DELETE` of `/v1/service_instances…`, each its own group (SAP: 600 / 6,000; creates also 50/min). */
	smInstanceChangesPerMinute: number;
	smInstanceChangesPerHour: number;
	/**
	 * How a group's limit is counted. SAP's page says "All API calls executed in the same time frame
	 * count together towards rate limits" and its examples (100 offerings calls leave 500 for
	 * bindings) read a group limit as a cap on the caller's calls of any group in the window:
	 * `together` (default). Peripli's open-source limiter keeps one counter per group: `perGroup`.
	 * Instance creates are counted on their own in both modes ("CREATE is limited to 50 calls").
	 */
	smRateLimitCounting: 'together' | 'perGroup';
	/**
	 * CIS requests per `cisRateWindowMs` per caller (OAuth client) and endpoint (method + route
	 * template: every job id shares `GET /jobs-management/v1/jobs/{id}/status`) before 429 code
	 * 11006 (0 = off). SAP: "Every API endpoint defines its own custom rate limit rule for the number
	 * of requests per time window and per identified caller"; its only published figure is "more
	 * than five GET requests to /accounts/v1/globalAccounts in less than a three second time window"
	 * (SAP-docs/btp-cloud-platform docs/50-administration-and-ops/rate-limiting-77b217b.md, help.sap.com
	 * "Rate Limiting" of the Cloud Management service). Applying 5 per 3 s to every endpoint is
	 * INFERRED (no other endpoint's number is published); it matches reports of 429s from 20-50
	 * entitlements read at once (SAP/terraform-provider-btp #902, SAP/crossplane-provider-btp #256).
	 */
	cisRequestsPerWindow: number;
	cisRateWindowMs: number;
	/**
	 * Whether a CIS 429 carries `X-Ratelimit-Reset` (epoch ms when the window frees a slot). SAP's
	 * OpenAPI specs (Entitlements/Accounts "Rate Limit Exceeded", vendored in
	 * SAP/crossplane-provider-btp internal/openapi_clients/btp-entitlements-service-api-go/swagger.json)
	 * declare it; the help page says "No HTTP headers are returned". Both are modelled; clients must
	 * cope with either (default: the spec's header).
	 */
	cisRateLimitResetHeader: boolean;
	/**
	 * HTTP status of the Entitlements lock (code 30004: a job for this plan and subaccount is
	 * running). The Entitlements OpenAPI spec lists a 409 without saying what for; SAP's terraform
	 * provider retries `[Error: 30004/400]` (SAP/terraform-provider-btp internal/btpcli/client.go),
	 * i.e. the BTP CLI server relays it as 400. Which one the REST API sends is unknown: both are
	 * modelled, and clients must recognise the lock by its code, not its status.
	 */
	cisLockStatus: 409 | 400;
	/**
	 * What a `PUT /entitlements/v1/subaccountServicePlans` with several `assignmentInfo` entries does
	 * when ONE entry is wrong (an unknown subaccount, an amount above the plan's per-subaccount cap).
	 * SAP documents it for no case [U]: a single-entry PUT answers such errors synchronously (4xx, the
	 * spec's 400/404/409; terraform-provider-btp #927/#930), but whether a batch is validated as a
	 * whole or entry by entry inside its job is not published. Both are modelled, and clients must
	 * cope with both (the SAP BTP node splits the batch in either case):
	 * - `rejectRequest` (default): the whole PUT is refused with the entry's 4xx; nothing changes.
	 * - `failJob`: the PUT is accepted (202), and its ONE job ends FAILED naming the entry; no entry
	 *   of the job is applied (SAP's job status has one status for the whole job: "Asynchronous Jobs",
	 *   SAP-docs/btp-cloud-platform asynchronous-jobs-0a0a6ab.md).
	 */
	cisBadEntryInBatch: 'rejectRequest' | 'failJob';
	/**
	 * How long an assignment stays STARTED/PROCESSING after its job reported COMPLETED (ms). SAP's
	 * terraform provider polls `entityState` until OK/PROCESSING_FAILED after the job
	 * (SAP/terraform-provider-btp btp/provider/resource_subaccount_entitlement.go, createStateConf);
	 * #1658 shows assignments staying PROCESSING. The lag's length on SAP is unknown.
	 */
	assignmentLagMs: number;
	/**
	 * What SM does when `async` is omitted on a mutating call: SM's spec says true, Peripli answers
	 * synchronously unless the broker is async. `true` is the safer default for clients because it
	 * forces them to handle 202.
	 */
	smDefaultAsync: boolean;
	/**
	 * Reject instance names that are not <= 32 chars of [A-Za-z0-9._-] for offerings whose SAP
	 * documentation states that rule (Cloud ALM: "enabling-sap-cloud-alm-api", SAP-docs/
	 * cloud-alm-setup-admin-guide). SAP Service Manager itself only *recommends* such CLI-friendly
	 * names (SAP-docs/btp-service-manager creating-instances-in-other-environments-bf71f6a.md) and
	 * SAP's own @sap/instance-manager creates instances named by a 44-character base64 digest, so
	 * other offerings accept any non-empty name. Whether the Cloud ALM broker enforces it: [U].
	 */
	smStrictInstanceNames: boolean;
	/**
	 * `DELETE` of an instance another platform (Cloud Foundry, Kyma) created: Peripli deletes it
	 * (test/service_instance_and_binding_test/service_instance_test "instance exists in a platform
	 * different from service manager … is successfully deleted"); `notFound` models a hosted SM that
	 * limits DELETE to its own platform as the comment of Peripli's
	 * api/filters/platform_id_instance_validation_filter.go says it should.
	 */
	smForeignInstanceDelete: 'allowed' | 'notFound';
	/**
	 * `DELETE` of an instance that still has bindings (without `cascade=true`). `failOperation`
	 * (default): Peripli's instance interceptor counts the bindings before it calls the broker
	 * (storage/interceptors/smaap_service_instance_interceptor.go deleteSingleInstance: 400
	 * BadRequest "could not delete instance due to N existing bindings"): a sync delete answers 400,
	 * an async one answers 202 and its operation fails with that reason (operations/scheduler.go
	 * runs the action after the 202). `conflict`: the storage's foreign key answers first, 409
	 * `ExistingReferenceEntity` (pkg/util/errors.go HandleStorageError), for a hosted SM that differs.
	 */
	smDeleteInstanceWithBindings: 'failOperation' | 'conflict';
	/** `error` string of XSUAA 401s: `invalid_client` (new UAA) or `unauthorized` (old UAA). */
	uaaBadCredentialsError: 'invalid_client' | 'unauthorized';
	/**
	 * How XSUAA reads `Authorization: Basic` client credentials at `/oauth/token`. UAA's
	 * ClientBasicAuthenticationFilter (cloudfoundry/uaa server/src/main/java/org/cloudfoundry/identity/
	 * uaa/authentication/ClientBasicAuthenticationFilter.java) URL-decodes id and secret unless
	 * `enableUriEncodingCompatibilityMode` is on, in which case it decodes only when the request
	 * says `X-CF-ENCODED-CREDENTIALS: true`. Which one SAP's XSUAA runs is not published, and SAP's
	 * own doc (SAP-docs/btp-cloud-platform "Token Retrieval Fails With Status Code 401") fits both:
	 * a raw `+` fails (decoding), and Spring >= 5.6 clients, which URL-encode, need the header
	 * (compatibility). So both are modelled and clients must work with both:
	 * - `always` (default): always decoded (`+` becomes a space, a bad `%` escape is a 401). It is the
	 *   default because it reproduces the symptom SAP's doc is about: a raw `+` secret in Basic fails;
	 * - `header`: decoded only with `X-CF-ENCODED-CREDENTIALS: true`, else taken raw.
	 */
	uaaBasicDecoding: 'header' | 'always';
	/** `Retry-After` of injected rate-limit faults and of XSUAA/Cloud ALM 429s, seconds (SM's real limits answer their window's end). */
	retryAfterSeconds: number;
	/**
	 * CIS Events service (SAP-docs/btp-cloud-platform docs/50-administration-and-ops/Get_Events_0fd393a.md):
	 * the number of the first page. The request parameter `pageNum` is documented without a base; the
	 * documented one-page answer says `"pageNum": 0`, so 0 is the default [I]; 1 is modelled too.
	 * Clients that ask for `pageNum + 1` of the answer they got work with both.
	 */
	eventsFirstPage: 0 | 1;
	/**
	 * Order of events when the request has no `sortOrder`: not documented [U]. `DESC` (newest first,
	 * the default here) is the harder case for a poller: a new event shifts the later pages.
	 */
	eventsDefaultOrder: 'ASC' | 'DESC';
	/**
	 * How `actionTime`/`creationTime` are written. The doc's table says "String … Unix epoch time in
	 * milliseconds" and SAP's OpenAPI (as generated into SAP Cloud SDK clients, `BusinessEventResponseObject`)
	 * says string, format date-time; the doc's example answer has numbers. `number` (the example) is the
	 * default; `numericString` and `isoString` model the two string readings [I].
	 */
	eventsTimeFormat: 'number' | 'numericString' | 'isoString';
	/** How long after its action an event record is written and visible (ms); the doc's example shows 41-852 ms. */
	eventRecordLagMs: number;
	/**
	 * Precision of Cloud ALM's change timestamps (tasks' `createdTimestamp`/`lastChangedTimestamp`,
	 * features' `createdAt`/`modifiedAt`) and of the changed-since filters on them. SAP publishes
	 * neither; `ms` (default) as the simulator stamps them, `s` cut to whole seconds, so that several
	 * changes share one timestamp (services/calmChangedSince.ts).
	 */
	calmTimestampPrecision: 'ms' | 's';
	/**
	 * Whether the tasks list's `lastChangedTimestamp=gt:<t>` leaves out a task changed exactly at `t`
	 * (`exclusive`, what "greater than" says) or keeps it (`inclusive`). Not published.
	 */
	calmChangedSinceGt: 'exclusive' | 'inclusive';
	/**
	 * Order of the tasks list (it has no documented sort parameter): `created` (default, creation
	 * order: a change does not move a task) or `lastChanged` (oldest change first: a task changed
	 * while a client pages moves to the end). Not published.
	 */
	calmTaskListOrder: 'created' | 'lastChanged';
	/**
	 * What the tasks list does with `lastChangedTimestamp=<op>:<ISO>`: only third parties document it
	 * (consetto/calmcp), SAP's own notebook shows only the day filter `lastChangedDate`. `supported`
	 * (default) filters; `ignored` returns the tasks as if it were absent; `rejected` answers 400.
	 */
	calmLastChangedTimestampFilter: 'supported' | 'ignored' | 'rejected';
	/**
	 * Where a task shows its timebox. `list` (default): list and single reads carry `timeboxId`,
	 * `timeboxName`, `timeboxStartDate`, `timeboxEndDate` (consetto/calmcp src/tools/shape.ts filters
	 * list rows by `timeboxId`, third party, 2026). `detailNameOnly`: list rows carry none, a single
	 * read carries name and dates but no id (SAP-samples/cloud-alm-api-examples
	 * calm-project-task-api.ipynb, 2021: "timebox attributes are available in the tasks/<taskID> APIs").
	 */
	calmTaskTimeboxFields: 'list' | 'detailNameOnly';
	/**
	 * How `DELETE /tasks/solutionProcessAssignments` names the assignments to remove. No source shows
	 * the removal (SAP's notebook calm-copy-template-project.ipynb shows GET and POST only): `body`
	 * (default) reads a JSON array like the POST's; `query` reads `taskId`, `scopeId`,
	 * `solutionScenarioVersionId`, `solutionProcessId` from the query and ignores a body.
	 */
	calmProcessAssignmentDelete: 'body' | 'query';
	/**
	 * What `POST /tasks/solutionProcessAssignments` answers (SAP's notebook prints only the status):
	 * `created` (default) 201 with the created assignments as an array, `empty` 204 without a body.
	 */
	calmProcessAssignmentCreateAnswer: 'created' | 'empty';
	/**
	 * Whether the landscape list (`/calm-landscape/v1/landscapeObjects`) honours `limit`/`offset`.
	 * Third parties send both (consetto/calmcp registry.ts), none shows a page being cut; calmcp's
	 * own pager guards against REST lists that ignore them. `honoured` (default) pages; `ignored`
	 * answers every match whatever the parameters (services/calmLandscape.ts).
	 */
	calmLandscapePaging: 'honoured' | 'ignored';
	/**
	 * Which scopes the four cross-library services check: `library` (default) `calm-api.library.read`
	 * / `.write` / `.delete` as SAP's Interface Library API page names them; `lib` `calm-api.lib.read`
	 * as consetto/calmcp src/calm/scopes.ts names it, and `calm-api.lib.write` / `.delete` by analogy
	 * (inferred; services/calmLibrary.ts).
	 */
	calmLibraryScope: 'library' | 'lib';
	/**
	 * The status of the cross-library's refusal to PATCH an element marked for deletion: SAP's Library
	 * API pages say only "an error is raised", so both readings of an OData service are modelled: `400`
	 * (default, a failed check) or `409` (a conflict with the element's state); the body is the OData
	 * error either way (services/calmLibrary.ts).
	 */
	calmLibraryMarkedForDeletionStatus: 400 | 409;
}

export const DEFAULT_PROFILE: Profile = {
	latencyMs: 0,
	entitlementJobMs: 150,
	instanceOperationMs: 200,
	bindingOperationMs: 100,
	tokenTtlSeconds: 43199,
	smInstanceCreatesPerMinute: 50,
	smRequestsPerMinute: 1000,
	smRequestsPerHour: 10000,
	smBindingRequestsPerMinute: 600,
	smBindingRequestsPerHour: 6000,
	smCatalogRequestsPerMinute: 100,
	smCatalogRequestsPerHour: 1000,
	smInstanceChangesPerMinute: 600,
	smInstanceChangesPerHour: 6000,
	smRateLimitCounting: 'together',
	cisRequestsPerWindow: 5,
	cisRateWindowMs: 3000,
	cisRateLimitResetHeader: true,
	cisLockStatus: 409,
	cisBadEntryInBatch: 'rejectRequest',
	assignmentLagMs: 100,
	smDefaultAsync: true,
	smStrictInstanceNames: true,
	smForeignInstanceDelete: 'allowed',
	smDeleteInstanceWithBindings: 'failOperation',
	uaaBadCredentialsError: 'invalid_client',
	uaaBasicDecoding: 'always',
	retryAfterSeconds: 1,
	eventsFirstPage: 0,
	eventsDefaultOrder: 'DESC',
	eventsTimeFormat: 'number',
	eventRecordLagMs: 50,
	calmTimestampPrecision: 'ms',
	calmChangedSinceGt: 'exclusive',
	calmTaskListOrder: 'created',
	calmLastChangedTimestampFilter: 'supported',
	calmTaskTimeboxFields: 'list',
	calmProcessAssignmentDelete: 'body',
	calmProcessAssignmentCreateAnswer: 'created',
	calmLandscapePaging: 'honoured',
	calmLibraryScope: 'library',
	calmLibraryMarkedForDeletionStatus: 400,
};

/** Probabilities in [0, 1], drawn per API request (control API excluded) from a seeded generator. */
export interface FaultConfig {
	seed: number;
	/** 429 with Retry-After (SM: HTTP-date + `{description}`; CIS: 11006 wrapper; UAA: Retry-After seconds). */
	rateLimit: number;
	/** 500 / 502 / 503 with the service's error body (picked uniformly). */
	serverError: number;
	/** The socket is destroyed before any answer. */
	connectionReset: number;
	/** The answer is delayed by `slowMs` (meant to exceed a client timeout). */
	slow: number;
	slowMs: number;
	/** An async SM operation or entitlement job that is started ends `failed` / `FAILED`. */
	asyncFailure: number;
	/** Entitlement PUT answers 409 with the 30004-style lock error although no job runs. */
	entitlementLock: number;
	/**
	 * A COMPLETED entitlement job whose assignment then ends PROCESSING_FAILED with a `stateMessage`
	 * (the state SAP's terraform provider turns into an error after the job; #1119 lists causes).
	 */
	assignmentFailure: number;
	/**
	 * Where a fault hits a mutating call, apply it AFTER the mutation was committed (the answer is
	 * lost, the object exists): the case that makes naive retries create duplicates.
	 */
	afterCommit: number;
	/** Only requests whose path matches one of these substrings are faulted (empty = all). */
	paths: string[];
}

export const NO_FAULTS: FaultConfig = {
	seed: 1,
	rateLimit: 0,
	serverError: 0,
	connectionReset: 0,
	slow: 0,
	slowMs: 0,
	asyncFailure: 0,
	entitlementLock: 0,
	assignmentFailure: 0,
	afterCommit: 0,
	paths: [],
};

/** mulberry32: small, fast, and good enough to make a fault run reproducible from its seed. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const delay = (ms: number) =>
	new Promise<void>((resolve) => {
		if (ms <= 0) return resolve();
		setTimeout(resolve, ms);
	});
