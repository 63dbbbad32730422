import { randomBytes } from 'node:crypto';

/** A fresh nonce per response: 128 random bits, base64 (what Next's nonce parser accepts). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The Content-Security-Policy of every response.
 *
 * - Scripts: only those carrying this response's nonce, and what they load ('strict-dynamic'):
 *   Next puts the nonce on each of its script tags when it finds it in the request's
 *   Content-Security-Policy header, which server/app.ts sets. 'self' is ignored by browsers that
 *   know 'strict-dynamic' and kept for older ones. No 'unsafe-eval' in production (neither
 *   Next's production runtime nor tldraw evaluates strings); development needs it for React's
 *   dev tooling and hot reload.
 * - Styles: 'unsafe-inline', because tldraw positions every shape with inline style attributes
 *   and a nonce cannot cover attributes; a style cannot run code.
 * - Images and fonts: our origin, plus blob: and data: which tldraw uses for pasted images,
 *   its icons and the PNG/SVG export it draws in the browser.
 * - Connections: our origin, which in current browsers includes ws:/wss: to the same host;
 *   the explicit ws(s):// of the host covers browsers that do not apply 'self' to WebSockets
 *   (socket.io, and Next's hot reload in development).
 * - Nothing may frame a page, no plugins, no <base> elsewhere, forms post to us only.
 */
export function contentSecurityPolicy(options: { nonce: string; isDev: boolean; host?: string }): string {
  const socketSources = options.host && /^[A-Za-z0-9.:[\]-]+$/.test(options.host) ? [`ws://${options.host}`, `wss://${options.host}`] : [];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", `'nonce-${options.nonce}'`, "'strict-dynamic'", ...(options.isDev ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'blob:', 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...socketSources],
    'media-src': ["'self'", 'blob:', 'data:'],
    'worker-src': ["'self'", 'blob:'],
    'frame-src': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
