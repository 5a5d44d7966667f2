/**
 * The seeded world: one global account, a few subaccounts, the global account's entitlements,
 * the Service Manager catalog, and the keys a user would copy out of the BTP cockpit.
 *
 * Subaccount GUIDs and catalog ids are fixed so examples and docs can name them; secrets are
 * random per start.
 */
import {
	CALM_SCOPES,
	createCisCentralKey,
	createCloudAlmBindingCredentials,
	createDestinationKey,
	createServiceManagerKey,
	registerClient,
	secret,
} from './clients';
import { smContext } from './services/serviceManager';
import type { EntitledPlan, PlanCategory, SimContext, SimState, SmInstance, SmOffering, SmPlan, Subaccount } from './state';

export interface SeedOptions {
	/** Generated extra subaccounts `customer-001` … (for batch tests and the benchmark). Default 5. */
	customers?: number;
	/**
	 * Plan category of `SAPCloudALMAPIs`/`standard`. SAP does not publish it: SAP's
	 * terraform sample assigns `amount = 1`, so numeric `SERVICE` is the default; pass
	 * `ELASTIC_SERVICE` to exercise the `enable` path.
	 */
	calmPlanCategory?: PlanCategory;
	/** Global-account quota of `SAPCloudALMAPIs`/`standard` for numeric categories. Default 500. */
	calmPlanQuota?: number;
	/** `maxAllowedSubaccountQuota` of `SAPCloudALMAPIs`/`standard` (default none): a larger amount for one subaccount is refused. */
	calmPlanMaxPerSubaccount?: number;
}

export const GLOBAL_ACCOUNT_GUID = '0b8a5d2e-6f1c-4d7a-9e3b-5c2a1f0e9d01';
export const SUBACCOUNT_IDS = {
	dev: '7a1c0f4e-0d5b-4c1e-9a51-3e2d1c0b0a01',
	qa: '7a1c0f4e-0d5b-4c1e-9a51-3e2d1c0b0a02',
	prod: '7a1c0f4e-0d5b-4c1e-9a51-3e2d1c0b0a03',
	/** tenant provisioned after 2023-10-16: SAP already created the Cloud ALM API instance + key */
	calm: '7a1c0f4e-0d5b-4c1e-9a51-3e2d1c0b0a04',
} as const;
export const AUTO_GENERATED_INSTANCE_NAME = 'SAPCloudALMAPIs-default';
export const AUTO_GENERATED_BINDING_NAME = 'SAPCloudALMAPIs-default-key';

export const customerGuid = (n: number) => `c0ffee00-0000-4000-8000-${String(n).padStart(12, '0')}`;

const T0 = Date.UTC(2025, 0, 15, 9, 0, 0);

function subaccount(guid: string, displayName: string, subdomain: string, extra: Partial<Subaccount> = {}): Subaccount {
	return {
		guid,
		technicalName: guid,
		displayName,
		subdomain,
		region: 'eu10',
		globalAccountGUID: GLOBAL_ACCOUNT_GUID,
		parentGUID: GLOBAL_ACCOUNT_GUID,
		parentType: 'ROOT',
		state: 'OK',
		stateMessage: 'Subaccount created.',
		betaEnabled: false,
		usedForProduction: 'UNSET',
		createdBy: 'admin@example.com',
		createdDate: T0,
		modifiedDate: T0,
		contractStatus: 'ACTIVE',
		...extra,
	};
}

function plan(p: Partial<EntitledPlan> & Pick<EntitledPlan, 'serviceName' | 'planName' | 'category'>): EntitledPlan {
	return {
		serviceDisplayName: p.serviceName,
		serviceDescription: `${p.serviceName} service`,
		planDisplayName: p.planName,
		planDescription: `${p.planName} plan`,
		uniqueIdentifier: `${p.serviceName.toLowerCase()}-${p.planName.toLowerCase()}`,
		amount: 0,
		unlimited: false,
		maxAllowedSubaccountQuota: null,
		provisioningMethod: 'SERVICE_BROKER',
		...p,
	};
}

const ISO0 = new Date(T0).toISOString();

