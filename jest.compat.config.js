/**
 * Compatibility smoke of the packed package in the newest n8n 1.x and the pinned 2.41.1
 * (`npm run test:compat`; N8N_COMPAT_VERSIONS=<v>,<v> picks others). A version other than the pinned
 * one is installed into its own .cache/n8n-<major> on first use (cold: ~5 min).
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/compat'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }],
	},
	globalSetup: '<rootDir>/test/compat/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e/harness/globalTeardown.ts',
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	testTimeout: 180000,
	maxWorkers: 1,
};
