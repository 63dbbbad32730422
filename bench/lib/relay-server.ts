// The floor of the capacity bench: servers that do nothing but forward each frame to the other
// peers of its room, over socket.io (mockroom's transport) or plain `ws` (the reference's).
//
//   node --import tsx bench/lib/relay-server.ts socketio|ws <port>
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { WebSocketServer, type WebSocket } from 'ws';

const kind = process.argv[2];
const port = Number(process.argv[3] ?? 0);
const http = createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404).end();
});

if (kind === 'socketio') {
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 1_000_000 });
  io.on('connection', (socket) => {
    const room = String(socket.handshake.auth?.room ?? '');
    void socket.join(room);
    socket.on('board:message', (frame: unknown) => {
      if (typeof frame === 'string') socket.to(room).emit('board:message', frame);
    });
  });
} else if (kind === 'ws') {
  const rooms = new Map<string, Set<WebSocket>>();
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (socket, req) => {
    const id = new URL(req.url ?? '/', 'http://localhost').pathname;
    const peers = rooms.get(id) ?? new Set<WebSocket>();
    rooms.set(id, peers);
    peers.add(socket);
    socket.on('message', (data, isBinary) => {
      for (const peer of peers) if (peer !== socket && peer.readyState === 1) peer.send(data, { binary: isBinary });
    });
    socket.on('close', () => {
      peers.delete(socket);
      if (peers.size === 0) rooms.delete(id);
    });
  });
} else {
  throw new Error(`unknown relay kind ${kind}`);
}

http.listen(port, '127.0.0.1', () => process.send?.({ listening: (http.address() as AddressInfo).port }));
process.on('SIGTERM', () => process.exit(0));
