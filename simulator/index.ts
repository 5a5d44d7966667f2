/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error */
/**
 * SAP BTP simulator: one real HTTP server per SAP service, each on its own 127.0.0.1 port, so a
 * client has to take every base URL from the service keys as it would on BTP.
 *
 *   control (base port)   /__sim/*            keys, state, request log, reset, profile, faults
 *   uaa        (+1)       /oauth/token        XSUAA, client secret (Basic or form)
 *   uaaCert    (+2)       /oauth/token        XSUAA mTLS origin (`certurl`), https + client cert
 *   accounts   (+3)       /accounts/v1|v2/…   CIS Accounts service (+ /jobs-management)
 *   entitlements (+4)    /entitlements/v1/…  CIS Entitlements service (+ /jobs-management)
 *   serviceManager (+5)  /v1/…               SAP Service Manager
 *   cloudAlm   (+6)       /api/calm-…/v1/…    SAP Cloud ALM API
 *   events     (+7)       /cloud-management/v1/events   CIS Events service
 *   destination (+8)      /destination-configuration/v1/…  Destination service
 *
 * Which route lives where: the route table in README.md (built from the routers by `routeTable.ts`);
 * cross-cutting behaviour: `http.ts`.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer, RequestLog, type ServiceModule, type ServiceName } from './http';
import { loadOrCreatePki } from './pki';
import { DEFAULT_PROFILE, NO_FAULTS, seededRandom, type FaultConfig, type Profile } from './profile';
import { emptyState, seed, type SeedKeys, type SeedOptions } from './seed';
import { createAccountsService } from './services/accounts';
import { createCloudAlmService } from './services/cloudAlm';
import { createControlService } from './services/control';
import { createDestinationService } from './services/destination';
import { createEventsService } from './services/events';
import { createEntitlementsService } from './services/entitlements';
import { createServiceManagerService } from './services/serviceManager';
import { createXsuaaService } from './services/xsuaa';
import type { SimContext, SimUrls } from './state';

export type { SeedKeys } from './seed';
export type { FaultConfig, Profile } from './profile';
export type { SimUrls } from './state';

export interface SimulatorOptions {
	/** Control API port; services take the next ones (see SERVICE_ORDER). 0 (default) = a free port for each. */
	basePort?: number;
	profile?: Partial<Profile>;
	faults?: Partial<FaultConfig>;
	seed?: SeedOptions;
	/** Folder of the simulator CA (default `.cache/simulator-pki`, or env BTP_SIM_PKI_DIR). */
	pkiDir?: string;
}

export interface RunningSimulator {
	urls: SimUrls;
	/** The keys of the seeded world, as the cockpit would show them (same as `GET /__sim/keys`). */
	keys: SeedKeys;
	/** PEM of the CA that signed the mTLS origin's certificate (clients must trust it). */
	caCertPem: string;
	/** Direct access for assertions in tests; clients must go through HTTP. */
	context: SimContext;
	log: RequestLog;
	/** Re-seeds the world (same as `POST /__sim/reset`). */
	reset(seedOptions?: SeedOptions): SeedKeys;
	stop(): Promise<void>;
}

/** Base port of `npm run simulator` (env BTP_SIM_PORT overrides it). */
export const DEFAULT_BASE_PORT = 4010;

/** The services in the order of their ports: control on the base port, then +1 … +6. */
export const SERVICE_ORDER: ServiceName[] = [
	'control',
	'uaa',
	'uaaCert',
	'accounts',
	'entitlements',
	'serviceManager',
	'cloudAlm',
	'events',
	'destination',
];

/** Every service's routes and answer formats, by name; `SERVICE_ORDER` is the order of their ports. */
export function createServiceModules(control: Parameters<typeof createControlService>[0]): Record<ServiceName, ServiceModule> {
	return {
		control: createControlService(control),
		uaa: createXsuaaService('uaa', control.log),
		uaaCert: createXsuaaService('uaaCert', control.log),
		accounts: createAccountsService(),
		entitlements: createEntitlementsService(),
		serviceManager: createServiceManagerService(),
		cloudAlm: createCloudAlmService(),
		events: createEventsService(),
		destination: createDestinationService(),
	};
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
	const pki = loadOrCreatePki(options.pkiDir);
	const log = new RequestLog();
	const faults: FaultConfig = { ...NO_FAULTS, ...options.faults };
	const sim: SimContext = {
		state: emptyState(),
		profile: { ...DEFAULT_PROFILE, ...options.profile },
		faults,
		urls: {} as SimUrls,
		pki,
		random: seededRandom(faults.seed),
		now: () => Date.now(),
	};

	let seedOptions: SeedOptions = options.seed ?? {};
	let keys!: SeedKeys;
	const reset = (next?: SeedOptions) => {
		if (next) seedOptions = next;
		log.reset();
		sim.state.smCreateLog = {};
		keys = seed(sim, seedOptions);
		return keys;
	};

	const modules = createServiceModules({ log, reset: (o) => reset(o), keys: () => keys });

	const servers: Server[] = [];
	try {
		for (let i = 0; i < SERVICE_ORDER.length; i++) {
			const name = SERVICE_ORDER[i];
			const tls = name === 'uaaCert' ? { cert: pki.serverCertPem, key: pki.serverKeyPem, ca: pki.caCertPem } : undefined;
			const server = createServer({ module: modules[name], sim, log, plain: name === 'control', tls });
			const port = options.basePort ? options.basePort + i : 0;
			await new Promise<void>((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, '127.0.0.1', () => resolve());
			});
			servers.push(server);
			const { port: actual } = server.address() as AddressInfo;
			sim.urls[name] = `${tls ? 'https' : 'http'}://127.0.0.1:${actual}`;
		}
	} catch (err) {
		await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
		throw err;
	}

	reset();

	return {
		urls: sim.urls,
		get keys() {
			return keys;
		},
		caCertPem: pki.caCertPem,
		context: sim,
		log,
		reset,
		stop: async () => {
			await Promise.all(
				servers.map(
					(s) =>
						new Promise<void>((resolve) => {
							s.close(() => resolve());
							s.closeAllConnections?.();
						}),
				),
			);
		},
	};
}
