'use client';

import { useEffect, useRef } from 'react';

const FOCUSABLE = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])';

/**
 * An error message for a form or action, announced to screen readers; nothing when there is none.
 * When it appears (a failed submit), the focus moves to the first field marked invalid in the
 * same form, or to the message itself when no field is, instead of staying on the page body.
 */
export function FormAlert({ message }: { message: string | null | undefined }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const alert = ref.current;
    if (!message || !alert) return;
    const invalid = alert.closest('form')?.querySelector<HTMLElement>('[aria-invalid="true"]');
    // A group (a fieldset of checkboxes) is marked as a whole: its first control takes the focus.
    const target = invalid && !invalid.matches(FOCUSABLE) ? invalid.querySelector<HTMLElement>(FOCUSABLE) : invalid;
    (target ?? alert).focus();
  }, [message]);
  if (!message) return null;
  return (
    <p className="alert error" role="alert" ref={ref} tabIndex={-1}>
      {message}
    </p>
  );
}
