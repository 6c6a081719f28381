// Builds dist/ when it is missing or older than its sources, so that `npm run demo` after a `git pull`
// never serves stale code. A build takes ~25-40 s of CPU (measured on two cores), too slow to repeat
// on every start, while checking the sources takes milliseconds.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

/** What `nest build` reads (see nest-cli.json and tsconfig.build.json). */
const INPUTS = ['src', 'migrations', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package-lock.json'];
// Written after a build succeeds; `nest build` empties dist/ first, so an interrupted build leaves none.
const STAMP = 'dist/.build-stamp';

/** The newest modification time under `path`. Directories count too: deleting a file touches them. */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

function isStale(root) {
  const stamp = join(root, STAMP);
  if (!existsSync(stamp)) return true;
  const builtAt = statSync(stamp).mtimeMs;
  return INPUTS.some((input) => newestMtime(join(root, input)) > builtAt);
}

/** Builds unless dist/ is newer than every input; `force` (e.g. DEMO_REBUILD=1) builds anyway. */
function ensureFreshBuild(root, { force = false } = {}) {
  if (!force && !isStale(root)) return;
  console.log('Building...');
  // The stamp carries the time the build started: a file saved during the build still counts as newer.
  const startedAt = new Date();
  execFileSync('npx', ['nest', 'build'], { cwd: root, stdio: 'inherit' });
  const stamp = join(root, STAMP);
  writeFileSync(stamp, `${startedAt.toISOString()}\n`);
  utimesSync(stamp, startedAt, startedAt);
}

module.exports = { ensureFreshBuild };
