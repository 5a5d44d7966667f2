/**
 * The one set-up of a test file that runs against the simulator: one simulator per file, started
 * before its first test and stopped after its last; before each test (unless `reset: false`) the
 * simulator's clock is the real one again, the world is re-seeded, and the file's profile and
 * faults are set through the control API (`POST /__sim/profile`, `/__sim/faults`), as before any
 * other request of the test.
 *
 *   const sim = useSimulator({ profile: FAST_PROFILE, faults: NO_FAULTS });
 *   it('…', async () => { const run = await runBtp(sim, …); });
 *
 * `sim` is usable from the file's first hook on (jest runs every beforeAll before any test), so a
 * file's own beforeAll declared after this call may use it too. Profile and faults are merged into
 * what the simulator has, so a value a test changes stays for the next test unless the file's
 * profile or faults name it.
 */
import axios from 'axios';
import { startSimulator, type FaultConfig, type Profile, type RunningSimulator, type SimulatorOptions } from '../simulator';
import type { LogEntry } from '../simulator/http';
import type { SeedOptions } from '../simulator/seed';

export interface UseSimulatorOptions {
	/** How the simulator starts (profile, faults and seed at start). */
	start?: SimulatorOptions;
	/**
	 * Before each test: `true` (default) re-seeds the world with the last seed options, an object
	 * re-seeds it with these, `false` keeps one world for the whole file (and sets nothing per test).
	 */
	reset?: boolean | SeedOptions;
	/** Set before each test, after the reset. */
	profile?: Partial<Profile>;
	/** Set before each test, after the profile. */
	faults?: Partial<FaultConfig>;
}

export async function setProfile(sim: RunningSimulator, profile: Partial<Profile>): Promise<void> {
	await axios.post(`${sim.urls.control}/__sim/profile`, profile);
}

export async function setFaults(sim: RunningSimulator, faults: Partial<FaultConfig>): Promise<void> {
	await axios.post(`${sim.urls.control}/__sim/faults`, faults);
}

export function useSimulator(options: UseSimulatorOptions = {}): RunningSimulator {
	let running: RunningSimulator | undefined;
	const current = (): RunningSimulator => {
		if (!running) throw new Error('the simulator runs from beforeAll on: use `sim` inside hooks and tests');
		return running;
	};

	beforeAll(async () => {
		running = await startSimulator(options.start);
	});
	afterAll(async () => {
		await running?.stop();
	});

	const { reset = true, profile, faults } = options;
	if (reset !== false) {
		beforeEach(async () => {
			const sim = current();
			// a test may have moved the simulator's clock (`context.now`); the next one starts on the real one
			sim.context.now = () => Date.now();
			sim.reset(reset === true ? undefined : reset);
			if (profile) await setProfile(sim, profile);
			if (faults) await setFaults(sim, faults);
		});
	}

	return {
		get urls() {
			return current().urls;
		},
		get keys() {
			return current().keys;
		},
		get caCertPem() {
			return current().caCertPem;
		},
		get context() {
			return current().context;
		},
		get log() {
			return current().log;
		},
		reset: (seedOptions) => current().reset(seedOptions),
		stop: async () => await current().stop(),
	};
}

export interface LogSince {
	/** requests the simulator logged since the watch began (control API excluded) */
	entries: LogEntry[];
	/** tokens issued since, per client id (clients without a new token left out) */
	tokensIssued: Record<string, number>;
	tokensIssuedTotal: number;
}

/** Starts reading the simulator's request log here; call the result after the run for what came since. */
export function watchLog(sim: RunningSimulator): () => LogSince {
	const start = sim.log.summary();
	return () => {
		const summary = sim.log.summary(start.lastSeq);
		const tokensIssued: Record<string, number> = {};
		for (const [client, n] of Object.entries(summary.tokensIssued)) {
			const delta = n - (start.tokensIssued[client] ?? 0);
			if (delta) tokensIssued[client] = delta;
		}
		return { entries: summary.entries, tokensIssued, tokensIssuedTotal: summary.tokensIssuedTotal - start.tokensIssuedTotal };
	};
}
