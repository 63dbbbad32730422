import { describe, expect, it } from 'vitest';
import { lobbyPrefill, lobbyPrefillHref } from '@/lib/protocol/lobby';

describe('the "Find a partner" prefill link', () => {
  it('round-trips role, level and topics', () => {
    const href = lobbyPrefillHref({ role: 'candidate', level: 'L5', topics: ['redis-caching', 'api-design'] });
    expect(href).toBe('/practice?role=candidate&level=L5&topics=redis-caching%2Capi-design');
    const params = Object.fromEntries(new URL(href, 'http://x').searchParams);
    expect(lobbyPrefill(params)).toEqual({ role: 'candidate', level: 'L5', topics: ['redis-caching', 'api-design'] });
  });

  it('leaves out what does not parse, drops unknown and repeated topics, keeps at most five', () => {
    expect(lobbyPrefill({ role: 'admin', level: 'L9', topics: 'kafka' })).toEqual({});
    expect(lobbyPrefill({ role: ['candidate', 'interviewer'], topics: 'latency,latency,nope,throughput' })).toEqual({ topics: ['latency', 'throughput'] });
    expect(lobbyPrefill({ topics: 'latency,throughput,slo,sla,kiss,solid' }).topics).toHaveLength(5);
    expect(lobbyPrefillHref({})).toBe('/practice');
  });
});
