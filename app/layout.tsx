import type { Metadata } from 'next';
import { GeistSans } from 'geist/font/sans';
import Link from 'next/link';
import { auth } from '@/lib/auth';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { NavLinks, SiteMenu } from '@/components/ui/site-nav';
import { DEGRADED_MESSAGE } from '@/components/ui/degraded';
import { SessionReminderLoader } from '@/components/lobby/session-reminder-loader';
import './globals.css';

// Every page reads the session (or data): nothing is prerendered at build time, when no
// database or services exist.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'mockroom', template: '%s · mockroom' },
  description: 'Live system-design mock interviews with a shared whiteboard, timers and an L4/L5 rubric.',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const session = await auth();
  const user = session?.user;
  return (
    <html lang="en" className={GeistSans.variable}>
      <body>
        <a className="skip-link" href="#content">
          Skip to content
        </a>
        <header className="site-header">
          <Link href={user ? '/dashboard' : '/'} className="brand">
            mock<span>room</span>
          </Link>
          {user ? (
            <>
              <nav className="site-nav" aria-label="Main">
                <NavLinks />
              </nav>
              <div className="user-menu">
                <span className="truncate" data-testid="signed-in-user">
                  {user.name ?? user.email}
                </span>
                <SignOutButton />
              </div>
              <SiteMenu>
                <nav aria-label="Main">
                  <NavLinks />
                </nav>
                <p className="muted truncate">Signed in as {user.name ?? user.email}</p>
                <SignOutButton />
              </SiteMenu>
            </>
          ) : (
            <div className="user-menu">
              <Link href="/sign-in">Sign in</Link>
              <Link href="/sign-up" className="button primary">
                Sign up
              </Link>
            </div>
          )}
        </header>
        {session?.isDegraded ? (
          <p className="alert warn degraded" role="alert" data-testid="degraded-banner">
            {DEGRADED_MESSAGE}
          </p>
        ) : null}
        {user ? <SessionReminderLoader /> : null}
        <div id="content">{children}</div>
      </body>
    </html>
  );
}
