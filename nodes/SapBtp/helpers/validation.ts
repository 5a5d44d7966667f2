/**
 * Input checks that run BEFORE any HTTP call. Each names the field and the fix, so a wrong value
 * never reaches SAP (and never leaves a half-done change behind).
 */
import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';
import { asText, NOT_TEXT_FIX, notTextMessage } from '../../shared/text';

export const INSTANCE_NAME_RULE = /^[A-Za-z0-9._-]{1,32}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The step of every refusal before any call (issue 11, item 8: every error names its step). */
export const INPUT_STEP = 'Check input';

function fail(node: INode, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(node, message, { itemIndex, description: `Step: ${INPUT_STEP}\n${description}` });
}

/**
 * A text parameter as text (issue 12 weakness 9): an expression may yield a number, a boolean or
 * an object where a name is expected. Numbers and booleans become their text; objects and lists
 * are refused naming the field, before any call. Trimmed.
 */
export function textOf(node: INode, itemIndex: number, value: unknown, field: string): string {
	const text = asText(value);
	if (!text.ok) fail(node, itemIndex, notTextMessage(field, text.got), `Field: ${field}. ${NOT_TEXT_FIX}`);
	return text.text.trim();
}

export function validateInstanceName(node: INode, itemIndex: number, name: unknown, field = 'Instance Name'): string {
	const value = textOf(node, itemIndex, name, field);
	if (!value) fail(node, itemIndex, `${field} is empty`, `Enter a name of 1–32 characters: letters, digits, ".", "_" or "-".`);
	if (value.length > 32) {
		fail(
			node,
			itemIndex,
			`${field} is ${value.length} characters long; SAP allows at most 32`,
			`Shorten "${value}" to 32 characters or fewer (letters, digits, ".", "_", "-").`,
		);
	}
	if (!INSTANCE_NAME_RULE.test(value)) {
		const bad = [...new Set(value.replace(/[A-Za-z0-9._-]/g, ''))].map((c) => (c === ' ' ? 'space' : `"${c}"`));
		fail(
			node,
			itemIndex,
			`${field} contains characters SAP does not allow: ${bad.join(', ')}`,
			'Use only letters, digits, ".", "_" and "-" (no spaces), at most 32 characters.',
		);
	}
	return value;
}

export function validateBindingName(node: INode, itemIndex: number, name: unknown): string {
	const value = textOf(node, itemIndex, name, 'Binding Name');
	if (!value) fail(node, itemIndex, 'Binding Name is empty', 'Enter a name for the binding (service key).');
	if (value.length > 100 || /[\s'"]/.test(value)) {
		fail(node, itemIndex, 'Binding Name is not valid', 'Use at most 100 characters without spaces or quotes.');
	}
	return value;
}

export function validateGuid(node: INode, itemIndex: number, value: unknown, field: string): string {
	const v = textOf(node, itemIndex, value, field);
	if (!GUID.test(v)) {
		fail(node, itemIndex, `${field} "${v}" is not a GUID`, `Pick it from the list or paste the GUID (8-4-4-4-12 hex digits).`);
	}
	return v.toLowerCase();
}

/** Parses a JSON parameter that must be an object; `{}`/empty → undefined. */
export function parseJsonObject(node: INode, itemIndex: number, raw: unknown, field: string): IDataObject | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		const text = raw.trim();
		if (!text) return undefined;
		try {
			value = JSON.parse(text);
		} catch (error) {
			const position = /position (\d+)/.exec(String((error as Error).message));
			fail(
				node,
				itemIndex,
				`${field} is not valid JSON${position ? ` (near character ${position[1]})` : ''}`,
				`Enter a JSON object, e.g. {"xs-security": {"xsappname": "my-instance"}}.`,
			);
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		fail(node, itemIndex, `${field} must be a JSON object`, 'Enter an object in curly braces, e.g. {"key": "value"}.');
	}
	return Object.keys(value as IDataObject).length ? (value as IDataObject) : undefined;
}

/**
 * The longest timeout in seconds: Node.js timers hold at most 2,147,483,647 ms (2^31 - 1); a
 * longer delay (or Infinity) is silently replaced by 1 ms (TimeoutOverflowWarning, Node.js docs
 * "setTimeout"), so a timeout of 2,147,484 s would make every call fail at once (issue 12
 * weakness 8).
 */
export const MAX_TIMEOUT_SECONDS = 2_147_483;

/**
 * A duration in seconds from a number field (or an expression): a finite number from `min` (1 s
 * for timeouts; 0 for a grace period, meaning "none") to MAX_TIMEOUT_SECONDS, else refused
 * naming the field. Returns milliseconds.
 */
export function validateSeconds(
	node: INode,
	itemIndex: number,
	seconds: unknown,
	field: string,
	fix: string,
	min = 1,
): number {
	const value = typeof seconds === 'string' && seconds.trim() !== '' ? Number(seconds) : seconds;
	const shown = typeof seconds === 'string' ? JSON.stringify(seconds) : String(seconds);
	if (typeof value !== 'number' || Number.isNaN(value)) {
		fail(node, itemIndex, `${field} must be a number of seconds (got ${shown})`, fix);
	}
	if (value <= 0 && min > 0) fail(node, itemIndex, `${field} must be greater than 0 (got ${shown})`, fix);
	if (value < min) fail(node, itemIndex, `${field} must be at least ${min} second${min === 1 ? '' : 's'} (got ${shown})`, fix);
	if (value > MAX_TIMEOUT_SECONDS) {
		fail(
			node,
			itemIndex,
			`${field} must be at most ${MAX_TIMEOUT_SECONDS} seconds (about 24.8 days) (got ${shown})`,
			`${fix} Longer waits cannot be timed: Node.js would cut them to 1 ms.`,
		);
	}
	return value * 1000;
}

export function validateTimeoutSeconds(node: INode, itemIndex: number, seconds: unknown, field = 'Wait Timeout'): number {
	return validateSeconds(node, itemIndex, seconds, field, 'Enter the number of seconds to wait, e.g. 600.');
}

export function validateAmount(node: INode, itemIndex: number, amount: number): number {
	if (!Number.isInteger(amount) || amount < 1) {
		fail(node, itemIndex, `Amount must be a whole number of at least 1 (got ${String(amount)})`, 'Set Amount to 1 or more, or leave it at 0 to let the node choose.');
	}
	return amount;
}

export function requireText(node: INode, itemIndex: number, value: unknown, field: string): string {
	const v = textOf(node, itemIndex, value, field);
	if (!v) fail(node, itemIndex, `${field} is empty`, `Enter a value for ${field}.`);
	return v;
}
