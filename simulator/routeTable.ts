/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * The route table of simulator/README.md, built from the routers themselves: every route (method and
 * path as registered) and the function that serves it, with the file that declares that function.
 * `npx ts-node --transpile-only simulator/routeTable.ts` rewrites the table in the README;
 * simulator/test/routeTable.test.ts fails when the README's table is not what this builds.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RequestLog, type ServiceName } from './http';
import { DEFAULT_BASE_PORT, SERVICE_ORDER, createServiceModules } from './index';

export const README = join(__dirname, 'README.md');
const SERVICES_DIR = join(__dirname, 'services');
const START = '<!-- route table: built by simulator/routeTable.ts, checked by simulator/test/routeTable.test.ts -->';
const END = '<!-- end of route table -->';

const TITLES: Record<ServiceName, string> = {
	control: 'Control API (the simulator’s own, not SAP)',
	uaa: 'XSUAA, client secret (`uaa.url`)',
	uaaCert: 'XSUAA, X.509 client certificate (`uaa.certurl`, https)',
	accounts: 'CIS Accounts',
	entitlements: 'CIS Entitlements',
	serviceManager: 'SAP Service Manager (`sm_url`)',
	cloudAlm: 'SAP Cloud ALM API (`endpoints.Api`)',
	events: 'CIS Events service (`endpoints.events_service_url`)',
	destination: 'Destination service (`uri` of a destination key)',
};

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
	);
}

/** The one file under services/ that declares `function <name>`; throws when none or several do. */
function declaringFile(name: string, files: Array<{ path: string; text: string }>): string {
	const declared = new RegExp(`function ${name}\\(`);
	const found = files.filter((f) => declared.test(f.text));
	if (found.length !== 1) {
		const where = found.map((f) => f.path).join(', ') || 'no file';
		throw new Error(`route handler '${name}' must be declared in exactly one file under simulator/services (found in ${where})`);
	}
	return relative(__dirname, found[0].path);
}

/** The route table as Markdown, one section per service in port order. */
export function routeTable(): string {
	const files = sourceFiles(SERVICES_DIR).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
	const modules = createServiceModules({
		log: new RequestLog(),
		reset: () => {
			throw new Error('not started');
		},
		keys: () => {
			throw new Error('not started');
		},
	});
	const sections = SERVICE_ORDER.map((name, i) => {
		const rows = modules[name].router.routes.map((route) => {
			const handler = route.handler.name;
			if (!handler) throw new Error(`${route.method} ${route.pattern} (${name}): give its handler a name (function <name>(req, sim))`);
			const file = declaringFile(handler, files);
			return `| ${route.method} | \`${route.pattern}\` | [\`${file}\`](${file}) \`${handler}\` |`;
		});
		const port = `${i === 0 ? 'base port' : `base port + ${i}`} (${DEFAULT_BASE_PORT + i} with \`npm run simulator\`)`;
		return [`### ${TITLES[name]}: ${port}`, '', '| method | path | served by |', '| --- | --- | --- |', ...rows].join('\n');
	});
	return [START, '', ...sections.flatMap((s) => [s, '']), END].join('\n');
}

/** The README with its route table replaced by `table`. */
export function withTable(readme: string, table: string): string {
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	if (start < 0 || end < start) throw new Error(`simulator/README.md has no route table markers (${START} … ${END})`);
	return readme.slice(0, start) + table + readme.slice(end + END.length);
}

if (require.main === module) {
	writeFileSync(README, withTable(readFileSync(README, 'utf8'), routeTable()));
	console.log(`route table written to ${relative(process.cwd(), README)}`);
}
