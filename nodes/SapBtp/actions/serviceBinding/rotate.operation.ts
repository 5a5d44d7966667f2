/**
 * Service Binding → Rotate: a new key next to the old one, verified, handed out, and the old one
 * deleted after a grace period (procedures/rotateBinding.ts). Also "Delete Bindings Due": only the
 * deletions an earlier rotation left for a later run.
 */
import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
	type INodeProperties,
} from 'n8n-workflow';
import { createCloudAlmCredential, updateCloudAlmCredential, type HandedOff } from '../../api/n8nCredentials';
import { labelEq, type ServiceManagerClient, type SmBinding } from '../../api/serviceManager';
import type { BtpSession } from '../../api/session';
import { INPUT_STEP, MAX_TIMEOUT_SECONDS, requireText, textOf, validateGuid, validateSeconds, validateTimeoutSeconds } from '../../helpers/validation';
import { checkRotatable, deleteDueBindings, rotateBinding, ROTATION_LABELS, type DeleteOld, type RotationPolicy } from '../../procedures/rotateBinding';
import { readSmAccess } from '../common';
import { includeSecretsField, serviceKeyNotice, smAccessProperties, waitTimeoutField } from '../fields';
import { bindingLocatorField } from './fields';
import { bindingOutput } from './output';

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const inRotate = { show: { rotateMode: ['rotate'] } };

/** The grace period fields (Rotate, and Enable's rotate mode). */
export const gracePeriodFields = (show: Record<string, string[] | boolean[]>): INodeProperties[] => [
	{
		displayName: 'Grace Period',
		name: 'gracePeriod',
		type: 'number',
		default: 24,
		typeOptions: { minValue: 0 },
		description: 'How long the old key keeps working next to the new one, so everything using it can switch. 0 deletes it as soon as the new key is verified.',
		displayOptions: { show },
	},
	{
		displayName: 'Grace Period Unit',
		name: 'gracePeriodUnit',
		type: 'options',
		default: 'hours',
		options: [
			{ name: 'Seconds', value: 'seconds' },
			{ name: 'Minutes', value: 'minutes' },
			{ name: 'Hours', value: 'hours' },
			{ name: 'Days', value: 'days' },
		],
		displayOptions: { show },
	},
	{
		displayName: 'Delete Old Binding',
		name: 'deleteOld',
		type: 'options',
		default: 'later',
		options: [
			{
				name: 'In a Later Run, When Due',
				value: 'later',
				description: 'Label the old binding with its due time; a later Rotate (or Delete Bindings Due) deletes it',
			},
			{ name: 'In This Run, After the Grace Period', value: 'wait', description: 'The execution waits out the grace period, then deletes it' },
		],
		displayOptions: { show },
	},
];

/** When to rotate (Rotate, and Enable's rotate mode). */
export const rotationOptionsField = (show: Record<string, string[] | boolean[]>): INodeProperties => ({
	displayName: 'Rotation Options',
	name: 'rotateOptions',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: { show },
	options: [
		{
			displayName: 'Only When Older Than (Days)',
			name: 'minAgeDays',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0 },
			description: 'Rotate only keys created at least this many days ago (0: always). For a scheduled rotation.',
		},
		{
			displayName: 'Only When the Certificate Expires Within (Days)',
			name: 'certificateWithinDays',
			type: 'number',
			default: 7,
			typeOptions: { minValue: 0 },
			description: "X.509 keys: rotate only when the certificate's notAfter is at most this many days away. Keys with a secret ignore it.",
		},
	],
});

