// What the server was doing while the fuzzer ran, once a second: how far its event loop lagged (as
// the server itself measures it, /metrics), how much CPU its main thread got and how long it sat
// ready to run while other processes had the cores (/proc/<pid>/schedstat), and the machine's load.
// A slow answer can then be told apart: the server's own work blocking its loop (on CPU), the
// machine starving it (waiting for a core), or neither (the request itself waited, e.g. on argon2).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { processCpuMs } from '../support/process-cpu';

export interface Sample {
  /** Ms since the run's start, at the end of the second sampled. */
  at: number;
  /** The server's worst event-loop delay since the last sample, ms (undefined: no answer in time). */
  lagMs?: number;
  /** Its main thread on a CPU, and ready but waiting for one, ms during the second. */
  cpuMs: number;
  waitMs: number;
  /** CPU of the whole server process (every thread: argon2's and libuv's too), ms during the second. */
  processCpuMs: number;
  /** The fuzzer's own worst event-loop delay: a late answer may be the client's delay, not the server's. */
  clientLagMs: number;
  load1: number;
}

/** On-CPU and run-queue wait of one thread, in ns (the first two fields of schedstat). */
function schedstat(pid: number): [number, number] | undefined {
  try {
    const [run, wait] = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return [run, wait];
  } catch {
    return undefined;
  }
}

/** User plus system CPU of every thread of the process, ms (undefined once it is gone). */
function processCpu(pid: number): number | undefined {
  try {
    return processCpuMs(pid);
  } catch {
    return undefined;
  }
}

/** The lag the server measured since its last scrape (prom-client resets it at each one), ms. */
function scrapeLag(port: number, token: string, agent: http.Agent): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: '/metrics', headers: { authorization: `Bearer ${token}` }, agent, timeout: 60_000 },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const line = text.split('\n').find((l) => l.startsWith('baton_nodejs_eventloop_lag_max_seconds '));
          resolve(line === undefined ? undefined : Number(line.split(' ')[1]) * 1000);
        });
        response.on('error', () => resolve(undefined));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

export interface Monitor {
  samples: Sample[];
  /** The server process changed (a restart after a crash). */
  setPid(pid: number): void;
  stop(): Promise<void>;
}

export function startMonitor(opts: { pid: number; port: number; adminToken: string; started: number }): Monitor {
  const samples: Sample[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let pid = opts.pid;
  let last = schedstat(pid);
  let lastCpu = processCpu(pid);
  let stopped = false;
  const clientDelay = monitorEventLoopDelay({ resolution: 10 });
  clientDelay.enable();
  const loop = (async () => {
    while (!stopped) {
      await new Promise((r) => setTimeout(r, 1000));
      // The scrape waits for the server: a blocked loop shows as one late sample with a large lag.
      const lagMs = await scrapeLag(opts.port, opts.adminToken, agent);
      const now = schedstat(pid);
      const cpuMs = now && last ? (now[0] - last[0]) / 1e6 : 0;
      const waitMs = now && last ? (now[1] - last[1]) / 1e6 : 0;
      last = now;
      const cpu = processCpu(pid);
      const processCpuMs = cpu !== undefined && lastCpu !== undefined ? cpu - lastCpu : 0;
      lastCpu = cpu;
      const clientLagMs = Math.round(clientDelay.max / 1e6);
      clientDelay.reset();
      samples.push({
        at: Date.now() - opts.started,
        lagMs,
        cpuMs: Math.round(cpuMs),
        waitMs: Math.round(waitMs),
        processCpuMs: Math.round(processCpuMs),
        clientLagMs,
        load1: os.loadavg()[0],
      });
    }
  })();
  return {
    samples,
    setPid: (p) => {
      pid = p;
      last = schedstat(p);
      lastCpu = processCpu(p);
    },
    stop: async () => {
      stopped = true;
      await loop;
      clientDelay.disable();
      agent.destroy();
    },
  };
}

/** What the samples say about the interval [from, to] (ms since the start). */
export function during(
  samples: Sample[],
  from: number,
  to: number,
): { maxLagMs: number; cpuMs: number; waitMs: number; processCpuMs: number; maxClientLagMs: number; maxLoad: number } {
  // A sample covers the second (or longer, when its scrape was slow) before its `at`.
  const inside = samples.filter((s, i) => s.at >= from && (i === 0 ? 0 : samples[i - 1].at) <= to);
  return {
    maxLagMs: Math.round(Math.max(0, ...inside.map((s) => s.lagMs ?? 0))),
    cpuMs: inside.reduce((n, s) => n + s.cpuMs, 0),
    waitMs: inside.reduce((n, s) => n + s.waitMs, 0),
    processCpuMs: inside.reduce((n, s) => n + s.processCpuMs, 0),
    maxClientLagMs: Math.max(0, ...inside.map((s) => s.clientLagMs)),
    maxLoad: Math.max(0, ...inside.map((s) => s.load1)),
  };
}
