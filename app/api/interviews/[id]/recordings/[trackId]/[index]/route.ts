import { bytesRoute } from '@/lib/auth/route-guard';
import { MAX_RECORDING_CHUNK_BYTES } from '@/lib/domain/recording';
import { storeRecordingChunk } from '@/lib/use-cases/recording';

/** Chunk `index` of one's own recording track: the raw WebM/Opus bytes as the body. */
export const POST = bytesRoute(
  'recording chunk',
  { maxBytes: MAX_RECORDING_CHUNK_BYTES, tooLarge: `A recording chunk can be at most ${MAX_RECORDING_CHUNK_BYTES / 1024} KB.` },
  async ({ services, ctx, id, bytes, route }) => {
    const { trackId, index } = await route.params;
    return storeRecordingChunk(ctx, services.blobs, { interviewId: id, trackId, index }, bytes);
  },
);
