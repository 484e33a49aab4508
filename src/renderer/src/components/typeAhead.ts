import { useRef, type KeyboardEvent } from 'react';

export interface TypeAheadOption {
  value: string;
  label: string;
}

/** How long a pause ends a typed prefix (as in a native select). */
export const TYPE_AHEAD_PAUSE_MS = 800;

/**
 * The option a typed prefix picks: the first whose label starts with it, else the first whose code
 * does (so `em` finds 电子邮件 by its code `email` in the Chinese interface). Null when none does.
 */
export function typeAheadMatch(options: readonly TypeAheadOption[], prefix: string): TypeAheadOption | null {
  const p = prefix.toLocaleLowerCase();
  if (!p) return null;
  return options.find((o) => o.label.toLocaleLowerCase().startsWith(p)) ?? options.find((o) => o.value.toLocaleLowerCase().startsWith(p)) ?? null;
}

/**
 * Type-ahead for a Select that is not searchable, as a native select has it: letters typed while it
 * has focus choose the matching option at once, so that Tab after "em" leaves Email chosen. The prefix
 * grows while the user keeps typing and starts again after a pause.
 */
export function useTypeAhead(options: readonly TypeAheadOption[], choose: (value: string) => void) {
  const typed = useRef({ prefix: '', at: 0 });
  return (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey || event.key === ' ') return;
    const now = Date.now();
    const prefix = (now - typed.current.at > TYPE_AHEAD_PAUSE_MS ? '' : typed.current.prefix) + event.key;
    typed.current = { prefix, at: now };
    const match = typeAheadMatch(options, prefix);
    if (match) {
      event.preventDefault();
      choose(match.value);
    }
  };
}
