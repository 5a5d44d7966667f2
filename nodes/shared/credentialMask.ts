/**
 * Masking by allow-list (issue 12, hole 4): a binding's credentials are shown with every value
 * hidden except fields known to be public, for bindings of ANY service. A field nobody listed is
 * a secret until someone writes down why it is not. Values are walked through nested objects,
 * arrays, JSON given as a string (Kubernetes-style `"uaa": "{…}"`) and URIs (userinfo and query
 * values hidden, e.g. `postgres://user:password@host/db`, `s3://AKIA…:secret@host/bucket`).
 *
 * The same classification tells the transport which values of a credential are secret, so error
 * scrubbing (./transport/secrets.ts) redacts exactly what the output hides.
 */

export const HIDDEN_SECRET = '**hidden** (enable Include Secrets)';

/** A field name without case and separators: `client_id`, `clientId`, `client-id` → `clientid`. */
export const normalizeFieldName = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Fields whose values are public, and why. Keys are normalized names (see normalizeFieldName).
 * URLs and hosts are listed separately (URL_FIELDS): they are shown with userinfo and query values
 * removed.
 */
const PUBLIC_FIELDS: Record<string, string> = {
	clientid:
		'the OAuth client id names the client; XSUAA writes it into every token it issues (`cid`, `azp`) and it authenticates nothing without the secret or key',
	xsappname: 'the application name of the XSUAA instance; it is the prefix of every scope name in every token',
	xsmasterappname: 'the master application name; part of scope names in tokens',
	identityzone: 'the subdomain of the subaccount; it is the host name of its XSUAA and of every app URL',
	identityzoneid: 'the zone (tenant) id; written into every token as `zid`',
	zoneid: 'the zone (tenant) id; written into every token as `zid`',
	tenantid: 'the tenant id; written into every token as `zid`/`ext_attr`',
	tenantmode: '"shared" or "dedicated": a setting of the XSUAA instance',
	subaccountid: 'the subaccount GUID; shown in the cockpit to every member and in token claims',
	globalaccountid: 'the global account GUID; shown in the cockpit to every member',
	serviceinstanceid: 'the instance GUID; Service Manager lists it to every reader of the subaccount',
	serviceinstancename: 'the instance name; Service Manager lists it to every reader of the subaccount',
	credentialtype: '"binding-secret", "instance-secret" or "x509": how the client authenticates, not with what',
	granttype: 'the OAuth grant type ("client_credentials"): a protocol constant',
	sapcloudservice: 'the service name of the offering (`sap.cloud.service`): a catalog constant',
	verificationkey: 'the public key XSUAA signs tokens with; published at the token keys endpoint of every XSUAA',
	certificate:
		'an X.509 certificate is public by design: the client presents it to every TLS server it connects to (private key blocks in it are still removed)',
	certificateexpiresat: 'when the certificate expires: a fact about the public certificate',
	certexpiresat: 'when the certificate expires: a fact about the public certificate',
	expiresat: 'when the credential expires: a date, not a secret',
	validity: 'the requested certificate validity (a number of days/months/years)',
	validitytype: 'the unit of the validity (DAYS, MONTHS, YEARS)',
	port: 'the port of a host: an address, not a secret',
	region: 'the cloud region of a service: a location, not a secret',
	protocol: 'the protocol name of an endpoint: a constant',
	plan: 'the plan name: Service Manager lists it to every reader',
	label: 'the offering label: a catalog constant',
	type: 'the kind of a credential or endpoint: a constant',
};

/** Fields whose value is a URL, host or domain: public once userinfo and query values are removed. */
const URL_FIELD_NAMES = new Set(['url', 'uri', 'host', 'hostname', 'hosts', 'domain', 'uaadomain', 'endpoint', 'baseurl']);
/** Parents whose every value is a URL: `endpoints` (Cloud ALM `Api`, CIS `accounts_service_url` …). */
const URL_PARENTS = new Set(['endpoints']);

