/**
 * In-memory stand-in for n8n's credentials table: what n8n keeps encrypted in its database.
 * Shared across runs (pass the same store), so a token written by one run's preAuthentication is
 * reused by the next — exactly what n8n does with the hidden expirable field.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export class CredentialStore {
	private readonly entries = new Map<string, StoredCredential>();

	/** How often preAuthentication wrote a token back (n8n: `updateCredentials`). */
	tokenWrites = 0;

	/**
	 * Adds or replaces a credential. When the same id already holds the same key data, the stored
	 * data (with its token) is kept, as an unchanged n8n credential keeps its token.
	 */
	put(entry: StoredCredential): void {
		const existing = this.entries.get(entry.id);
		const sameKey = existing && existing.type === entry.type && sameKeyData(existing.data, entry.data);
		if (sameKey) return;
		this.entries.set(entry.id, clone(entry));
	}

	get(id: string): StoredCredential | undefined {
		const entry = this.entries.get(id);
		return entry ? clone(entry) : undefined;
	}

	update(id: string, data: ICredentialDataDecryptedObject): void {
		const entry = this.entries.get(id);
		if (!entry) throw new Error(`credential ${id} is not in the store`);
		entry.data = clone(data);
		this.tokenWrites++;
	}

	/** Simulates a user editing the stored token (e.g. to an old, revoked one). */
	setField(id: string, field: string, value: string): void {
		const entry = this.entries.get(id);
		if (!entry) throw new Error(`credential ${id} is not in the store`);
		entry.data[field] = value;
	}

	all(): StoredCredential[] {
		return [...this.entries.values()].map(clone);
	}
}

/** Equal apart from the stored token (the only field n8n itself writes). */
function sameKeyData(a: ICredentialDataDecryptedObject, b: ICredentialDataDecryptedObject): boolean {
	const strip = (d: ICredentialDataDecryptedObject) => {
		const rest = Object.entries(d).filter(([k]) => k !== 'accessToken');
		return JSON.stringify(rest.sort(([x], [y]) => x.localeCompare(y)));
	};
	return strip(a) === strip(b);
}
