/**
 * End-to-end suites in a real n8n 2.41.1 (Node 24, from .cache/n8n). `npm run test:e2e`.
 * Global setup installs n8n when the cache is cold (~4-5 min) and builds + packs the package once.
 * One worker: each suite starts its own n8n processes, and two cores are all CI has.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }],
	},
	globalSetup: '<rootDir>/test/e2e/harness/globalSetup.ts',
	globalTeardown: '<rootDir>/test/e2e/harness/globalTeardown.ts',
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	testTimeout: 180000,
	maxWorkers: 1,
};
