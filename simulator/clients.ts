/**
 * OAuth clients and the service keys that carry them. Used by the seed, by the Accounts service
 * (`serviceManagerBindings`) and by the Service Manager (bindings of `service-manager`,
 * `SAPCloudALMAPIs` and `cis` instances), so a key from any of them really yields a token.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { SimContext, SimState, Subaccount, UaaClient } from './state';
import { uaaDomain, verificationKeyPem } from './tokens';

export const CIS_CENTRAL_XSAPPNAME = 'cis-central!b14';
export const CIS_LOCAL_XSAPPNAME = 'cis-local!b4';
export const SM_XSAPPNAME = 'service-manager!b1';
export const CALM_XSMASTERAPPNAME = 'sapcloudalm!b2';
/** The Destination service's master xsappname in its keys' client ids (`…|destination-xsappname!b62`) [I]. */
export const DESTINATION_XSAPPNAME = 'destination-xsappname!b62';

/**
 * Scopes of the `cis` `central` plan as SAP-docs/btp-cloud-platform
 * SAP_Cloud_Management_Service_-_Service_Plans_a508b72.md lists them, plus
 * `global-account.entitlement.read`, which the Entitlements routes check.
 */
export const CIS_CENTRAL_SCOPES = [
	'global-account.read',
	'global-account.update',
	'global-account.subaccount.read',
	'global-account.subaccount.create',
	'global-account.subaccount.update',
	'global-account.subaccount.delete',
	'global-account.account-directory.read',
	'global-account.entitlement',
	'global-account.entitlement.read',
	'global-account.entitlement.subaccount.update',
	'global-account.region.read',
	'directory.entitlement.read',
	'directory.entitlement.update',
	'job.read',
	// the plan table lists `cis-central.event.read`; "Get Events" asks for `$XSAPPNAME.event.read`
	'cis-central.event.read',
];

/** Scopes of the `cis` `central-viewer` plan: can read, cannot assign (for missing-scope tests). */
export const CIS_CENTRAL_VIEWER_SCOPES = [
	'global-account.read',
	'global-account.subaccount.read',
	'global-account.account-directory.read',
	'global-account.entitlement.read',
	'global-account.region.read',
	'directory.entitlement.read',
	'job.read',
	// "The scopes required to get the events are available for all of the plans" (Using_the_Events_Service_APIs_94e1895.md)
	'event.read',
];

/** Scopes of the Service Manager `subaccount-admin` plan (SAP-docs/btp-service-manager sap-service-manager-broker-plans-917a8a7.md, without the two `.manage` scopes of brokers and platforms). */
export const SM_ADMIN_SCOPES = [
	'subaccount.service_instance.read',
	'subaccount.service_instance.manage',
	'subaccount.service_binding.read',
	'subaccount.service_binding.manage',
	'subaccount.service_plan.read',
	'subaccount.service_offering.read',
	'subaccount.broker.read',
	'subaccount.platform.read',
];

/** Cloud ALM API scopes (SAP-samples/cloud-alm-api-examples; the list from consetto/calmcp src/calm/scopes.ts, third party), without the `$XSMASTERAPPNAME.` prefix. */
export const CALM_SCOPES = [
	'calm-api.projects.read',
	'calm-api.projects.write',
	'calm-api.tasks.read',
	'calm-api.tasks.write',
	'calm-api.features.read',
	'calm-api.features.write',
	'calm-api.processmanagement.read',
	'calm-api.processmanagement.write',
	'calm-api.processmanagement.delete',
	'calm-api.processauthoring.read',
	// SAP-samples/cloud-alm-api-examples applications/CustomProcessUpload/README.md
	'calm-api.processauthoring.write',
	'calm-api.testcases.read',
	'calm-api.testcases.write',
	'calm-api.testcases.delete',
	'calm-api.testcases.force-delete',
	'calm-api.documents.read',
	'calm-api.documents.write',
	'calm-api.processhierarchy.read',
	// no SAP source names the write scope of the Process Hierarchy API (docs/sap-behaviour.md)
	'calm-api.processhierarchy.write',
	'calm-api.analytics.read',
	'calm-api.defects.read',
	'calm-api.analytics.providers.read',
	'calm-api.landscape.read',
	// granted with landscape.read for SAP LeanIX landscape discovery (SAP-docs/cloud-alm-setup-admin-guide "Integrate SAP LeanIX")
	'calm-api.subscriptions.read',
	'calm-api.bsm.read',
	// SAP "API Guide for SAP Cloud ALM" → Interface Library API: authorizations at library level
	'calm-api.library.read',
	'calm-api.library.write',
	'calm-api.library.delete',
	// consetto/calmcp src/calm/scopes.ts's name of the cross-library read scope (switch calmLibraryScope);
	// .write / .delete under that spelling are inferred (calmcp is read-only)
	'calm-api.lib.read',
	'calm-api.lib.write',
	'calm-api.lib.delete',
	'calm-api.hm.write',
	'calm-api.exm.write',
];

