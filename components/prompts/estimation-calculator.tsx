'use client';

import { useId, useState } from 'react';
import { useBoardEditor } from '@/components/whiteboard/editor-context';
import { placeTextOnBoard } from '@/components/whiteboard/place-text';
import {
  estimateStorage,
  estimateSummary,
  estimateTraffic,
  formatBytes,
  formatRate,
  formatWhole,
  parseByteSize,
  parseCount,
  parseRatio,
  type TStorageInput,
  type TTrafficInput,
} from '@/lib/domain/estimation';
import styles from './prompts.module.css';

type TFieldKey = 'dailyActiveUsers' | 'actionsPerUser' | 'readWrite' | 'peakFactor' | 'itemSize' | 'itemsPerDay' | 'retentionDays';

type TField = {
  key: TFieldKey;
  label: string;
  placeholder: string;
  /** The number this field holds, or null when the text is not one (or not allowed here). */
  parse: (text: string) => unknown;
  error: string;
};

const atLeast = (min: number) => (text: string) => {
  const value = parseCount(text);
  return value !== null && value >= min ? value : null;
};

const TRAFFIC_FIELDS: TField[] = [
  { key: 'dailyActiveUsers', label: 'Daily active users', placeholder: '10M', parse: parseCount, error: 'A number, like 10M' },
  { key: 'actionsPerUser', label: 'Actions per user per day', placeholder: '10', parse: parseCount, error: 'A number, like 10' },
  { key: 'readWrite', label: 'Read:write ratio', placeholder: '10:1', parse: parseRatio, error: 'Like 10:1' },
  { key: 'peakFactor', label: 'Peak factor', placeholder: '3', parse: atLeast(1), error: '1 or more' },
];

const STORAGE_FIELDS: TField[] = [
  { key: 'itemSize', label: 'Item size', placeholder: '1 KB', parse: parseByteSize, error: 'A size, like 1 KB' },
  { key: 'itemsPerDay', label: 'Items per day', placeholder: '100M', parse: parseCount, error: 'A number, like 100M' },
  { key: 'retentionDays', label: 'Retention (days)', placeholder: '365', parse: parseCount, error: 'Days, like 365' },
];

const INITIAL: Record<TFieldKey, string> = {
  dailyActiveUsers: '',
  actionsPerUser: '',
  readWrite: '1:1',
  peakFactor: '2',
  itemSize: '',
  itemsPerDay: '',
  retentionDays: '',
};

function parsed<T>(field: TField | undefined, text: string): T | null {
  if (!field || !text.trim()) return null;
  return (field.parse(text) as T | null) ?? null;
}

const fieldOf = (key: TFieldKey) => [...TRAFFIC_FIELDS, ...STORAGE_FIELDS].find((f) => f.key === key);

/**
 * Back-of-the-envelope calculator for the candidate: traffic from users and actions, storage
 * from item size and retention, with a button that writes the results onto the whiteboard.
 */
