'use client';

import type { TRoomParticipant } from '@/lib/protocol/room';

export function ParticipantsPanel({ participants, online, myUserId }: { participants: TRoomParticipant[]; online: string[]; myUserId: string }) {
  const hasCandidate = participants.some((p) => p.role === 'candidate');
  return (
    <section className="panel" aria-label="Participants">
      <h2>Participants</h2>
      <ul className="participants" data-testid="participants">
        {participants.map((p) => {
          const isOnline = online.includes(p.userId);
          return (
            <li key={p.userId} data-online={isOnline}>
              <span className={`status-dot ${isOnline ? 'ok' : ''}`} aria-hidden="true" />
              <span>
                {p.name}
                {p.userId === myUserId ? ' (you)' : ''}
              </span>
              <span className="role-badge">{p.role}</span>
              <span className="sr-only">{isOnline ? 'online' : 'offline'}</span>
            </li>
          );
        })}
        {hasCandidate ? null : <li className="muted">Waiting for a candidate to join through the invite link.</li>}
      </ul>
    </section>
  );
}
