'use client';

import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useHydrated } from './use-hydrated';

/**
 * A component whose code comes in a chunk of its own, fetched when it first renders after
 * hydration: what next/dynamic with `ssr: false` does, without its runtime (about 1.7 KB gzipped
 * in the room's first load). `fallback` is in the server's HTML and shown until the chunk has
 * arrived; the bundler's dynamic import brings the chunk's CSS along.
 *
 * Browser-only on purpose: a server-rendered part whose code has not arrived yet is thrown away
 * and shown as its fallback again as soon as its parent re-renders (React client-renders a
 * dehydrated Suspense boundary that receives new props), which the room's parent does at once.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>, fallback: ReactNode = null) {
  const Lazy = lazy(async () => ({ default: await load() })) as unknown as ComponentType<P>;
  function LazyComponent(props: P) {
    const isHydrated = useHydrated();
    return <Suspense fallback={fallback}>{isHydrated ? <Lazy {...props} /> : fallback}</Suspense>;
  }
  return LazyComponent;
}
