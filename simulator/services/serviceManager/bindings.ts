/* eslint-disable @n8n/community-nodes/require-node-api-error */
/** Service bindings: list, read, parameters, create (credentials from the offering's broker), rename and labels, delete. */
import { randomUUID } from 'node:crypto';
import { Router, SimError, isoNow, parseJsonBody, type SimRequest, type SimResponse } from '../../http';
import { createCisCentralKey, createCloudAlmBindingCredentials, createServiceManagerKey } from '../../clients';
import type { SimContext, SmBinding, SmInstance, Subaccount } from '../../state';
import { SM_PLATFORM, smContext } from './instances';
import { accepted, newOperation, rejectIfBusy, runSync } from './operationLifecycle';
import { opFields } from './operations';
import { applyLabelOps, asObject, checkLabels, checkRetrievable } from './parameters';
import { filterItems, pageResponse } from './query';
import { READ_BINDINGS, S, isAsync, start } from './request';

/** The fields a `fieldQuery` on bindings may name. */
const BINDING_FIELDS = new Set(['id', 'name', 'service_instance_id', 'service_instance_name', 'ready', 'context', 'created_at', 'updated_at', 'last_operation']);

function renderBinding(b: SmBinding, sim: SimContext, withOp: boolean) {
	const instance = sim.state.instances.find((i) => i.id === b.service_instance_id);
	return {
		id: b.id,
		name: b.name,
		service_instance_id: b.service_instance_id,
		...(instance ? { service_instance_name: instance.name } : {}),
		ready: b.ready,
		context: b.context,
		// a binding whose operation has not succeeded has no credentials yet
		...(b.ready ? { credentials: b.credentials } : {}),
		bind_resource: {},
		labels: b.labels,
		created_at: b.created_at,
		updated_at: b.updated_at,
		...(withOp && b.last_operation ? { last_operation: opFields(b.last_operation) } : {}),
	};
}

/**
 * Peripli api/filters/check_binding_visibility_filter.go: a binding can only be created (or
 * patched) for an instance of the caller's tenant that SM's own platform created.
 */
function bindableInstance(sim: SimContext, sa: Subaccount, id: unknown) {
	const i = sim.state.instances.find((x) => x.id === id && x.subaccountGUID === sa.guid && x.platform_id === SM_PLATFORM);
	if (!i) throw new SimError(404, 'NotFound', 'service instance not found or not accessible');
	return i;
}

function ownBinding(sim: SimContext, sa: Subaccount, id: string) {
	const b = sim.state.bindings.find((x) => x.id === id && x.subaccountGUID === sa.guid);
	if (!b) throw new SimError(404, 'NotFound', `could not find such service binding: ${id}`);
	return b;
}

const DAYS_PER: Record<string, number> = { DAYS: 1, MONTHS: 30, YEARS: 365 };

/** `{"credential-type":"x509","x509":{validity, validity-type}}` → validity in days, or undefined for secrets. */
function x509Request(
	instance: SmInstance,
	parameters: Record<string, unknown>,
	checkXsSecurity: boolean,
): { validityDays: number } | undefined {
	const type = parameters['credential-type'];
	if (type === undefined || type === 'binding-secret' || type === 'instance-secret') return undefined;
	if (type !== 'x509') throw new SimError(400, 'BadRequest', `unsupported credential-type '${String(type)}'`);
	const x509 = asObject(parameters.x509, 'x509');
	if (x509.certificate !== undefined) {
		throw new SimError(400, 'BadRequest', 'bring-your-own certificates are not supported by the simulator; omit x509.certificate');
	}
	const validity = x509.validity ?? 7;
	const unit = String(x509['validity-type'] ?? 'DAYS').toUpperCase();
	if (typeof validity !== 'number' || !Number.isInteger(validity) || validity < 1 || !DAYS_PER[unit]) {
		throw new SimError(400, 'BadRequest', 'x509.validity must be a positive integer and validity-type one of DAYS, MONTHS, YEARS');
	}
	const xs = asObject(instance.parameters['xs-security'], 'xs-security');
	const allowed = asObject(xs['oauth2-configuration'], 'oauth2-configuration')['credential-types'];
	if (checkXsSecurity && !(Array.isArray(allowed) && allowed.includes('x509'))) {
		throw new SimError(
			400,
			'BadRequest',
			`credential-type x509 is not allowed for service instance ${instance.name}: add "x509" to xs-security oauth2-configuration.credential-types of the instance`,
		);
	}
	return { validityDays: validity * DAYS_PER[unit] };
}