export function EstimationCalculator({ isReadonly }: { isReadonly: boolean }) {
  const [values, setValues] = useState(INITIAL);
  const [placed, setPlaced] = useState<{ kind: 'ok' | 'error'; message: string } | null>(null);
  const editor = useBoardEditor();
  const id = useId();

  const value = <T,>(key: TFieldKey) => parsed<T>(fieldOf(key), values[key]);
  const dau = value<number>('dailyActiveUsers');
  const actions = value<number>('actionsPerUser');
  const readWrite = value<TTrafficInput['readWrite']>('readWrite');
  const peak = value<number>('peakFactor');
  const itemBytes = value<number>('itemSize');
  const itemsPerDay = value<number>('itemsPerDay');
  const retentionDays = value<number>('retentionDays');

  const trafficInput: TTrafficInput | null =
    dau !== null && actions !== null && readWrite && peak !== null ? { dailyActiveUsers: dau, actionsPerUser: actions, readWrite, peakFactor: peak } : null;
  const storageInput: TStorageInput | null =
    itemBytes !== null && itemsPerDay !== null && retentionDays !== null ? { itemBytes, itemsPerDay, retentionDays } : null;
  const traffic = trafficInput && estimateTraffic(trafficInput);
  const storage = storageInput && estimateStorage(storageInput);
  const summary = estimateSummary({ traffic: trafficInput, storage: storageInput });

  const placeHint = isReadonly
    ? 'The whiteboard is read-only.'
    : !editor
      ? 'Available once the whiteboard has loaded.'
      : !summary
        ? 'Fill in a section to place its results.'
        : null;

  async function onPlace() {
    if (!editor) return;
    const failure = await placeTextOnBoard(editor, summary);
    setPlaced(failure ? { kind: 'error', message: failure } : { kind: 'ok', message: 'Placed on the whiteboard.' });
  }

  async function onAddToPane() {
    if (!editor) return;
    // Yjs and the pane's store code load only when used (the calculator is in the room's first load).
    const { appendToPane } = await import('@/components/whiteboard/api-pane-doc');
    const failure = appendToPane(editor, summary);
    setPlaced(failure ? { kind: 'error', message: failure } : { kind: 'ok', message: 'Added to API & data.' });
  }

  function input(field: TField) {
    const text = values[field.key];
    const isInvalid = text.trim() !== '' && parsed(field, text) === null;
    const errorId = `${id}-${field.key}-error`;
    return (
      <label key={field.key}>
        {field.label}
        <input
          value={text}
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          placeholder={field.placeholder}
          aria-invalid={isInvalid}
          aria-describedby={isInvalid ? errorId : undefined}
          onChange={(event) => {
            setValues((current) => ({ ...current, [field.key]: event.target.value }));
            setPlaced(null);
          }}
        />
        {isInvalid ? (
          <span className={styles.fieldError} id={errorId}>
            {field.error}
          </span>
        ) : null}
      </label>
    );
  }

  return (
    <section className="panel" aria-label="Estimation calculator">
      <h2>Back-of-the-envelope</h2>
      <form className={styles.calc} onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>Traffic</legend>
          {TRAFFIC_FIELDS.map(input)}
        </fieldset>
        <dl className={styles.results} data-testid="traffic-results" aria-live="polite">
          <dt>Average</dt>
          <dd>
            {traffic ? (
              <>
                {formatRate(traffic.avgQps)} <span className={styles.exact}>≈ {formatWhole(traffic.avgQps)} QPS</span>
              </>
            ) : (
              '—'
            )}
          </dd>
          <dt>Reads / writes</dt>
          <dd>{traffic ? `${formatRate(traffic.avgReadQps)} / ${formatRate(traffic.avgWriteQps)}` : '—'}</dd>
          <dt>Peak</dt>
          <dd>
            {traffic ? (
              <>
                {formatRate(traffic.peakQps)} <span className={styles.exact}>≈ {formatWhole(traffic.peakQps)} QPS</span>
              </>
            ) : (
              '—'
            )}
          </dd>
        </dl>
        <fieldset>
          <legend>Storage</legend>
          {STORAGE_FIELDS.map(input)}
        </fieldset>
        <dl className={styles.results} data-testid="storage-results" aria-live="polite">
          <dt>Per day</dt>
          <dd>{storage ? formatBytes(storage.bytesPerDay) : '—'}</dd>
          <dt>Total</dt>
          <dd>{storage ? formatBytes(storage.totalBytes) : '—'}</dd>
        </dl>
        <button type="button" className={`button ${styles.small}`} disabled={placeHint !== null} onClick={() => void onPlace()}>
          Place on whiteboard
        </button>
        <button type="button" className={`button ${styles.small}`} disabled={placeHint !== null} onClick={() => void onAddToPane()}>
          Add to API &amp; data
        </button>
        {placeHint ? <span className="hint">{placeHint}</span> : null}
        {placed ? (
          <span className={placed.kind === 'ok' ? 'hint' : 'field-error'} role="status">
            {placed.message}
          </span>
        ) : null}
      </form>
    </section>
  );
}
