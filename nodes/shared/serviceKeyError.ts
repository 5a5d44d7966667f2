/**
 * The error every key/URL check of this package throws. Kept in its own file so `urlSafety.ts`
 * and `serviceKeys.ts` can both use it without importing each other.
 */
export class ServiceKeyError extends Error {
	/**
	 * Which field is missing or wrong, as a path into the key (`uaa.clientid`, `endpoints.Api`) or,
	 * for field-by-field input, the credential field's label.
	 */
	readonly field: string;

	/** `message` names the field and the fix; it never contains a secret, token or key. */
	constructor(field: string, message: string) {
		super(message);
		this.name = 'ServiceKeyError';
		this.field = field;
	}
}
