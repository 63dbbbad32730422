'use client';

import { useState } from 'react';
import type { TResult } from '@/lib/result';

/** Posts JSON to one of our routes and keeps the form's pending/error/field-error state. */
export function useJsonForm<T>(url: string) {
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [isPending, setIsPending] = useState(false);

  async function submit(body: unknown): Promise<TResult<T> | null> {
    setIsPending(true);
    setError(null);
    setFields({});
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      const result = (await response.json()) as TResult<T>;
      if (!result.ok) {
        setError(result.error.message);
        setFields(result.error.fields ?? {});
      }
      return result;
    } catch {
      setError('Could not reach the server. Check your connection and try again.');
      return null;
    } finally {
      setIsPending(false);
    }
  }

  return { submit, error, fields, isPending };
}