/**
 * A client secret shaped like XSUAA's binding secrets: `<uuid>$<base64>=`, so it holds `$`, `=`,
 * and (guaranteed here, as real ones often do) `+` and `/`. SAP-docs/btp-cloud-platform "Token
 * Retrieval Fails With Status Code 401" (token-retrieval-fails-with-status-code-401-fd5865e.md):
 * a secret with `+` breaks clients that put it raw into a Basic header XSUAA URL-decodes.
 */
export function secret(): string {
	for (;;) {
		const tail = randomBytes(32).toString('base64'); // 44 characters, the last one '='
		if (tail.includes('+') && tail.includes('/')) return `${randomUUID()}$${tail}`;
	}
}
export const shortId = () => randomBytes(4).toString('hex');


export function registerClient(state: SimState, client: UaaClient): UaaClient {
	state.uaaClients.push(client);
	return client;
}

export function removeClient(state: SimState, clientid: string) {
	state.uaaClients = state.uaaClients.filter((c) => c.clientid !== clientid);
}

/** The CIS `central` service key (client-credentials grant) of the global account. */
export function createCisCentralKey(sim: SimContext, opts: { viewer?: boolean } = {}) {
	const ga = sim.state.globalAccount;
	const clientid = `sb-ut-${randomUUID()}-clone!b${1000 + sim.state.uaaClients.length}|${CIS_CENTRAL_XSAPPNAME}`;
	const clientsecret = secret();
	const scopes = (opts.viewer ? CIS_CENTRAL_VIEWER_SCOPES : CIS_CENTRAL_SCOPES).map(
		(s) => `${CIS_CENTRAL_XSAPPNAME}.${s}`,
	);
	registerClient(sim.state, {
		clientid,
		clientsecret,
		zoneId: ga.zoneId,
		subdomain: ga.subdomain,
		subaccountId: ga.guid,
		scopes,
		owner: opts.viewer ? 'cis-central-viewer key' : 'cis-central key',
	});
	return {
		endpoints: {
			accounts_service_url: sim.urls.accounts,
			cloud_automation_url: `${sim.urls.accounts}/unsupported/cloud-automation`,
			entitlements_service_url: sim.urls.entitlements,
			events_service_url: sim.urls.events,
			external_provider_registry_url: `${sim.urls.accounts}/unsupported/external-provider-registry`,
			metadata_service_url: `${sim.urls.accounts}/unsupported/metadata`,
			order_processing_url: `${sim.urls.accounts}/unsupported/order-processing`,
			provisioning_service_url: `${sim.urls.accounts}/unsupported/provisioning`,
			saas_registry_service_url: `${sim.urls.accounts}/unsupported/saas-manager`,
		},
		grant_type: 'client_credentials',
		'sap.cloud.service': 'com.sap.core.commercial.service.central',
		uaa: {
			apiurl: `${sim.urls.uaa}/api`,
			clientid,
			clientsecret,
			'credential-type': 'binding-secret',
			identityzone: ga.subdomain,
			identityzoneid: ga.zoneId,
			sburl: `${sim.urls.uaa}/sb`,
			subaccountid: ga.guid,
			tenantid: ga.zoneId,
			tenantmode: 'dedicated',
			uaadomain: uaaDomain(sim),
			url: sim.urls.uaa,
			verificationkey: verificationKeyPem(sim),
			xsappname: `ut-${shortId()}-clone!b${1000 + sim.state.uaaClients.length}|${CIS_CENTRAL_XSAPPNAME}`,
			xsmasterappname: CIS_CENTRAL_XSAPPNAME,
			zoneid: ga.zoneId,
		},
	};
}

/**
 * Service Manager access for a subaccount: `{clientid, clientsecret, sm_url, url, xsappname}` or
 * the X.509 form `{clientid, certificate, key, certurl, sm_url, xsappname}` (SAP-docs/btp-service-manager
 * create-a-sap-service-manager-instance-and-binding-1ca5bbe.md).
 */
export function createServiceManagerKey(
	sim: SimContext,
	subaccount: Subaccount,
	opts: { x509?: { validityDays: number }; owner: string },
) {
	const xsappname = `na-${randomUUID()}!a${100 + sim.state.uaaClients.length}|${SM_XSAPPNAME}`;
	const clientid = `sb-${xsappname}`;
	const scopes = SM_ADMIN_SCOPES.map((s) => `${xsappname}.${s}`);
	const client: UaaClient = {
		clientid,
		zoneId: subaccount.technicalName,
		subdomain: subaccount.subdomain,
		subaccountId: subaccount.guid,
		scopes,
		owner: opts.owner,
	};
	if (opts.x509) {
		const { certificate, key } = sim.pki.issueClientCertificate(clientid.slice(0, 60), opts.x509.validityDays);
		client.certificatePem = certificate;
		registerClient(sim.state, client);
		return { clientid, certificate, key, certurl: sim.urls.uaaCert, sm_url: sim.urls.serviceManager, xsappname };
	}
	client.clientsecret = secret();
	registerClient(sim.state, client);
	return {
		clientid,
		clientsecret: client.clientsecret,
		sm_url: sim.urls.serviceManager,
		url: sim.urls.uaa,
		xsappname,
	};
}

