import { readFileSync } from 'node:fs';

/** The parts of V8's `Profiler.Profile` read here. */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Busy (not idle) share of the sampled time, 0..1. */
  busy: number;
  /** Share of busy time with each component anywhere on the stack (inclusive), largest first. */
  inclusive: [string, number][];
  /** Share of busy time spent in each component's own code (self), largest first. */
  self: [string, number][];
  /** Hottest functions by self time. */
  functions: [string, number][];
}

/**
 * Where the service spends its CPU: each sample is charged to the component (npm package, app
 * folder, Node core, GC) of its innermost frame (self) and to every component on its stack
 * (inclusive), so "Prisma 40 %" means 40 % of the busy samples were somewhere inside Prisma.
 */
export function summarizeProfile(file: string, top = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);

  const stackComponents = new Map<number, Set<string>>();
  const componentsOf = (id: number): Set<string> => {
    const known = stackComponents.get(id);
    if (known) return known;
    const up = parent.get(id);
    const set = new Set(up === undefined ? [] : componentsOf(up));
    const node = byId.get(id);
    if (node) set.add(componentOf(node.callFrame));
    stackComponents.set(id, set);
    return set;
  };

  let total = 0;
  let busy = 0;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const functions = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, value: number) =>
    map.set(key, (map.get(key) ?? 0) + value);
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node) return;
    total += delta;
    if (node.callFrame.functionName === '(idle)') return;
    busy += delta;
    add(self, componentOf(node.callFrame), delta);
    for (const component of componentsOf(id)) add(inclusive, component, delta);
    add(functions, describeFrame(node.callFrame), delta);
  });
  const ranked = (map: Map<string, number>, keep: (key: string) => boolean = () => true) =>
    [...map]
      .filter(([key]) => keep(key))
      .map(([key, value]): [string, number] => [key, busy > 0 ? value / busy : 0])
      .sort((a, b) => b[1] - a[1])
      .slice(0, top);
  return {
    busy: total > 0 ? busy / total : 0,
    // Node core is at the root of every asynchronous stack: on the stack, it says nothing.
    inclusive: ranked(inclusive, (key) => !key.startsWith('(') && key !== 'node core'),
    self: ranked(self),
    functions: ranked(functions),
  };
}

function componentOf(frame: { functionName: string; url: string }): string {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) return 'node core';
  if (url.startsWith('data:')) return '(profiler hook)';
  const app = /\/dist\/src\/([^/]+)/.exec(url)?.[1];
  if (app === 'generated') return 'prisma generated client (src/generated)';
  if (app) return `app: src/${app.replace(/\.js$/, '')}`;
  return url.replace(/^file:\/\//, '');
}

function describeFrame(frame: { functionName: string; url: string; lineNumber: number }): string {
  const where = frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '');
  const name = frame.functionName || '(anonymous)';
  return where ? `${name} ${where}:${frame.lineNumber + 1}` : name;
}
