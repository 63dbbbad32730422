/** What the sign-in page says for each Auth.js error or credentials code. */
export function signInErrorMessage(error: string | undefined | null, code?: string | null): string | null {
  if (!error) return null;
  if (code === 'throttled') return 'Too many failed attempts for this email. Wait 15 minutes and try again.';
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
