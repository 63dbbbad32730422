'use client';

import type { TRoomParticipant } from '@/lib/protocol/room';
import { CallLinkPanel } from './call-link-panel';
import { ParticipantsPanel } from './participants-panel';

type Props = {
  participants: TRoomParticipant[];
  online: string[];
  myUserId: string;
  callLink: string | null;
  isReadonly: boolean;
  onSaveCallLink: (link: string) => Promise<string | null>;
};

/** Who is in the room and the external call link: one chunk for the tab that shows them. */
export function PeoplePanels({ participants, online, myUserId, callLink, isReadonly, onSaveCallLink }: Props) {
  return (
    <>
      <ParticipantsPanel participants={participants} online={online} myUserId={myUserId} />
      <CallLinkPanel callLink={callLink} isReadonly={isReadonly} onSave={onSaveCallLink} />
    </>
  );
}
