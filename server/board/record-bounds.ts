import type { TLRecordAuthorizers } from '@tldraw/sync-core';
import { createTLSchema, type TLAsset, type TLRecord } from '@tldraw/tlschema';
import { isReadablePaneUpdate, PANE_UPDATE_TYPE } from '@/lib/domain/api-pane';
import { isValidSdTag } from '@/lib/domain/system-design-shapes';
import { BOARD_LIMITS, type TBoardLimits, type TBoardRefusal } from '@/lib/protocol/board';
import { BOARD_CUSTOM_RECORDS } from '@/lib/protocol/board-schema';

/** Who a tldraw session belongs to; given to tldraw as session meta (never sent to clients). */
export type TBoardSessionMeta = { userId: string; userName: string | null };

/**
 * Nesting depth of a JSON text, tracked across the chunks of one message (tldraw splits a big
 * message into chunks that are only whole once reassembled). Why before tldraw sees it: a record
 * nested a few thousand levels deep is accepted by tldraw's validators but makes every later
 * JSON.stringify of the document overflow the stack, which used to stop all saving of the board
 * and, deeper still, the loading of it. A linear scan of characters, no allocation.
 */
export class JsonDepthScanner {
  private depth = 0;
  private isInString = false;
  private isEscaped = false;

  constructor(private readonly maxDepth: number) {}

  /** Feeds the next piece of text; false once the nesting went past the limit (or below zero). */
  feed(text: string): boolean {
    let { depth, isInString, isEscaped } = this;
    const max = this.maxDepth;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (isInString) {
        if (isEscaped) isEscaped = false;
        else if (code === 92 /* \ */) isEscaped = true;
        else if (code === 34 /* " */) isInString = false;
      } else if (code === 34) isInString = true;
      else if (code === 123 /* { */ || code === 91 /* [ */) {
        if (++depth > max) return false;
      } else if (code === 125 /* } */ || code === 93 /* ] */) {
        if (--depth < 0) return false;
      }
    }
    this.depth = depth;
    this.isInString = isInString;
    this.isEscaped = isEscaped;
    return true;
  }

  /** A whole message was seen (back at depth 0, outside any string). */
  get isComplete(): boolean {
    return this.depth === 0 && !this.isInString;
  }

  reset(): void {
    this.depth = 0;
    this.isInString = false;
    this.isEscaped = false;
  }
}

/** Stored size of a record: the JSON the board file keeps (UTF-8 bytes). Depth is bounded already. */
export function recordBytes(record: unknown): number {
  return Buffer.byteLength(JSON.stringify(record));
}

/**
 * Size bookkeeping of one board, so that a participant cannot grow it without bound: every
 * document record is checked on write (its size, its `meta`), and the board as a whole (shape
 * count, bytes) before a record is added or grows. Starts from the sizes stored in the board file.
 */
export class BoardBudget {
  private shapes = 0;
  private bytes = 0;

  constructor(
    private readonly sizes: Map<string, number>,
    readonly limits: TBoardLimits = BOARD_LIMITS,
  ) {
    for (const [id, size] of sizes) {
      this.bytes += size;
      if (id.startsWith('shape:')) this.shapes++;
    }
  }

  get shapeCount(): number {
    return this.shapes;
  }

  get byteCount(): number {
    return this.bytes;
  }

  /** About the JSON size of a diff: the stored size of each record put, and a little per delete. */
  bytesOf(diff: { puts: Record<string, unknown>; deletes: string[] }): number {
    let bytes = diff.deletes.length * 32;
    for (const id of Object.keys(diff.puts)) bytes += this.sizes.get(id) ?? 256;
    return bytes;
  }

  /** Checks a created or updated record; on success the budget counts it. */
  admit(record: TLRecord): TBoardRefusal | null {
    const meta = (record as { meta?: unknown }).meta;
    if (meta !== undefined && recordBytes(meta) > this.limits.maxMetaBytes) {
      return { code: 'too_large', message: 'That change carries too much extra data to be stored.' };
    }
    const size = recordBytes(record);
    if (size > this.limits.maxRecordBytes) {
      return { code: 'too_large', message: 'That shape is too large for the whiteboard.' };
    }
    const before = this.sizes.get(record.id);
    const isNewShape = record.typeName === 'shape' && before === undefined;
    if (isNewShape && this.shapes >= this.limits.maxShapes) {
      return { code: 'board_full', message: `The whiteboard is full (${this.limits.maxShapes} shapes). Delete some shapes to add more.` };
    }
    const delta = size - (before ?? 0);
    if (delta > 0 && this.bytes + delta > this.limits.maxDocumentBytes) {
      return { code: 'board_full', message: 'The whiteboard is full. Delete some shapes to add more.' };
    }
    this.sizes.set(record.id, size);
    this.bytes += delta;
    if (isNewShape) this.shapes++;
    return null;
  }

  forget(id: string): void {
    const before = this.sizes.get(id);
    if (before === undefined) return;
    this.sizes.delete(id);
    this.bytes -= before;
    if (id.startsWith('shape:')) this.shapes--;
  }
}

