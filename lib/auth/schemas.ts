import { z } from 'zod';
import { ZText } from '@/lib/domain/text-schema';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password';

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email('Enter a valid email address'));

export const ZPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters`);

export const ZSignUpInput = z.object({
  name: ZText.trim().min(1, 'Enter your name').max(80, 'Use at most 80 characters'),
  email: ZEmail,
  password: ZPassword,
});
export type TSignUpInput = z.infer<typeof ZSignUpInput>;

export const ZSignInInput = z.object({
  email: ZEmail,
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

export const ZChangePasswordInput = z.object({
  currentPassword: z.string().min(1, 'Enter your current password').max(PASSWORD_MAX_LENGTH),
  newPassword: ZPassword,
});

export const ZDeleteAccountInput = z.object({
  confirmEmail: ZEmail,
  password: z.string().max(PASSWORD_MAX_LENGTH).optional(),
});
