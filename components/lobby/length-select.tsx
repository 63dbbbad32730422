import { LOBBY_DURATIONS } from '@/lib/domain/matching';

/** The lengths offered in the lobby and for booked slots, as a labelled select named durationMinutes. */
export function LengthSelect() {
  return (
    <label>
      Length
      <select name="durationMinutes" defaultValue="45">
        {LOBBY_DURATIONS.map((minutes) => (
          <option key={minutes} value={minutes}>
            {minutes} minutes
          </option>
        ))}
      </select>
    </label>
  );
}
