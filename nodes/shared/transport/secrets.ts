/**
 * Scrubbing by value (issue 12, weakness 5): the transport session knows the exact secrets in use
 * — client secrets and private keys of the credentials and of keys it received as data, every
 * token it fetched or n8n minted for a credential — and redacts each of them from every message,
 * description and stored error, whatever surrounds it: `Bearer%20<token>`, `_<token>`, URL- or
 * form-encoded, JSON-escaped (once or twice), in `Basic base64(id:secret)` or any other base64,
 * PEM bodies line by line. Pattern scrubbing (JWTs, PEM blocks, `bearer …`) still runs for
 * secrets nobody registered.
 */
import { hiddenValues } from '../credentialMask';

export const REDACTED = '<redacted>';

/** Shorter values are words ("json", "secret", a port), not secrets; they would redact text. */
const MIN_SECRET_LENGTH = 8;
const BASE64_RUN = '[A-Za-z0-9+/_=-]*';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The fragments of base64(s) that do not depend on what surrounds s (one per byte alignment). */
function base64Cores(value: string): string[] {
	const bytes = Buffer.from(value, 'utf8');
	const cores: string[] = [];
	for (let pad = 0; pad < 3; pad++) {
		const encoded = Buffer.concat([Buffer.alloc(pad), bytes]).toString('base64').replace(/=+$/, '');
		const first = Math.ceil((pad * 8) / 6);
		const last = Math.floor(((pad + bytes.length) * 8) / 6); // chars fully inside the bytes
		const core = encoded.slice(first, last);
		if (core.length >= MIN_SECRET_LENGTH) {
			cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
		}
	}
	return cores;
}

