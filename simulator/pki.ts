/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * The simulator's certificate authority: signs the mTLS token origin's server certificate
 * (`certurl`) and the client certificates of X.509 bindings, as SAP's service-managed
 * certificates are signed by SAP's CA.
 *
 * The CA lives in a git-ignored folder and is reused across runs, because clients must trust it
 * from process start: `NODE_EXTRA_CA_CERTS=<dir>/ca.pem` (set by `scripts/with-sim-ca.js`, which
 * wraps `npm test`, and by the real-n8n scripts).
 */
import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import forge from 'node-forge';
import type { SimPki, TokenSigningKey } from './state';

export const DEFAULT_PKI_DIR = resolve(__dirname, '../.cache/simulator-pki');

export function pkiDir(): string {
	return process.env.BTP_SIM_PKI_DIR ? resolve(process.env.BTP_SIM_PKI_DIR) : DEFAULT_PKI_DIR;
}

function generateKeyPair() {
	const { privateKey, publicKey } = generateKeyPairSync('rsa', {
		modulusLength: 2048,
		publicKeyEncoding: { type: 'spki', format: 'pem' },
		privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
	});
	return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

/**
 * Client certificates reuse a few key pairs: RSA generation costs ~100 ms and every reset re-seeds
 * X.509 keys. Each certificate is still new (own serial, validity, subject), and its key matches it.
 */
const CLIENT_KEY_POOL_SIZE = 4;
const clientKeyPool: Array<ReturnType<typeof generateKeyPair>> = [];
let nextClientKey = 0;
function pooledKeyPair() {
	if (clientKeyPool.length < CLIENT_KEY_POOL_SIZE) {
		clientKeyPool.push(generateKeyPair());
		return clientKeyPool[clientKeyPool.length - 1];
	}
	return clientKeyPool[nextClientKey++ % CLIENT_KEY_POOL_SIZE];
}

function serial() {
	// positive, 16 bytes
	return '01' + randomBytes(15).toString('hex');
}

interface IssueOptions {
	commonName: string;
	validityMs: number;
	/** an explicit end (the control API's certificate validity); else now + validityMs */
	notAfter?: Date;
	issuerCert?: forge.pki.Certificate;
	issuerKeyPem?: string;
	isCa?: boolean;
	serverNames?: string[];
	clientAuth?: boolean;
}

function issue(o: IssueOptions) {
	const keys = o.clientAuth ? pooledKeyPair() : generateKeyPair();
	const cert = forge.pki.createCertificate();
	cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
	cert.serialNumber = serial();
	const notBefore = new Date(Date.now() - 60_000);
	cert.validity.notBefore = notBefore;
	cert.validity.notAfter = o.notAfter ?? new Date(Date.now() + o.validityMs);
	// an end set in the past still needs a start before it
	if (cert.validity.notAfter <= notBefore) cert.validity.notBefore = new Date(cert.validity.notAfter.getTime() - 86400_000);
	const subject = [
		{ name: 'commonName', value: o.commonName },
		{ name: 'organizationName', value: 'SAP BTP Simulator' },
		{ name: 'countryName', value: 'DE' },
	];
	cert.setSubject(subject);
	cert.setIssuer(o.issuerCert ? o.issuerCert.subject.attributes : subject);
	const extensions: object[] = [{ name: 'basicConstraints', cA: !!o.isCa, critical: !!o.isCa }];
	if (o.isCa) {
		extensions.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true });
	} else {
		extensions.push({ name: 'keyUsage', digitalSignature: true, keyEncipherment: true });
		extensions.push({ name: 'extKeyUsage', serverAuth: !o.clientAuth, clientAuth: !!o.clientAuth });
	}
	if (o.serverNames) {
		extensions.push({
			name: 'subjectAltName',
			altNames: o.serverNames.map((n) => (/^[\d.]+$/.test(n) ? { type: 7, ip: n } : { type: 2, value: n })),
		});
	}
	cert.setExtensions(extensions);
	const signer = forge.pki.privateKeyFromPem(o.issuerKeyPem ?? keys.privateKeyPem);
	cert.sign(signer, forge.md.sha256.create());
	return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem, cert };
}

/**
 * XSUAA's token signing keys, published at `/token_keys` under their `kid`. Two keys, as XSUAA's
 * JWKS lists keys during a rotation (`key-id-0`, `key-id-1`): tokens are signed with the last one,
 * so a client that takes the first key of the set instead of matching `kid` fails, as it would on
 * SAP. Cached beside the CA (RSA generation costs ~100 ms; a reset re-uses the keys).
 */
export const TOKEN_KEY_IDS = ['key-id-0', 'key-id-1'];

function loadOrCreateTokenKeys(dir: string): TokenSigningKey[] {
	return TOKEN_KEY_IDS.map((kid) => {
		const path = join(dir, `token-signing-${kid}.pem`);
		if (!existsSync(path)) {
			// parallel test workers may race here: write to a private name, then rename (atomic)
			const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
			writeFileSync(tmp, generateKeyPair().privateKeyPem, { mode: 0o600 });
			renameSync(tmp, path);
		}
		const privateKeyPem = readFileSync(path, 'utf8');
		const publicKeyPem = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
		return { kid, privateKeyPem, publicKeyPem };
	});
}

/** Loads the CA, server certificate and token signing keys from `dir`, creating them on first use. */
export function loadOrCreatePki(dir = pkiDir()): SimPki {
	const caPath = join(dir, 'ca.pem');
	const caKeyPath = join(dir, 'ca-key.pem');
	const serverPath = join(dir, 'server.pem');
	const serverKeyPath = join(dir, 'server-key.pem');
	if (![caPath, caKeyPath, serverPath, serverKeyPath].every((p) => existsSync(p))) {
		mkdirSync(dir, { recursive: true });
		const ca = issue({ commonName: 'SAP BTP Simulator Root CA', validityMs: 3650 * 86400_000, isCa: true });
		const server = issue({
			commonName: '127.0.0.1',
			validityMs: 825 * 86400_000,
			issuerCert: ca.cert,
			issuerKeyPem: ca.keyPem,
			serverNames: ['127.0.0.1', 'localhost', '::1'],
		});
		writeFileSync(caKeyPath, ca.keyPem, { mode: 0o600 });
		writeFileSync(caPath, ca.certPem);
		writeFileSync(serverKeyPath, server.keyPem, { mode: 0o600 });
		writeFileSync(serverPath, server.certPem);
	}
	const caCertPem = readFileSync(caPath, 'utf8');
	const caKeyPem = readFileSync(caKeyPath, 'utf8');
	const caCert = forge.pki.certificateFromPem(caCertPem);
	return {
		caCertPem,
		serverCertPem: readFileSync(serverPath, 'utf8'),
		serverKeyPem: readFileSync(serverKeyPath, 'utf8'),
		tokenKeys: loadOrCreateTokenKeys(dir),
		issueClientCertificate(commonName: string, validityDays: number, notAfter?: Date) {
			const c = issue({
				commonName,
				validityMs: validityDays * 86400_000,
				notAfter,
				issuerCert: caCert,
				issuerKeyPem: caKeyPem,
				clientAuth: true,
			});
			return { certificate: c.certPem, key: c.keyPem };
		},
	};
}
