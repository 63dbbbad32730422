'use client';

import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
// Type only: tldraw itself stays in the whiteboard's lazy chunk.
import type { Editor } from 'tldraw';

/**
 * The room's mounted tldraw editor, for panels outside the board (the estimation calculator
 * places its results with it). Null until the board has mounted, and again after it unmounts.
 */
export const BoardEditorContext = createContext<Editor | null>(null);

type TRegisterEditor = (editor: Editor) => () => void;

/**
 * What the whiteboard calls from tldraw's `onMount`: registers the editor and returns the
 * cleanup, which tldraw's `onMount` may return as is. A no-op outside a provider.
 */
export const RegisterBoardEditorContext = createContext<TRegisterEditor>(() => () => undefined);

/** Holds the editor for everything inside the room: the board registers it, panels read it. */
export function BoardEditorProvider({ children }: { children: ReactNode }) {
  const [editor, setEditor] = useState<Editor | null>(null);
  const register = useCallback<TRegisterEditor>((next) => {
    setEditor(next);
    // Only the editor that registered may clear it: a remount registers the new one first.
    return () => setEditor((current) => (current === next ? null : current));
  }, []);
  return (
    <RegisterBoardEditorContext value={register}>
      <BoardEditorContext value={editor}>{children}</BoardEditorContext>
    </RegisterBoardEditorContext>
  );
}

/** The board's editor, or null while there is none. */
export function useBoardEditor(): Editor | null {
  return useContext(BoardEditorContext);
}

/** For the whiteboard: `onMount={(editor) => register(editor)}` (combine with its own onMount). */
export function useRegisterBoardEditor(): TRegisterEditor {
  return useContext(RegisterBoardEditorContext);
}