const ASSET_NAME = /^[A-Za-z0-9._-]{1,200}$/;
/** tldraw's schema plus our own record types (the pane's updates): what the room validates against. */
export const BOARD_SCHEMA = createTLSchema({ records: BOARD_CUSTOM_RECORDS });

const DOCUMENT_TYPES = Object.values(BOARD_SCHEMA.types)
  .filter((type) => type.scope === 'document')
  .map((type) => type.typeName as TLRecord['typeName']);

export type TBoardAuthorizerOptions = {
  /** Image/video sources and bookmark images must start with this (then one path segment). */
  assetUrlPrefix: string;
  budget?: BoardBudget;
  /** A write was refused by the budget: tell that session why (its client rolls the change back). */
  onRefused?: (sessionId: string, refusal: TBoardRefusal) => void;
};

/**
 * Record policy enforced by the server on every client write (tldraw runs these inside the
 * commit, before anything is stored; they must be cheap and do no I/O). A refused write is
 * skipped and the sender's client rolls it back. Why: whatever one participant puts in the
 * document, the other's browser renders and the server stores, so nothing in it may make that
 * browser load another site, or make the board too big to store or load.
 * - every document record: bounded size and `meta` (BoardBudget), the board's shapes and bytes;
 * - embed shapes are refused: tldraw renders any embed URL, even an unknown one, as an iframe;
 * - a system-design tag (`meta.sdKind`, lib/domain/system-design-shapes.ts) must name a known
 *   kind on the shape type it is drawn with, or the shape is refused;
 * - a pane update (lib/domain/api-pane.ts) is added or deleted, never changed, and must be an
 *   update Yjs can read (the schema has checked it is bounded base64);
 * - user records (names shown for attribution) only for the session's own user;
 * - image/video assets must point at our upload route (no data: URLs bloating the document,
 *   no third-party hosts); bookmark preview images likewise (the link itself is only an href).
 */
export function createBoardAuthorizers(options: TBoardAuthorizerOptions): TLRecordAuthorizers<TLRecord, TBoardSessionMeta> {
  const { assetUrlPrefix, budget, onRefused } = options;
  // One path segment after the prefix: no "..", no query, nothing that leaves the asset route.
  const isOwnUrl = (url: string | null | undefined) =>
    !url || (url.startsWith(assetUrlPrefix) && ASSET_NAME.test(url.slice(assetUrlPrefix.length)) && !url.includes('..'));
  const isAllowedAsset = (asset: TLAsset) =>
    asset.type === 'bookmark' ? isOwnUrl(asset.props.image) && isOwnUrl(asset.props.favicon) : isOwnUrl(asset.props.src);

  type TArgs = Parameters<NonNullable<TLRecordAuthorizers<TLRecord, TBoardSessionMeta>['shape']>>[0];
  const policy: Partial<Record<TLRecord['typeName'], (args: TArgs) => TLRecord | null>> = {
    shape: (args) => {
      if (args.type === 'delete') return args.prev;
      const next = args.next as { type?: string; meta?: unknown };
      if (next.type === 'embed') return null;
      return isValidSdTag(String(next.type), next.meta) ? args.next : null;
    },
    [PANE_UPDATE_TYPE as TLRecord['typeName']]: (args: TArgs) => {
      if (args.type === 'delete') return args.prev;
      if (args.type !== 'create') return null;
      const update = (args.next as unknown as { update?: unknown }).update;
      return typeof update === 'string' && isReadablePaneUpdate(update) ? args.next : null;
    },
    // tldraw writes the signed-in user's record (name, colour) into the document for
    // attribution; a session may only write its own, so nobody can relabel someone else.
    user: (args) => {
      const record = args.type === 'delete' ? args.prev : args.next;
      return record.id === `user:${args.session.meta.userId}` ? (args.next ?? args.prev) : null;
    },
    asset: (args) => {
      if (args.type === 'delete') return args.prev;
      const asset = args.next as unknown as TLAsset;
      if (args.type === 'create' && asset.type === 'bookmark' && !isAllowedAsset(asset)) {
        // A bookmark is still useful without its preview: keep the link, drop the remote images.
        return {
          ...asset,
          props: {
            ...asset.props,
            image: isOwnUrl(asset.props.image) ? asset.props.image : '',
            favicon: isOwnUrl(asset.props.favicon) ? asset.props.favicon : '',
          },
        } as unknown as TLRecord;
      }
      return isAllowedAsset(asset) ? args.next : null;
    },
  };

  const authorizers: Record<string, (args: TArgs) => TLRecord | null> = {};
  for (const typeName of DOCUMENT_TYPES) {
    const check = policy[typeName];
    authorizers[typeName] = (args) => {
      const result = check ? check(args) : (args.next ?? args.prev);
      if (!result || !budget) return result;
      if (args.type === 'delete') {
        budget.forget(args.prev.id);
        return result;
      }
      const refusal = budget.admit(result);
      if (!refusal) return result;
      onRefused?.(args.session.sessionId, refusal);
      return null;
    };
  }
  return authorizers as TLRecordAuthorizers<TLRecord, TBoardSessionMeta>;
}
