'use client';

import type { TClientSocket } from '@/components/realtime/use-realtime';

// Placeholder until the tldraw board lands.
export function Whiteboard(_props: { socket: TClientSocket; interviewId: string; isReadonly: boolean; licenseKey: string | null; userName: string; userId: string }) {
  return <div className="board-loading">Whiteboard</div>;
}
