import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { fetchResult, OFFLINE_MESSAGE } from '@/components/ui/fetch-result';

// The browser's route client, with fetch replaced by answers built here (no network).
const answer = (body: string, status = 200) => vi.fn(async () => new Response(body, { status, headers: { 'content-type': 'application/json' } }));

afterEach(() => vi.unstubAllGlobals());

describe('fetchResult', () => {
  it('answers the route TResult, data and failures with their fields', async () => {
    vi.stubGlobal('fetch', answer(JSON.stringify({ ok: true, data: { version: 2 } }), 201));
    expect(await fetchResult('/api/x')).toEqual({ ok: true, data: { version: 2 } });
    const refusal = { ok: false, error: { code: 'invalid_input', message: 'text: too long', fields: { text: 'too long' } } };
    vi.stubGlobal('fetch', answer(JSON.stringify(refusal), 400));
    expect(await fetchResult('/api/x')).toEqual(refusal);
  });

  it('sends `json` as a JSON POST', async () => {
    const fetchSpy = answer(JSON.stringify({ ok: true, data: null }));
    vi.stubGlobal('fetch', fetchSpy);
    await fetchResult('/api/notes', { json: { isShared: true } });
    expect(fetchSpy).toHaveBeenCalledWith('/api/notes', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"isShared":true}',
    });
  });

  it('turns an unreachable server, a body that is not a TResult and data of the wrong shape into failures', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    expect(await fetchResult('/api/x')).toEqual({ ok: false, error: { code: 'internal', message: OFFLINE_MESSAGE } });
    expect(await fetchResult('/api/x', { offlineMessage: 'Could not load the feedback.' })).toMatchObject({ error: { message: 'Could not load the feedback.' } });

    vi.stubGlobal('fetch', answer('<html>Bad gateway</html>', 502));
    expect(await fetchResult('/api/x')).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('(502)') } });

    vi.stubGlobal('fetch', answer(JSON.stringify({ ok: true, data: { url: 42 } })));
    expect(await fetchResult('/api/x', { schema: z.object({ url: z.string() }) })).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('lets an abort reject, as the caller asked for it', async () => {
    const controller = new AbortController();
    controller.abort();
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new DOMException('aborted', 'AbortError'))));
    await expect(fetchResult('/api/x', { signal: controller.signal })).rejects.toThrow('aborted');
  });
});