/**
 * A catalog entry. `instances_retrievable`/`bindings_retrievable` are false for every seeded offering:
 * SAP's recorded catalog (SAP/terraform-provider-btp btp/provider/fixtures/
 * datasource_subaccount_service_offerings.all.yaml) shows false/false for service-manager and for the
 * xs-security-based offerings (xsuaa, destination, …); SAPCloudALMAPIs and cis are XSUAA-based
 * brokers too [I], so `GET …/parameters` answers 400 for all of them.
 */
function offering(
	id: string,
	name: string,
	description: string,
	extra: Partial<SmOffering> = {},
): SmOffering {
	return {
		id,
		name,
		catalog_id: `${id}-catalog`,
		catalog_name: name,
		description,
		bindable: true,
		instances_retrievable: false,
		bindings_retrievable: false,
		plan_updateable: false,
		allow_context_updates: false,
		tags: [],
		metadata: { displayName: description },
		broker_id: 'b0000000-0000-4000-8000-00000000b001',
		data_center: '',
		created_at: ISO0,
		updated_at: ISO0,
		entitlementServiceName: name,
		...extra,
	};
}

function smPlan(id: string, name: string, offeringId: string, entitlementPlanName = name, dataCenter = ''): SmPlan {
	return {
		id,
		name,
		catalog_id: `${id}-catalog`,
		catalog_name: name,
		description: `${name} plan`,
		free: true,
		bindable: true,
		service_offering_id: offeringId,
		data_center: dataCenter,
		metadata: {},
		created_at: ISO0,
		updated_at: ISO0,
		entitlementPlanName,
	};
}

export const OFFERING_IDS = {
	calm: '5e9a1c3d-0000-4000-8000-0000000ca1a0',
	/** the same catalog name in another data center (see `OTHER_DATA_CENTER`) */
	calmOtherDataCenter: '5e9a1c3d-0000-4000-8000-0000000ca1d0',
	serviceManager: '5e9a1c3d-0000-4000-8000-00000000005a',
	cis: '5e9a1c3d-0000-4000-8000-0000000000c1',
};
export const PLAN_IDS = {
	calmStandard: '8f2b6d4e-0000-4000-8000-0000000ca1a1',
	calmStandardOtherDataCenter: '8f2b6d4e-0000-4000-8000-0000000ca1d1',
	smSubaccountAdmin: '8f2b6d4e-0000-4000-8000-00000000005b',
	cisCentral: '8f2b6d4e-0000-4000-8000-0000000000c2',
	cisLocal: '8f2b6d4e-0000-4000-8000-0000000000c3',
};

/**
 * The data center of the second SAPCloudALMAPIs offering. SAP's own clients resolve offerings with
 * `catalog_name eq '<name>' and data_center eq ''` because a catalog name can exist in several data
 * centers (SAP/sap-btp-service-operator client/sm/client.go getServiceOfferingsByNameAndDataCenter;
 * SAP/crossplane-provider-btp internal/clients/servicemanager/api_plan_resolver.go). Value: [I].
 */
export const OTHER_DATA_CENTER = 'cf-us10';

/** Platforms other than SM itself whose instances SM lists (ids are registrations in SM: [I]). */
export const PLATFORM_IDS = {
	cloudFoundry: '3f1b7c2e-0000-4000-8000-0000000000cf',
	kyma: '3f1b7c2e-0000-4000-8000-00000000c8a5',
};
/** The name our Enable operation gives its instance by default, also used by a CF instance of customer-001. */
export const DEFAULT_CALM_INSTANCE_NAME = 'cloud-alm-api';
export const FOREIGN_INSTANCE_IDS = {
	customerCf: '6a0c3e00-0000-4000-8000-0000000000cf',
	calmCf: '6a0c3e00-0000-4000-8000-0000000ca1cf',
	calmKyma: '6a0c3e00-0000-4000-8000-0000000ca1c8',
};

/**
 * An instance created by another platform, listed by SM (`platform_id` = the platform's id). Its
 * `context` follows the Open Service Broker profile of that platform (OSB spec profile.md: Cloud
 * Foundry `organization_guid`/`space_guid`/…; Kubernetes `namespace`/`clusterid`) plus the account
 * keys SAP adds to every context (recorded for SM instances: `subaccount_id`, `zone_id`, …) [I].
 */
