/**
 * Issue 12, weakness 10: X.509 keys as users paste them. A leaf certificate pasted with its CA
 * chain is kept whole and sent whole on the mTLS connection (the key's own certificate first,
 * whatever the order pasted); an encrypted private key is refused with the fix. Runs the
 * credential probe in n8n's real engine: against the simulator's mTLS token origin, and against
 * a local https token server on 127.0.0.1 (the simulator's server certificate) that records the
 * client certificate chain it was shown, with a local Cloud ALM stand-in on 127.0.0.2.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { parseCloudAlmKey } from '../../nodes/shared/serviceKeys';
import { certificateExpiryWarning } from '../../nodes/shared/x509';
import { CredentialStore, runWorkflow } from '../runner';
import { useSimulator } from '../../simulator/testkit';
import { fieldsFrom, lastSeq, pasted, probeWorkflow } from '../credentials/helpers';
import { startLocalServer, type LocalServer } from './misbehavingServer';

const sim = useSimulator();
let tokenServer: LocalServer;
let api: LocalServer;

beforeAll(async () => {
	tokenServer = await startLocalServer(
		'127.0.0.1',
		() => ({ body: { access_token: 'local-token', token_type: 'bearer', expires_in: 3600, scope: '' } }),
		{ cert: sim.context.pki.serverCertPem, key: sim.context.pki.serverKeyPem, ca: sim.context.pki.serverCertPem },
	);
	api = await startLocalServer('127.0.0.2', () => ({ body: [] }));
});
afterAll(async () => {
	await tokenServer?.stop();
	await api?.stop();
});
beforeEach(() => {
	tokenServer.seen.length = 0;
	api.seen.length = 0;
});

type Key = { uaa: Record<string, string>; endpoints: Record<string, string> };
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const x509Key = () => copy(sim.keys.cloudAlmX509) as unknown as Key;
const leafPem = () => x509Key().uaa.certificate;
const caPem = () => sim.context.pki.caCertPem;
const fingerprint = (pem: string) => new X509Certificate(pem).fingerprint256;
const run = async (credentials: ICredentialDataDecryptedObject) =>
	await runWorkflow(probeWorkflow('sapCloudAlmApi'), { credentials: { sapCloudAlmApi: credentials }, store: new CredentialStore() });
const uaaCertCalls = (since: number) => sim.log.entries.filter((e) => e.seq > since && e.route === '/oauth/token').map((e) => [e.service, e.status]);

/**
 * A CA of this test only and a client certificate it issued: no trust store of this process knows
 * the CA (the simulator's is in NODE_EXTRA_CA_CERTS), so a server can only report it in the
 * client's chain when the client sent it.
 */
function privateChain(): { ca: string; leaf: string; key: string } {
	const make = (cn: string, issuer: { cert: forge.pki.Certificate; key: string } | undefined, isCa: boolean) => {
		const pair = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
		const cert = forge.pki.createCertificate();
		cert.publicKey = forge.pki.publicKeyFromPem(pair.publicKey);
		cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
		cert.validity.notBefore = new Date(Date.now() - 60_000);
		cert.validity.notAfter = new Date(Date.now() + 7 * 86400_000);
		const subject = [{ name: 'commonName', value: cn }];
		cert.setSubject(subject);
		cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
		cert.setExtensions(
			isCa
				? [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, critical: true }]
				: [{ name: 'basicConstraints', cA: false }, { name: 'extKeyUsage', clientAuth: true }],
		);
		cert.sign(forge.pki.privateKeyFromPem(issuer?.key ?? pair.privateKey), forge.md.sha256.create());
		return { cert, pem: forge.pki.certificateToPem(cert), key: pair.privateKey };
	};
	const ca = make('Adversarial test CA', undefined, true);
	const leaf = make('adversarial-client', { cert: ca.cert, key: ca.key }, false);
	return { ca: ca.pem, leaf: leaf.pem, key: leaf.key };
}

/** The key with its token and API URLs on the local servers. */
function localKey(certificate: string, privateKey: string): Key {
	const key = x509Key();
	key.uaa.certificate = certificate;
	key.uaa.key = privateKey;
	key.uaa.certurl = tokenServer.origin;
	key.endpoints.Api = `${api.origin}/api`;
	return key;
}

