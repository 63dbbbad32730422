import { bytesRoute } from '@/lib/auth/route-guard';
import { MAX_IMAGE_BYTES } from '@/lib/domain/image-type';
import { uploadBoardAsset } from '@/lib/use-cases/board-assets';

/** An image pasted or dropped on the board: the raw bytes as the body. */
export const POST = bytesRoute(
  'board image',
  { maxBytes: MAX_IMAGE_BYTES, tooLarge: 'Images can be at most 5 MB.', status: 201 },
  ({ services, ctx, id, bytes }) => uploadBoardAsset(ctx, services.blobs, { interviewId: id, bytes }),
);
