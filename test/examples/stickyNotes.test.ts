/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * Every example workflow explains itself on the canvas as n8n's templates do: an overview sticky
 * note (what it does, what to configure), and a note behind each step. Checked on the files users
 * import: every node sits inside exactly one step note, notes do not overlap, and every credential
 * type the workflow uses is named in its notes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const EXAMPLES_DIR = join(__dirname, '../../examples');
const STICKY = 'n8n-nodes-base.stickyNote';
/** n8n's canvas size of a regular node; tool sub-nodes are smaller, so this over-approximates them. */
const NODE_SIZE = 100;

interface SavedNode {
	name: string;
	type: string;
	position: [number, number];
	parameters: { content?: string; width?: number; height?: number };
	credentials?: Record<string, unknown>;
}

/** Display names the notes use for each credential type. */
const CREDENTIAL_NAMES: Record<string, string> = {
	sapBtpCloudManagementApi: 'SAP BTP Cloud Management API',
	sapCloudAlmApi: 'SAP Cloud ALM API',
	sapCloudAlmWebhookApi: 'SAP Cloud ALM Webhook API',
	sapBtpServiceManagerApi: 'SAP BTP Service Manager API',
	sapBtpDestinationServiceApi: 'SAP BTP Destination Service API',
	sapN8nApi: 'n8n API',
};

const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.workflow.json')).sort();

describe.each(files)('%s', (file) => {
	const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as { nodes: SavedNode[] };
	const notes = workflow.nodes.filter((n) => n.type === STICKY);
	const nodes = workflow.nodes.filter((n) => n.type !== STICKY);
	const box = (n: SavedNode) => {
		const [x, y] = n.position;
		return { x1: x, y1: y, x2: x + (n.parameters.width ?? 240), y2: y + (n.parameters.height ?? 160) };
	};

	test('has an overview note that says what to set up, and a note per step', () => {
		const overview = notes.filter((n) => /^## /m.test(n.parameters.content ?? ''));
		expect(overview).toHaveLength(1);
		expect(overview[0].parameters.content).toMatch(/### Set up/);
		expect(notes.length).toBeGreaterThanOrEqual(2);
	});

	test('every node sits inside exactly one step note, and notes do not overlap', () => {
		const steps = notes.filter((n) => !/^## /m.test(n.parameters.content ?? ''));
		for (const node of nodes) {
			const [x, y] = node.position;
			const holders = steps.filter((s) => {
				const b = box(s);
				return b.x1 <= x && x + NODE_SIZE <= b.x2 + 20 && b.y1 <= y && y + NODE_SIZE <= b.y2;
			});
			expect({ node: node.name, notes: holders.length }).toEqual({ node: node.name, notes: 1 });
		}
		for (const [i, a] of notes.entries()) {
			for (const b of notes.slice(i + 1)) {
				const [p, q] = [box(a), box(b)];
				const overlap = p.x1 < q.x2 && q.x1 < p.x2 && p.y1 < q.y2 && q.y1 < p.y2;
				expect({ notes: [a.name, b.name], overlap }).toEqual({ notes: [a.name, b.name], overlap: false });
			}
		}
	});

	test('the notes name every credential the workflow needs', () => {
		const text = notes.map((n) => n.parameters.content ?? '').join('\n');
		const types = new Set(nodes.flatMap((n) => Object.keys(n.credentials ?? {})));
		for (const type of types) {
			expect(CREDENTIAL_NAMES[type]).toBeDefined();
			expect({ type, named: text.includes(CREDENTIAL_NAMES[type]) }).toEqual({ type, named: true });
		}
	});
});
