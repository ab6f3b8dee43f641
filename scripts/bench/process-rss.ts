/**
 * Resident memory of a process group, read from /proc the way `ps` would see it from outside (a
 * launcher such as scripts/worker.sh → tsx → node is one group when spawned detached). Linux only.
 */
import { readdirSync, readFileSync } from "node:fs";

/** RSS in MB of every live process in group `pgid`, by pid. */
export function groupRssMb(pgid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // Fields after the parenthesised command: state, ppid, pgrp, …
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${name}/status`, "utf8"))?.[1];
      if (kb) out.set(Number(name), Math.round(Number(kb) / 1024));
    } catch {
      // the process ended between listing and reading
    }
  }
  return out;
}

/** Samples a group every `everyMs`: the largest single process (the worker itself) and the group's sum. */
export function sampleGroupRss(pgid: number, everyMs = 100) {
  const peak = { processMb: 0, groupMb: 0, whileFlagMb: 0 };
  let flag = () => false;
  const timer = setInterval(() => {
    const rss = [...groupRssMb(pgid).values()];
    const max = Math.max(0, ...rss);
    peak.processMb = Math.max(peak.processMb, max);
    peak.groupMb = Math.max(peak.groupMb, rss.reduce((a, b) => a + b, 0));
    if (flag()) peak.whileFlagMb = Math.max(peak.whileFlagMb, max);
  }, everyMs);
  return {
    peak,
    /** Also track the peak while `f()` is true (e.g. while 40 MP photos are in flight). */
    whileTrue: (f: () => boolean) => (flag = f),
    now: () => Math.max(0, ...groupRssMb(pgid).values()),
    stop: () => clearInterval(timer),
  };
}
