'use client';

import { useRouter } from 'next/navigation';
import { useMemo, useState, type FormEvent } from 'react';
import { LEVELS, type TLevel } from '@/lib/domain/interview';
import { searchPrompts } from '@/lib/domain/prompt-search';
import type { TPastCandidate, TPromptOption } from '@/lib/protocol/interviews';
import { useJsonForm } from '@/components/ui/use-json-form';
import { FormAlert } from '@/components/ui/form-alert';
import { PhasePlanEditor, toPhasePlan, toPhaseRows, type TPhaseRow } from './phase-plan-editor';
import { PromptPicker } from './prompt-picker';

const LEVEL_LABELS: Record<TLevel, string> = { L4: 'L4 (mid-level)', L5: 'L5 (senior)' };
const NOBODY_YET: ReadonlySet<string> = new Set();

type Props = {
  prompts: TPromptOption[];
  pastCandidates: TPastCandidate[];
  initialPromptId?: string;
  initialCandidateId?: string;
  /** Default L4; "New interview" from the progress page's suggestions sets the candidate's level. */
  initialLevel?: TLevel;
};

export function NewInterviewForm({ prompts, pastCandidates, initialPromptId, initialCandidateId, initialLevel = 'L4' }: Props) {
  const router = useRouter();
  const { submit, error, fields, isPending } = useJsonForm<{ id: string }>('/api/interviews');
  const [level, setLevel] = useState<TLevel>(initialLevel);
  const [candidateId, setCandidateId] = useState(pastCandidates.find((c) => c.userId === initialCandidateId)?.userId ?? '');
  const candidate = pastCandidates.find((c) => c.userId === candidateId) ?? null;
  const had = useMemo(() => (candidate ? new Set(candidate.promptIds) : NOBODY_YET), [candidate]);
  // Preselected from a prompt's page, else the first suggestion for the default level.
  const [promptId, setPromptId] = useState(
    () => prompts.find((prompt) => prompt.id === initialPromptId)?.id ?? searchPrompts(prompts, '', 'L4', had)[0]?.id ?? '',
  );
  const selected = prompts.find((prompt) => prompt.id === promptId);
  // The plan starts as the prompt's and is the interview's own once edited; its total is the length.
  const [phases, setPhases] = useState<TPhaseRow[]>(() => toPhaseRows(selected?.phasePlan ?? []));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const scheduled = String(form.get('scheduledAt') ?? '');
    const result = await submit({
      promptId,
      level,
      phasePlan: toPhasePlan(phases),
      scheduledAt: scheduled ? new Date(scheduled).toISOString() : null,
    });
    if (result?.ok) router.push(`/interviews/${result.data.id}`);
  }

  if (prompts.length === 0) {
    return <p className="alert info">No prompts are available yet.</p>;
  }

  return (
    // method="post": before the scripts have run, never the form's fields in a URL (prompt-form.tsx).
    <form method="post" className="card stack" onSubmit={onSubmit} aria-label="New interview" noValidate>
      <FormAlert message={error} />
      <fieldset className="row" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 500, fontSize: '0.92rem', marginBottom: '0.3rem' }}>Target level</legend>
        {LEVELS.map((value) => (
          <label key={value} className="row" style={{ flexDirection: 'row', fontWeight: 400 }}>
            <input type="radio" name="level" value={value} checked={level === value} onChange={() => setLevel(value)} /> {LEVEL_LABELS[value]}
          </label>
        ))}
      </fieldset>
      {pastCandidates.length > 0 ? (
        <label>
          Candidate <span className="hint">optional: someone you have interviewed, to suggest prompts they have not had</span>
          <select value={candidateId} onChange={(event) => setCandidateId(event.target.value)}>
            <option value="">Someone new (send them the invite link)</option>
            {pastCandidates.map((person) => (
              <option key={person.userId} value={person.userId}>
                {person.name} ({person.promptIds.length === 1 ? '1 prompt' : `${person.promptIds.length} prompts`} with you)
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <PromptPicker
        prompts={prompts}
        selectedId={promptId}
        level={level}
        had={had}
        candidateName={candidate?.name ?? null}
        error={fields.promptId}
        onSelect={(prompt) => {
          setPromptId(prompt.id);
          setPhases(toPhaseRows(prompt.phasePlan));
        }}
      />
      <PhasePlanEditor
        rows={phases}
        onChange={setPhases}
        onReset={() => setPhases(toPhaseRows(selected?.phasePlan ?? []))}
        fields={fields}
      />
      <label>
        Scheduled start <span className="hint">optional</span>
        <input type="datetime-local" name="scheduledAt" />
      </label>
      <div>
        <button className="button primary" type="submit" disabled={isPending}>
          {isPending ? 'Creating…' : 'Create interview'}
        </button>
      </div>
    </form>
  );
}
