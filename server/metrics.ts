import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { TRoomRegistry } from './board/room-registry';
import type { TCluster } from './cluster';

/**
 * Prometheus metrics of one process (`GET /metrics`, operators only: see server/cluster/internal.ts).
 * Counters that live elsewhere (leases, hand-overs, fenced writes) are read at scrape time.
 */
export type TMetrics = {
  registry: Registry;
  /** The exposition text (content type: `registry.contentType`). */
  render(): Promise<string>;
  /** A socket.io event arrived (`board` for whiteboard sync frames, `app` for the rest). */
  onSocketEvent(kind: 'board' | 'app'): void;
  /** An archive write finished; `delayMs` is how long its oldest change waited. */
  onArchived(delayMs: number): void;
  /** A board this process took after waiting for another holder. */
  onTakeover(ms: number): void;
};

export type TMetricsSources = {
  instanceId: string;
  boards: TRoomRegistry;
  cluster?: TCluster;
  sockets: () => number;
};

/** A counter whose value is kept by someone else: at scrape time it moves by what changed. */
function mirroredCounter(registry: Registry, name: string, help: string, read: () => number) {
  let seen = 0;
  return new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const value = read();
      if (value > seen) this.inc(value - seen);
      seen = Math.max(seen, value);
    },
  });
}

export function createMetrics(sources: TMetricsSources): TMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ instance: sources.instanceId });
  let hasDefaults = false;

  new Gauge({
    name: 'mockroom_boards_live',
    help: 'Whiteboards (tldraw rooms) this process serves',
    registers: [registry],
    collect() {
      this.set(sources.boards.stats().rooms);
    },
  });
  new Gauge({
    name: 'mockroom_boards_archive_failing',
    help: 'Live whiteboards whose archive writes are failing (edits safe in their board files)',
    registers: [registry],
    collect() {
      this.set(sources.boards.stats().archiveFailing);
    },
  });
  new Gauge({
    name: 'mockroom_sockets_connected',
    help: 'Open socket.io connections',
    registers: [registry],
    collect() {
      this.set(sources.sockets());
    },
  });
  mirroredCounter(registry, 'mockroom_boards_opened_total', 'Whiteboards opened by this process', () => sources.boards.stats().roomsOpened);
  mirroredCounter(registry, 'mockroom_board_fenced_writes_total', 'Archive writes refused because another process had claimed the board', () => sources.boards.stats().fencedWrites);
  mirroredCounter(registry, 'mockroom_board_handoffs_unarchived_total', 'Boards given up because the archive was unreachable, passed to the next owner through Redis', () => sources.boards.stats().handedOffUnarchived);
  const events = new Counter({ name: 'mockroom_socket_events_total', help: 'socket.io events received', labelNames: ['kind'], registers: [registry] });
  const archiveDelay = new Histogram({
    name: 'mockroom_board_persist_delay_seconds',
    help: 'From a whiteboard change to its archive write in the database',
    buckets: [0.25, 0.5, 1, 1.5, 2, 5, 10, 30],
    registers: [registry],
  });
  const takeover = new Histogram({
    name: 'mockroom_board_takeover_seconds',
    help: 'Wait for a whiteboard held by another process (hand-over, or its lease expiring after a crash)',
    buckets: [0.1, 0.25, 0.5, 1, 2, 3, 5, 8],
    registers: [registry],
  });

  const cluster = sources.cluster;
  if (cluster) {
    new Gauge({
      name: 'mockroom_board_leases_held',
      help: 'Whiteboard leases this process holds in Redis',
      registers: [registry],
      collect() {
        this.set(cluster.stats().held);
      },
    });
    mirroredCounter(registry, 'mockroom_board_lease_renewals_total', 'Lease renewals Redis confirmed', () => cluster.stats().renewals);
    mirroredCounter(registry, 'mockroom_board_lease_renewal_failures_total', 'Lease renewals that failed (Redis unreachable, or the lease taken)', () => cluster.stats().renewalFailures);
    mirroredCounter(registry, 'mockroom_board_leases_lost_total', 'Leases given up because they could not be renewed in time', () => cluster.stats().lost);
    mirroredCounter(registry, 'mockroom_board_handovers_given_total', 'Whiteboards handed to another process on its request', () => cluster.stats().handoversGiven);
    mirroredCounter(registry, 'mockroom_board_takeover_failures_total', 'Joins that waited for another holder in vain', () => cluster.stats().takeoverFailures);
  }

  return {
    registry,
    render() {
      // Node's own metrics (nodejs_eventloop_lag_seconds and its percentiles, heap, GC, handles)
      // start with the first scrape: a process nobody scrapes (every test server) runs no
      // event-loop delay monitor.
      if (!hasDefaults) {
        hasDefaults = true;
        collectDefaultMetrics({ register: registry });
      }
      return registry.metrics();
    },
    onSocketEvent: (kind) => events.inc({ kind }),
    onArchived: (delayMs) => archiveDelay.observe(delayMs / 1000),
    onTakeover: (ms) => takeover.observe(ms / 1000),
  };
}
