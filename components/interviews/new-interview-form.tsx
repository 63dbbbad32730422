'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { TPromptOption } from '@/lib/use-cases/list-interviews';
import { useJsonForm } from '@/components/settings/use-json-form';
import { PhasePlanEditor, toPhasePlan, toPhaseRows, type TPhaseRow } from './phase-plan-editor';
import { FormAlert } from '@/components/ui/form-alert';

export function NewInterviewForm({ prompts, initialPromptId }: { prompts: TPromptOption[]; initialPromptId?: string }) {
  const router = useRouter();
  const { submit, error, fields, isPending } = useJsonForm<{ id: string }>('/api/interviews');
  const [promptId, setPromptId] = useState(
    prompts.find((prompt) => prompt.id === initialPromptId)?.id ?? prompts[0]?.id ?? '',
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
      level: String(form.get('level') ?? 'L4'),
      phasePlan: toPhasePlan(phases),
      scheduledAt: scheduled ? new Date(scheduled).toISOString() : null,
    });
    if (result?.ok) router.push(`/interviews/${result.data.id}`);
  }

  if (prompts.length === 0) {
    return <p className="alert info">No prompts are available yet.</p>;
  }

  const designs = prompts.filter((prompt) => prompt.kind === 'design');
  const concepts = prompts.filter((prompt) => prompt.kind === 'concept');
  return (
    <form className="card stack" onSubmit={onSubmit} aria-label="New interview" noValidate>
      <FormAlert message={error} />
      <label>
        Prompt
        <select
          name="promptId"
          value={promptId}
          onChange={(event) => {
            setPromptId(event.target.value);
            const next = prompts.find((prompt) => prompt.id === event.target.value);
            if (next) setPhases(toPhaseRows(next.phasePlan));
          }}
        >
          <optgroup label="Design exercises (about 45 min)">
            {designs.map((prompt) => (
              <option key={prompt.id} value={prompt.id}>
                {prompt.title}
              </option>
            ))}
          </optgroup>
          <optgroup label="Concept drills (about 15-20 min)">
            {concepts.map((prompt) => (
              <option key={prompt.id} value={prompt.id}>
                {prompt.title}
              </option>
            ))}
          </optgroup>
        </select>
        {fields.promptId ? <span className="field-error">{fields.promptId}</span> : null}
      </label>
      <fieldset className="row" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontWeight: 500, fontSize: '0.92rem', marginBottom: '0.3rem' }}>Target level</legend>
        <label className="row" style={{ flexDirection: 'row', fontWeight: 400 }}>
          <input type="radio" name="level" value="L4" defaultChecked /> L4 (mid-level)
        </label>
        <label className="row" style={{ flexDirection: 'row', fontWeight: 400 }}>
          <input type="radio" name="level" value="L5" /> L5 (senior)
        </label>
      </fieldset>
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
