/**
 * Queue mode in a real n8n 2.41.1 (main + worker + Redis from Debian's redis-server on
 * loopback). `npm run test:queue`. Same global setup as the e2e suites.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	// `*.n8n.ts`, not `*.test.ts`: the unit config (jest.config.js) must not pick these up
	testMatch: ['**/*.n8n.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }],
	},
	globalSetup: '<rootDir>/test/e2e/harness/globalSetup.ts',
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	testTimeout: 300000,
	maxWorkers: 1,
};
