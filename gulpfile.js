// Copies node and credential icons next to the compiled JavaScript, where n8n looks them up
// (`icon: 'file:sapBtp.svg'` is resolved relative to the built .node.js / .credentials.js).
const { src, dest, task } = require('gulp');

task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}', 'icons/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist')),
);
