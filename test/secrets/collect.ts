/**
 * Secret hygiene (issue 8): which strings must never leave the node, and where to look for them.
 *
 * Secrets are taken from the simulator itself after a run: every client secret and private key it
 * knows (seed keys, bindings created during the run, CIS Service Manager access bindings) and
 * every access token it issued (captured at the token endpoint). A JWT-shaped string is also a
 * leak even if it is not one of those.
 */
import * as tokens from '../../simulator/tokens';
import type { RunningSimulator } from '../../simulator';

/** Starts recording every access token the simulator's XSUAA issues; returns the list (live). */
export function recordIssuedTokens(): { issued: string[]; restore: () => void } {
	const issued: string[] = [];
	const original = tokens.mintToken;
	const spy = jest.spyOn(tokens, 'mintToken').mockImplementation((...args: Parameters<typeof tokens.mintToken>) => {
		const answer = original(...args);
		issued.push(answer.access_token);
		return answer;
	});
	return { issued, restore: () => spy.mockRestore() };
}

/** Client secrets, private keys (and a slice of each key's base64 body) and passwords anywhere in `value`. */
export function secretsIn(value: unknown, out: Set<string> = new Set()): Set<string> {
	if (Array.isArray(value)) value.forEach((v) => secretsIn(v, out));
	else if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) {
			if (typeof v === 'string' && /^(clientsecret|client_secret|key|privateKey|password)$/i.test(k) && v.length >= 8) {
				out.add(v);
				const body = v.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
				if (body.length > 60) out.add(body.slice(20, 60));
			} else secretsIn(v, out);
		}
	}
	return out;
}

/** Every secret the simulator holds right now (keys, clients, bindings, SM access bindings, destination passwords). */
export function simulatorSecrets(sim: RunningSimulator): Set<string> {
	const out = secretsIn(sim.keys);
	const state = sim.context.state;
	secretsIn(state.uaaClients, out);
	secretsIn(state.bindings.map((b) => b.credentials), out);
	secretsIn(state.smAccess, out);
	// destinations (Connect Cloud ALM to a Webhook writes the webhook's Basic-auth Password into one)
	secretsIn(state.destinations.map((d) => d.properties), out);
	return out;
}

const JWT = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/;

export interface Leak {
	where: string;
	what: string;
}

/** Which secrets/tokens occur in which captured text (the secret itself is never returned). */
export function findLeaks(captured: Record<string, string>, secrets: Iterable<string>, issuedTokens: Iterable<string>): Leak[] {
	const leaks: Leak[] = [];
	const secretList = [...secrets];
	const tokenList = [...issuedTokens];
	for (const [where, text] of Object.entries(captured)) {
		secretList.forEach((s, i) => text.includes(s) && leaks.push({ where, what: `secret #${i} (${s.length} chars)` }));
		tokenList.forEach((t, i) => text.includes(t) && leaks.push({ where, what: `access token #${i}` }));
		if (JWT.test(text)) leaks.push({ where, what: 'a JWT-shaped string' });
	}
	return leaks;
}