function foreignInstance(
	sa: Subaccount,
	o: { id: string; name: string; platform: 'cloudfoundry' | 'kubernetes'; planId: string; offeringId: string; created: string; seq: number },
): SmInstance {
	const account = smContext(sa, o.name);
	delete account.origin;
	const platformContext =
		o.platform === 'cloudfoundry'
			? {
					platform: 'cloudfoundry',
					origin: 'cloudfoundry',
					organization_guid: `0f0e0d0c-0000-4000-8000-${sa.guid.slice(-12)}`,
					organization_name: `${sa.subdomain}-org`,
					space_guid: `0a0b0c0d-0000-4000-8000-${sa.guid.slice(-12)}`,
					space_name: 'dev',
				}
			: { platform: 'kubernetes', origin: 'kubernetes', namespace: 'calm', clusterid: `c1a5e7e0-0000-4000-8000-${sa.guid.slice(-12)}` };
	return {
		id: o.id,
		name: o.name,
		service_plan_id: o.planId,
		service_offering_id: o.offeringId,
		subaccountGUID: sa.guid,
		platform_id: o.platform === 'cloudfoundry' ? PLATFORM_IDS.cloudFoundry : PLATFORM_IDS.kyma,
		parameters: {},
		labels: { subaccount_id: [sa.guid] },
		context: { ...account, ...platformContext },
		ready: true,
		usable: true,
		shared: false,
		created_at: o.created,
		updated_at: o.created,
		paging_sequence: o.seq,
	};
}

export function emptyState(): SimState {
	return {
		globalAccount: { guid: GLOBAL_ACCOUNT_GUID, displayName: 'Acme Global Account', subdomain: 'acme-ga', zoneId: GLOBAL_ACCOUNT_GUID },
		subaccounts: [],
		smAccess: [],
		entitledPlans: [],
		assignments: [],
		jobs: [],
		offerings: [],
		plans: [],
		instances: [],
		bindings: [],
		operations: [],
		uaaClients: [],
		tokens: [],
		calm: { projects: [], tasks: [], comments: [], references: [], features: [], nextFeatureNumber: 1, solutionProcessAssignments: [], hierarchyNodeAssignments: [] },
		calmOutbound: { webhooks: [], subscriptions: [], eventSituations: [], statusEvents: [], deliveries: [] },
		calmMonitoring: { metrics: [], logs: [] },
		events: [],
		destinations: [],
		// event ids: integers (Get_Events_0fd393a.md example: 584299, 584300, 584315)
		seq: { job: 30829210, paging: 1, token: 1, feature: 1, client: 2000, event: 584299 },
		smCreateLog: {},
	};
}

