/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * docs/cloud-alm-coverage.md points at tests by `file:line`. Lines move when tests are added, so
 * this keeps the document true: every reference must land on an `it(` of that node test file (or
 * on a case of the bad-input catalogue). A `:N` alone refers to the file named last in its cell.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const DOC = readFileSync(join(ROOT, 'docs/cloud-alm-coverage.md'), 'utf8');

function pathOf(file: string): string {
	if (file === 'cases.ts') return join(ROOT, 'test/badInput/cases.ts');
	return join(ROOT, 'test/nodes/sapCloudAlm', file);
}

interface Reference {
	file: string;
	line: number;
	cell: string;
	/** part of a range `a-b`: a comment line between the cases is allowed */
	inRange: boolean;
}

function references(): Reference[] {
	const found: Reference[] = [];
	for (const row of DOC.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'))) {
		for (const cell of row.split('|')) {
			let file = '';
			for (const m of cell.matchAll(/`(?:([A-Za-z]+(?:\.test)?\.ts))?:(\d+)(?:-(\d+))?`/g)) {
				if (m[1]) file = m[1];
				if (!file) throw new Error(`"${m[0]}" names no file before it in: ${cell.trim()}`);
				const from = Number(m[2]);
				const to = m[3] ? Number(m[3]) : from;
				for (let line = from; line <= to; line++) found.push({ file, line, cell: cell.trim(), inRange: to > from });
			}
		}
	}
	return found;
}

describe('docs/cloud-alm-coverage.md', () => {
	const refs = references();

	it('names tests by file and line (the table is not empty)', () => {
		expect(refs.length).toBeGreaterThan(50);
	});

	it('every file:line lands on a test (`it(`) or a bad-input case', () => {
		const wrong: string[] = [];
		const lines = new Map<string, string[]>();
		for (const ref of refs) {
			const path = pathOf(ref.file);
			if (!existsSync(path)) {
				wrong.push(`${ref.file}: no such file (${ref.cell.slice(0, 60)}…)`);
				continue;
			}
			if (!lines.has(path)) lines.set(path, readFileSync(path, 'utf8').split('\n'));
			const text = lines.get(path)![ref.line - 1] ?? '';
			if (ref.inRange && /^\s*\/\//.test(text)) continue;
			const ok = ref.file === 'cases.ts' ? /^\s*\{ name: /.test(text) : /^\s*(it|test)(\.each\(.*\))?\(/.test(text);
			if (!ok) wrong.push(`${ref.file}:${ref.line} is "${text.trim().slice(0, 80)}"`);
		}
		expect(wrong).toEqual([]);
	});
});
