// Reads a V8 .cpuprofile (node --cpu-prof) and totals self time per function and per package,
// to see where a server's CPU goes under a bench workload.
import { readFileSync } from 'node:fs';

type TNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type TProfile = { nodes: TNode[]; startTime: number; endTime: number; samples: number[] };

export type TProfileSummary = {
  totalMs: number;
  functions: Array<{ name: string; ms: number; share: number }>;
  packages: Array<{ name: string; ms: number; share: number }>;
};

/** Where a script lives: a package under node_modules, our own folder, or node itself. */
function packageOf(url: string): string {
  if (!url) return '(native / idle / gc)';
  const nodeModules = url.lastIndexOf('node_modules/');
  if (nodeModules >= 0) {
    const parts = url.slice(nodeModules + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith('node:')) return 'node';
  const match = /\/(server|lib|app|bench|components)\//.exec(url);
  return match ? `mockroom ${match[1]}/` : url;
}

export function summarizeProfile(file: string, top = 25): TProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as TProfile;
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const perSampleMs = totalMs / Math.max(1, profile.samples.length);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = (node.hitCount ?? 0) * perSampleMs;
    if (ms === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const short = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/wt-[^/]+\//, '');
    const key = `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    const pkg = functionName === '(idle)' ? '(idle)' : packageOf(url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
  }
  const busyMs = totalMs - (byPackage.get('(idle)') ?? 0);
  const rank = (map: Map<string, number>) =>
    [...map]
      .filter(([name]) => name !== '(idle)' && !name.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), share: Math.round((ms / busyMs) * 1000) / 10 }));
  return { totalMs: Math.round(totalMs), functions: rank(byFunction), packages: rank(byPackage) };
}
