/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
/**
 * A throw-away Redis for n8n's queue mode: Debian's `redis-server` (installed by the CI suite
 * script with apt-get), on 127.0.0.1 and a free port, no persistence, stopped by pid.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from '../e2e/harness';

export interface RunningRedis {
	port: number;
	stop(): Promise<void>;
}

const sleep = async (ms: number) => await new Promise((r) => setTimeout(r, ms));

async function answersPing(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
		socket.once('data', (d) => {
			socket.destroy();
			resolve(d.toString().startsWith('+PONG'));
		});
		socket.once('error', () => resolve(false));
	});
}

export async function startRedis(): Promise<RunningRedis> {
	if (spawnSync('redis-server', ['--version']).status !== 0) {
		throw new Error('redis-server is not installed: apt-get install -y redis-server (the CI suite script does this)');
	}
	const port = await freePort();
	const child: ChildProcess = spawn(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let output = '';
	child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
	const deadline = Date.now() + 15_000;
	while (!(await answersPing(port))) {
		if (child.exitCode !== null || Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`redis-server did not start on port ${port}:\n${output.slice(-2000)}`);
		}
		await sleep(100);
	}
	return {
		port,
		stop: async () => {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = new Promise<void>((r) => child.once('exit', () => r()));
			child.kill('SIGTERM');
			await exited;
		},
	};
}
