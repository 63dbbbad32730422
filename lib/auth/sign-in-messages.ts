/** What the sign-in page says for each Auth.js error or credentials code. */
export function signInErrorMessage(error: string | undefined | null, code?: string | null): string | null {
  if (!error) return null;
  if (code === 'throttled') return 'Too many failed sign-ins from your network. Wait 15 minutes and try again.';
  if (code === 'busy') return 'The server is busy. Try again in a few seconds.';
  if (code === 'unavailable') return 'Sign-in is unavailable: mockroom cannot reach its database right now. Try again in a minute.';
  switch (error) {
    case 'CredentialsSignin':
      return 'Wrong email or password.';
    case 'OAuthAccountNotLinked':
      return 'This email already has a mockroom account with a password. Sign in with your email and password; accounts are not linked automatically.';
    case 'AccessDenied':
      return 'Access was denied.';
    case 'Configuration':
      return 'Sign-in is misconfigured on the server. Try again later.';
    default:
      return 'Sign-in failed. Try again.';
  }
}
