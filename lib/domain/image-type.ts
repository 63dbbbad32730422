/**
 * Image types accepted on the whiteboard, recognised by their first bytes (the declared
 * Content-Type is not trusted). SVG is refused: it can carry script.
 */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type TImageType = (typeof IMAGE_TYPES)[number];

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/**
 * All images of one interview together. A board holds a few screenshots and sketches; without a
 * bound one participant could fill the server's disk (or the database's Blob table) through one
 * interview at 5 MB a request.
 */
export const MAX_INTERVIEW_IMAGE_BYTES = 20 * 1024 * 1024;

const MB = 1024 * 1024;
export const IMAGE_QUOTA_MESSAGE = `This interview's images already use ${MAX_INTERVIEW_IMAGE_BYTES / MB} MB, the most one interview may hold. Use a smaller image, or reuse one already on the board.`;

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  signature.every((byte, index) => bytes[offset + index] === byte);

export function sniffImageType(bytes: Uint8Array): TImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}
