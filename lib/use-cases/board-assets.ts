import type { PrismaClient } from '@/lib/generated/prisma/client';
import { MAX_IMAGE_BYTES, sniffImageType } from '@/lib/domain/image-type';
import { fail, ok, type TResult } from '@/lib/result';
import { roleIn } from './membership';

/** Stores an image for an interview's board; participants only, while the interview is not ended. */
export async function uploadBoardAsset(
  prisma: PrismaClient,
  userId: string,
  interviewId: string,
  bytes: Uint8Array,
): Promise<TResult<{ id: string; url: string; mimeType: string }>> {
  if (!(await roleIn(prisma, interviewId, userId))) return fail('not_found', 'Interview not found.');
  const interview = await prisma.interview.findUniqueOrThrow({ where: { id: interviewId }, select: { status: true } });
  if (interview.status === 'ended') return fail('forbidden', 'The interview has ended; the board is read-only.');
  if (bytes.byteLength === 0) return fail('invalid_input', 'The file is empty.');
  if (bytes.byteLength > MAX_IMAGE_BYTES) return fail('too_large', 'Images can be at most 5 MB.');
  const mimeType = sniffImageType(bytes);
  if (!mimeType) return fail('invalid_input', 'Only PNG, JPEG, GIF and WebP images can be placed on the board.');
  const asset = await prisma.asset.create({
    data: { interviewId, uploaderId: userId, mimeType, size: bytes.byteLength, data: Buffer.from(bytes) },
    select: { id: true },
  });
  return ok({ id: asset.id, url: `/api/assets/${asset.id}`, mimeType });
}

/** An asset's bytes for a participant of its interview, or null (404 for everyone else). */
export async function readBoardAsset(
  prisma: PrismaClient,
  userId: string,
  assetId: string,
): Promise<{ mimeType: string; data: Uint8Array } | null> {
  const asset = await prisma.asset.findUnique({ where: { id: assetId }, select: { interviewId: true, mimeType: true, data: true } });
  if (!asset || !(await roleIn(prisma, asset.interviewId, userId))) return null;
  return { mimeType: asset.mimeType, data: asset.data };
}
