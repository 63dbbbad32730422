/**
 * The call's keyboard shortcuts. Alt+Shift with a letter that tldraw does not bind (it uses
 * Alt+Shift+V/F/H, tests/unit/call-shortcuts.test.ts reads its whole list) nor the room (Alt+1-9
 * tabs, Alt+N note), matched on the physical key so that macOS's Option characters do not matter.
 */
export const CALL_SHORTCUTS = {
  mic: { code: 'KeyM', label: 'Alt+Shift+M', kbd: 'alt+shift+m' },
  camera: { code: 'KeyC', label: 'Alt+Shift+C', kbd: 'alt+shift+c' },
} as const;

export type TCallShortcut = keyof typeof CALL_SHORTCUTS;

export function callShortcutOf(event: Pick<KeyboardEvent, 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'code'>): TCallShortcut | null {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return null;
  if (event.code === CALL_SHORTCUTS.mic.code) return 'mic';
  if (event.code === CALL_SHORTCUTS.camera.code) return 'camera';
  return null;
}
