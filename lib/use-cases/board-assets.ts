import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { IMAGE_QUOTA_MESSAGE, MAX_IMAGE_BYTES, MAX_INTERVIEW_IMAGE_BYTES, sniffImageType } from '@/lib/domain/image-type';
import { fail, ok, type TResult } from '@/lib/result';
import type { TBlobStore } from '@/lib/storage/blob-store';
import { requireRole } from './access';
import type { TUseCaseContext } from './context';

const assetKey = (assetId: string) => `assets/${assetId}`;

class QuotaExceeded extends Error {}

/** Bytes of images an interview holds. */
async function interviewImageBytes(prisma: Pick<PrismaClient, 'asset'>, interviewId: string): Promise<number> {
  const total = await prisma.asset.aggregate({ where: { interviewId }, _sum: { size: true } });
  return total._sum.size ?? 0;
}

/**
 * Stores an image for an interview's board; participants only, while the interview is not ended,
 * within the interview's quota (MAX_INTERVIEW_IMAGE_BYTES).
 */
export async function uploadBoardAsset(
  ctx: TUseCaseContext,
  blobs: TBlobStore,
  { interviewId, bytes }: { interviewId: string; bytes: Uint8Array },
): Promise<TResult<{ id: string; url: string; mimeType: string }>> {
  const { db: prisma, userId } = ctx;
  const member = await requireRole(ctx, interviewId);
  if (!member.ok) return member;
  if (member.data.status === 'ended') return fail('forbidden', 'The interview has ended; the board is read-only.');
  if (bytes.byteLength === 0) return fail('invalid_input', 'The file is empty.');
  if (bytes.byteLength > MAX_IMAGE_BYTES) return fail('too_large', 'Images can be at most 5 MB.');
  const mimeType = sniffImageType(bytes);
  if (!mimeType) return fail('invalid_input', 'Only PNG, JPEG, GIF and WebP images can be placed on the board.');
  // A cheap look first, so an upload already over the quota writes no bytes at all.
  if ((await interviewImageBytes(prisma, interviewId)) + bytes.byteLength > MAX_INTERVIEW_IMAGE_BYTES) return fail('too_large', IMAGE_QUOTA_MESSAGE);
  // The bytes first, then the row that makes them reachable: a crash in between leaves an
  // unreachable file for deleteOrphanAssets, never a row without its image.
  const id = `a${randomBytes(16).toString('hex')}`;
  await blobs.put(assetKey(id), bytes);
  try {
    await prisma.$transaction(async (tx) => {
      // Uploads to one interview queue on its row, so that parallel ones cannot all pass the sum.
      await tx.$queryRaw`SELECT id FROM "Interview" WHERE id = ${interviewId} FOR UPDATE`;
      if ((await interviewImageBytes(tx, interviewId)) + bytes.byteLength > MAX_INTERVIEW_IMAGE_BYTES) throw new QuotaExceeded();
      await tx.asset.create({ data: { id, interviewId, uploaderId: userId, mimeType, size: bytes.byteLength }, select: { id: true } });
    });
  } catch (error) {
    await blobs.delete(assetKey(id)).catch(() => undefined);
    if (error instanceof QuotaExceeded) return fail('too_large', IMAGE_QUOTA_MESSAGE);
    throw error;
  }
  return ok({ id, url: `/api/assets/${id}`, mimeType });
}

/** An asset's bytes for a participant of its interview, or null (404 for everyone else). */
export async function readBoardAsset(
  ctx: TUseCaseContext,
  blobs: TBlobStore,
  { assetId }: { assetId: string },
): Promise<{ mimeType: string; data: Uint8Array } | null> {
  const asset = await ctx.db.asset.findUnique({ where: { id: assetId }, select: { interviewId: true, mimeType: true, data: true } });
  if (!asset || !(await requireRole(ctx, asset.interviewId)).ok) return null;
  // Images uploaded before the blob store kept their bytes in the row.
  const data = asset.data ?? (await blobs.get(assetKey(assetId)));
  return data ? { mimeType: asset.mimeType, data } : null;
}

/**
 * Deletes stored image bytes whose Asset row is gone (the interview or the account was deleted,
 * which removes the rows by cascade; or a crash between the bytes and the row). Returns how many.
 */
export async function deleteOrphanAssets(prisma: PrismaClient, blobs: TBlobStore): Promise<number> {
  const keys = await blobs.list('assets/');
  let deleted = 0;
  for (let i = 0; i < keys.length; i += 500) {
    const batch = keys.slice(i, i + 500);
    const ids = batch.map((key) => key.slice('assets/'.length));
    const live = new Set((await prisma.asset.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((row) => row.id));
    for (const key of batch) {
      if (live.has(key.slice('assets/'.length))) continue;
      await blobs.delete(key);
      deleted++;
    }
  }
  return deleted;
}
