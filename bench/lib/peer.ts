// One bench participant speaking tldraw's sync protocol (version 8) over a frame channel, as
// tldraw's TLSyncClient does on the wire, without a TLStore behind it: connect, then pushes of
// what the client sends while someone drags, draws or moves the cursor. Every push carries its
// send time (absolute ms) as the presence cursor's x, so the other peer of the room measures the
// fan-out delay from whatever the server forwards, and the author measures its push round trip
// from tldraw's push_result.
import { createTLSchema, type TLRecord } from '@tldraw/tlschema';
import { b64Vecs, type TLShapeId } from 'tldraw';
import { makeDrawShape, makeGeoShape, makePresence } from '../../tests/helpers/tldraw-node';
import type { TChannel } from './wire';

const SCHEMA = createTLSchema().serialize();
const nowAbs = () => performance.timeOrigin + performance.now();

/** What a measurement window collects from every peer. */
export class Recorder {
  isRecording = false;
  windowStart = 0;
  windowEnd = Infinity;
  fanout: number[] = [];
  ack: number[] = [];
  sent = 0;
  received = 0;
  acked = 0;
  discarded = 0;
  refusals = 0;
  closed = 0;
  /** Pushes the load process sent later than planned (the load generator fell behind). */
  lateTicks = 0;
  /** Board joins refused because the server was at capacity (load shedding), then retried. */
  shed = 0;

  start(): void {
    this.isRecording = true;
    this.windowStart = nowAbs();
    this.windowEnd = Infinity;
    this.fanout = [];
    this.ack = [];
    this.sent = this.received = this.acked = this.discarded = this.refusals = this.closed = this.lateTicks = 0;
  }

  stop(): void {
    this.windowEnd = nowAbs();
  }

  inWindow(sentAt: number): boolean {
    return this.isRecording && sentAt >= this.windowStart && sentAt <= this.windowEnd;
  }
}

type TNetworkDiff = Record<string, [string, unknown]>;
type TServerMessage =
  | { type: 'connect'; serverClock: number }
  | { type: 'data'; data: TServerMessage[] }
  | { type: 'patch'; diff: TNetworkDiff }
  | { type: 'push_result'; clientClock: number; action: unknown }
  | { type: 'push'; presence?: [string, unknown]; diff?: TNetworkDiff }
  | { type: 'pong' | 'custom' | 'incompatibility_error' };

export type TPeerKind = 'tldraw' | 'relay';

export class BoardPeer {
  private clientClock = 0;
  private readonly sentAt = new Map<number, number>();
  private connected: (() => void) | undefined;
  private strokePoints: Array<{ x: number; y: number; z: number }> = [];
  private strokeId: TLShapeId | null = null;
  private strokes = 0;
  readonly shapeId: TLShapeId;
  cursor = { x: 0, y: 0 };

  constructor(
    readonly channel: TChannel,
    readonly kind: TPeerKind,
    readonly name: string,
    private readonly recorder: Recorder,
  ) {
    this.shapeId = `shape:${name}` as TLShapeId;
    channel.onFrame((frame) => this.receive(frame));
  }

