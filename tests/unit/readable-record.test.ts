import { createTLSchema, createTLStore, defaultShapeUtils, type TLRecord } from 'tldraw';
import { describe, expect, it } from 'vitest';
import { readableRecord } from '@/components/review/readable-record';
import type { TReplayRecord } from '@/lib/domain/board-replay';
import { installTldrawNodeGlobals, makeGeoShape } from '../helpers/tldraw-node';

installTldrawNodeGlobals();

const store = createTLStore({ shapeUtils: defaultShapeUtils });
const schema = createTLSchema().serialize();
const asStored = (record: object) => record as unknown as TReplayRecord;

describe('readableRecord (what the replay may put in its tldraw store)', () => {
  it('keeps a valid record stored with the current schema', () => {
    const box = makeGeoShape('box', 10, 20, 'a1');
    expect(readableRecord(store, asStored(box), schema)).toEqual(box);
    expect(readableRecord(store, asStored(box), null)).toEqual(box);
  });

  it('leaves out a record that does not validate, instead of letting the store throw', () => {
    const badIndex = makeGeoShape('bad-index', 0, 0, 'a10');
    expect(() => store.put([badIndex as TLRecord])).toThrow(/index/);
    expect(readableRecord(store, asStored(badIndex), schema)).toBeNull();
    const missingProps = { ...makeGeoShape('no-props', 0, 0), props: {} };
    expect(readableRecord(store, asStored(missingProps), schema)).toBeNull();
  });

  it('leaves out a record of a type this tldraw does not know', () => {
    expect(readableRecord(store, asStored({ id: 'widget:1', typeName: 'widget' }), schema)).toBeNull();
  });
});
