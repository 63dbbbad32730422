'use client';

import { useState } from 'react';
import type { TResult } from '@/lib/result';
import { fetchResult } from './fetch-result';

/** Posts JSON to one of our routes and keeps the form's pending/error/field-error state. */
export function useJsonForm<T>(url: string) {
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [isPending, setIsPending] = useState(false);

  async function submit(body: unknown): Promise<TResult<T>> {
    setIsPending(true);
    setError(null);
    setFields({});
    try {
      const result = await fetchResult<T>(url, { json: body });
      if (!result.ok) {
        setError(result.error.message);
        setFields(result.error.fields ?? {});
      }
      return result;
    } finally {
      setIsPending(false);
    }
  }

  return { submit, error, fields, isPending };
}
