'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signInErrorMessage } from '@/lib/auth/sign-in-messages';
import { auth, signIn, signOut } from '@/lib/auth';
import { safeCallbackUrl } from '@/lib/auth/callback-url';
import { BUSY_MESSAGE, PasswordHashingBusy } from '@/lib/auth/password';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http';
import { getServices } from '@/lib/services';
import { changePassword } from '@/lib/use-cases/change-password';
import { deleteAccount } from '@/lib/use-cases/delete-account';
import { signUp } from '@/lib/use-cases/sign-up';

/*
 * The server actions behind every form that carries a password (sign-in, sign-up, change
 * password, delete account), and the Sign out button's. A form bound to one of them is rendered by React as
 * `<form method="POST" enctype="multipart/form-data">`, so the browser posts it even before the
 * page's scripts have run (a slow connection): the password travels in the body, never in a URL,
 * the history or a server log, and the action's answer (an error, or a redirect) comes back as the
 * page itself. Once the scripts run, the same action is called without a page load.
 */

/** What a form shows after a submit: the message, per-field messages, what to type again. */
export type TFormState = {
  error: string | null;
  fields: Record<string, string>;
  /** The non-secret values the user typed, rendered back as the fields' defaults. */
  values: Record<string, string>;
  /** Tells one answer from the next, so the same error twice still moves the focus (FormAlert's key). */
  answeredAt?: number;
};

const UNEXPECTED = 'Something went wrong on our side. Try again.';

/** Every field a form posts is a string (a file or a missing field is an empty one). */
const ZFormString = z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string());

function readForm<T extends Record<string, typeof ZFormString>>(formData: FormData, shape: T): { [K in keyof T]: string } {
  const entries = Object.fromEntries(Object.keys(shape).map((key) => [key, formData.get(key)]));
  return z.object(shape).parse(entries) as { [K in keyof T]: string };
}

function failed(error: string, values: Record<string, string>, fields: Record<string, string> = {}): TFormState {
  return { error, fields, values, answeredAt: Date.now() };
}

/** Auth.js's server-side sign-in; null when it signed in, else what to show. */
async function credentialsSignIn(email: string, password: string): Promise<string | null> {
  try {
    await signIn('credentials', { email, password, redirect: false });
    return null;
  } catch (error) {
    const type = (error as { type?: unknown }).type;
    const code = (error as { code?: unknown }).code;
    if (typeof type !== 'string') throw error;
    return signInErrorMessage(type, typeof code === 'string' ? code : null) ?? 'Sign-in failed. Try again.';
  }
}

export async function signInAction(_previous: TFormState, formData: FormData): Promise<TFormState> {
  const form = readForm(formData, { email: ZFormString, password: ZFormString, callbackUrl: ZFormString });
  const values = { email: form.email };
  const error = await credentialsSignIn(form.email, form.password);
  if (error) return failed(error, values);
  redirect(safeCallbackUrl(form.callbackUrl));
}

export async function signUpAction(_previous: TFormState, formData: FormData): Promise<TFormState> {
  const form = readForm(formData, { name: ZFormString, email: ZFormString, password: ZFormString, callbackUrl: ZFormString });
  const values = { name: form.name, email: form.email };
  const { prisma, env } = getServices();
  const address = (await headers()).get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
  let created;
  try {
    created = await signUp(prisma, { name: form.name, email: form.email, password: form.password }, { address, perHour: env.SIGNUP_LIMIT_PER_HOUR });
  } catch (error) {
    if (error instanceof PasswordHashingBusy) return failed(BUSY_MESSAGE, values);
    console.error('[action] sign-up', error);
    return failed(UNEXPECTED, values);
  }
  if (!created.ok) return failed(created.error.message, values, created.error.fields);
  if (await credentialsSignIn(created.data.email, form.password)) {
    return failed('Your account was created, but signing in failed. Try signing in.', values);
  }
  redirect(safeCallbackUrl(form.callbackUrl));
}

export async function changePasswordAction(_previous: TFormState, formData: FormData): Promise<TFormState> {
  const form = readForm(formData, { currentPassword: ZFormString, newPassword: ZFormString });
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) redirect('/sign-in?callbackUrl=%2Fsettings');
  const services = getServices();
  let result;
  try {
    result = await changePassword(services.prisma, user.id, form);
  } catch (error) {
    if (error instanceof PasswordHashingBusy) return failed(BUSY_MESSAGE, {});
    console.error('[action] change password', error);
    return failed(UNEXPECTED, {});
  }
  if (!result.ok) return failed(result.error.message, {}, result.error.fields);
  services.realtime.disconnectUser(user.id, 'account_changed');
  // The change ended every session, this one included: sign this browser in again.
  const error = await credentialsSignIn(user.email, form.newPassword);
  if (error) return failed(`Password changed, but signing this browser in again failed: ${error}`, {});
  // A new request, so the page is rendered with the new session cookie (this request still
  // carries the old one, which the change has just ended).
  redirect('/settings?password=changed');
}

export async function deleteAccountAction(_previous: TFormState, formData: FormData): Promise<TFormState> {
  const form = readForm(formData, { confirmEmail: ZFormString, password: ZFormString });
  const values = { confirmEmail: form.confirmEmail };
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) redirect('/sign-in?callbackUrl=%2Fsettings');
  const services = getServices();
  let result;
  try {
    result = await deleteAccount(services.prisma, userId, { confirmEmail: form.confirmEmail, password: form.password || undefined }, services.blobs);
  } catch (error) {
    console.error('[action] delete account', error);
    return failed(UNEXPECTED, values);
  }
  if (!result.ok) return failed(result.error.message, values, result.error.fields);
  services.realtime.disconnectUser(userId, 'account_changed');
  await signOut({ redirectTo: '/?deleted=1' });
  return { error: null, fields: {}, values: {} };
}

/**
 * The Sign out button (every signed-in page's header): Auth.js ends the session, its signOut event
 * revokes it on the server and closes its sockets, and the browser goes to the sign-in page. A
 * form rather than next-auth/react's client, which every page's first load would carry.
 */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/sign-in' });
}
