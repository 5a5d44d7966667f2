/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/**
 * The n8n versions the compatibility smoke runs: N8N_COMPAT_VERSIONS (comma-separated), by default
 * the newest n8n 1.x and the pinned 2.x, so both are checked the same way side by side (the pinned
 * one also has the full e2e suites: package loads, examples, editor).
 */
import { N8N_1_VERSION, N8N_VERSION } from '../../scripts/n8n/versions';

export const COMPAT_VERSIONS: string[] = (process.env.N8N_COMPAT_VERSIONS ?? `${N8N_1_VERSION},${N8N_VERSION}`)
	.split(',')
	.map((v) => v.trim())
	.filter(Boolean);
