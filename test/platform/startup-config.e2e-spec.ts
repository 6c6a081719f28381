import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Starts `src/main.ts` as production does (through ts-node, no build) and returns how it ended. */
function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ['-r', 'ts-node/register', 'src/main.ts'], {
    cwd: join(__dirname, '..', '..'),
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('start-up configuration', () => {
  it('names every bad value of every module on its own line, then exits non-zero', () => {
    const run = start({ PORT: 'eighty', TAX_ROUNDING: 'up', ARGON2_TIME_COST: '1' });
    const lines = run.stderr.split('\n');
    expect(lines).toContain('Invalid configuration:');
    const named = lines.filter((l) => l.startsWith('  - ')).map((l) => l.slice(4, l.indexOf(':')));
    expect(named.sort()).toEqual(['ARGON2_TIME_COST', 'PORT', 'TAX_ROUNDING']);
    expect(run.stderr).not.toContain('"level"');
    expect(run.status).toBe(1);
  }, 90_000);
});