/** Every literal form a secret takes on the wire and in stored text. */
export function secretVariants(value: string): string[] {
	const json1 = JSON.stringify(value).slice(1, -1);
	const json2 = JSON.stringify(json1).slice(1, -1);
	const uri = encodeURIComponent(value);
	const form = new URLSearchParams({ v: value }).toString().slice(2);
	const variants = [
		value,
		json1,
		json2,
		json1.replace(/\//g, '\\/'),
		uri,
		uri.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
		encodeURIComponent(uri),
		form,
		encodeURI(value),
	];
	return [...new Set(variants.filter((v) => v.length >= MIN_SECRET_LENGTH))];
}

/** PEM bodies are registered line by line (and joined), so any echoed part of a key is caught. */
function pemParts(value: string): string[] {
	if (!value.includes('-----BEGIN')) return [];
	const lines = value
		.replace(/\\n/g, '\n')
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter((l) => l && !l.startsWith('-----'));
	return [...lines.filter((l) => l.length >= 16), lines.join('')];
}

/**
 * Redacts what is unmistakably a credential in any text: JWTs (also after `_`, `%20` or with
 * encoded dots), PEM blocks, `Bearer …`.
 */
export function scrubTokenShapes(value: string): string {
	return value
		.replace(/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g, '<pem removed>')
		.replace(/eyJ[\w-]{5,}(\.|%2E)[\w-]{5,}(\.|%2E)[\w-]*/gi, '<token removed>')
		.replace(/(bearer)(\s|%20|\+)+[\w.~+/=%-]{8,}/gi, '$1 <removed>');
}

/**
 * For backend text only (it may echo a request): token shapes, `Basic …`, and `client_secret=`-style
 * pairs. Not for this package's own hints, which name fields such as "uaa.clientsecret".
 */
export function scrubPatterns(value: string): string {
	return scrubTokenShapes(value)
		.replace(/(basic)(\s|%20|\+)+[\w.~+/=%-]{8,}/gi, '$1 <removed>')
		.replace(/(client_?secret|password|access_token|refresh_token|id_token|private_?key|apikey|api_key)(["'\s:=]|%22|%3A|%3D|\\")+[^\s"',&]+/gi, '$1$2<removed>');
}

export class SecretRegistry {
	private readonly values = new Set<string>();
	private matcher: RegExp | undefined;
	private matcherSize = -1;

	/** Registers one secret (and, for PEM keys, each body line). Short or empty values are ignored. */
	add(value: unknown): void {
		if (typeof value !== 'string') return;
		const trimmed = value.trim();
		if (trimmed.length < MIN_SECRET_LENGTH) return;
		this.values.add(trimmed);
		for (const part of pemParts(trimmed)) if (part.length >= MIN_SECRET_LENGTH) this.values.add(part);
	}

	/** An XSUAA client: its secret or private key, and the `Basic` credentials made of it. */
	addClient(client: { clientId: string; clientSecret?: string; privateKey?: string }): void {
		this.add(client.clientSecret);
		this.add(client.privateKey);
		if (client.clientSecret) {
			for (const [id, secret] of [
				[client.clientId, client.clientSecret],
				[encodeURIComponent(client.clientId), encodeURIComponent(client.clientSecret)],
			]) {
				this.add(Buffer.from(`${id}:${secret}`).toString('base64'));
			}
		}
	}

	/** Every value the credential mask would hide in this credential data (secrets, keys, tokens). */
	addCredential(data: unknown): void {
		for (const value of hiddenValues(data)) this.add(value);
	}

	get size(): number {
		return this.values.size;
	}

	private regex(): RegExp | undefined {
		if (this.matcherSize === this.values.size) return this.matcher;
		const literals = new Set<string>();
		const cores = new Set<string>();
		for (const value of this.values) {
			for (const v of secretVariants(value)) literals.add(v);
			for (const c of base64Cores(value)) cores.add(c);
		}
		// longest first, so a longer form is redacted whole before a shorter one inside it
		const alternatives = [
			...[...cores].sort((a, b) => b.length - a.length).map((c) => `${BASE64_RUN}${escapeRegExp(c)}${BASE64_RUN}`),
			...[...literals].sort((a, b) => b.length - a.length).map(escapeRegExp),
		];
		this.matcher = alternatives.length ? new RegExp(alternatives.join('|'), 'g') : undefined;
		this.matcherSize = this.values.size;
		return this.matcher;
	}

	/** The text with every registered secret (in every form) and every token-shaped string redacted. */
	scrub(text: string): string {
		const regex = this.regex();
		const byValue = regex ? text.replace(regex, REDACTED) : text;
		return scrubTokenShapes(byValue);
	}

	/** Any value with its strings scrubbed (objects and arrays copied; cycles cut). */
	scrubValue<T>(value: T, seen = new WeakSet<object>(), depth = 0): T {
		if (typeof value === 'string') return this.scrub(value) as T;
		if (!value || typeof value !== 'object' || depth > 12) return value;
		if (seen.has(value)) return '[circular]' as T;
		seen.add(value);
		if (Array.isArray(value)) return value.map((v) => this.scrubValue(v, seen, depth + 1)) as T;
		if (value instanceof Error) return this.plainError(value) as T;
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = this.scrubValue(v, seen, depth + 1);
		return out as T;
	}

	/** An error as n8n stores a cause: name and (scrubbed) message only — never a request with headers. */
	private plainError(error: Error): Error {
		const plain = new Error(this.scrub(String(error.message ?? '')));
		plain.name = error.name;
		const code = (error as { code?: unknown }).code;
		if (typeof code === 'string' || typeof code === 'number') (plain as Error & { code?: string }).code = this.scrub(String(code));
		return plain;
	}

	/**
	 * Scrubs an error in place: message, description, messages, httpCode, context, errorResponse,
	 * the node n8n stores with it (its parameters), and its cause (replaced by a plain Error: an axios cause carries the request, with the
	 * Authorization header). Returns the same error.
	 */
	scrubError<E>(error: E): E {
		if (!error || typeof error !== 'object') return error;
		const e = error as Record<string, unknown> & { cause?: unknown };
		const set = (key: string, value: unknown) => {
			try {
				Object.defineProperty(e, key, { value, writable: true, configurable: true, enumerable: Object.prototype.propertyIsEnumerable.call(e, key) });
			} catch {
				/* frozen: leave it */
			}
		};
		if (typeof e.message === 'string') set('message', this.scrub(e.message));
		for (const key of ['description', 'httpCode', 'stack']) {
			if (typeof e[key] === 'string') set(key, this.scrub(e[key] as string));
		}
		// `node` is n8n's copy of the node, stored with the error: its parameters may hold a secret
		// in use (Connect Cloud ALM to a Webhook's webhook password)
		for (const key of ['messages', 'context', 'errorResponse', 'extra', 'node']) {
			if (e[key] !== undefined && e[key] !== null) set(key, this.scrubValue(e[key]));
		}
		if (e.cause !== undefined) {
			set('cause', e.cause instanceof Error ? this.plainError(e.cause) : this.scrubValue(e.cause));
		}
		return error;
	}
}
