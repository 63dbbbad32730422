import type { CustomRecordInfo } from '@tldraw/tlschema';
import { T } from '@tldraw/validate';
import { isBase64, PANE_MAX_UPDATE_CHARS, PANE_UPDATE_TYPE } from '@/lib/domain/api-pane';

// The record types the interview's tldraw room holds beyond tldraw's own: given to the server's
// TLSocketRoom (createTLSchema({ records })), the live board's useSync and the replay's store
// alike, so all three share one schema. tldraw validates every record a client pushes against
// it and ends the session of a client that pushes one that does not validate.

const ID_PATTERN = new RegExp(`^${PANE_UPDATE_TYPE}:[A-Za-z0-9_-]{1,64}$`);

export const BOARD_CUSTOM_RECORDS: Record<string, CustomRecordInfo> = {
  // One Yjs update of the "API and data" pane (lib/domain/api-pane.ts); never changed in place.
  [PANE_UPDATE_TYPE]: {
    scope: 'document',
    validator: T.object({
      id: T.string.check((id) => {
        if (!ID_PATTERN.test(id)) throw new T.ValidationError(`Expected a ${PANE_UPDATE_TYPE} id`);
      }),
      typeName: T.literal(PANE_UPDATE_TYPE),
      update: T.string.check((value) => {
        if (value.length > PANE_MAX_UPDATE_CHARS) throw new T.ValidationError('Pane update too large');
        if (!isBase64(value)) throw new T.ValidationError('Expected base64');
      }),
    }),
  },
};
