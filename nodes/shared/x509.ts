/**
 * Checks for X.509 bindings (SAP-docs/btp-service-manager create-a-sap-service-manager-instance-
 * and-binding-1ca5bbe.md, "credential-type": "x509"): the certificate and private key must belong
 * together before they are used for mTLS, and a certificate close to its end is reported.
 * SAP's service-managed certificates live 7 days by default, so expiry is a real, routine event.
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { ServiceKeyError } from './serviceKeyError';
import { ENCRYPTED_KEY_FIX, isEncryptedPrivateKey, type XsuaaClient } from './serviceKeys';

/** Certificates ending within this many days are reported. */
export const EXPIRY_WARNING_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface CertificateInfo {
	notAfter: Date;
	daysLeft: number;
	subject: string;
}

function parseCertificate(certPem: string): X509Certificate | undefined {
	try {
		return new X509Certificate(certPem);
	} catch {
		return undefined;
	}
}

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n?/g;

/** Every certificate block of a PEM (a leaf pasted with its CA chain has several). */
function certificateBlocks(certPem: string): string[] {
	return certPem.match(CERT_BLOCK) ?? [];
}

/**
 * The certificate of the chain that `privateKey` belongs to, wherever it stands (issue 12
 * weakness 10: CA-first order works), with its PEM block; undefined when none matches.
 */
function leafOf(certPem: string, privateKey: KeyObject): { certificate: X509Certificate; pem: string } | undefined {
	for (const pem of certificateBlocks(certPem)) {
		const certificate = parseCertificate(pem);
		if (certificate && certificate.checkPrivateKey(privateKey)) return { certificate, pem };
	}
	return undefined;
}

/**
 * The chain as TLS wants it on the client's Certificate message: the key's own certificate
 * first, then the others in the order pasted (Node.js tls `cert`: "the PEM formatted certificate
 * for a provided private key, followed by the PEM formatted intermediate certificates"). Unchanged
 * when the key matches none (preAuthentication refuses that case before any request).
 */
export function chainForKey(certPem: string, keyPem: string): string {
	const privateKey = parsePrivateKey(keyPem);
	const leaf = privateKey ? leafOf(certPem, privateKey) : undefined;
	if (!leaf) return certPem;
	const rest = certificateBlocks(certPem).filter((pem) => pem !== leaf.pem);
	return [leaf.pem, ...rest].map((pem) => (pem.endsWith('\n') ? pem : `${pem}\n`)).join('');
}

function parsePrivateKey(keyPem: string): KeyObject | undefined {
	try {
		return createPrivateKey(keyPem);
	} catch {
		return undefined;
	}
}

/** Throws a ServiceKeyError (without quoting either PEM) when unparsable, mismatched or expired. */
export function checkCertificateAndKey(certPem: string, keyPem: string): CertificateInfo {
	const blocks = certificateBlocks(certPem);
	if (!blocks.length || blocks.some((pem) => !parseCertificate(pem))) {
		throw new ServiceKeyError('uaa.certificate', 'uaa.certificate cannot be read as a PEM X.509 certificate. Copy it again from the binding.');
	}
	if (isEncryptedPrivateKey(keyPem)) {
		throw new ServiceKeyError('uaa.key', `uaa.key is encrypted with a passphrase, which this credential cannot hold. ${ENCRYPTED_KEY_FIX}`);
	}
	const privateKey = parsePrivateKey(keyPem);
	if (!privateKey) {
		throw new ServiceKeyError('uaa.key', 'uaa.key cannot be read as a PEM private key. Copy it again from the binding.');
	}
	const leaf = leafOf(certPem, privateKey);
	if (!leaf) {
		const which =
			blocks.length > 1 ? `matches none of the ${blocks.length} certificates in uaa.certificate` : 'does not match the certificate';
		throw new ServiceKeyError(
			'uaa.key',
			`uaa.certificate and uaa.key do not belong together: the private key ${which}. Copy both from the same binding.`,
		);
	}
	const certificate = leaf.certificate;
	const notAfter = new Date(certificate.validTo);
	const daysLeft = Math.floor((notAfter.getTime() - Date.now()) / DAY_MS);
	if (notAfter.getTime() <= Date.now()) {
		throw new ServiceKeyError(
			'uaa.certificate',
			`The X.509 certificate expired on ${notAfter.toISOString()}. Create a new binding (or key) and paste it into the credential.`,
		);
	}
	return { notAfter, daysLeft, subject: certificate.subject.replace(/\n/g, ', ') };
}

/**
 * A warning for node output when the key's certificate ends within EXPIRY_WARNING_DAYS, else
 * undefined (also for secret-based keys and for certificates that cannot be read — those fail
 * loudly in preAuthentication instead).
 */
export function certificateExpiryWarning(key: { uaa: XsuaaClient } | XsuaaClient): string | undefined {
	const client = 'uaa' in key ? key.uaa : key;
	if (!client.certificate) return undefined;
	const privateKey = client.privateKey ? parsePrivateKey(client.privateKey) : undefined;
	const certificate = (privateKey && leafOf(client.certificate, privateKey)?.certificate) || parseCertificate(client.certificate);
	if (!certificate) return undefined;
	const notAfter = new Date(certificate.validTo);
	const daysLeft = Math.floor((notAfter.getTime() - Date.now()) / DAY_MS);
	if (daysLeft > EXPIRY_WARNING_DAYS) return undefined;
	if (notAfter.getTime() <= Date.now()) {
		return `The X.509 certificate of client ${client.clientId} expired on ${notAfter.toISOString().slice(0, 10)}. Create a new binding and update the credential.`;
	}
	return `The X.509 certificate of client ${client.clientId} expires on ${notAfter.toISOString().slice(0, 10)} (in ${daysLeft} day${daysLeft === 1 ? '' : 's'}). Create a new binding before then and update the credential.`;
}
