// Booked slots as the practice page shows them (GET /api/slots).

export type TSlotView = {
  id: string;
  /** ms since the epoch; the page shows it in the reader's own time zone. */
  startsAt: number;
  /** Of one interview (each half, for a peer swap). */
  durationMinutes: number;
  level: 'L4' | 'L5';
  status: 'open' | 'booked' | 'cancelled';
  /** Offered by this user (else booked by them, or on offer to them). */
  isMine: boolean;
  /** What this user is (or would be, booking it): `swap` = candidate once and interviewer once. */
  myRole: 'interviewer' | 'candidate' | 'swap';
  partnerName: string | null;
  /** The booked interview (the first half of a swap). */
  interviewId: string | null;
  cancelReason: string | null;
  cancelledByMe: boolean;
};

export type TSlotsView = {
  /** Offered or booked by this user, from a week ago on, by time. */
  mine: TSlotView[];
  /** Others' open slots this user may book, by time. */
  open: TSlotView[];
};

/** A booked session starting within ten minutes. */
export type TReminder = { slotId: string; interviewId: string; startsAt: number; partnerName: string | null };