const properties: INodeProperties[] = [
	...smAccessProperties,
	{
		displayName: 'Mode',
		name: 'rotateMode',
		type: 'options',
		noDataExpression: true,
		default: 'rotate',
		options: [
			{ name: 'Rotate', value: 'rotate', description: 'Rotate one binding (and delete what earlier rotations of its instance left due)' },
			{
				name: 'Delete Bindings Due',
				value: 'deleteDue',
				description: 'Only delete the old bindings of earlier rotations whose grace period has ended, in the whole subaccount',
			},
		],
	},
	{ ...bindingLocatorField, displayOptions: inRotate },
	...gracePeriodFields({ rotateMode: ['rotate'] }),
	{
		displayName: 'Hand Off New Key',
		name: 'handOff',
		type: 'options',
		default: 'none',
		description: "Write the new SAP Cloud ALM API key into an n8n credential through n8n's public API (needs the SAP Key Hand-Off API credential)",
		options: [
			{ name: 'No', value: 'none' },
			{ name: 'Create New Credential', value: 'create', description: 'The output names its ID' },
			{ name: 'Update Existing Credential', value: 'update', description: 'Replace the key in an existing SAP Cloud ALM API credential: workflows using it get the new key' },
		],
		displayOptions: inRotate,
	},
	{
		displayName: 'Credential Name',
		name: 'handOffCredentialName',
		type: 'string',
		default: '',
		placeholder: 'e.g. SAP Cloud ALM API (rotated)',
		description: 'Name of the new n8n credential; empty: "SAP Cloud ALM API", the binding name and the date',
		displayOptions: { show: { rotateMode: ['rotate'], handOff: ['create'] } },
	},
	{
		displayName: 'Credential ID',
		name: 'handOffCredentialId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. R2DjclaysHbqn778',
		description: 'ID of the SAP Cloud ALM API credential to update (in its URL in the editor)',
		displayOptions: { show: { rotateMode: ['rotate'], handOff: ['update'] } },
	},
	rotationOptionsField({ rotateMode: ['rotate'] }),
	includeSecretsField,
	serviceKeyNotice,
	{ ...waitTimeoutField, description: 'How long to wait for each binding operation (create, delete)' },
];

export const description = updateDisplayOptions({ show: { resource: ['serviceBinding'], operation: ['rotate'] } }, properties);

function refuse(this: IExecuteFunctions, i: number, message: string, description: string): never {
	throw new NodeOperationError(this.getNode(), message, { itemIndex: i, description: `Step: ${INPUT_STEP}\n${description}` });
}

/** The rotation settings, every one checked before the first call. */
export function readRotationPolicy(this: IExecuteFunctions, i: number, timeoutMs: number): RotationPolicy {
	const raw = this.getNodeParameter('gracePeriod', i, 24) as unknown;
	const amount = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
		refuse.call(this, i, `Grace Period must be 0 or more (got ${JSON.stringify(raw)})`, 'Field: Grace Period. Enter how long the old key keeps working, e.g. 24 (hours), or 0 to delete it once the new key is verified.');
	}
	const unit = this.getNodeParameter('gracePeriodUnit', i, 'hours') as string;
	const deleteOld = this.getNodeParameter('deleteOld', i, 'later') as DeleteOld;
	const seconds = (amount as number) * (UNIT_SECONDS[unit] ?? 3600);
	const graceMs = deleteOld === 'wait' || seconds === 0
		? validateSeconds(this.getNode(), i, seconds, 'Grace Period', 'Waiting in this run is limited; choose "In a Later Run, When Due" for longer grace periods.', 0)
		: seconds * 1000;
	const options = this.getNodeParameter('rotateOptions', i, {}) as IDataObject;
	const number = (field: string, name: string): number | undefined => {
		if (options[name] === undefined || options[name] === '') return undefined;
		const n = Number(options[name]);
		if (!Number.isFinite(n) || n < 0) refuse.call(this, i, `${field} must be 0 or more (got ${JSON.stringify(options[name])})`, `Field: ${field}. Enter a number of days.`);
		return n;
	};
	return {
		graceMs,
		deleteOld,
		minAgeDays: number('Only When Older Than (Days)', 'minAgeDays') ?? 0,
		certificateWithinDays: number('Only When the Certificate Expires Within (Days)', 'certificateWithinDays'),
		timeoutMs,
	};
}

/** The binding to rotate: by id (404 → a clear error), or by name — also its former name, while a rotation left it without one. */
async function findBindingToRotate(this: IExecuteFunctions, i: number, sm: ServiceManagerClient): Promise<SmBinding> {
	const locator = this.getNodeParameter('binding', i) as INodeParameterResourceLocator;
	const value = requireText(this.getNode(), i, locator?.value, 'Service Binding');
	const missing = (what: string): never => {
		throw new NodeOperationError(this.getNode(), `Service binding ${what} does not exist`, {
			itemIndex: i,
			description: 'Step: Find the service binding\nField: Service Binding. Pick it from the list, or check the name or ID. Nothing was changed.',
		});
	};
	if (locator.mode !== 'name') {
		const id = validateGuid(this.getNode(), i, value, 'Service Binding');
		return (await sm.findBindingById(id)) ?? missing(id);
	}
	const named = await sm.findBindingsNamed(value, 'Find the service binding');
	if (named.length > 1) {
		throw new NodeOperationError(this.getNode(), `Binding name "${value}" is used by ${named.length} instances`, {
			itemIndex: i,
			description: 'Field: Service Binding. Pick it from the list or give its ID.',
		});
	}
	const found = named[0] ?? (await sm.findBindingsLabelled(labelEq(ROTATION_LABELS.formerName, value), 'Find the service binding')).find((b) => b.name !== value);
	if (!found) missing(`"${value}"`);
	return (await sm.getBinding(found!.id))!;
}

