/*
 * CPU time per request, by who spent it: the app processes, PostgreSQL, Redis and the load generator.
 * Requests per second depend on the machine (the bare route alone ranged from 10,500 to 70,000 req/s
 * on the VMs these benches ran on); CPU per request says where a change saved or cost, and how far
 * two cores can go. Linux only (/proc); elsewhere the figures are left out.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

interface CpuReading {
  app: number;
  appKernel: number;
  postgres: number;
  redis: number;
  loadgen: number;
  idle: number;
  total: number;
}

/**
 * User and kernel CPU time of a process, in ms, and that of its children it has reaped; 0 once it is
 * gone.
 */
function processTimes(pid: string): { user: number; kernel: number; reaped: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) * TICK_MS, kernel: Number(fields[12]) * TICK_MS, reaped: (Number(fields[13]) + Number(fields[14])) * TICK_MS };
  } catch {
    return { user: 0, kernel: 0, reaped: 0 };
  }
}

const cpuMs = ({ user, kernel }: { user: number; kernel: number }): number => user + kernel;

/**
 * CPU time of every process named `comm`: PostgreSQL's are all `postgres` (postmaster, backends,
 * walwriter...). A backend that exits (a pool closing an idle connection) leaves its time with the
 * postmaster, which reaped it, so the sum never goes down.
 */
function commMs(comm: string): number {
  let ms = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm) {
        const times = processTimes(pid);
        ms += cpuMs(times) + times.reaped;
      }
    } catch {
      // exited between the listing and the read
    }
  }
  return ms;
}

/** The machine's idle and total CPU time, in ms over all cores. */
function machineMs(): { idle: number; total: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const values = ticks.map(Number);
  return { idle: (values[3] + values[4]) * TICK_MS, total: values.reduce((a, b) => a + b, 0) * TICK_MS };
}

function read(appPids: number[]): CpuReading {
  const usage = process.cpuUsage();
  const app = appPids.map((pid) => processTimes(String(pid)));
  return {
    app: app.reduce((sum, t) => sum + cpuMs(t), 0),
    appKernel: app.reduce((sum, t) => sum + t.kernel, 0),
    postgres: commMs('postgres'),
    redis: commMs('redis-server'),
    loadgen: (usage.user + usage.system) / 1000,
    ...machineMs(),
  };
}

export interface CpuPerRequest {
  'app cpu ms/req': number;
  /** The share of the app's CPU spent in the kernel (sockets, mostly). */
  'app kernel %': number;
  'pg cpu ms/req': number;
  'redis cpu ms/req': number;
  'loadgen cpu ms/req': number;
  'idle %': number;
}

/** Starts measuring; the returned function ends it and divides by the requests answered. */
export function meterCpu(appPids: number[]): (requests: number) => CpuPerRequest | undefined {
  if (process.platform !== 'linux') return () => undefined;
  const before = read(appPids);
  return (requests) => {
    const after = read(appPids);
    const per = (key: keyof CpuReading) => Math.round(((after[key] - before[key]) / Math.max(requests, 1)) * 1000) / 1000;
    return {
      'app cpu ms/req': per('app'),
      'app kernel %': Math.round(((after.appKernel - before.appKernel) / Math.max(after.app - before.app, 1)) * 100),
      'pg cpu ms/req': per('postgres'),
      'redis cpu ms/req': per('redis'),
      'loadgen cpu ms/req': per('loadgen'),
      'idle %': Math.round(((after.idle - before.idle) / Math.max(after.total - before.total, 1)) * 100),
    };
  };
}
