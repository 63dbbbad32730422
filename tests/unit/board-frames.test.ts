// The pure parts of the whiteboard server: frame checks, the JSON depth scanner, record policies
// and the board budget. The socket and storage parts are in tests/integration/board-engine.test.ts.
import { JsonChunkAssembler } from '@tldraw/sync-core';
import { describe, expect, it } from 'vitest';
import { toFrames } from '@/components/whiteboard/socketio-client-socket';
import { BOARD_CHUNK_CHARS, BOARD_LIMITS, BOARD_MAX_FRAME_BYTES, utf8ByteLength } from '@/lib/protocol/board';
import { BoardBudget, createBoardAuthorizers, JsonDepthScanner, recordBytes } from '@/server/board/record-bounds';
import { isWellFormedFrame } from '@/server/realtime/board-handlers';

const session = { isReadonly: false, meta: { userId: 'alice', userName: 'Alice' }, sessionId: 's' };
const shape = (id: string, extra: Record<string, unknown> = {}) =>
  ({ id: `shape:${id}`, typeName: 'shape', type: 'geo', x: 0, y: 0, props: { w: 10, h: 10 }, meta: {}, ...extra }) as never;

/** `{"a":{"a":...}}` nested `depth` levels deep, built without recursion. */
const nested = (depth: number) => '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);

describe('frames', () => {
  it('splits into chunks that tldraw reassembles, each within the frame limit', () => {
    const json = JSON.stringify({ type: 'push', text: 'ü€😀'.repeat(40_000) });
    const frames = toFrames(json);
    expect(frames.length).toBeGreaterThan(1);
    for (const frame of frames) expect(utf8ByteLength(frame)).toBeLessThanOrEqual(BOARD_MAX_FRAME_BYTES);
    const assembler = new JsonChunkAssembler();
    const results = frames.map((frame) => assembler.handleMessage(frame));
    expect(results.slice(0, -1).every((r) => r === null)).toBe(true);
    expect(results.at(-1)).toMatchObject({ stringified: json });
    expect(toFrames('{"type":"ping"}')).toEqual(['{"type":"ping"}']);
    expect(BOARD_CHUNK_CHARS * 3).toBeLessThanOrEqual(BOARD_MAX_FRAME_BYTES);
  });

  it('counts UTF-8 bytes like Buffer does', () => {
    for (const text of ['', 'abc', 'é', '€', '😀', 'a😀b', '\ud800', 'mixed ü € 😀 text']) {
      expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text));
    }
  });

  it('accepts protocol messages and chunks only', () => {
    expect(isWellFormedFrame('{"type":"ping"}')).toBe(true);
    expect(isWellFormedFrame('{"type":"push","clientClock":1}')).toBe(true);
    expect(isWellFormedFrame('3_{"type":')).toBe(true);
    expect(isWellFormedFrame('{"type":"other"}')).toBe(false);
    expect(isWellFormedFrame('{oops')).toBe(false);
    expect(isWellFormedFrame('"ping"')).toBe(false);
    expect(isWellFormedFrame('999_x')).toBe(false);
  });
});

describe('JSON depth scanner', () => {
  it('measures nesting outside strings, across the pieces of one message', () => {
    const scanner = new JsonDepthScanner(3);
    expect(scanner.feed('{"a":[{"b":"{[{[{["}]}')).toBe(true);
    expect(scanner.isComplete).toBe(true);
    scanner.reset();
    expect(scanner.feed('{"a":"\\"{{{{{","b":[')).toBe(true);
    expect(scanner.isComplete).toBe(false);
    expect(scanner.feed('[1]]}')).toBe(true);
    expect(scanner.isComplete).toBe(true);
    scanner.reset();
    expect(scanner.feed('{"a":[[[')).toBe(false);
    scanner.reset();
    expect(scanner.feed('}')).toBe(false);
  });

  it('refuses the 3,500-level meta that once stopped all saving, in linear time', () => {
    const scanner = new JsonDepthScanner(BOARD_LIMITS.maxMessageDepth);
    const frame = `{"type":"push","clientClock":1,"diff":{"shape:x":["put",{"meta":${nested(3500)}}]}}`;
    expect(scanner.feed(frame)).toBe(false);
    scanner.reset();
    expect(scanner.feed(`{"type":"push","meta":${nested(40)}}`)).toBe(true);
  });
});

