import { describe, expect, it } from 'vitest';
import { BoardSaveTracker, type TSaveState } from '@/components/whiteboard/save-tracker';

function tracker() {
  const states: TSaveState[] = [];
  const t = new BoardSaveTracker((state) => states.push(state));
  return { t, states };
}

describe('board save tracker', () => {
  it('is saved once the server answered our last push (it answers only after storing it)', () => {
    const { t, states } = tracker();
    expect(t.state).toBe('saved');
    t.localEdit();
    expect(t.state).toBe('unsaved');
    t.sent({ type: 'push', clientClock: 1, diff: {} });
    t.sent({ type: 'push', clientClock: 2, diff: {} });
    expect(t.state).toBe('saving');
    t.received({ type: 'data', data: [{ type: 'push_result', clientClock: 1, serverClock: 7, action: 'commit' }] });
    expect(t.state).toBe('saving');
    t.received({ type: 'push_result', clientClock: 2, serverClock: 8, action: 'commit' });
    expect(t.state).toBe('saved');
    expect(states).toEqual(['unsaved', 'saving', 'saved']);
  });

  it('ignores presence-only pushes and other clients’ changes', () => {
    const { t } = tracker();
    t.sent({ type: 'push', clientClock: 1, presence: [1, {}] });
    t.received({ type: 'patch', serverClock: 99, diff: {} });
    expect(t.state).toBe('saved');
  });

  it('an edit made while offline stays unsaved until it is pushed and answered', () => {
    const { t } = tracker();
    t.localEdit();
    t.received({ type: 'connect', serverClock: 3 });
    expect(t.state).toBe('unsaved');
    t.sent({ type: 'push', clientClock: 2, diff: {} });
    t.received({ type: 'push_result', clientClock: 2, serverClock: 4, action: { rebaseWithDiff: {} } });
    expect(t.state).toBe('saved');
  });

  it('a discarded push (read-only board after the end) leaves nothing to wait for', () => {
    const { t } = tracker();
    t.sent({ type: 'push', clientClock: 3, diff: {} });
    t.received({ type: 'push_result', clientClock: 3, serverClock: 9, action: 'discard' });
    expect(t.state).toBe('saved');
  });
});
