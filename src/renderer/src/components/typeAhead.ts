/**
 * Type-ahead, the one rule for every select of the workbench: which option what was typed picks (a
 * plain select) and in what order the options that match it are listed (a searchable one).
 * Pure functions, so that the rule is tested without a browser; the Select of `./Select.tsx` applies it.
 */
export interface TypeAheadOption {
  value: string;
  label: string;
  disabled?: boolean;
}

/** How long a pause ends a typed prefix (as in a native select). */
export const TYPE_AHEAD_PAUSE_MS = 1000;

const fold = (s: string) => s.normalize('NFKC').toLocaleLowerCase();

/** Where the words of a label begin: after a space or a punctuation mark (Chinese labels are one "word" each). */
const WORD_BREAK = /[\s\-–—_/\\|()（）［］[\]{}【】「」“”"'‘’,，、;；:：.。·•]+/u;
function words(label: string): string[] {
  return fold(label).split(WORD_BREAK).filter(Boolean);
}

/**
 * How well an option's label matches what was typed: 0 the label starts with it (电 → 电子邮件, em →
 * Email), 1 a word of the label does (person → In person), 2 the label holds it elsewhere, null not at all.
 */
export function matchRank(label: string, typed: string): 0 | 1 | 2 | null {
  const t = fold(typed).trim();
  if (!t) return null;
  const l = fold(label);
  if (l.startsWith(t)) return 0;
  if (words(label).some((w) => w.startsWith(t)) || l.split(WORD_BREAK).join(' ').includes(` ${t}`)) return 1;
  return l.includes(t) ? 2 : null;
}

/**
 * The option a plain select moves to when `typed` has been typed (as a native select does, and as the
 * WAI-ARIA select-only combobox does): looking from the option after the current one round to it, the
 * first whose label starts with what was typed, else the first one of whose words does; the same letter
 * typed again (`ee`) steps through the options that start with it. Null when nothing matches: the
 * choice is then left as it was, never changed to a wrong option.
 */
export function typeAheadMatch(options: readonly TypeAheadOption[], typed: string, current: string | null = null): TypeAheadOption | null {
  const enabled = options.filter((o) => !o.disabled);
  if (!fold(typed).trim() || enabled.length === 0) return null;
  const at = enabled.findIndex((o) => o.value === current);
  // The current option last: a longer prefix it still matches keeps it; a new letter moves on.
  const ordered = [...enabled.slice(at + 1), ...enabled.slice(0, at + 1)];
  const find = (t: string, rank: 0 | 1) => ordered.find((o) => matchRank(o.label, t) === rank) ?? null;
  // A longer prefix looks from the current option itself, so that "em" after "e" stays on Email.
  const fromCurrent = [...enabled.slice(Math.max(at, 0)), ...enabled.slice(0, Math.max(at, 0))];
  if ([...typed].length > 1) {
    const stay = fromCurrent.find((o) => matchRank(o.label, typed) === 0) ?? fromCurrent.find((o) => matchRank(o.label, typed) === 1);
    if (stay) return stay;
  }
  const direct = find(typed, 0) ?? find(typed, 1);
  if (direct) return direct;
  const chars = [...fold(typed)];
  if (chars.every((c) => c === chars[0])) return find(chars[0]!, 0) ?? find(chars[0]!, 1);
  return null;
}

/** A searchable select's options in the order of `matchRank` (stable within a rank), without those that do not match. */
export function rankOptions<T extends { label: string }>(options: readonly T[], typed: string): T[] {
  if (!fold(typed).trim()) return [...options];
  return options
    .map((o, i) => ({ o, i, rank: matchRank(o.label, typed) }))
    .filter((x): x is { o: T; i: number; rank: 0 | 1 | 2 } => x.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.o);
}

/**
 * What has been typed into one select so far: letters typed in quick succession make one prefix, a
 * pause starts a new one.
 */
export function typedPrefix(state: { prefix: string; at: number }, text: string, now: number): { prefix: string; at: number } {
  return { prefix: (now - state.at > TYPE_AHEAD_PAUSE_MS ? '' : state.prefix) + text, at: now };
}