function mintCredentials(sim: SimContext, sa: Subaccount, instance: SmInstance, parameters: Record<string, unknown>) {
	const offering = sim.state.offerings.find((o) => o.id === instance.service_offering_id)!;
	// XSUAA-based brokers (Cloud ALM) only issue certificates the instance's xs-security allows
	const x509 = x509Request(instance, parameters, offering.catalog_name === 'SAPCloudALMAPIs');
	const owner = `binding of ${instance.name}`;
	if (offering.catalog_name === 'SAPCloudALMAPIs') {
		const creds = createCloudAlmBindingCredentials(sim, sa, instance, { owner, x509 });
		return { credentials: creds as Record<string, unknown>, clientid: String(creds.uaa.clientid) };
	}
	if (offering.catalog_name === 'service-manager') {
		const creds = createServiceManagerKey(sim, sa, { owner, x509 });
		return { credentials: creds as Record<string, unknown>, clientid: creds.clientid };
	}
	if (offering.catalog_name === 'cis') {
		const creds = createCisCentralKey(sim);
		return { credentials: creds as unknown as Record<string, unknown>, clientid: creds.uaa.clientid };
	}
	throw new SimError(400, 'BadRequest', `service offering ${offering.catalog_name} is not bindable`);
}

function listBindings(req: SimRequest, sim: SimContext): SimResponse {
	const { subaccount } = start(req, sim, READ_BINDINGS);
	const withOps = req.query.get('attach_last_operations') === 'true';
	const items = sim.state.bindings
		.filter((b) => b.subaccountGUID === subaccount.guid)
		.map((b) => ({ seq: b.paging_sequence, item: renderBinding(b, sim, withOps), labels: b.labels }));
	return pageResponse(req, filterItems(req, items, BINDING_FIELDS), sim.urls.serviceManager);
}

function getBinding(req: SimRequest, sim: SimContext): SimResponse {
	const { subaccount } = start(req, sim, READ_BINDINGS);
	return { status: 200, body: renderBinding(ownBinding(sim, subaccount, req.params.id), sim, true) };
}

function getBindingParameters(req: SimRequest, sim: SimContext): SimResponse {
	const { subaccount } = start(req, sim, READ_BINDINGS);
	const binding = ownBinding(sim, subaccount, req.params.id);
	const instance = sim.state.instances.find((i) => i.id === binding.service_instance_id)!;
	checkRetrievable(sim, req, instance, 'bindings');
	return { status: 200, body: binding.parameters };
}

async function createBinding(req: SimRequest, sim: SimContext): Promise<SimResponse> {
	const { subaccount } = start(req, sim, [S.bindingManage]);
	const async = isAsync(req, sim);
	const body = asObject(parseJsonBody(req), 'body');
	if (typeof body.name !== 'string' || !body.name.trim()) throw new SimError(400, 'BadRequest', 'missing field: name');
	if (typeof body.service_instance_id !== 'string') {
		throw new SimError(400, 'BadRequest', 'missing field: service_instance_id');
	}
	const instance = bindableInstance(sim, subaccount, body.service_instance_id);
	rejectIfBusy(instance, 'service instance');
	if (!instance.ready) {
		throw new SimError(
			400,
			'BadRequest',
			`service instance ${instance.name} is not ready (its last ${instance.last_operation?.type ?? ''} operation ${instance.last_operation?.state ?? 'did not succeed'}); it cannot be bound`,
		);
	}
	if (sim.state.bindings.some((b) => b.service_instance_id === instance.id && b.name === body.name)) {
		throw new SimError(409, 'Conflict', `binding with same name exists for instance with id ${instance.id}`);
	}
	const parameters = asObject(body.parameters, 'parameters');
	const labels = checkLabels(body.labels);
	const { credentials, clientid } = mintCredentials(sim, subaccount, instance, parameters);
	const now = isoNow(sim);
	const binding: SmBinding = {
		id: randomUUID(),
		name: body.name,
		service_instance_id: instance.id,
		subaccountGUID: subaccount.guid,
		parameters,
		labels: { ...labels, subaccount_id: [subaccount.guid] },
		context: { ...smContext(subaccount, instance.name), service_instance_id: instance.id },
		credentials,
		ready: false,
		created_at: now,
		updated_at: now,
		paging_sequence: sim.state.seq.paging++,
		uaaClientId: clientid,
	};
	sim.state.bindings.push(binding);
	const op = newOperation(sim, req, 'create', binding, '/v1/service_bindings', sim.profile.bindingOperationMs);
	binding.last_operation = op;
	if (async) return accepted(`/v1/service_bindings/${binding.id}/operations/${op.id}`);
	try {
		await runSync(sim, op, sim.profile.bindingOperationMs);
	} catch (err) {
		sim.state.bindings = sim.state.bindings.filter((b) => b.id !== binding.id);
		throw err;
	}
	return { status: 201, body: renderBinding(binding, sim, true) };
}