describe('a leaf certificate pasted with its CA chain', () => {
	const chain = privateChain();
	it.each([
		['leaf first', `${chain.leaf}\n${chain.ca}`],
		['CA first', `${chain.ca}\n${chain.leaf}`],
	])('%s: kept whole and sent whole on mTLS, the key\'s own certificate first', async (_label, pasted_) => {
		const result = await run(pasted(localKey(pasted_, chain.key)));
		expect(result.error).toBeUndefined();
		expect(tokenServer.seen).toHaveLength(1);
		expect(tokenServer.seen[0].clientChain).toEqual([fingerprint(chain.leaf), fingerprint(chain.ca)]);
		expect(api.seen).toEqual([{ method: 'GET', url: '/api/calm-projects/v1/projects', authorization: true }]);
	});

	it('neighbour: the leaf alone is sent alone', async () => {
		const result = await run(pasted(localKey(chain.leaf, chain.key)));
		expect(result.error).toBeUndefined();
		expect(tokenServer.seen[0].clientChain).toEqual([fingerprint(chain.leaf)]);
	});

	it('CA first against the simulator: the token comes over mTLS, pasted and field by field, also with the line breaks lost', async () => {
		const since = lastSeq(sim);
		const key = x509Key();
		key.uaa.certificate = `${caPem()}${leafPem()}`;
		const oneLine = copy(key);
		oneLine.uaa.certificate = key.uaa.certificate.replace(/\r?\n/g, ' ');
		for (const data of [pasted(key), fieldsFrom('sapCloudAlmApi', key), pasted(oneLine)]) {
			const result = await run(data);
			expect(result.error).toBeUndefined();
		}
		expect(uaaCertCalls(since)).toEqual([
			['uaaCert', 200],
			['uaaCert', 200],
			['uaaCert', 200],
		]);
	});

	it('the parsed key keeps every block, in the order pasted, from a one-line escaped paste', () => {
		const key = x509Key();
		// the value holds a literal backslash-n where the line breaks were (a Kubernetes secret, a shell paste)
		key.uaa.certificate = `${leafPem()}${caPem()}`.replace(/\n/g, '\\n');
		expect(key.uaa.certificate).not.toContain('\n');
		const parsed = parseCloudAlmKey(JSON.stringify(key));
		const blocks = parsed.uaa.certificate!.match(/-----BEGIN CERTIFICATE-----/g);
		expect(blocks).toHaveLength(2);
		expect(fingerprint(parsed.uaa.certificate!.split(/(?<=-----END CERTIFICATE-----\n)/)[1])).toBe(fingerprint(caPem()));
	});

	it("the expiry warning reads the key's own certificate, not the CA's", () => {
		const parsed = parseCloudAlmKey({ ...x509Key(), uaa: { ...x509Key().uaa, certificate: `${caPem()}${leafPem()}` } });
		expect(certificateExpiryWarning(parsed)).toMatch(/expires on \d{4}-\d{2}-\d{2} \(in [5-7] days\)/);
	});

	it('a chain none of whose certificates fits the key is refused before any call', async () => {
		const since = lastSeq(sim);
		const key = x509Key();
		key.uaa.certificate = `${caPem()}${leafPem()}`;
		key.uaa.key = sim.keys.serviceManagerX509.key as string;
		const result = await run(pasted(key));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'uaa.certificate and uaa.key do not belong together: the private key matches none of the 2 certificates in uaa.certificate. Copy both from the same binding.',
		);
		expect(lastSeq(sim)).toBe(since);
	});

	it('neighbour: a single certificate with the wrong key keeps its message', async () => {
		const key = x509Key();
		key.uaa.key = sim.keys.serviceManagerX509.key as string;
		const result = await run(pasted(key));
		expect(result.error?.message).toBe(
			'uaa.certificate and uaa.key do not belong together: the private key does not match the certificate. Copy both from the same binding.',
		);
	});
});

describe('an encrypted private key', () => {
	const FIX =
		'Paste the key unencrypted, as PKCS#8 (-----BEGIN PRIVATE KEY-----) or PKCS#1 (-----BEGIN RSA PRIVATE KEY-----), e.g. from "openssl pkey -in key.pem -out plain.pem" (it asks for the passphrase once); the credential is stored encrypted by n8n.';
	const encrypted = (type: 'pkcs8' | 'pkcs1') =>
		createPrivateKey(x509Key().uaa.key).export({ type, format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret-pass' }).toString();

	it.each([
		['PKCS#8 (ENCRYPTED PRIVATE KEY), pasted', 'pkcs8', 'json', `uaa.key is encrypted with a passphrase, which this credential cannot hold. ${FIX}`],
		['PKCS#1 (Proc-Type: 4,ENCRYPTED), pasted', 'pkcs1', 'json', `uaa.key is encrypted with a passphrase, which this credential cannot hold. ${FIX}`],
		['PKCS#8, field by field', 'pkcs8', 'fields', `Private Key is encrypted with a passphrase, which this credential cannot hold. ${FIX}`],
		['PKCS#1, field by field', 'pkcs1', 'fields', `Private Key is encrypted with a passphrase, which this credential cannot hold. ${FIX}`],
	] as const)('%s: refused with the fix, before any call', async (_label, type, mode, message) => {
		const since = lastSeq(sim);
		const key = x509Key();
		key.uaa.key = encrypted(type);
		expect(key.uaa.key).toMatch(type === 'pkcs8' ? /BEGIN ENCRYPTED PRIVATE KEY/ : /Proc-Type: 4,ENCRYPTED/);
		const result = await run(mode === 'json' ? pasted(key) : fieldsFrom('sapCloudAlmApi', key));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(message);
		expect(result.error?.message).not.toContain('secret-pass');
		expect(lastSeq(sim)).toBe(since);
	});

	it('neighbour: the same key unencrypted as PKCS#1 (BEGIN RSA PRIVATE KEY) works', async () => {
		const key = x509Key();
		key.uaa.key = createPrivateKey(key.uaa.key).export({ type: 'pkcs1', format: 'pem' }).toString();
		const result = await run(pasted(key));
		expect(result.error).toBeUndefined();
	});
});
