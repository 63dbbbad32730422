'use client';

import { lazyComponent } from '@/components/ui/lazy-component';

/**
 * The layout's session reminder, in a chunk of its own fetched after hydration: it polls a route
 * and shows nothing on almost every page view, so no page's first load carries it (or the fetch
 * helper it brings along).
 */
export const SessionReminderLoader = lazyComponent(() => import('./session-reminder').then((m) => m.SessionReminder));