/** Builds the seeded state into `sim.state` and returns the keys a user would paste. */
export function seed(sim: SimContext, opts: SeedOptions = {}) {
	const state = emptyState();
	sim.state = state;

	state.subaccounts.push(
		subaccount(SUBACCOUNT_IDS.dev, 'Acme Dev', 'acme-dev', { description: 'Development' }),
		subaccount(SUBACCOUNT_IDS.qa, 'Acme QA', 'acme-qa'),
		subaccount(SUBACCOUNT_IDS.prod, 'Acme Prod', 'acme-prod', { usedForProduction: 'USED_FOR_PRODUCTION' }),
		subaccount(SUBACCOUNT_IDS.calm, 'Acme Cloud ALM', 'acme-calm', {
			createdDate: Date.UTC(2024, 2, 1),
			modifiedDate: Date.UTC(2024, 2, 1),
			labels: { purpose: ['cloud-alm'] },
		}),
	);
	const customers = opts.customers ?? 5;
	for (let n = 1; n <= customers; n++) {
		const id = String(n).padStart(3, '0');
		state.subaccounts.push(subaccount(customerGuid(n), `Customer ${id}`, `customer-${id}`));
	}

	const calmCategory = opts.calmPlanCategory ?? 'SERVICE';
	const numeric = !['ELASTIC_SERVICE', 'ELASTIC_LIMITED', 'APPLICATION'].includes(calmCategory);
	state.entitledPlans.push(
		plan({
			serviceName: 'SAPCloudALMAPIs',
			serviceDisplayName: 'SAP Cloud ALM API',
			serviceDescription: 'Access the public APIs of SAP Cloud ALM',
			planName: 'standard',
			planDisplayName: 'standard',
			category: calmCategory,
			amount: numeric ? (opts.calmPlanQuota ?? 500) : 0,
			maxAllowedSubaccountQuota: opts.calmPlanMaxPerSubaccount ?? null,
			unlimited: !numeric,
			smOfferingName: 'SAPCloudALMAPIs',
		}),
		plan({
			serviceName: 'service-manager',
			serviceDisplayName: 'Service Manager',
			planName: 'subaccount-admin',
			category: 'ELASTIC_SERVICE',
			unlimited: true,
			smOfferingName: 'service-manager',
		}),
		plan({ serviceName: 'cis', serviceDisplayName: 'Cloud Management Service', planName: 'central', category: 'ELASTIC_SERVICE', unlimited: true, smOfferingName: 'cis' }),
		plan({ serviceName: 'cis', serviceDisplayName: 'Cloud Management Service', planName: 'local', category: 'ELASTIC_SERVICE', unlimited: true, smOfferingName: 'cis' }),
		plan({ serviceName: 'auditlog-viewer', serviceDisplayName: 'Audit Log Viewer', planName: 'free', category: 'APPLICATION', unlimited: true, provisioningMethod: 'NONE_REQUIRED' }),
		plan({ serviceName: 'APPLICATION_RUNTIME', serviceDisplayName: 'Cloud Foundry Runtime', planName: 'MEMORY', category: 'PLATFORM', amount: 4, provisioningMethod: 'NONE_REQUIRED' }),
		// Two plans of one name, told apart only by uniqueIdentifier, as hana-cloud/hana on real
		// global accounts (SAP/terraform-provider-btp issue #930: `--plan-unique-identifier hana-cloud-hana`;
		// the second identifier is made up). Assigning without the identifier answers 400/30001.
		plan({ serviceName: 'hana-cloud', serviceDisplayName: 'SAP HANA Cloud', planName: 'hana', uniqueIdentifier: 'hana-cloud-hana', category: 'SERVICE', amount: 10 }),
		plan({ serviceName: 'hana-cloud', serviceDisplayName: 'SAP HANA Cloud', planName: 'hana', uniqueIdentifier: 'hana-cloud-hana-byol', category: 'SERVICE', amount: 10 }),
	);

	// Service Manager's subaccount-admin plan is auto-assigned to every subaccount, as in BTP.
	for (const sa of state.subaccounts) {
		state.assignments.push({
			serviceName: 'service-manager',
			planName: 'subaccount-admin',
			subaccountGUID: sa.guid,
			amount: 1,
			enabled: true,
			entityState: 'OK',
			stateMessage: 'Succeeded to update assignment of service plan.',
			createdDate: sa.createdDate,
			modifiedDate: sa.createdDate,
			autoAssigned: true,
		});
	}
	// The Cloud ALM tenant subaccount already has the API plan: SAP's instance, a Cloud Foundry one
	// and a Kyma one (below) use it.
	state.assignments.push({
		serviceName: 'SAPCloudALMAPIs',
		planName: 'standard',
		subaccountGUID: SUBACCOUNT_IDS.calm,
		amount: numeric ? 3 : 1,
		enabled: true,
		entityState: 'OK',
		stateMessage: 'Succeeded to update assignment of service plan.',
		createdDate: Date.UTC(2024, 2, 1),
		modifiedDate: Date.UTC(2024, 2, 1),
		autoAssigned: false,
	});

	// customer-001 entitled SAPCloudALMAPIs/standard for a Cloud Foundry instance (seeded below)
	if (customers >= 1) {
		state.assignments.push({
			serviceName: 'SAPCloudALMAPIs',
			planName: 'standard',
			subaccountGUID: customerGuid(1),
			amount: 1,
			enabled: true,
			entityState: 'OK',
			stateMessage: 'Succeeded to update assignment of service plan.',
			createdDate: Date.UTC(2023, 8, 1),
			modifiedDate: Date.UTC(2023, 8, 1),
			autoAssigned: false,
		});
	}

	state.offerings.push(
		offering(OFFERING_IDS.calm, 'SAPCloudALMAPIs', 'SAP Cloud ALM API', { documentedNameRule: true }),
		offering(OFFERING_IDS.serviceManager, 'service-manager', 'Service Manager'),
		offering(OFFERING_IDS.cis, 'cis', 'Cloud Management Service'),
		offering(OFFERING_IDS.calmOtherDataCenter, 'SAPCloudALMAPIs', `SAP Cloud ALM API (${OTHER_DATA_CENTER})`, {
			documentedNameRule: true,
			data_center: OTHER_DATA_CENTER,
		}),
	);
	state.plans.push(
		smPlan(PLAN_IDS.calmStandard, 'standard', OFFERING_IDS.calm),
		smPlan(PLAN_IDS.calmStandardOtherDataCenter, 'standard', OFFERING_IDS.calmOtherDataCenter, 'standard', OTHER_DATA_CENTER),
		smPlan(PLAN_IDS.smSubaccountAdmin, 'subaccount-admin', OFFERING_IDS.serviceManager),
		smPlan(PLAN_IDS.cisCentral, 'central', OFFERING_IDS.cis),
		smPlan(PLAN_IDS.cisLocal, 'local', OFFERING_IDS.cis),
	);

	// ---- keys the user pastes
	const byGuid = (g: string) => state.subaccounts.find((s) => s.guid === g)!;
	const cisCentral = createCisCentralKey(sim);
	const cisCentralViewer = createCisCentralKey(sim, { viewer: true });
	const serviceManager = createServiceManagerKey(sim, byGuid(SUBACCOUNT_IDS.dev), { owner: 'seed SM key (dev)' });
	const serviceManagerX509 = createServiceManagerKey(sim, byGuid(SUBACCOUNT_IDS.dev), {
		owner: 'seed SM X.509 key (dev)',
		x509: { validityDays: 7 },
	});

	// ---- the auto-generated Cloud ALM API instance + binding of the `calm` tenant
	const calmSa = byGuid(SUBACCOUNT_IDS.calm);
	const autoParams = {
		'xs-security': {
			xsappname: AUTO_GENERATED_INSTANCE_NAME,
			authorities: CALM_SCOPES.filter((s) => /projects|tasks|features/.test(s)).map((s) => `$XSMASTERAPPNAME.${s}`),
			'oauth2-configuration': { 'credential-types': ['binding-secret', 'x509'] },
		},
	};
	const created = '2024-03-01T10:00:00.000Z';
	const instanceId = '1d4e7f00-0000-4000-8000-0000000ca1a9';
	// Instances other platforms created, listed before SAP's own: a Cloud Foundry Cloud ALM instance
	// from SAP's older CF procedure ("enabling-sap-cloud-alm-api-in-cloud-foundry") and a Kyma one
	state.instances.push(
		foreignInstance(calmSa, {
			id: FOREIGN_INSTANCE_IDS.calmCf,
			name: 'calm-api-cf',
			platform: 'cloudfoundry',
			planId: PLAN_IDS.calmStandard,
			offeringId: OFFERING_IDS.calm,
			created: '2023-09-12T08:00:00.000Z',
			seq: state.seq.paging++,
		}),
		foreignInstance(calmSa, {
			id: FOREIGN_INSTANCE_IDS.calmKyma,
			name: 'calm-api-kyma',
			platform: 'kubernetes',
			planId: PLAN_IDS.calmStandard,
			offeringId: OFFERING_IDS.calm,
			created: '2023-11-20T08:00:00.000Z',
			seq: state.seq.paging++,
		}),
	);
	if (customers >= 1) {
		// same name as the one our Enable operation creates by default, made on Cloud Foundry
		state.instances.push(
			foreignInstance(byGuid(customerGuid(1)), {
				id: FOREIGN_INSTANCE_IDS.customerCf,
				name: DEFAULT_CALM_INSTANCE_NAME,
				platform: 'cloudfoundry',
				planId: PLAN_IDS.calmStandard,
				offeringId: OFFERING_IDS.calm,
				created: '2023-09-01T08:00:00.000Z',
				seq: state.seq.paging++,
			}),
		);
	}
	state.instances.push({
		id: instanceId,
		name: AUTO_GENERATED_INSTANCE_NAME,
		service_plan_id: PLAN_IDS.calmStandard,
		service_offering_id: OFFERING_IDS.calm,
		subaccountGUID: calmSa.guid,
		platform_id: 'service-manager',
		parameters: autoParams,
		labels: { subaccount_id: [calmSa.guid] },
		context: smContext(calmSa, AUTO_GENERATED_INSTANCE_NAME),
		ready: true,
		usable: true,
		shared: false,
		created_at: created,
		updated_at: created,
		paging_sequence: state.seq.paging++,
		autoGenerated: true,
		xsappname: AUTO_GENERATED_INSTANCE_NAME,
	});
	const cloudAlm = createCloudAlmBindingCredentials(sim, calmSa, { name: AUTO_GENERATED_INSTANCE_NAME, parameters: autoParams }, {
		owner: 'auto-generated Cloud ALM binding',
	});
	state.bindings.push({
		id: '2b5f8a00-0000-4000-8000-0000000ca1b1',
		name: AUTO_GENERATED_BINDING_NAME,
		service_instance_id: instanceId,
		subaccountGUID: calmSa.guid,
		parameters: {},
		labels: { subaccount_id: [calmSa.guid] },
		context: { ...smContext(calmSa, AUTO_GENERATED_INSTANCE_NAME), service_instance_id: instanceId },
		credentials: cloudAlm,
		ready: true,
		created_at: created,
		updated_at: created,
		paging_sequence: state.seq.paging++,
		uaaClientId: cloudAlm.uaa.clientid as string,
	});
	const cloudAlmX509 = createCloudAlmBindingCredentials(sim, calmSa, { name: AUTO_GENERATED_INSTANCE_NAME, parameters: autoParams }, {
		owner: 'seed Cloud ALM X.509 key',
		x509: { validityDays: 7 },
	});
	seedCalmKeys(sim, state, calmSa, { id: instanceId, name: AUTO_GENERATED_INSTANCE_NAME, parameters: autoParams }, cloudAlmX509);
	// a Cloud ALM key whose instance grants only read scopes (missing-scope tests)
	const cloudAlmReadOnly = createCloudAlmBindingCredentials(
		sim,
		calmSa,
		{
			name: 'calm-readonly',
			parameters: { 'xs-security': { xsappname: 'calm-readonly', authorities: ['$XSMASTERAPPNAME.calm-api.projects.read', '$XSMASTERAPPNAME.calm-api.tasks.read', '$XSMASTERAPPNAME.calm-api.features.read'] } },
		},
		{ owner: 'seed Cloud ALM read-only key' },
	);

	// a client the token endpoint knows but whose secret tests will get wrong on purpose
	registerClient(state, {
		clientid: 'sb-wrong-secret-probe!b1|sapcloudalm!b2',
		clientsecret: secret(),
		zoneId: calmSa.technicalName,
		subdomain: calmSa.subdomain,
		subaccountId: calmSa.guid,
		scopes: ['uaa.resource'],
		owner: 'probe',
	});

	// a key of the Destination service instance of the Cloud ALM subaccount (its webhooks go to its destinations)
	const destination = createDestinationKey(sim, calmSa, { owner: 'seed destination key (Cloud ALM subaccount)' });

	seedCloudAlmData(state);

	return { cisCentral, cisCentralViewer, serviceManager, serviceManagerX509, cloudAlm, cloudAlmX509, cloudAlmReadOnly, destination };
}

