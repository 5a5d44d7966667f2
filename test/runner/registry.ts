/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * Node and credential types for the in-process runner, loaded from source: every `*.node.ts`
 * under nodes/, every `*.credentials.ts` under credentials/, plus the stand-ins under
 * test/runner/nodes/ (manual trigger, no-op, sticky note, Cloud ALM probe, credential probe, request probe, item source) and a
 * test-only credential with generic authenticate so workflow JSON looks like a real
 * n8n export.
 *
 * Type names: `n8n-nodes-sap-cloud-alm.<name>` (as n8n names an installed package's nodes),
 * `CUSTOM.<name>` (custom extension folder) and the bare `<name>` all resolve to the same node.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ICredentialType, IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';
import { btpProbeNode } from './nodes/btpProbe';
import { cloudAlmProbeNode } from './nodes/cloudAlmProbe';
import { genericBearerTestApi } from './nodes/genericBearerTestApi';
import { itemSourceNode } from './nodes/itemSource';
import { manualTriggerNode } from './nodes/manualTrigger';
import { noOpNode } from './nodes/noOp';
import { requestProbeNode } from './nodes/requestProbe';
import { stickyNoteNode } from './nodes/stickyNote';

export const PACKAGE_NAME = 'n8n-nodes-sap-cloud-alm';
const ROOT = resolve(__dirname, '../..');

function filesUnder(dir: string, suffix: string): string[] {
	let entries;
	try {
		entries = readdirSync(dir, { withFileTypes: true });
	} catch {
		return [];
	}
	return entries.flatMap((e) => {
		const path = join(dir, e.name);
		if (e.isDirectory()) return filesUnder(path, suffix);
		return e.name.endsWith(suffix) ? [path] : [];
	});
}

type Constructor = new () => unknown;

async function loadClasses(file: string): Promise<unknown[]> {
	const module = (await import(file)) as Record<string, unknown>;
	return Object.values(module)
		.filter((v): v is Constructor => typeof v === 'function' && /^class\s/.test(Function.prototype.toString.call(v)))
		.map((Ctor) => new Ctor());
}

const isNodeType = (v: unknown): v is INodeType | IVersionedNodeType =>
	typeof v === 'object' && v !== null && 'description' in v && typeof (v as INodeType).description?.name === 'string';

const isCredentialType = (v: unknown): v is ICredentialType =>
	typeof v === 'object' && v !== null && typeof (v as ICredentialType).name === 'string' && Array.isArray((v as ICredentialType).properties);

export interface Registry {
	nodeTypes: INodeTypes;
	credentialTypes: Map<string, ICredentialType>;
	/** files that failed to load (another node may be mid-edit); fatal only when a workflow uses them */
	loadErrors: Array<{ file: string; message: string }>;
}

let cached: Promise<Registry> | undefined;

/** Loads once per process; the result is shared by every run. */
export function loadRegistry(): Promise<Registry> {
	cached ??= buildRegistry();
	return cached;
}

async function buildRegistry(): Promise<Registry> {
	const loadErrors: Registry['loadErrors'] = [];
	const nodes = new Map<string, INodeType | IVersionedNodeType>();
	const credentialTypes = new Map<string, ICredentialType>();

	const register = (node: INodeType | IVersionedNodeType, fullNames: string[]) => {
		for (const name of fullNames) nodes.set(name, node);
	};
	register(manualTriggerNode, ['n8n-nodes-base.manualTrigger']);
	register(noOpNode, ['n8n-nodes-base.noOp']);
	register(stickyNoteNode, ['n8n-nodes-base.stickyNote']);
	register(cloudAlmProbeNode, [`${PACKAGE_NAME}.cloudAlmProbe`, 'cloudAlmProbe']);
	register(btpProbeNode, [`${PACKAGE_NAME}.btpProbe`, 'btpProbe']);
	register(itemSourceNode, [`${PACKAGE_NAME}.itemSource`, 'itemSource']);
	register(requestProbeNode, [`${PACKAGE_NAME}.requestProbe`, 'requestProbe']);

	for (const file of filesUnder(join(ROOT, 'nodes'), '.node.ts')) {
		try {
			for (const instance of (await loadClasses(file)).filter(isNodeType)) {
				const name = instance.description.name;
				register(instance, [`${PACKAGE_NAME}.${name}`, `CUSTOM.${name}`, name]);
			}
		} catch (error) {
			loadErrors.push({ file, message: (error as Error).message });
		}
	}
	credentialTypes.set(genericBearerTestApi.name, genericBearerTestApi);
	for (const file of filesUnder(join(ROOT, 'credentials'), '.credentials.ts')) {
		try {
			for (const instance of (await loadClasses(file)).filter(isCredentialType)) credentialTypes.set(instance.name, instance);
		} catch (error) {
			loadErrors.push({ file, message: (error as Error).message });
		}
	}

	const find = (type: string) => {
		const node = nodes.get(type) ?? nodes.get(type.slice(type.lastIndexOf('.') + 1));
		if (!node) {
			const hint = loadErrors.length ? ` (load errors: ${loadErrors.map((e) => `${e.file}: ${e.message}`).join('; ')})` : '';
			throw new UnexpectedError(`Unknown node type "${type}"${hint}`);
		}
		return node;
	};
	const nodeTypes: INodeTypes = {
		getByName: (type) => find(type),
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(find(type), version),
		getKnownTypes: () => Object.fromEntries([...nodes.keys()].map((k) => [k, { className: k, sourcePath: '' }])) as IDataObject,
	};
	return { nodeTypes, credentialTypes, loadErrors };
}