/** Turns `$XSMASTERAPPNAME.calm-api.tasks.read` (or `calm-api.tasks.read`) into a granted scope. */
export function calmScopesFromAuthorities(authorities: unknown): string[] {
	if (!Array.isArray(authorities)) return [];
	return authorities
		.filter((a): a is string => typeof a === 'string')
		.map((a) => a.replace(/^\$XSMASTERAPPNAME\./, ''))
		.filter((a) => CALM_SCOPES.includes(a))
		.map((a) => `${CALM_XSMASTERAPPNAME}.${a}`);
}

/**
 * Credentials of a `SAPCloudALMAPIs`/`standard` binding (SAP-docs/cloud-alm-setup-admin-guide
 * enabling-sap-cloud-alm-api-704b5dc.md, managing-your-service-credentials-87b7851.md): `endpoints.Api` plus the
 * XSUAA block. The client's scopes come from the instance's `xs-security.authorities`.
 */
export function createCloudAlmBindingCredentials(
	sim: SimContext,
	subaccount: Subaccount,
	instance: { name: string; parameters: Record<string, unknown> },
	opts: { x509?: { validityDays: number }; owner: string; instanceSecret?: boolean },
) {
	const xs = (instance.parameters?.['xs-security'] ?? {}) as Record<string, unknown>;
	// many instances share an xsappname (every subaccount's `cloud-alm-api`): the `!b<n>` suffix makes the
	// client id unique, and like XSUAA's it is never handed out twice, not even after a delete
	const base = String(xs.xsappname ?? instance.name);
	const xsappname = `${base}!b${++sim.state.seq.client}`;
	const clientid = `sb-${xsappname}|${CALM_XSMASTERAPPNAME}`;
	const client: UaaClient = {
		clientid,
		zoneId: subaccount.technicalName,
		subdomain: subaccount.subdomain,
		subaccountId: subaccount.guid,
		scopes: ['uaa.resource', ...calmScopesFromAuthorities(xs.authorities)],
		owner: opts.owner,
	};
	const uaa: Record<string, unknown> = {
		apiurl: `${sim.urls.uaa}/api`,
		clientid,
		// instance-secret: keys of Cloud Foundry instances (SAP-docs/cloud-alm-setup-admin-guide managing-your-service-credentials-87b7851.md)
		'credential-type': opts.x509 ? 'x509' : opts.instanceSecret ? 'instance-secret' : 'binding-secret',
		identityzone: subaccount.subdomain,
		identityzoneid: subaccount.technicalName,
		sburl: `${sim.urls.uaa}/sb`,
		subaccountid: subaccount.guid,
		tenantid: subaccount.technicalName,
		tenantmode: 'shared',
		uaadomain: uaaDomain(sim),
		url: sim.urls.uaa,
		verificationkey: verificationKeyPem(sim),
		xsappname: `${xsappname}|${CALM_XSMASTERAPPNAME}`,
		zoneid: subaccount.technicalName,
	};
	if (opts.x509) {
		const { certificate, key } = sim.pki.issueClientCertificate(clientid.slice(0, 60), opts.x509.validityDays);
		client.certificatePem = certificate;
		uaa.certificate = certificate;
		uaa.key = key;
		uaa.certurl = sim.urls.uaaCert;
	} else {
		client.clientsecret = secret();
		uaa.clientsecret = client.clientsecret;
	}
	registerClient(sim.state, client);
	return { endpoints: { Api: `${sim.urls.cloudAlm}/api` }, uaa };
}

/**
 * A service key of a Destination service instance (plan `lite`) in `subaccount`: XSUAA fields at the
 * top level plus `uri`, the service (SAP-docs/btp-connectivity calling-the-destination-service-rest-api-84c5d38.md:
 * clientid, clientsecret, url, uri). The other fields as XSUAA-based keys carry them [I].
 */
export function createDestinationKey(sim: SimContext, subaccount: Subaccount, opts: { owner: string }) {
	const xsappname = `clone${randomUUID().replace(/-/g, '')}!b${++sim.state.seq.client}|${DESTINATION_XSAPPNAME}`;
	const clientid = `sb-${xsappname}`;
	const clientsecret = secret();
	registerClient(sim.state, {
		clientid,
		clientsecret,
		zoneId: subaccount.technicalName,
		subdomain: subaccount.subdomain,
		subaccountId: subaccount.guid,
		scopes: ['uaa.resource'],
		owner: opts.owner,
	});
	return {
		clientid,
		clientsecret,
		'credential-type': 'binding-secret',
		identityzone: subaccount.subdomain,
		instanceid: randomUUID(),
		tenantid: subaccount.technicalName,
		tenantmode: 'dedicated',
		uaadomain: uaaDomain(sim),
		uri: sim.urls.destination,
		url: sim.urls.uaa,
		verificationkey: verificationKeyPem(sim),
		xsappname,
	};
}