export type SeedKeys = ReturnType<typeof seed>;

/**
 * Keys of managed systems that SAP created on its instance, named `<system ID>_<client number>_<system
 * number>` (SAP-docs/cloud-alm-setup-admin-guide enabling-sap-cloud-alm-api-704b5dc.md: "To avoid
 * conflicts with automatically created service credentials, use a name that differs from the naming
 * convention …"). System ids, clients and times are made up; they carry no label of ours.
 */
export const MANAGED_SYSTEM_KEYS = [
	{ id: '2b5f8a00-0000-4000-8000-0000000ca1c1', name: 'S4P_100_00', created: '2024-05-10T07:30:00.000Z' },
	{ id: '2b5f8a00-0000-4000-8000-0000000ca1c2', name: 'ECP_200_01', created: '2025-02-03T12:00:00.000Z' },
] as const;
/** A key an administrator created on SAP's instance in the cockpit: the seeded X.509 key (`cloudAlmX509`). */
export const ADMIN_X509_BINDING = { id: '2b5f8a00-0000-4000-8000-0000000ca1d1', name: 'monitoring-x509' } as const;
/**
 * A key of the Cloud Foundry instance `calm-api-cf`, from SAP's older Cloud Foundry procedure: XSUAA
 * writes `credential-type` `instance-secret` for it (SAP-docs/cloud-alm-setup-admin-guide
 * managing-your-service-credentials-87b7851.md: "instance-secret (approach with Cloud Foundry)"). That SM
 * lists a Cloud Foundry service key among its bindings is inferred [I].
 */
