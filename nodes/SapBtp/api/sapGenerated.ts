/**
 * SAP's auto-generated Cloud ALM API instance (tenants provisioned from 2023-10-16, SAP-docs/
 * cloud-alm-setup-admin-guide binding-credentials-of-the-sap-cloud-alm-api-service-instance-6c734bd.md):
 * finding it, and granting it the scopes an Enable run selected.
 *
 * SAPCloudALMAPIs is not instances_retrievable, so the instance's parameters cannot be read back.
 * What it grants is read from the token of the node's own binding instead: a client-credentials
 * token of an XSUAA broker-plan binding carries the instance's authorities as scopes.
 */
import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';
import { verifyCloudAlmBinding, type BindingVerification } from './cloudAlm';
import {
	ambiguous,
	createFailed,
	createdByThisNode,
	SM_PLATFORM,
	updateInstance,
	type ServiceManagerClient,
	type SmBinding,
	type SmInstance,
	type WaitOptions,
} from './serviceManager';

const AUTHORITY_PREFIX = '$XSMASTERAPPNAME.';

/**
 * The instance of the Cloud ALM plan SAP created: on Service Manager's platform (a Cloud Foundry
 * or Kyma instance of the plan is not SAP's and cannot be bound here), ready, and not created by
 * this node under another name. Two candidates: the node does not guess. `allOfPlan`: the plan's
 * instances on every platform, already listed by the caller (with last operations); then no call.
 */
export async function findSapGeneratedInstance(
	sm: ServiceManagerClient,
	planId: string,
	instanceName: string,
	allOfPlan?: SmInstance[],
): Promise<SmInstance | undefined> {
	const step = 'Find the instance SAP generated';
	const ofPlan = allOfPlan ? allOfPlan.filter((x) => x.platform_id === SM_PLATFORM) : await sm.listInstancesOfPlan(step, planId, true);
	const candidates = ofPlan.filter((x) => x.ready && !createFailed(x) && !createdByThisNode(x));
	if (candidates.length > 1) {
		throw ambiguous(
			sm.session,
			step,
			'The instance SAP generated',
			candidates,
			`Several instances of the Cloud ALM API plan exist (${candidates.map((c) => `"${c.name}"`).join(', ')}). Set Instance Name to the one to use, or turn off Reuse SAP-Generated Instance to create "${instanceName}".`,
		);
	}
	return candidates[0];
}

/** The Cloud ALM scopes instance parameters ask for (`$XSMASTERAPPNAME.<scope>` authorities). */
export function requestedScopes(parameters: IDataObject | undefined): string[] {
	const xs = parameters?.['xs-security'] as IDataObject | undefined;
	const authorities = Array.isArray(xs?.authorities) ? (xs!.authorities as unknown[]) : [];
	return [...new Set(authorities.filter((a): a is string => typeof a === 'string').map((a) => a.replace(AUTHORITY_PREFIX, '')))].sort();
}

const uaaOf = (credentials: unknown) => ((credentials as IDataObject | undefined)?.uaa ?? {}) as IDataObject;

export interface ScopeGrant {
	action: 'alreadyGranted' | 'updated';
	details: IDataObject;
	/** the verification of the binding after the update */
	verification?: BindingVerification;
}

/**
 * Makes SAP's instance grant `wanted`: nothing when the token already has them; else one update
 * whose xs-security keeps the instance's xsappname (from the binding's credentials: XSUAA does
 * not allow changing it), every scope it grants now, and every credential type (the two Cloud ALM
 * supports plus any a binding of the instance uses), so no existing key loses anything. A refused
 * update fails naming the missing scopes; so does a token that still lacks them afterwards.
 */
export async function grantMissingScopes(
	sm: ServiceManagerClient,
	input: {
		instance: SmInstance;
		binding: SmBinding;
		wanted: string[];
		granted: string[];
		bindingCredentialType: string;
		wait: WaitOptions;
	},
): Promise<ScopeGrant> {
	const { session } = sm;
	const { instance, binding, wanted, granted } = input;
	const missing = wanted.filter((s) => !granted.includes(s));
	if (!missing.length) return { action: 'alreadyGranted', details: { scopes: wanted } };

	const step = "Grant the selected scopes on SAP's instance";
	const fix = `Add them to the authorities of instance "${instance.name}" in the BTP cockpit (as ${AUTHORITY_PREFIX}<scope>), or turn off Reuse SAP-Generated Instance so the node creates an instance of its own with them.`;
	const headline = `SAP's instance "${instance.name}" does not grant the selected scope(s) ${missing.join(', ')}`;
	const xsappname = String(uaaOf(binding.credentials).xsappname ?? '').split('!')[0];
	if (!xsappname) {
		throw new NodeOperationError(session.node, `${headline}, and the node cannot update it: the binding's credentials do not name its xsappname`, {
			description: `Step: ${step}\nMissing scopes: ${missing.join(', ')}\n${fix}`,
		});
	}
	const types = new Set(['binding-secret', 'x509', input.bindingCredentialType]);
	for (const b of await sm.listBindingsOf(step, instance.id)) {
		const type = uaaOf(b.credentials)['credential-type'];
		if (typeof type === 'string' && type) types.add(type);
	}
	const authorities = [...new Set([...granted.filter((s) => !s.startsWith('uaa.')), ...wanted])].sort();
	const parameters = {
		'xs-security': {
			xsappname,
			authorities: authorities.map((s) => `${AUTHORITY_PREFIX}${s}`),
			'oauth2-configuration': { 'credential-types': [...types].sort() },
		},
	};
	try {
		await updateInstance(sm, instance, { parameters }, input.wait);
	} catch (error) {
		// SM's error (step, code, correlation id) stays; the message and description add what is missing
		const refused =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(session.node, error as Error, { description: 'Step: Update the service instance' });
		refused.message = `${headline}, and Service Manager refused to update it: ${refused.message}`;
		refused.description = [refused.description, `Missing scopes: ${missing.join(', ')}`, fix].filter(Boolean).join('\n');
		throw refused;
	}
	const verification = await verifyCloudAlmBinding(session, binding.credentials as IDataObject | undefined);
	const still = wanted.filter((s) => !verification.scopes.includes(s));
	if (still.length) {
		throw new NodeOperationError(session.node, `${headline.replace('does not grant', 'still does not grant')} after its update`, {
			description: `Step: ${step}\nMissing scopes: ${still.join(', ')}\n${fix}`,
		});
	}
	return { action: 'updated', details: { added: missing, scopes: verification.scopes }, verification };
}
