'use client';

import { useEffect, useState } from 'react';

type Props = {
  inviteToken: string | null;
  onManage: (action: 'regenerate' | 'revoke') => Promise<{ inviteToken: string | null } | string>;
};

/** Interviewer only: the invite link with copy, regenerate and revoke. */
export function InvitePanel({ inviteToken: initialToken, onManage }: Props) {
  const [token, setToken] = useState(initialToken);
  const [origin, setOrigin] = useState('');
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => setOrigin(window.location.origin), []);
  const link = token ? `${origin}/invite/${token}` : null;

  async function manage(action: 'regenerate' | 'revoke') {
    const result = await onManage(action);
    if (typeof result === 'string') return setNote(result);
    setToken(result.inviteToken);
    setNote(action === 'regenerate' ? 'New link created; the old one no longer works.' : 'Link revoked.');
  }

  return (
    <section className="panel" aria-label="Invite">
      <h2>Invite link</h2>
      {link ? (
        <div className="row">
          <input readOnly value={link} aria-label="Invite link" className="grow" onFocus={(event) => event.target.select()} />
          <button
            type="button"
            className="button"
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(link);
                setNote('Copied.');
              } catch {
                setNote('Copy failed: select the link and copy it.');
              }
            }}
          >
            Copy
          </button>
        </div>
      ) : (
        <p className="muted">No active link.</p>
      )}
      <div className="row" style={{ marginTop: '0.5rem' }}>
        <button type="button" className="button link" onClick={() => void manage('regenerate')}>
          {link ? 'Regenerate' : 'Create link'}
        </button>
        {link ? (
          <button type="button" className="button link" onClick={() => void manage('revoke')}>
            Revoke
          </button>
        ) : null}
      </div>
      {note ? (
        <p className="hint" role="status">
          {note}
        </p>
      ) : null}
    </section>
  );
}
