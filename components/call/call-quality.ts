/** What the call's own statistics say about the connection (RTCPeerConnection.getStats). */
export type TCallQuality = {
  /** Round trip of the selected ICE candidate pair, ms. */
  rttMs: number | null;
  /** Share of the other side's audio packets lost since the previous reading, percent. */
  lossPercent: number | null;
  level: 'good' | 'fair' | 'poor' | 'unknown';
};

type TInbound = { packetsReceived: number; packetsLost: number };

// Thresholds from the usual VoIP rules of thumb (ITU-T G.114: one-way delay under 150 ms is good;
// Opus hides a few percent of loss, past ~10 % speech breaks up).
const FAIR_RTT_MS = 300;
const POOR_RTT_MS = 600;
const FAIR_LOSS = 3;
const POOR_LOSS = 10;

/** The quality from the latest round trip and the audio packets counted between two readings. */
export function callQuality(rttSeconds: number | null, previous: TInbound | null, current: TInbound | null): TCallQuality {
  const rttMs = rttSeconds === null ? null : Math.round(rttSeconds * 1000);
  let lossPercent: number | null = null;
  if (previous && current) {
    const received = current.packetsReceived - previous.packetsReceived;
    const lost = Math.max(0, current.packetsLost - previous.packetsLost);
    if (received + lost > 0) lossPercent = Math.round((lost / (received + lost)) * 1000) / 10;
  }
  if (rttMs === null && lossPercent === null) return { rttMs, lossPercent, level: 'unknown' };
  const level =
    (rttMs ?? 0) >= POOR_RTT_MS || (lossPercent ?? 0) >= POOR_LOSS ? 'poor' : (rttMs ?? 0) >= FAIR_RTT_MS || (lossPercent ?? 0) >= FAIR_LOSS ? 'fair' : 'good';
  return { rttMs, lossPercent, level };
}
