/**
 * The bad-input catalogue (issue 8): inputs a user can really give, across the SAP BTP and SAP
 * Cloud ALM nodes, the SAP BTP Trigger and the four credentials. Each case says what the node must answer (a message
 * naming the field, a fix in the message or description) and how far the run may get:
 *   none      — refused before any HTTP request (pure input validation);
 *   readOnly  — refused after looking something up (unknown subaccount, unknown instance), no write;
 *   rejected  — SAP itself refuses the one write (its reason is relayed); nothing changes.
 */
import type { IDataObject } from 'n8n-workflow';
import type { RunningSimulator } from '../../simulator';
import { SUBACCOUNT_IDS } from '../../simulator/seed';

export type Reach = 'none' | 'readOnly' | 'rejected';
export type Target =
	| { node: 'sapBtp'; parameters: IDataObject; cisKey?: unknown; smKey?: unknown; destinationKey?: unknown; webhookCredential?: { user: string; password: string } }
	| { node: 'sapCloudAlm'; parameters: IDataObject; key?: unknown }
	/** the SAP BTP Trigger, polled once in manual mode ("Fetch Test Event"); `cis` is the credential data */
	| { node: 'sapBtpTrigger'; cis: IDataObject };

export interface BadInputCase {
	name: string;
	/** which part of the UI the user has to fix (checked in message + description) */
	field: string | RegExp;
	target: (sim: RunningSimulator) => Target;
	message: string | RegExp;
	/** the fix, found in the message or the description */
	fix: RegExp;
	reach: Reach;
}

type Key = Record<string, unknown> & { uaa: Record<string, unknown>; endpoints: Record<string, unknown> };
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });
const UNKNOWN_GUID = '7a1c0f4e-0d5b-4c1e-9a51-3e2d1c0b0aff';

const btp = (parameters: IDataObject, keys: { cisKey?: unknown; smKey?: unknown; destinationKey?: unknown; webhookCredential?: { user: string; password: string } } = {}): Target => ({ node: 'sapBtp', parameters, ...keys });
const btpTrigger = (cis: IDataObject): Target => ({ node: 'sapBtpTrigger', cis });
/** a cis key (pasted) with `events_service_url` set, or removed when undefined */
const cisWithEvents = (sim: RunningSimulator, eventsUrl: string | undefined): IDataObject => {
	const key = copy(sim.keys.cisCentral) as Key;
	if (eventsUrl === undefined) delete key.endpoints.events_service_url;
	else key.endpoints.events_service_url = eventsUrl;
	return { inputMode: 'json', serviceKey: JSON.stringify(key) };
};
/** the cis key entered field by field, with this Events Service URL */
const cisFieldsWithEvents = (sim: RunningSimulator, eventsUrl: string): IDataObject => {
	const key = sim.keys.cisCentral as Key;
	return {
		inputMode: 'fields',
		accountsUrl: String(key.endpoints.accounts_service_url),
		entitlementsUrl: String(key.endpoints.entitlements_service_url),
		eventsUrl,
		authType: 'secret',
		clientId: String(key.uaa.clientid),
		clientSecret: String(key.uaa.clientsecret),
		uaaUrl: String(key.uaa.url),
	};
};
const connect = (extra: IDataObject = {}): IDataObject => ({
	resource: 'cloudAlmApi',
	operation: 'connectN8n',
	webhookUrl: 'https://n8n.example.com/webhook/cloud-alm-events',
	webhookAuthentication: 'basic',
	...extra,
});
/** the SAP Cloud ALM Webhook API credential Connect reads (Basic Auth) unless a case gives another */
export const CONNECT_WEBHOOK_CREDENTIAL = { user: 'calm', password: 'Pw+/%:secret-1' };
const destinationWith = (sim: RunningSimulator, edit: (key: Record<string, unknown>) => void) => {
	const key = copy(sim.keys.destination) as Record<string, unknown>;
	edit(key);
	return key;
};
const calm = (parameters: IDataObject, key?: unknown): Target => ({ node: 'sapCloudAlm', parameters, key });
const smInstance = (operation: string, extra: IDataObject): IDataObject => ({
	resource: 'serviceInstance',
	operation,
	serviceManagerAccess: 'serviceManagerCredential',
	...extra,
});
const enable = (extra: IDataObject = {}): IDataObject => ({
	resource: 'cloudAlmApi',
	operation: 'enable',
	subaccount: rl(SUBACCOUNT_IDS.dev),
	serviceManagerAccess: 'derived',
	...extra,
});
const configure = (extra: IDataObject): IDataObject => ({
	resource: 'entitlement',
	operation: 'configure',
	subaccount: rl(SUBACCOUNT_IDS.dev),
	...extra,
});
const listProjects = { resource: 'project', operation: 'list', returnAll: true };
const getTask = (taskId: string) => ({ resource: 'task', operation: 'get', taskId });

