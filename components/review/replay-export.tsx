'use client';

import { useState, type RefObject } from 'react';
import type { Editor } from 'tldraw';
import { formatDuration } from './review-format';

type TExportFormat = 'png' | 'svg';

/**
 * The board shown at this moment as an image, made by tldraw in the browser (light theme, with
 * the background, so it prints); null when the moment has no shapes.
 */
async function exportShownBoard(editor: Editor, format: TExportFormat): Promise<Blob | null> {
  const ids = [...editor.getCurrentPageShapeIds()];
  if (ids.length === 0) return null;
  const options = { background: true, padding: 32, darkMode: false };
  if (format === 'svg') {
    const result = await editor.getSvgString(ids, options);
    return result ? new Blob([result.svg], { type: 'image/svg+xml' }) : null;
  }
  const { blob } = await editor.toImage(ids, { ...options, format: 'png', pixelRatio: 2 });
  return blob;
}

function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type Props = {
  interviewId: string;
  editor: Editor | null;
  /** The moment shown (read when a button is pressed) and the replay's start, for the file name. */
  timeRef: RefObject<number>;
  from: number;
  shapeCount: number;
  isPlaying: boolean;
};

/** "Download PNG" and "Download SVG" of the moment shown; disabled while playing or when it is empty. */
export function ReplayExportButtons({ interviewId, editor, timeRef, from, shapeCount, isPlaying }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState<TExportFormat | null>(null);

  async function exportBoard(format: TExportFormat) {
    if (!editor) return;
    setExporting(format);
    setError(null);
    try {
      const name = `mockroom-${interviewId}-board-${formatDuration(timeRef.current - from).replace(':', 'm')}s.${format}`;
      const blob = await exportShownBoard(editor, format);
      if (!blob) return setError('Nothing is drawn at this moment: there is nothing to export.');
      downloadBlob(blob, name);
    } catch (cause) {
      console.error('[replay] export failed', cause);
      setError(`The ${format.toUpperCase()} export failed. Try again.`);
    } finally {
      setExporting(null);
    }
  }

  return (
    <span className="replay-exports">
      {(['png', 'svg'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="button"
          onClick={() => void exportBoard(format)}
          // While playing, the board would change under the export: pause first.
          disabled={exporting !== null || shapeCount === 0 || isPlaying}
          title={isPlaying ? 'Pause to export this moment' : shapeCount === 0 ? 'Nothing is drawn at this moment' : `The board as shown, as ${format.toUpperCase()}`}
        >
          {exporting === format ? 'Exporting…' : `Download ${format.toUpperCase()}`}
        </button>
      ))}
      {error ? <span role="alert">{error}</span> : null}
    </span>
  );
}
