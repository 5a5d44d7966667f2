/**
 * The SAP Key Hand-Off API credential's API key goes only where the Base URL points (origin, https
 * or loopback http), whatever option the caller set, and never with redirects: the same rule as the
 * SAP keys' tokens (nodes/shared/tokenDestination.ts), also for n8n's HTTP Request node.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';
import { SapN8nApi } from '../../credentials/SapN8nApi.credentials';

const credential = new SapN8nApi();
const KEY = ['n8n', 'api', 'key', 'under', 'test'].join('-');
const data = { apiKey: KEY, baseUrl: 'https://n8n.example.com/api/v1/' };
const authenticate = async (options: Record<string, unknown>) =>
	await credential.authenticate(data, options as unknown as IHttpRequestOptions);

describe('SAP Key Hand-Off API credential: where the API key may go', () => {
	it('adds the key for the Base URL (relative url with baseURL, absolute url) and turns redirects off', async () => {
		const viaBase = await authenticate({ baseURL: 'https://n8n.example.com/api/v1', url: '/credentials', method: 'POST' });
		expect(viaBase.url).toBe('https://n8n.example.com/api/v1/credentials');
		expect((viaBase.headers as Record<string, string>)['X-N8N-API-KEY']).toBe(KEY);
		expect(viaBase.disableFollowRedirect).toBe(true);
		const absolute = await authenticate({ url: 'https://n8n.example.com/api/v1/credentials/abc' });
		expect((absolute.headers as Record<string, string>)['X-N8N-API-KEY']).toBe(KEY);
	});

	it('loopback http is allowed (a local n8n)', async () => {
		const local = await credential.authenticate(
			{ apiKey: KEY, baseUrl: 'http://127.0.0.1:5678/api/v1' },
			{ url: 'http://127.0.0.1:5678/api/v1/credentials' } as IHttpRequestOptions,
		);
		expect((local.headers as Record<string, string>)['X-N8N-API-KEY']).toBe(KEY);
	});

	it.each([
		['another host in url', { url: 'https://attacker.example.net/api/v1/credentials' }],
		['another host in uri (HTTP Request node)', { uri: 'https://attacker.example.net/x' }],
		['another host in baseURL', { baseURL: 'https://attacker.example.net', url: '/credentials' }],
		['the same host over another port', { url: 'https://n8n.example.com:8443/api/v1/credentials' }],
	])('refuses %s, naming the credential, without the key in the message', async (_name, options) => {
		const refused = authenticate(options);
		await expect(refused).rejects.toThrow(/SAP Key Hand-Off API credential/);
		await expect(refused).rejects.not.toThrow(KEY);
	});

	it('refuses a plain-http Base URL on a non-loopback host', async () => {
		await expect(
			credential.authenticate({ apiKey: KEY, baseUrl: 'http://n8n.example.com/api/v1' }, { url: 'http://n8n.example.com/api/v1/credentials' } as IHttpRequestOptions),
		).rejects.toThrow();
	});
});