export const CASES: BadInputCase[] = [
	// ---------------------------------------------------------------- SAP BTP: names and parameters
	{ name: 'empty instance name', field: 'Instance Name', target: () => btp(smInstance('create', { instanceName: '  ' })), message: 'Instance Name is empty', fix: /Enter a name of 1–32 characters/, reach: 'none' },
	{ name: 'instance name of 33 characters', field: 'Instance Name', target: () => btp(smInstance('create', { instanceName: 'x'.repeat(33) })), message: 'Instance Name is 33 characters long; SAP allows at most 32', fix: /Shorten .* to 32 characters/, reach: 'none' },
	{ name: 'instance name with illegal characters', field: 'Instance Name', target: () => btp(smInstance('createOrUpdate', { instanceName: 'cloud alm/api' })), message: 'Instance Name contains characters SAP does not allow: space, "/"', fix: /Use only letters, digits/, reach: 'none' },
	{ name: 'Enable: instance name too long', field: 'Instance Name', target: () => btp(enable({ instanceName: 'cloud-alm-api-for-customer-0001-x' })), message: 'Instance Name is 33 characters long; SAP allows at most 32', fix: /Shorten/, reach: 'none' },
	{ name: 'parameters JSON cut off', field: 'Parameters (JSON)', target: () => btp(smInstance('create', { instanceName: 'ok-name', parametersMode: 'json', parametersJson: '{"xs-security": {"xsappname": "x"' })), message: /^Parameters \(JSON\) is not valid JSON/, fix: /Enter a JSON object/, reach: 'none' },
	{ name: 'parameters JSON is an array', field: 'Parameters (JSON)', target: () => btp(smInstance('create', { instanceName: 'ok-name', parametersMode: 'json', parametersJson: '[1,2]' })), message: 'Parameters (JSON) must be a JSON object', fix: /Enter an object in curly braces/, reach: 'none' },
	{ name: 'empty binding name', field: 'Binding Name', target: () => btp(enable({ bindingName: '={{ $json.missing ?? "" }}' })), message: 'Binding Name is empty', fix: /Enter a name for the binding/, reach: 'none' },
	{ name: 'binding name with spaces', field: 'Binding Name', target: () => btp(enable({ bindingName: 'my key' })), message: 'Binding Name is not valid', fix: /without spaces or quotes/, reach: 'none' },
	// ---------------------------------------------------------------- SAP BTP: subaccount, plan, amount
	{ name: 'subaccount that is not a GUID', field: 'Subaccount', target: () => btp(configure({ subaccount: rl('={{ "acme-dev-1" }}') })), message: 'Subaccount "acme-dev-1" is not a GUID', fix: /paste the GUID/, reach: 'none' },
	{ name: 'empty subaccount', field: 'Subaccount', target: () => btp(enable({ subaccount: rl('={{ "" }}', 'subdomain') })), message: 'Subaccount is empty', fix: /Pick the subaccount from the list/, reach: 'none' },
	{ name: 'unknown subaccount (GUID)', field: 'Subaccount', target: () => btp(enable({ subaccount: rl(UNKNOWN_GUID) })), message: `Subaccount "${UNKNOWN_GUID}" is not in the global account of the Cloud Management credential`, fix: /pick one from the list or check the GUID/, reach: 'readOnly' },
	{ name: 'unknown subaccount (subdomain)', field: 'Subaccount', target: () => btp(configure({ subaccount: rl('acme-nowhere', 'subdomain'), serviceName: 'SAPCloudALMAPIs', planName: 'standard' })), message: 'Subaccount "acme-nowhere" is not in the global account of the Cloud Management credential', fix: /check the subdomain/, reach: 'readOnly' },
	{ name: 'unknown plan (entitlement)', field: 'Field: Service Name / Plan Name', target: () => btp(configure({ serviceName: 'SAPCloudALMAPIs', planName: 'gold' })), message: /^Entitlements service rejected assigning SAPCloudALMAPIs\/gold .* \(code 30015\): Cannot assign service SAPCloudALMAPIs and plan gold to subaccount .*\. The global account .* of this subaccount is not entitled to this service plan\.$/, fix: /check both names/, reach: 'rejected' },
	{ name: 'unknown plan (service instance)', field: 'plan "gold"', target: () => btp(smInstance('create', { instanceName: 'ok-name', offering: rl('SAPCloudALMAPIs', 'name'), plan: rl('gold', 'name') })), message: 'Service Manager does not offer SAPCloudALMAPIs/gold in this subaccount', fix: /Entitle the plan first .* or check the names/, reach: 'readOnly' },
	{ name: 'amount on an enable-only plan', field: 'Field: Amount', target: () => btp(configure({ serviceName: 'auditlog-viewer', planName: 'free', amount: 2 })), message: /\(code 12003\): Cannot assign an amount to service plan 'free' of service 'auditlog-viewer'/, fix: /set Amount to 0/, reach: 'rejected' },
	{ name: 'fractional amount', field: 'Amount', target: () => btp(enable({ amount: 1.5 })), message: 'Amount must be a whole number of at least 1 (got 1.5)', fix: /Set Amount to 1 or more/, reach: 'none' },
	{ name: 'negative wait timeout', field: 'Wait Timeout', target: () => btp(configure({ serviceName: 'SAPCloudALMAPIs', planName: 'standard', waitTimeout: -5 })), message: 'Wait Timeout must be greater than 0 (got -5)', fix: /Enter the number of seconds to wait/, reach: 'none' },
	{ name: 'request timeout of 0', field: 'Request Timeout', target: () => btp(enable({ options: { requestTimeout: 0 } })), message: 'Request Timeout must be greater than 0 (got 0)', fix: /Options → Request Timeout \(Seconds\): e\.g\. 60/, reach: 'none' },
	{ name: 'concurrency of 0', field: 'Concurrency', target: () => btp(enable({ options: { concurrency: 0 } })), message: 'Concurrency must be a whole number of at least 1 (got 0)', fix: /Options → Concurrency/, reach: 'none' },
	{ name: 'instance id that is not a GUID', field: 'Service Instance', target: () => btp(smInstance('get', { instance: rl('={{ "cloud-alm-api" }}') })), message: 'Service Instance "cloud-alm-api" is not a GUID', fix: /paste the GUID/, reach: 'none' },
	{ name: 'unknown instance name (delete)', field: 'Service Instance', target: () => btp(smInstance('delete', { instance: rl('no-such-instance', 'name') })), message: 'Service instance "no-such-instance" does not exist', fix: /Check the name, or pick the instance from the list/, reach: 'readOnly' },
	// ---------------------------------------------------------------- credentials, through the nodes
	{ name: 'Cloud Management credential: cut-off JSON', field: 'Service Key', target: () => btp(enable(), { cisKey: '{"uaa": {"clientid": "x", ' }), message: /not valid JSON/, fix: /first \{ to the last \}/, reach: 'none' },
	{ name: 'Cloud Management credential: Service Manager key pasted', field: /sm_url|Service Manager/, target: (sim) => btp(enable(), { cisKey: sim.keys.serviceManager }), message: /Service Manager key/, fix: /SAP BTP Service Manager API credential/, reach: 'none' },
	{ name: 'Cloud Management credential: Cloud ALM key pasted', field: /endpoints\.Api|Cloud ALM/, target: (sim) => btp(enable(), { cisKey: sim.keys.cloudAlm }), message: /Cloud ALM API key/, fix: /SAP Cloud ALM API credential/, reach: 'none' },
	{ name: 'Cloud Management credential: uaa.url over http to a non-loopback host', field: 'uaa.url', target: (sim) => { const k = copy(sim.keys.cisCentral) as Key; k.uaa.url = 'http://auth.example.com'; return btp(enable(), { cisKey: k }); }, message: /uaa\.url/, fix: /https/, reach: 'none' },
	{ name: 'Cloud Management credential: central-viewer key (missing scope)', field: /scope|central/, target: (sim) => btp(configure({ serviceName: 'SAPCloudALMAPIs', planName: 'standard' }), { cisKey: sim.keys.cisCentralViewer }), message: /403|scope|rejected/i, fix: /"central" plan/, reach: 'rejected' },
	{ name: 'Service Manager credential: key without sm_url', field: 'sm_url', target: (sim) => { const { sm_url: _drop, ...rest } = sim.keys.serviceManager; void _drop; return btp(smInstance('list', {}), { smKey: rest }); }, message: /sm_url is missing/, fix: /sm_url/, reach: 'none' },
	{ name: 'Service Manager credential: Cloud ALM key pasted', field: /endpoints\.Api/, target: (sim) => btp(smInstance('list', {}), { smKey: sim.keys.cloudAlm }), message: /SAP Cloud ALM API key/, fix: /SAP Cloud ALM API credential/, reach: 'none' },
	{ name: 'Cloud ALM credential: cis key pasted', field: /accounts_service_url|cis/, target: (sim) => calm(listProjects, sim.keys.cisCentral), message: /cis\) key/, fix: /SAP BTP Cloud Management API credential/, reach: 'none' },
	{ name: 'Cloud ALM credential: key without client secret', field: 'uaa.clientsecret', target: (sim) => { const k = copy(sim.keys.cloudAlm) as Key; delete k.uaa.clientsecret; return calm(listProjects, k); }, message: /uaa\.clientsecret is missing/, fix: /clientsecret|service key/i, reach: 'none' },
	{ name: 'Cloud ALM credential: endpoints.Api over http to a non-loopback host', field: 'endpoints.Api', target: (sim) => { const k = copy(sim.keys.cloudAlm) as Key; k.endpoints.Api = 'http://calm.example.com/api'; return calm(listProjects, k); }, message: /endpoints\.Api/, fix: /https/, reach: 'none' },
	{ name: 'Cloud ALM credential: empty service key', field: /service key/i, target: () => calm(listProjects, ''), message: /service key is empty/i, fix: /[Pp]aste/, reach: 'none' },
	// ---------------------------------------------------------------- SAP Cloud ALM node
	{ name: 'Cloud ALM: task id with a slash', field: 'Task ID', target: () => calm(getTask('../projects')), message: 'Task ID "../projects" is not an ID (it contains /, \\, ? or #)', fix: /contains \/, \\, \? or #/, reach: 'none' },
	{ name: 'Cloud ALM: due date that is not a date', field: 'Due Date', target: () => calm({ resource: 'task', operation: 'create', projectId: rl('3c6a9d00-0000-4000-8000-0000000000f1'), type: 'CALMTASK', title: 'Onboard ACME', additionalFields: { dueDate: 'end of March' } }), message: 'Due Date "end of March" is not a date (use YYYY-MM-DD)', fix: /use YYYY-MM-DD/, reach: 'none' },
	{ name: 'Cloud ALM: limit of 0', field: 'Limit', target: () => calm({ resource: 'task', operation: 'list', projectId: rl('3c6a9d00-0000-4000-8000-0000000000f1'), returnAll: false, limit: 0 }), message: 'Limit must be at least 1', fix: /at least 1/, reach: 'none' }, // the message is the fix
	// ---------------------------------------------------------------- issue 15: task filters, output shaping, process assignments
	{ name: 'Cloud ALM: task Fields with a name that is not an attribute', field: 'Fields', target: () => calm({ resource: 'task', operation: 'list', projectId: rl('3c6a9d00-0000-4000-8000-0000000000f1'), options: { fields: 'title, due date' } }), message: 'Fields: "due date" is not an attribute name', fix: /separated by commas, e\.g\. id,title,status/, reach: 'none' },
	{ name: 'Cloud ALM: task Simplify and Fields both set', field: /Simplify|Fields/, target: () => calm({ resource: 'task', operation: 'get', taskId: '4d7b0e00-0000-4000-8000-000000000001', simplify: true, options: { fields: 'title' } }), message: 'Simplify and Fields both choose the attributes to return', fix: /Turn Simplify off .* or clear Fields/, reach: 'none' },
	{ name: 'Cloud ALM: task count with a priority that is not one', field: 'Priority', target: () => calm({ resource: 'task', operation: 'count', projectId: rl('3c6a9d00-0000-4000-8000-0000000000f1'), filters: { priorityId: 25 } }), message: 'Priority "25" is not a task priority', fix: /10 \(very high\), 20 \(high\), 30 \(medium\) or 40 \(low\)/, reach: 'none' },
	{ name: 'Cloud ALM: task timebox filter with a slash', field: 'Timebox ID', target: () => calm({ resource: 'task', operation: 'list', projectId: rl('3c6a9d00-0000-4000-8000-0000000000f1'), filters: { timeboxId: '../sprints' } }), message: 'Timebox ID "../sprints" is not an ID (it contains /, \\, ? or #)', fix: /contains \/, \\, \? or #/, reach: 'none' },
	{ name: 'Cloud ALM: process assignment without a solution process', field: 'Solution Process ID', target: () => calm({ resource: 'task', operation: 'addProcessAssignment', taskId: '4d7b0e00-0000-4000-8000-000000000001', scopeId: 'scope-1', solutionScenarioVersionId: 'ssv-1', solutionProcessId: ' ' }), message: 'Solution Process ID is empty', fix: /Solution Process ID is empty/, reach: 'none' }, // the message is the fix
	{ name: 'Cloud ALM: document id with a slash (Delete)', field: 'Document ID', target: () => calm({ resource: 'document', operation: 'delete', documentId: '../Documents' }), message: 'Document ID "../Documents" is not an ID (it contains /, \\, ? or #)', fix: /contains \/, \\, \? or #/, reach: 'none' },
	{ name: 'Cloud ALM: Get Metrics without measures', field: 'Measures', target: () => calm({ resource: 'monitoring', operation: 'getMetrics', provider: 'hm', measures: ' ', dimensions: 'serviceName' }), message: /Measures is empty/, fix: /e\.g\. value/, reach: 'none' },
	{ name: 'Cloud ALM: Get Metrics period that is not a period', field: 'Period', target: () => calm({ resource: 'monitoring', operation: 'getMetrics', provider: 'hm', measures: 'value', dimensions: 'serviceName', options: { period: 'last hour' } }), message: /Period "last hour" is not valid/, fix: /L1H/, reach: 'none' },
	{ name: 'Cloud ALM: test plan id with a question mark', field: 'Test Plan ID', target: () => calm({ resource: 'testPlan', operation: 'get', testPlanId: 'x?y' }), message: /Test Plan ID "x\?y" is not an ID/, fix: /contains \/, \\, \? or #/, reach: 'none' },
	// ---------------------------------------------------------------- issue 15: Process Hierarchy and Process Scope
	{ name: 'Cloud ALM: hierarchy parent that is a title, not a UUID', field: 'Parent Node ID', target: () => calm({ resource: 'processHierarchy', operation: 'list', returnAll: true, options: { parentNodeId: 'Lead to Cash' } }), message: 'Parent Node ID "Lead to Cash" is not a UUID', fix: /Give the uuid as Get Many returns it/, reach: 'none' },
	{ name: 'Cloud ALM: hierarchy parent and root nodes only together', field: /Parent Node ID.*Root Nodes Only/, target: () => calm({ resource: 'processHierarchy', operation: 'list', returnAll: true, options: { parentNodeId: '6f1a0c00-0000-4000-8000-000000000001', rootsOnly: true } }), message: /Parent Node ID and Root Nodes Only exclude each other/, fix: /Remove one of the two options/, reach: 'none' },
	{ name: 'Cloud ALM: solution process ids that are names', field: 'Solution Process Version IDs', target: () => calm({ resource: 'processScope', operation: 'setScoping', scopeId: '7a2b0d00-0000-4000-8000-000000000001', solutionProcessVersionIds: 'Sell from Stock', isScoped: true }), message: /Solution Process Version IDs: "Sell", "from", "Stock" are not UUIDs/, fix: /solutionProcessVersionId values of Get Many Solution Processes/, reach: 'none' },
	{ name: 'Cloud ALM: landscape object from an expression that gives nothing', field: 'Landscape Object', target: () => calm({ resource: 'landscapeObject', operation: 'getProperties', lmsId: rl('={{ $json.lmsId ?? "" }}') }), message: 'Landscape Object is empty', fix: /Pick one From List, or give its lmsId/, reach: 'none' },
	// ---------------------------------------------------------------- issue 15: Library Element writes
	{ name: 'Cloud ALM: library element Create without a title', field: 'Title', target: () => calm({ resource: 'libraryElement', operation: 'create', library: 'interface', title: ' ', additionalFields: { typeCode: 'IDOC' } }), message: 'Title is empty', fix: /Title is empty/, reach: 'none' }, // the message is the fix
	{ name: 'Cloud ALM: library element Update with nothing to change', field: 'Update Fields', target: () => calm({ resource: 'libraryElement', operation: 'update', library: 'application', elementId: '6c3f0000-0000-4000-8000-000000000001', updateFields: {} }), message: 'Update Fields is empty: nothing to update', fix: /Add at least one of Title, Description or Type Code/, reach: 'none' },
	{ name: 'Cloud ALM: library element id with a slash (Delete)', field: 'Element ID', target: () => calm({ resource: 'libraryElement', operation: 'delete', library: 'development', elementId: '../Applications' }), message: 'Element ID "../Applications" is not an ID (it contains /, \\, ? or #)', fix: /contains \/, \\, \? or #/, reach: 'none' },
	// ---------------------------------------------------------------- issue 15: Custom Process (Process Authoring)
	{ name: 'Cloud ALM: custom process external ID longer than SAP takes', field: 'External ID', target: () => calm({ resource: 'customProcess', operation: 'create', name: 'Quote to Order', businessProcessId: rl('b1a70000-0000-4000-8000-000000000002'), additionalFields: { externalId: 'X'.repeat(41) } }), message: 'External ID is 41 characters long; SAP Cloud ALM takes at most 40', fix: /Shorten it to 40 characters or fewer/, reach: 'none' },
	// ---------------------------------------------------------------- issue 15: Business Process (Process Authoring)
	{ name: 'Cloud ALM: business process name longer than SAP takes', field: 'Name', target: () => calm({ resource: 'businessProcess', operation: 'create', name: 'N'.repeat(501) }), message: 'Name is 501 characters long; SAP Cloud ALM takes at most 500', fix: /Shorten it to 500 characters or fewer/, reach: 'none' },
	{ name: 'Cloud ALM: business process Update with nothing to change', field: 'Update Fields', target: () => calm({ resource: 'businessProcess', operation: 'update', businessProcessId: rl('b1a70000-0000-4000-8000-000000000002'), updateFields: {} }), message: 'Nothing to update: add at least one Update Field', fix: /Field: Update Fields/, reach: 'none' },
	// ---------------------------------------------------------------- issue 14: Events Service URL (SAP BTP Trigger)
	{ name: 'Events: cis key without events_service_url', field: 'endpoints.events_service_url', target: (sim) => btpTrigger(cisWithEvents(sim, undefined)), message: 'The SAP BTP Cloud Management API credential has no Events service URL', fix: /Paste the whole cis "central" key again .* or enter Events Service URL/, reach: 'none' },
	{ name: 'Events: events_service_url that is not a URL', field: 'endpoints.events_service_url', target: (sim) => btpTrigger(cisWithEvents(sim, 'events-service.cfapps.eu10.hana.ondemand.com')), message: /endpoints\.events_service_url is not a URL/, fix: /Copy it again from the cis "central" service key/, reach: 'none' },
	{ name: 'Events: events_service_url over http to a non-loopback host', field: 'endpoints.events_service_url', target: (sim) => btpTrigger(cisWithEvents(sim, 'http://events-service.example.com')), message: /endpoints\.events_service_url uses plain http:\/\//, fix: /https:\/\//, reach: 'none' },
	{ name: 'Events: Events Service URL field without a scheme', field: 'Events Service URL', target: (sim) => btpTrigger(cisFieldsWithEvents(sim, 'events-service.cfapps.eu10.hana.ondemand.com')), message: /Events Service URL is not a URL/, fix: /It is endpoints\.events_service_url of the cis key/, reach: 'none' },
	{ name: 'Events: Events Service URL field with ftp://', field: 'Events Service URL', target: (sim) => btpTrigger(cisFieldsWithEvents(sim, 'ftp://events-service.example.com')), message: /Events Service URL must start with https:\/\//, fix: /endpoints\.events_service_url/, reach: 'none' },
	// ---------------------------------------------------------------- issue 14: Destination Service credential (Connect Cloud ALM to a Webhook)
	{ name: 'Destination credential: cut-off JSON', field: 'Service Key', target: () => btp(connect(), { destinationKey: '{"clientid": "x", "uri": ' }), message: /not valid JSON/, fix: /first \{ to the last \}/, reach: 'none' },
	{ name: 'Destination credential: key without uri', field: 'uri', target: (sim) => btp(connect(), { destinationKey: destinationWith(sim, (k) => delete k.uri) }), message: /uri is missing/, fix: /paste a key of the destination instance of the Cloud ALM subaccount/, reach: 'none' },
	{ name: 'Destination credential: cis key pasted', field: 'endpoints.accounts_service_url', target: (sim) => btp(connect(), { destinationKey: sim.keys.cisCentral }), message: /cis\) key/, fix: /SAP BTP Cloud Management API credential/, reach: 'none' },
	{ name: 'Destination credential: Service Manager key pasted', field: 'sm_url', target: (sim) => btp(connect(), { destinationKey: sim.keys.serviceManager }), message: /Service Manager key/, fix: /SAP BTP Service Manager API credential/, reach: 'none' },
	{ name: 'Destination credential: key without clientsecret', field: 'clientsecret', target: (sim) => btp(connect(), { destinationKey: destinationWith(sim, (k) => delete k.clientsecret) }), message: /clientsecret is missing/, fix: /Copy it again from the service key/, reach: 'none' },
	{ name: 'Destination credential: uri over http to a non-loopback host', field: 'uri', target: (sim) => btp(connect(), { destinationKey: destinationWith(sim, (k) => (k.uri = 'http://destination-configuration.example.com')) }), message: /uri uses plain http:\/\//, fix: /https:\/\//, reach: 'none' },
	// ---------------------------------------------------------------- issue 14: Connect Cloud ALM to a Webhook: Webhook URL
	{ name: 'Connect: empty Webhook URL', field: 'Webhook URL', target: (sim) => btp(connect({ webhookUrl: '  ' }), { destinationKey: sim.keys.destination }), message: 'Webhook URL is empty', fix: /Production URL, e\.g\. https:\/\//, reach: 'none' },
	{ name: 'Connect: Webhook URL without a scheme', field: 'Webhook URL', target: (sim) => btp(connect({ webhookUrl: 'n8n.example.com/webhook/cloud-alm-events' }), { destinationKey: sim.keys.destination }), message: 'Webhook URL "n8n.example.com/webhook/cloud-alm-events" is not an http(s) URL', fix: /Production URL, e\.g\. https:\/\//, reach: 'none' },
	{ name: 'Connect: Webhook URL with ftp://', field: 'Webhook URL', target: (sim) => btp(connect({ webhookUrl: 'ftp://n8n.example.com/webhook/x' }), { destinationKey: sim.keys.destination }), message: 'Webhook URL "ftp://n8n.example.com/webhook/x" is not an http(s) URL', fix: /Production URL/, reach: 'none' },
	{ name: 'Connect: the test URL (/webhook-test/)', field: 'Webhook URL', target: (sim) => btp(connect({ webhookUrl: 'https://n8n.example.com/webhook-test/cloud-alm-events' }), { destinationKey: sim.keys.destination }), message: 'Webhook URL is a test URL (/webhook-test/): Cloud ALM needs the Production URL', fix: /Production URL \(\/webhook\/…\)/, reach: 'none' },
	{ name: 'Connect: Webhook URL with user:password@ (not quoted back)', field: 'Webhook URL', target: (sim) => btp(connect({ webhookUrl: 'https://calm:Pw+%2F:s3cret@n8n.example.com/webhook/x' }), { destinationKey: sim.keys.destination }), message: 'Webhook URL contains a user name or password ("…@" before the host)', fix: /put them in the SAP Cloud ALM Webhook API credential/, reach: 'none' },
	{ name: 'Connect: plain http Webhook URL with Basic Auth', field: 'Webhook URL', target: (sim) => btp(connect({ webhookUrl: 'http://n8n.example.com/webhook/x' }), { destinationKey: sim.keys.destination }), message: 'Webhook URL uses plain http:// to n8n.example.com with Basic Auth: Cloud ALM would send the password unencrypted', fix: /https:\/\/ Production URL/, reach: 'none' },
	{ name: 'Connect: webhook credential with an empty password', field: 'Password', target: (sim) => btp(connect(), { destinationKey: sim.keys.destination, webhookCredential: { ...CONNECT_WEBHOOK_CREDENTIAL, password: '' } }), message: 'Password of the SAP Cloud ALM Webhook API credential is empty', fix: /Credential SAP Cloud ALM Webhook API → Password: the password the trigger checks/, reach: 'none' },
	{ name: 'Connect: webhook credential user with ":"', field: 'User', target: (sim) => btp(connect(), { destinationKey: sim.keys.destination, webhookCredential: { ...CONNECT_WEBHOOK_CREDENTIAL, user: 'calm:admin' } }), message: 'User of the SAP Cloud ALM Webhook API credential is empty or contains ":"', fix: /Credential SAP Cloud ALM Webhook API → User: .*without ":"/, reach: 'none' },
	{ name: 'Connect: destination name with a space', field: 'Destination Name', target: (sim) => btp(connect({ destinationName: 'n8n events' }), { destinationKey: sim.keys.destination }), message: 'Destination Name "n8n events" is not a valid destination name', fix: /letters, digits, "-" and "_"/, reach: 'none' },
	// ---------------------------------------------------------------- issue 16: Service Binding → Rotate
	{ name: 'Rotate: negative grace period', field: 'Grace Period', target: () => btp({ resource: 'serviceBinding', operation: 'rotate', serviceManagerAccess: 'serviceManagerCredential', binding: rl('cloud-alm-api-key', 'name'), gracePeriod: -5 }), message: 'Grace Period must be 0 or more (got -5)', fix: /or 0 to delete it once the new key is verified/, reach: 'none' },
	{ name: 'Rotate: hand-off update without a Credential ID', field: 'Credential ID', target: () => btp({ resource: 'serviceBinding', operation: 'rotate', serviceManagerAccess: 'serviceManagerCredential', binding: rl('cloud-alm-api-key', 'name'), handOff: 'update', handOffCredentialId: ' ' }), message: 'Credential ID is empty', fix: /Enter a value for Credential ID/, reach: 'none' },
	{ name: 'Rotate: unknown binding', field: 'Service Binding', target: () => btp({ resource: 'serviceBinding', operation: 'rotate', serviceManagerAccess: 'serviceManagerCredential', binding: rl(UNKNOWN_GUID) }), message: `Service binding ${UNKNOWN_GUID} does not exist`, fix: /Pick it from the list, or check the name or ID/, reach: 'readOnly' },
	// ---------------------------------------------------------------- issue 16: Cloud ALM API → Inventory and → Disable
	// (naming SAP's instance or keys in Disable is refused after reading Service Manager, whose access the node derives
	// first, a write of the Accounts service: those cases are in test/nodes/sapBtp/inventoryDisable.test.ts)
	{ name: 'Inventory: chosen subaccounts, none given', field: 'Subaccount GUIDs or Subdomains', target: () => btp({ resource: 'cloudAlmApi', operation: 'inventory', subaccountScope: 'chosen', subaccountList: ' , ' }), message: 'Subaccount GUIDs or Subdomains is empty', fix: /Enter one or more GUIDs or subdomains/, reach: 'none' },
	{ name: 'Inventory: a subaccount outside the global account', field: 'Subaccount GUIDs or Subdomains', target: () => btp({ resource: 'cloudAlmApi', operation: 'inventory', subaccountScope: 'chosen', subaccountList: 'acme-dev, acme-nope' }), message: 'Subaccount "acme-nope" is not in the global account of the Cloud Management credential', fix: /pick one from the list or check/, reach: 'readOnly' },
	{ name: 'Disable: binding name with a space', field: 'Binding Names', target: () => btp({ resource: 'cloudAlmApi', operation: 'disable', subaccount: rl(SUBACCOUNT_IDS.calm), bindingNames: 'my key' }), message: 'Binding Names: "my key" is not a binding name', fix: /no spaces or quotes/, reach: 'none' },
	{ name: 'Disable: a subaccount outside the global account', field: 'Subaccount', target: () => btp({ resource: 'cloudAlmApi', operation: 'disable', subaccount: rl(UNKNOWN_GUID) }), message: `Subaccount "${UNKNOWN_GUID}" is not in the global account of the Cloud Management credential`, fix: /pick one from the list or check the GUID/, reach: 'readOnly' },
];
