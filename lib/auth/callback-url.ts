/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeCallbackUrl(value: string | string[] | undefined, fallback = '/dashboard'): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return fallback;
  return candidate;
}
