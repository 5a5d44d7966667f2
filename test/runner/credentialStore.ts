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
	 * Adds a credential, or edits the stored one like n8n does: fields the edit does not set keep
	 * their stored values — above all the hidden token, which n8n never shows (it is redacted in the
	 * editor and restored on save), so it survives a changed key.
	 */
	put(entry: StoredCredential): void {
		const existing = this.entries.get(entry.id);
		if (existing && existing.type === entry.type) {
			existing.name = entry.name;
			existing.data = { ...existing.data, ...clone(entry.data) };
			return;
		}
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

