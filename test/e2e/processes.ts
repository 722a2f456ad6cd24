/**
 * Starting and stopping the harness's child processes so that none is left behind, on success, failure or Ctrl-C.
 * A server is started in its own session (detached = setsid) and stopped by signalling its process group and every
 * descendant found under /proc (a child that made its own group is still ours by parentage).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import { waitFor } from './waitFor';
import { errorMessage } from '../../common/errors';

export function startInOwnGroup(command: string, args: string[], options: SpawnOptions): ChildProcess {
  return spawn(command, args, { ...options, detached: true });
}

/** pid -> parent pid for every process visible in /proc. */
function parentMap(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command name: state ppid pgrp ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  return parents;
}

function descendantsOf(root: number): number[] {
  const parents = parentMap();
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const [pid, ppid] of parents) {
      if (ppid === current && !found.includes(pid)) {
        found.push(pid);
        queue.push(pid);
      }
    }
  }
  return found;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie still answers signal 0; it holds no resources and goes when its parent reaps it.
    const state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return state.slice(state.lastIndexOf(')') + 2, state.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals, group: boolean): void {
  try {
    process.kill(group ? -pid : pid, sig);
  } catch {
    // Already gone.
  }
}

/**
 * SIGTERM the group and all descendants, wait for them to exit, then SIGKILL whatever is left. Safe to call twice.
 */
export async function stopTree(child: ChildProcess | undefined, graceMs = 5_000): Promise<void> {
  const root = child?.pid;
  if (root === undefined) {
    return;
  }
  const pids = [root, ...descendantsOf(root)];
  signal(root, 'SIGTERM', true);
  for (const pid of pids) {
    signal(pid, 'SIGTERM', false);
  }
  try {
    await waitFor('processes to exit', () => pids.every((pid) => !isAlive(pid)), { timeoutMs: graceMs });
  } catch {
    signal(root, 'SIGKILL', true);
    for (const pid of pids) {
      signal(pid, 'SIGKILL', false);
    }
    await waitFor('processes to exit after SIGKILL', () => pids.every((pid) => !isAlive(pid)), {
      timeoutMs: graceMs,
    }).catch((error: unknown) => {
      process.stderr.write(`[e2e] ${errorMessage(error)}\n`);
    });
  }
}