export const CF_INSTANCE_SECRET_BINDING = { id: '2b5f8a00-0000-4000-8000-0000000ca1e1', name: 'calm-api-cf-key', created: '2023-09-12T08:30:00.000Z' } as const;

/** The calm tenant's other keys: SAP's managed-system keys, an administrator's X.509 key, a Cloud Foundry key. */
function seedCalmKeys(
	sim: SimContext,
	state: SimState,
	sa: Subaccount,
	sapInstance: { id: string; name: string; parameters: Record<string, unknown> },
	x509: ReturnType<typeof createCloudAlmBindingCredentials>,
) {
	const push = (o: { id: string; name: string; instanceId: string; instanceName: string; credentials: Record<string, unknown>; created: string }) =>
		state.bindings.push({
			id: o.id,
			name: o.name,
			service_instance_id: o.instanceId,
			subaccountGUID: sa.guid,
			parameters: {},
			labels: { subaccount_id: [sa.guid] },
			context: { ...smContext(sa, o.instanceName), service_instance_id: o.instanceId },
			credentials: o.credentials,
			ready: true,
			created_at: o.created,
			updated_at: o.created,
			paging_sequence: state.seq.paging++,
			uaaClientId: String((o.credentials.uaa as Record<string, unknown>).clientid),
		});
	for (const key of MANAGED_SYSTEM_KEYS) {
		const credentials = createCloudAlmBindingCredentials(sim, sa, sapInstance, { owner: `SAP managed-system key ${key.name}` });
		push({ ...key, instanceId: sapInstance.id, instanceName: sapInstance.name, credentials });
	}
	// created "now": its certificate (7 days) was issued when the key was made
	push({ ...ADMIN_X509_BINDING, instanceId: sapInstance.id, instanceName: sapInstance.name, credentials: x509, created: new Date(sim.now() - 60_000).toISOString() });
	const cf = state.instances.find((i) => i.id === FOREIGN_INSTANCE_IDS.calmCf);
	if (cf) {
		const credentials = createCloudAlmBindingCredentials(sim, sa, { name: cf.name, parameters: cf.parameters }, { owner: 'Cloud Foundry service key', instanceSecret: true });
		push({ ...CF_INSTANCE_SECRET_BINDING, instanceId: cf.id, instanceName: cf.name, credentials });
	}
}

