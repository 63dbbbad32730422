'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, type ReactNode } from 'react';

const LINKS = [
  { href: '/dashboard', label: 'Dashboard' },
  { href: '/practice', label: 'Find a partner' },
  { href: '/progress', label: 'Progress' },
  { href: '/prompts', label: 'Prompts' },
  { href: '/settings', label: 'Settings' },
] as const;

/** The signed-in navigation's links, the current section marked for screen readers and the eye. */
export function NavLinks() {
  const pathname = usePathname();
  return (
    <>
      {LINKS.map((link) => (
        <Link key={link.href} href={link.href} aria-current={pathname === link.href || pathname.startsWith(`${link.href}/`) ? 'page' : undefined}>
          {link.label}
        </Link>
      ))}
    </>
  );
}

/**
 * On a phone the navigation and the account controls fold into one "Menu" button. A <details>
 * opens without scripts; this closes it on navigation, Escape and a click elsewhere.
 */
export function SiteMenu({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  useEffect(() => {
    const close = (event: Event) => {
      const menu = ref.current;
      if (!menu?.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key !== 'Escape') return;
        menu.open = false;
        menu.querySelector('summary')?.focus();
        return;
      }
      if (!menu.contains(event.target as Node)) menu.open = false;
    };
    document.addEventListener('keydown', close);
    document.addEventListener('click', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('click', close);
    };
  }, []);
  return (
    <details className="site-menu" ref={ref}>
      <summary>Menu</summary>
      <div className="site-menu-body">{children}</div>
    </details>
  );
}
