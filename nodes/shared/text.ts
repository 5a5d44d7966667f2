/**
 * Text parameters that may come from an expression. n8n hands an expression's value over as it
 * is: `{{ 42 }}` is a number, `{{ true }}` a boolean, `{{ $json }}` an object. Names, IDs and
 * paths are checked as text, so numbers and booleans become their text (42 → "42"), absent
 * values become "", and objects and lists are refused by the caller with the field's name:
 * "[object Object]" would only make a confusing second error.
 */
export type TextValue = { ok: true; text: string } | { ok: false; got: 'an object' | 'a list' | 'a function' | 'a symbol' };

export function asText(value: unknown): TextValue {
	if (value === undefined || value === null) return { ok: true, text: '' };
	switch (typeof value) {
		case 'string':
			return { ok: true, text: value };
		case 'number':
		case 'boolean':
		case 'bigint':
			return { ok: true, text: String(value) };
		case 'function':
			return { ok: false, got: 'a function' };
		case 'symbol':
			return { ok: false, got: 'a symbol' };
		default:
			return { ok: false, got: Array.isArray(value) ? 'a list' : 'an object' };
	}
}

/** The message for a non-text value, e.g. `Instance Name must be text, but the expression gave an object`. */
export const notTextMessage = (field: string, got: string) => `${field} must be text, but the expression gave ${got}`;

export const NOT_TEXT_FIX =
	'Make the expression return text, e.g. {{ $json.name }} instead of {{ $json }}; numbers and true/false are used as text.';