/** A project with a few tasks and features, so list/paging calls have something to page through. */
function seedCloudAlmData(state: SimState) {
	const projectId = '3c6a9d00-0000-4000-8000-0000000000f1';
	state.calm.projects.push({
		id: projectId,
		name: 'S/4HANA Implementation',
		status: 'O',
		description: 'Seeded project',
		createdAt: '2024-03-02T08:00:00.000Z',
		timeboxes: [],
	});
	for (let i = 1; i <= 12; i++) {
		state.calm.tasks.push({
			id: `4d7b0e00-0000-4000-8000-${String(i).padStart(12, '0')}`,
			projectId,
			title: `Seeded task ${i}`,
			type: i % 3 === 0 ? 'CALMUS' : 'CALMTASK',
			status: i % 4 === 0 ? 'CIPTKINP' : 'CIPTKOPEN',
			priorityId: [10, 20, 30, 40][i % 4],
			assigneeId: i % 2 ? 'alice@example.com' : 'bob@example.com',
			assigneeName: i % 2 ? 'Alice' : 'Bob',
			dueDate: `2025-0${1 + (i % 9)}-15`,
			lastChangedDate: new Date(Date.UTC(2025, 0, i)).toISOString(),
			createdAt: new Date(Date.UTC(2024, 11, i)).toISOString(),
		});
	}
	for (let i = 1; i <= 7; i++) {
		const n = state.calm.nextFeatureNumber++;
		state.calm.features.push({
			uuid: `5e8c1f00-0000-4000-8000-${String(i).padStart(12, '0')}`,
			displayId: `6-${n}`,
			title: `Seeded feature ${i}`,
			projectId,
			statusCode: 'CIPFEATOPEN',
			priorityCode: 20,
			type: 'STANDARD',
			createdAt: new Date(Date.UTC(2025, 1, i)).toISOString(),
			modifiedAt: new Date(Date.UTC(2025, 1, i)).toISOString(),
		});
	}
}
