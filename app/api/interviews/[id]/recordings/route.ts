import { jsonRoute, readRoute, withInterviewId } from '@/lib/auth/route-guard';
import { listRecordingTracks, openRecordingTrack } from '@/lib/use-cases/recording';

/** The recorded voices of an interview (participants only; 404 for anyone else). */
export const GET = readRoute('recordings', ({ ctx, id }) => listRecordingTracks(ctx, { interviewId: id }));

/** `{ recordingId }`: this browser starts recording its own microphone while the recording is active. */
export const POST = jsonRoute(({ ctx, body, id }) => openRecordingTrack(ctx!, withInterviewId(body, id)), { requireUser: true, status: 201 });