export async function execute(this: IExecuteFunctions, i: number, session: BtpSession): Promise<IDataObject> {
	const node = this.getNode();
	const mode = this.getNodeParameter('rotateMode', i, 'rotate') as string;
	const timeoutMs = validateTimeoutSeconds(node, i, this.getNodeParameter('waitTimeout', i, 600) as number);
	const includeSecrets = this.getNodeParameter('includeSecrets', i, false) as boolean;
	if (mode === 'deleteDue') {
		const { sm } = await readSmAccess.call(this, i, session);
		const deleted = await deleteDueBindings(sm, { graceMs: 0, deleteOld: 'later', minAgeDays: 0, timeoutMs });
		return { mode, deleted: deleted as unknown as IDataObject[], count: deleted.length };
	}
	const policy = readRotationPolicy.call(this, i, timeoutMs);
	const handOff = this.getNodeParameter('handOff', i, 'none') as 'none' | 'create' | 'update';
	const credentialId = handOff === 'update' ? requireText(node, i, this.getNodeParameter('handOffCredentialId', i, ''), 'Credential ID') : undefined;
	if (credentialId && !/^[A-Za-z0-9_-]{1,36}$/.test(credentialId)) {
		refuse.call(this, i, `Credential ID "${credentialId}" is not an n8n credential ID`, 'Field: Credential ID. Copy the ID from the credential\'s URL in the editor (letters, digits, "_" and "-").');
	}
	const credentialName = handOff === 'create' ? textOf(node, i, this.getNodeParameter('handOffCredentialName', i, ''), 'Credential Name') : '';
	if (policy.deleteOld === 'wait' && policy.graceMs / 1000 > MAX_TIMEOUT_SECONDS) {
		refuse.call(this, i, 'Grace Period is too long to wait in this run', 'Field: Delete Old Binding. Choose "In a Later Run, When Due".');
	}

	const { sm } = await readSmAccess.call(this, i, session);
	const located = await findBindingToRotate.call(this, i, sm);
	await checkRotatable(sm, located);
	if (handOff !== 'none' && !(located.credentials as IDataObject | undefined)?.endpoints) {
		refuse.call(this, i, `Binding "${located.name}" is not a SAP Cloud ALM API key`, 'Field: Hand Off New Key. The hand-off writes SAP Cloud ALM API credentials; set it to No for other keys. Nothing was changed.');
	}

	const result = await rotateBinding(sm, located, policy);
	let handedOff: HandedOff | undefined;
	// Update is repeated while the old key is still retiring: a hand-off that failed after the rotation
	// is made up by the next run, before the old key is deleted. Create only after a rotation (no duplicates).
	const inGrace = result.old?.state === 'retiring';
	if ((handOff === 'create' && result.action !== 'skipped') || (handOff === 'update' && (result.action !== 'skipped' || inGrace))) {
		const key = result.current.credentials as IDataObject;
		handedOff =
			handOff === 'update'
				? await updateCloudAlmCredential(session, credentialId!, key)
				: await createCloudAlmCredential(session, credentialName || `SAP Cloud ALM API ${result.current.name} ${new Date().toISOString().slice(0, 10)}`, key);
	}
	return {
		action: result.action,
		...(result.reason ? { reason: result.reason } : {}),
		binding: bindingOutput(result.current, includeSecrets),
		...(result.verification ? { verification: result.verification } : {}),
		...(result.old ? { oldBinding: result.old } : {}),
		deletedDue: result.deletedDue,
		...(result.parametersNote ? { note: result.parametersNote } : {}),
		...(handedOff ? { handOff: handedOff } : {}),
	};
}