describe('record policies', () => {
  it('asset policy: own upload route only, one path segment', () => {
    const authorize = createBoardAuthorizers({ assetUrlPrefix: '/api/assets/' }).asset!;
    const asset = (src: string) =>
      ({ id: 'asset:a', typeName: 'asset', type: 'image', props: { src, name: '', w: 1, h: 1, mimeType: null, isAnimated: false }, meta: {} }) as never;
    const allowed = (src: string) => authorize({ session, type: 'create', prev: null, next: asset(src) }) !== null;
    expect(allowed('/api/assets/cmabc123xyz')).toBe(true);
    expect(allowed('')).toBe(true);
    expect(allowed('/api/assets/../account/delete')).toBe(false);
    expect(allowed('/api/assets/a/b')).toBe(false);
    expect(allowed('/api/assets/a?b=c')).toBe(false);
    expect(allowed('/api/other')).toBe(false);
    expect(allowed('https://example.com/a.png')).toBe(false);
    expect(allowed('data:image/png;base64,AA')).toBe(false);
  });

  it('user policy: a session writes only its own user record', () => {
    const authorize = createBoardAuthorizers({ assetUrlPrefix: '/x/' }).user!;
    const user = (id: string) => ({ id, typeName: 'user', name: 'n', color: '#000', imageUrl: '', meta: {} }) as never;
    expect(authorize({ session, type: 'create', prev: null, next: user('user:alice') })).not.toBeNull();
    expect(authorize({ session, type: 'update', prev: user('user:bob'), next: user('user:bob') })).toBeNull();
    expect(authorize({ session, type: 'delete', prev: user('user:bob'), next: null })).toBeNull();
  });

  it('every document record type is bounded, not only shapes', () => {
    const authorizers = createBoardAuthorizers({ assetUrlPrefix: '/x/', budget: new BoardBudget(new Map()) });
    expect(Object.keys(authorizers).sort()).toEqual(expect.arrayContaining(['asset', 'binding', 'document', 'page', 'shape', 'user']));
  });
});

describe('board budget', () => {
  const limits = { ...BOARD_LIMITS, maxShapes: 2, maxRecordBytes: 2_000, maxMetaBytes: 100, maxDocumentBytes: 3_000 };

  it('refuses an oversized record or meta, and a shape past the board\'s limit; deletes make room', () => {
    const budget = new BoardBudget(new Map(), limits);
    const refused: string[] = [];
    const authorize = createBoardAuthorizers({ assetUrlPrefix: '/x/', budget, onRefused: (_s, r) => refused.push(r.code) }).shape!;
    const create = (next: never) => authorize({ session, type: 'create', prev: null, next });

    expect(create(shape('big', { props: { text: 'x'.repeat(2_500) } }))).toBeNull();
    expect(create(shape('meta', { meta: { note: 'y'.repeat(200) } }))).toBeNull();
    expect(create(shape('one'))).not.toBeNull();
    expect(create(shape('two'))).not.toBeNull();
    expect(create(shape('three'))).toBeNull();
    expect(refused).toEqual(['too_large', 'too_large', 'board_full']);
    expect(budget.shapeCount).toBe(2);

    expect(authorize({ session, type: 'delete', prev: shape('one'), next: null })).not.toBeNull();
    expect(create(shape('three'))).not.toBeNull();
    expect(budget.shapeCount).toBe(2);
  });

  it('counts bytes across records and updates, starting from what the board file holds', () => {
    const budget = new BoardBudget(new Map([['page:p', 2_400]]), limits);
    expect(budget.byteCount).toBe(2_400);
    expect(budget.admit(shape('a'))).toBeNull();
    const grown = shape('a', { props: { text: 'z'.repeat(800) } });
    expect(recordBytes(grown)).toBeGreaterThan(600);
    expect(budget.admit(grown)?.code).toBe('board_full');
  });
});