const isUrlField = (name: string, parent?: string) =>
	URL_FIELD_NAMES.has(name) || /(url|uri)s?$/.test(name) || (parent !== undefined && URL_PARENTS.has(parent));

/** Query parameters whose values are settings, not secrets (JDBC/HANA/Postgres connection flags). */
const PUBLIC_QUERY_PARAMS = new Set(['encrypt', 'validatecertificate', 'sslmode', 'ssl', 'tls', 'currentschema', 'region', 'authsource']);

const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;

function looksLikeUrlOrHost(value: string): boolean {
	return /^[a-z][a-z0-9+.-]*:/i.test(value) || /^[\w.-]+(:\d+)?(\/\S*)?$/.test(value) || value.startsWith('/');
}

/**
 * A URL with userinfo and query/parameter values hidden: `postgres://u:p@h:5432/db?sslmode=require`
 * → `postgres://**hidden**@h:5432/db?sslmode=require`; `jdbc:x://h;password=p` → `…;password=**hidden**`.
 */
export function maskUrl(value: string, marker = HIDDEN_SECRET): string {
	let out = value;
	const userinfo = userinfoOf(value);
	if (userinfo !== undefined) out = out.replace(`${userinfo}@`, `${marker}@`);
	const afterUserinfo = out.indexOf(`${marker}@`);
	const head = afterUserinfo >= 0 ? out.slice(0, afterUserinfo + marker.length + 1) : '';
	out = out.slice(head.length);
	const hide = (name: string, v: string) => (PUBLIC_QUERY_PARAMS.has(normalizeFieldName(name)) || v === '' ? v : marker);
	out = out.replace(/([?&;])([^=&;#?]+)=([^&;#]*)/g, (_m, sep: string, name: string, v: string) => `${sep}${name}=${hide(name, v)}`);
	out = out.replace(/#.*$/, (fragment) => (fragment.length > 1 ? `#${marker}` : fragment));
	return head + out;
}

function parseJsonContainer(value: string): unknown {
	const trimmed = value.trim();
	if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return undefined;
	try {
		const parsed: unknown = JSON.parse(trimmed);
		return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
	} catch {
		return undefined;
	}
}

export interface MaskVisitor {
	/** called with every value the mask hides (strings and numbers as found, JSON strings already unpacked) */
	hidden?: (value: string) => void;
}

function maskValue(value: unknown, name: string | undefined, parent: string | undefined, visitor: MaskVisitor): unknown {
	if (value === null || value === undefined || typeof value === 'boolean') return value;
	if (Array.isArray(value)) return value.map((v) => maskValue(v, name, parent, visitor));
	if (typeof value === 'object') {
		const out: Record<string, unknown> = {};
		const here = name;
		for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
			out[k] = maskValue(v, normalizeFieldName(k), here, visitor);
		}
		return out;
	}
	const text = String(value);
	if (typeof value === 'string') {
		const nested = parseJsonContainer(text);
		if (nested !== undefined) return JSON.stringify(maskValue(nested, name, parent, visitor));
	}
	if (name !== undefined && typeof value === 'string' && isUrlField(name, parent) && looksLikeUrlOrHost(text)) {
		const masked = maskUrl(text);
		if (masked !== text) hiddenParts(text, visitor);
		return masked;
	}
	if (name !== undefined && Object.prototype.hasOwnProperty.call(PUBLIC_FIELDS, name)) {
		if (typeof value !== 'string') return value;
		const cleaned = text.replace(PRIVATE_KEY_BLOCK, (block) => {
			visitor.hidden?.(block);
			return HIDDEN_SECRET;
		});
		return maskUrlsInside(cleaned, visitor);
	}
	visitor.hidden?.(text);
	return HIDDEN_SECRET;
}

/**
 * The userinfo of `scheme://userinfo@host…`: everything up to the LAST "@" (secrets such as AWS keys
 * hold unencoded "/" and "@"; an "@" in a path then hides a little too much, never too little).
 */
function userinfoOf(url: string): string | undefined {
	const scheme = /^[a-z][a-z0-9+.:-]*:\/\//i.exec(url);
	if (!scheme) return undefined;
	const rest = url.slice(scheme[0].length);
	const at = rest.lastIndexOf('@');
	return at > 0 ? rest.slice(0, at) : undefined;
}

/** The parts of a URL the mask hides (userinfo, its password alone, query values), for the scrubber. */
function hiddenParts(url: string, visitor: MaskVisitor) {
	const userinfo = userinfoOf(url);
	if (userinfo) {
		visitor.hidden?.(userinfo);
		const colon = userinfo.indexOf(':');
		const parts = colon >= 0 ? [userinfo.slice(0, colon), userinfo.slice(colon + 1)] : [userinfo];
		for (const part of parts) visitor.hidden?.(part);
		try {
			for (const part of parts) visitor.hidden?.(decodeURIComponent(part));
		} catch {
			/* not percent-encoded */
		}
	}
	const query = userinfo === undefined ? url : url.slice(url.indexOf(userinfo) + userinfo.length);
	for (const m of query.matchAll(/[?&;]([^=&;#?]+)=([^&;#]*)/g)) {
		if (!PUBLIC_QUERY_PARAMS.has(normalizeFieldName(m[1])) && m[2]) visitor.hidden?.(m[2]);
	}
}

/** A public text that embeds a URL with userinfo (rare: e.g. a `type` given as a URI) keeps no password. */
function maskUrlsInside(text: string, visitor: MaskVisitor): string {
	return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'@]*@[^\s"']*/gi, (url) => {
		hiddenParts(url, visitor);
		return maskUrl(url);
	});
}

/** Credentials with every value hidden except the public fields (see PUBLIC_FIELDS). */
export function maskCredentials<T>(credentials: T): T {
	return maskValue(credentials, undefined, undefined, {}) as T;
}

/**
 * Every value `maskCredentials` would hide (clientsecret, private keys, passwords in URLs, tokens
 * …), for the transport's secret registry. Values of n8n's own credential form fields that are
 * settings (`inputMode`, `authType`) are short words and skipped by the registry's minimum length.
 */
export function hiddenValues(credentials: unknown): string[] {
	const found: string[] = [];
	maskValue(credentials, undefined, undefined, { hidden: (v) => found.push(v) });
	return found;
}

/**
 * Instance parameters are configuration (xs-security scopes, sizes), not credentials, so they
 * stay readable; but offerings accept secrets in them (database passwords, destination client
 * secrets, API keys). Values of fields whose NAME says secret are hidden, and so are userinfo and
 * query values of URLs anywhere, and JSON strings are walked the same way.
 */
const SECRET_NAME = /secret|passw|pwd|token|apikey|privatekey|credential|^key$|accesskey|sig$|signature|^auth$|authorization|cookie|session/;

export function maskParameters<T>(parameters: T): T {
	const walk = (value: unknown, name?: string): unknown => {
		if (Array.isArray(value)) return value.map((v) => walk(v, name));
		if (value && typeof value === 'object') {
			const out: Record<string, unknown> = {};
			for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = walk(v, normalizeFieldName(k));
			return out;
		}
		if (name && SECRET_NAME.test(name) && name !== 'credentialtypes' && name !== 'credentialtype' && value !== null && typeof value !== 'boolean') {
			return HIDDEN_SECRET;
		}
		if (typeof value !== 'string') return value;
		const nested = parseJsonContainer(value);
		if (nested !== undefined) return JSON.stringify(walk(nested, name));
		return maskUrlsInside(value.replace(PRIVATE_KEY_BLOCK, HIDDEN_SECRET), {});
	};
	return walk(parameters) as T;
}
