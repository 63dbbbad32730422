import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * The public host from AUTH_URL, read when the server starts (Next loads this file at run time
 * too). Server actions (the sign-in, sign-up and account forms) refuse a request whose Origin is
 * not the Host / X-Forwarded-Host it arrived with; behind a proxy that writes the app's own
 * address in Host, the public origin must be allowed by name, as lib/http.ts's isSameOrigin
 * allows it for the JSON routes. An invalid AUTH_URL is reported by lib/env.ts.
 */
function publicHosts() {
  try {
    return process.env.AUTH_URL ? [new URL(process.env.AUTH_URL).host] : [];
  } catch {
    return [];
  }
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  experimental: {
    serverActions: { allowedOrigins: publicHosts() },
    // Next's production server loads every page's module at start by default; a page is loaded on
    // its first request instead. That was 1.5 s of a 11 s start-up CPU profile (`npm start` on an
    // existing data directory), paid again by every server the tests start, most of which serve a
    // handful of pages.
    preloadEntriesOnStart: false,
  },
  // gzip for every response the browser accepts it for (Next's default, kept on purpose): the
  // replay's board timeline is repetitive JSON, about 6.7 MiB raw and 130 KiB gzipped for a busy
  // 45-minute board (bench/replay.bench.ts). tests/integration/replay.test.ts checks it.
  compress: true,
  reactStrictMode: true,
  // The custom server (server/) is run by tsx; only app/ is bundled by Next.
  turbopack: { root },
  // `npm test` type-checks the whole repo (app, server, tests) in its own leg; doing it again
  // inside `next build` would only cost time.
  typescript: { ignoreBuildErrors: true },
  // Database drivers live in the server process and reach pages through lib/services.ts.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', 'pg', '@prisma/adapter-pg'],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

export default nextConfig;
