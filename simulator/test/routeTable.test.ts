/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * simulator/README.md stays true: its route table is what the routers serve (each route's handler
 * and the file declaring it), and it names every profile switch and fault of profile.ts.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_PROFILE, NO_FAULTS } from '../profile';
import { README, routeTable, withTable } from '../routeTable';

const readme = readFileSync(README, 'utf8');

test('the route table lists every route and the function serving it (regenerate: npx ts-node --transpile-only simulator/routeTable.ts)', () => {
	expect(readme).toBe(withTable(readme, routeTable()));
});

test('the README names every profile switch and fault', () => {
	const missing = [...Object.keys(DEFAULT_PROFILE), ...Object.keys(NO_FAULTS)].filter((key) => !readme.includes(`\`${key}\``));
	expect(missing).toEqual([]);
});