/**
 * PATCH of a binding: its name and labels only, and only synchronously (Peripli/service-manager
 * api/service_binding_controller.go PatchObjectNameAndLabels: `?async=true` → 400 InvalidRequest
 * "…api doesn't support asynchronous operation.", any other field → 400 "…api only supports name
 * and label changes"). SAP's operator renames bindings this way when it rotates credentials
 * (SAP/sap-btp-service-operator client/sm/client.go RenameBinding).
 */
function updateBinding(req: SimRequest, sim: SimContext): SimResponse {
	const { subaccount } = start(req, sim, [S.bindingManage]);
	const requested = `${req.path}${req.query.toString() ? `?${req.query.toString()}` : ''}`;
	if (req.query.get('async') === 'true') {
		throw new SimError(400, 'InvalidRequest', `requested ${requested} api doesn't support asynchronous operation.`);
	}
	const binding = ownBinding(sim, subaccount, req.params.id);
	bindableInstance(sim, subaccount, binding.service_instance_id);
	const body = asObject(parseJsonBody(req), 'body');
	if (Object.keys(body).some((k) => k !== 'name' && k !== 'labels')) {
		throw new SimError(400, 'InvalidRequest', `requested ${requested} api only supports name and label changes`);
	}
	rejectIfBusy(binding, 'service binding');
	if (typeof body.name === 'string' && body.name !== binding.name) {
		if (sim.state.bindings.some((b) => b.service_instance_id === binding.service_instance_id && b.name === body.name)) {
			throw new SimError(409, 'Conflict', `binding with same name exists for instance with id ${binding.service_instance_id}`);
		}
		binding.name = body.name;
	}
	if (body.labels !== undefined) binding.labels = applyLabelOps(binding.labels, body.labels);
	binding.updated_at = isoNow(sim);
	return { status: 200, body: renderBinding(binding, sim, true) };
}

async function deleteBinding(req: SimRequest, sim: SimContext): Promise<SimResponse> {
	const { subaccount } = start(req, sim, [S.bindingManage]);
	const async = isAsync(req, sim);
	const binding = ownBinding(sim, subaccount, req.params.id);
	rejectIfBusy(binding, 'service binding');
	const op = newOperation(sim, req, 'delete', binding, '/v1/service_bindings', sim.profile.bindingOperationMs);
	binding.last_operation = op;
	if (async) return accepted(`/v1/service_bindings/${binding.id}/operations/${op.id}`);
	await runSync(sim, op, sim.profile.bindingOperationMs);
	return { status: 200, body: {} };
}

/**
 * Control API (not SAP's): gives an X.509 binding's certificate another end, so tests can make a
 * key that expires soon (or already did) without waiting days. `{notAfter}` (ISO time) or
 * `{validityDays}` from now; the binding's credentials and its XSUAA client get the new certificate
 * and key, as when SAP issues the binding's certificate. 400 for a binding without a certificate.
 */
export function setBindingCertificateValidity(req: SimRequest, sim: SimContext): SimResponse {
	const binding = sim.state.bindings.find((b) => b.id === req.params.id);
	if (!binding) throw new SimError(404, 'NotFound', `could not find such service binding: ${req.params.id}`);
	const uaa = (binding.credentials.uaa ?? binding.credentials) as Record<string, unknown>;
	const client = sim.state.uaaClients.find((c) => c.clientid === binding.uaaClientId);
	if (typeof uaa.certificate !== 'string' || !client) throw new SimError(400, 'BadRequest', 'the binding has no X.509 certificate');
	const body = asObject(parseJsonBody(req), 'body');
	const notAfter = typeof body.notAfter === 'string' ? new Date(body.notAfter) : undefined;
	const days = typeof body.validityDays === 'number' ? body.validityDays : undefined;
	if ((notAfter && Number.isNaN(notAfter.getTime())) || (!notAfter && (days === undefined || !Number.isFinite(days)))) {
		throw new SimError(400, 'BadRequest', 'give notAfter (ISO time) or validityDays (a number)');
	}
	const end = notAfter ?? new Date(sim.now() + days! * 86400_000);
	const { certificate, key } = sim.pki.issueClientCertificate(client.clientid.slice(0, 60), 1, end);
	uaa.certificate = certificate;
	uaa.key = key;
	client.certificatePem = certificate;
	return { status: 200, body: { id: binding.id, notAfter: end.toISOString() } };
}

export function bindingRoutes(router: Router) {
	router.get('/v1/service_bindings', listBindings);
	router.get('/v1/service_bindings/:id', getBinding);
	router.get('/v1/service_bindings/:id/parameters', getBindingParameters);
	router.post('/v1/service_bindings', createBinding);
	router.patch('/v1/service_bindings/:id', updateBinding);
	router.delete('/v1/service_bindings/:id', deleteBinding);
}
