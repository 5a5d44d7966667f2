/**
 * Issue 8 suites that need a real n8n 2.41.1: the fault run (100 subaccounts under injected
 * faults, then again without) and the secret check on n8n's debug log. `npm run test:faults`.
 * Same global setup as the e2e suites (installs n8n when the cache is cold, builds + packs once).
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/faults', '<rootDir>/test/secrets'],
	// `*.n8n.ts`, not `*.test.ts`: the unit config (jest.config.js) must not pick these up
	testMatch: ['**/*.n8n.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }],
	},
	globalSetup: '<rootDir>/test/e2e/harness/globalSetup.ts',
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	testTimeout: 600000,
	maxWorkers: 1,
};
