/** Unit, credential, node and simulator contract tests (`test/`, `simulator/test/`). All HTTP goes to a real simulator on 127.0.0.1. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test', '<rootDir>/simulator'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/faults/', '<rootDir>/test/compat/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }],
	},
	// n8n-core writes an encryption key into N8N_USER_FOLDER on import; keep it out of $HOME.
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	testTimeout: 60000,
	maxWorkers: 2,
};
