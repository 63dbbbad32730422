// Clients of the capacity bench, kept as cheap as possible so that one load process can drive
// hundreds of peers on a 2-core machine: a minimal socket.io v4 client (engine.io over a raw
// WebSocket: open, connect with auth, events, acks, ping/pong; no polling, no reconnection), and
// plain `ws` for the reference and the ws relay. Both expose the same frame channel.
import WebSocket from 'ws';

export type TChannel = {
  send(frame: string): void;
  onFrame(listener: (frame: string) => void): void;
  close(): void;
  /** Stop reading from the socket (the TCP window fills, the server's buffers grow). */
  pauseReading(): void;
};

export type TRefusal = { message: string; data?: unknown };

/** socket.io v4 over one WebSocket. */
export class SioClient {
  private readonly ws: WebSocket;
  private readonly listeners = new Map<string, Array<(...args: unknown[]) => void>>();
  private readonly acks = new Map<number, (args: unknown[]) => void>();
  private nextAckId = 0;
  readonly ready: Promise<void>;
  isOpen = false;

  constructor(baseUrl: string, opts: { auth?: unknown; cookie?: string; query?: Record<string, string> }) {
    const extra = Object.entries(opts.query ?? {}).map(([key, value]) => `&${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
    const url = `${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket${extra.join('')}`;
    this.ws = new WebSocket(url, { headers: opts.cookie ? { cookie: opts.cookie } : {}, perMessageDeflate: false });
    this.ready = new Promise<void>((resolve, reject) => {
      this.ws.on('error', (error) => reject(error));
      this.ws.on('close', () => {
        this.isOpen = false;
        reject(new Error('closed before connecting'));
        this.dispatch('disconnect', []);
      });
      this.ws.on('message', (data) => {
        const text = data.toString();
        const type = text.charCodeAt(0);
        if (type === 50 /* 2 ping */) return this.ws.send('3');
        if (type === 48 /* 0 open */) return this.ws.send(`40${opts.auth === undefined ? '' : JSON.stringify(opts.auth)}`);
        if (type !== 52 /* 4 message */) return;
        const kind = text.charCodeAt(1);
        if (kind === 48 /* 0 connect */) {
          this.isOpen = true;
          return resolve();
        }
        if (kind === 52 /* 4 connect error */) return reject(JSON.parse(text.slice(2)) as TRefusal);
        if (kind === 49 /* 1 disconnect */) return this.ws.close();
        let i = 2;
        while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
        const id = i > 2 ? Number(text.slice(2, i)) : undefined;
        const args = JSON.parse(text.slice(i)) as unknown[];
        if (kind === 51 /* 3 ack */) {
          const ack = id === undefined ? undefined : this.acks.get(id);
          if (ack && id !== undefined) {
            this.acks.delete(id);
            ack(args);
          }
          return;
        }
        if (kind === 50 /* 2 event */) this.dispatch(String(args[0]), args.slice(1));
      });
    });
    this.ready.catch(() => undefined);
  }

  private dispatch(event: string, args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }

  on(event: string, listener: (...args: unknown[]) => void): void {
    const list = this.listeners.get(event) ?? [];
    list.push(listener);
    this.listeners.set(event, list);
  }

  emit(event: string, ...args: unknown[]): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(`42${JSON.stringify([event, ...args])}`);
  }

  emitWithAck(event: string, arg: unknown, timeoutMs = 30_000): Promise<unknown> {
    const id = this.nextAckId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.acks.delete(id);
        reject(new Error(`${event}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.acks.set(id, (args) => {
        clearTimeout(timer);
        resolve(args[0]);
      });
      this.ws.send(`42${id}${JSON.stringify([event, arg])}`);
    });
  }

  /** A frame channel carried by `board:message` events. */
  channel(): TChannel {
    return {
      send: (frame) => this.emit('board:message', frame),
      onFrame: (listener) => this.on('board:message', (frame) => listener(frame as string)),
      close: () => this.close(),
      pauseReading: () => this.pauseReading(),
    };
  }

  pauseReading(): void {
    (this.ws as unknown as { _socket?: { pause(): void } })._socket?.pause();
  }

  /** Drops the connection at once (a reader that stopped reading never sees a polite close). */
  terminate(): void {
    this.ws.terminate();
  }

  /** Leaves the whiteboard first (as the page does when the board unmounts), then closes. */
  close(): void {
    this.emit('board:leave');
    this.ws.close();
  }
}

/** A plain WebSocket as a frame channel (tldraw reference, ws relay). */
export function wsChannel(url: string): Promise<TChannel> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const listeners: Array<(frame: string) => void> = [];
  ws.on('message', (data) => {
    const text = data.toString();
    for (const listener of listeners) listener(text);
  });
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        send: (frame) => {
          if (ws.readyState === WebSocket.OPEN) ws.send(frame);
        },
        onFrame: (listener) => void listeners.push(listener),
        close: () => ws.terminate(),
        pauseReading: () => (ws as unknown as { _socket?: { pause(): void } })._socket?.pause(),
      }),
    );
  });
}
