// The call's pure parts: the keyboard shortcuts stay clear of tldraw's, and the connection
// quality read from getStats numbers.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callQuality } from '@/components/call/call-quality';
import { CALL_SHORTCUTS, callShortcutOf } from '@/components/call/shortcuts';

const TLDRAW_DIST = path.resolve(import.meta.dirname, '..', '..', 'node_modules', 'tldraw', 'dist-esm');

/** Every shortcut tldraw binds (its actions' and tools' `kbd` strings), lower-cased, one combo each. */
function tldrawShortcuts(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.mjs')) {
        for (const match of readFileSync(full, 'utf8').matchAll(/kbd:\s*['"]([^'"]+)['"]/g)) {
          for (const combo of match[1]!.split(',')) found.add(combo.trim().toLowerCase().replace(/[$!?]/g, ''));
        }
      }
    }
  };
  walk(TLDRAW_DIST);
  return found;
}

describe('call shortcuts', () => {
  it('are not tldraw shortcuts (read from its build), and are what the handler matches', () => {
    const tldraw = tldrawShortcuts();
    // The list is real: tldraw's own Alt+Shift bindings are in it.
    expect(tldraw.has('alt+shift+v')).toBe(true);
    expect(tldraw.size).toBeGreaterThan(50);
    for (const shortcut of Object.values(CALL_SHORTCUTS)) expect(tldraw.has(shortcut.kbd), shortcut.kbd).toBe(false);
    const press = (code: string, mods: Partial<Record<'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey', boolean>>) => callShortcutOf({ altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, code, ...mods });
    expect(press('KeyM', { altKey: true, shiftKey: true })).toBe('mic');
    expect(press('KeyC', { altKey: true, shiftKey: true })).toBe('camera');
    // Alt+N (a note) and Alt+digit (tabs) stay the room's; plain letters stay tldraw's.
    expect(press('KeyM', { altKey: true })).toBeNull();
    expect(press('KeyM', {})).toBeNull();
    expect(press('KeyM', { altKey: true, shiftKey: true, ctrlKey: true })).toBeNull();
  });
});

describe('call quality', () => {
  it('grades round trip and loss between two readings', () => {
    expect(callQuality(null, null, null)).toEqual({ rttMs: null, lossPercent: null, level: 'unknown' });
    expect(callQuality(0.04, { packetsReceived: 100, packetsLost: 0 }, { packetsReceived: 200, packetsLost: 0 })).toEqual({ rttMs: 40, lossPercent: 0, level: 'good' });
    expect(callQuality(0.35, null, null).level).toBe('fair');
    expect(callQuality(0.05, { packetsReceived: 0, packetsLost: 0 }, { packetsReceived: 95, packetsLost: 5 })).toMatchObject({ lossPercent: 5, level: 'fair' });
    expect(callQuality(0.05, { packetsReceived: 0, packetsLost: 0 }, { packetsReceived: 80, packetsLost: 20 })).toMatchObject({ lossPercent: 20, level: 'poor' });
    expect(callQuality(0.7, null, null).level).toBe('poor');
    // No packets between the readings (muted): loss unknown, not 0 %.
    expect(callQuality(0.02, { packetsReceived: 50, packetsLost: 1 }, { packetsReceived: 50, packetsLost: 1 })).toMatchObject({ lossPercent: null, level: 'good' });
  });
});