  /** tldraw's connect handshake; resolves when the server sent the document. */
  connect(timeoutMs = 60_000): Promise<void> {
    if (this.kind === 'relay') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: no tldraw connect in ${timeoutMs} ms`)), timeoutMs);
      this.connected = () => {
        clearTimeout(timer);
        resolve();
      };
      this.channel.send(
        JSON.stringify({ type: 'connect', connectRequestId: `${this.name}-${Date.now()}`, lastServerClock: -1, protocolVersion: 8, schema: SCHEMA }),
      );
    });
  }

  /** Creates this peer's own shape and cursor (what a client does when it arrives and clicks). */
  arrive(): void {
    const shape = makeGeoShape(this.name, 100, 100);
    this.push({ [this.shapeId]: ['put', shape] }, ['put', { ...makePresence(this.name, this.name, { x: nowAbs(), y: 0 }, []) }]);
  }

  /** One drag step: the shape moves and the cursor with it (~260 B, what tldraw sends per frame). */
  drag(): void {
    this.cursor.x += 3;
    this.cursor.y = (this.cursor.y + 1) % 400;
    this.push({ [this.shapeId]: ['patch', { x: ['put', this.cursor.x], y: ['put', this.cursor.y] }] }, this.cursorPatch([this.shapeId]));
  }

  /** The cursor alone (~180 B). */
  point(): void {
    this.cursor.x += 2;
    this.cursor.y = (this.cursor.y + 1) % 400;
    this.push(undefined, this.cursorPatch());
  }

  /** One freehand-stroke step: the stroke's points grow (340-640 B), a new stroke each call of startStroke. */
  startStroke(): void {
    this.strokes++;
    this.strokeId = `shape:${this.name}-s${this.strokes}` as TLShapeId;
    this.strokePoints = [{ x: 0, y: 0, z: 0.5 }];
    this.push({ [this.strokeId]: ['put', makeDrawShape(this.strokeId, this.strokePoints)] }, this.cursorPatch([this.strokeId]));
  }

  stroke(): void {
    if (!this.strokeId) return this.startStroke();
    const last = this.strokePoints[this.strokePoints.length - 1]!;
    this.strokePoints.push({ x: last.x + 2.5, y: Math.sin(this.strokePoints.length / 8) * 40, z: 0.5 });
    // Like tldraw's diff of a growing path: only the segments change.
    const segments = [{ type: 'free', path: b64Vecs.encodePoints(this.strokePoints.slice(-40)) }];
    this.push({ [this.strokeId]: ['patch', { props: ['patch', { segments: ['put', segments] }] }] }, this.cursorPatch([this.strokeId]));
  }

  /** A big change at once (pasting shapes): split in tldraw's chunk format like our client. */
  pushRecords(records: TLRecord[], chunkChars: number): void {
    const diff: TNetworkDiff = {};
    for (const record of records) diff[record.id] = ['put', record];
    this.push(diff, undefined, chunkChars);
  }

  ping(): void {
    if (this.kind === 'tldraw') this.channel.send('{"type":"ping"}');
  }

  /** Pushes whose result has not come back. */
  get pending(): number {
    return this.sentAt.size;
  }

  private cursorPatch(selected: string[] = []): [string, unknown] {
    return [
      'patch',
      {
        cursor: ['put', { x: nowAbs(), y: this.cursor.y, type: 'default', rotation: 0 }],
        lastActivityTimestamp: ['put', Date.now()],
        ...(selected.length ? { selectedShapeIds: ['put', selected] } : {}),
      },
    ];
  }

  private push(diff: TNetworkDiff | undefined, presence: [string, unknown] | undefined, chunkChars = Infinity): void {
    const clientClock = ++this.clientClock;
    const at = nowAbs();
    const text = JSON.stringify({ type: 'push', clientClock, ...(diff ? { diff } : {}), ...(presence ? { presence } : {}) });
    if (this.kind === 'tldraw') this.sentAt.set(clientClock, at);
    if (this.recorder.inWindow(at)) this.recorder.sent++;
    if (text.length <= chunkChars) return this.channel.send(text);
    const count = Math.ceil(text.length / chunkChars);
    for (let i = 0; i < count; i++) this.channel.send(`${count - 1 - i}_${text.slice(i * chunkChars, (i + 1) * chunkChars)}`);
  }

  private receive(frame: string): void {
    let message: TServerMessage;
    try {
      message = JSON.parse(frame) as TServerMessage;
    } catch {
      return;
    }
    this.handle(message, nowAbs());
  }

  private handle(message: TServerMessage, at: number): void {
    switch (message.type) {
      case 'connect':
        this.connected?.();
        this.connected = undefined;
        return;
      case 'data':
        for (const item of message.data) this.handle(item, at);
        return;
      case 'patch':
        return this.measureFanout(message.diff, at);
      case 'push':
        // A relay forwards the other peer's push as it is.
        if (message.presence) this.measureFanoutOf(message.presence, at);
        return;
      case 'push_result': {
        const sentAt = this.sentAt.get(message.clientClock);
        if (sentAt === undefined) return;
        this.sentAt.delete(message.clientClock);
        if (!this.recorder.inWindow(sentAt)) return;
        this.recorder.acked++;
        this.recorder.ack.push(at - sentAt);
        // tldraw answers a push that changed no document record (the cursor alone) with "discard".
        if (message.action === 'discard') this.recorder.discarded++;
        return;
      }
      default:
        return;
    }
  }

  private measureFanout(diff: TNetworkDiff, at: number): void {
    for (const key in diff) if (key.startsWith('instance_presence:')) this.measureFanoutOf(diff[key]!, at);
  }

  private measureFanoutOf(op: [string, unknown], at: number): void {
    const body = op[1] as { cursor?: unknown } | undefined;
    if (!body) return;
    const cursor = op[0] === 'put' ? (body.cursor as { x?: number } | undefined) : ((body.cursor as [string, { x?: number }] | undefined)?.[1]);
    const sentAt = cursor?.x;
    if (typeof sentAt !== 'number' || sentAt < 1e12 || !this.recorder.inWindow(sentAt)) return;
    this.recorder.received++;
    this.recorder.fanout.push(at - sentAt);
  }
}
