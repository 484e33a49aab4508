import {
  ComboboxChevron,
  getParsedComboboxData,
  isOptionsGroup,
  Select as MantineSelect,
  useComboboxContext,
  type ComboboxItem,
  type ComboboxParsedItem,
  type ComboboxStore,
  type OptionsFilter,
  type SelectProps,
} from '@mantine/core';
import { useMergedRef } from '@mantine/hooks';
import { forwardRef, useEffect, useMemo, useRef, useState, type FocusEvent, type FormEvent, type KeyboardEvent, type MouseEvent, type MutableRefObject } from 'react';
import { rankOptions, TYPE_AHEAD_PAUSE_MS, typeAheadMatch, typedPrefix, type TypeAheadOption } from './typeAhead';

export type { SelectProps };

/** The options of a Select's `data`, groups flattened, in the order shown. */
function flatOptions(data: SelectProps['data']): TypeAheadOption[] {
  return (getParsedComboboxData(data) as ComboboxParsedItem[]).flatMap((item) => (isOptionsGroup(item) ? item.items : [item]) as ComboboxItem[]);
}

/** A searchable select lists what matches best first: the labels that start with what was typed, then word starts, then the rest. */
export const rankedFilter: OptionsFilter = ({ options, search, limit }) => {
  const ranked = options.flatMap((item) => {
    if (!isOptionsGroup(item)) return [];
    const items = rankOptions(item.items, search);
    return items.length ? [{ ...item, items }] : [];
  });
  const flat = rankOptions(options.filter((item): item is ComboboxItem => !isOptionsGroup(item)), search);
  return [...ranked, ...flat].slice(0, limit);
};

/**
 * The workbench's Select: Mantine's, with type-ahead, so that a fast typist never leaves the wrong
 * option chosen. Every select of the renderer is this one (a test keeps it so).
 *
 * - **Plain** (not searchable): letters typed while it has focus choose the matching option at once, as
 *   in a native select — Latin letters from the keyboard, Chinese as the input method commits it (电 →
 *   电子邮件), text pasted or inserted — by the one rule of `./typeAhead.ts`. Space, Enter and the arrow
 *   keys open and move through the list as before.
 * - **Searchable**: focus selects the text, so that typing replaces it; the best match is listed first
 *   and highlighted, and Enter or Tab takes it.
 */
export const Select = forwardRef<HTMLInputElement, SelectProps>(function Select(given, ref) {
  // The list is drawn when it opens, not kept hidden in the page: a Select kept mounted lays the
  // whole page out once more as it mounts, to place a list nobody has opened (the header's two on
  // every first screen, a list page's filters).
  const props: SelectProps = { ...given, comboboxProps: { keepMounted: false, ...given.comboboxProps } };
  if (props.readOnly || props.disabled) return <MantineSelect ref={ref} {...props} />;
  return props.searchable ? <SearchableSelect ref={ref} {...props} /> : <PlainSelect ref={ref} {...props} />;
});

/** Renders nothing; hands the Combobox store of the Select it sits in to its owner. */
function StoreBridge({ store }: { store: MutableRefObject<ComboboxStore | null> }) {
  store.current = useComboboxContext().store;
  return null;
}

const PlainSelect = forwardRef<HTMLInputElement, SelectProps>(function PlainSelect(
  { data, value, defaultValue, onChange, onKeyDown, onClick, onFocus, openOnFocus, rightSection, ...props },
  ref,
) {
  const options = useMemo(() => flatOptions(data), [data]);
  const store = useRef<ComboboxStore | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const typed = useRef({ prefix: '', at: 0 });
  // The value as last chosen here, for a Select whose owner does not pass `value`.
  const chosen = useRef<string | null>(value ?? defaultValue ?? null);
  if (value !== undefined) chosen.current = value;
  const current = useRef({ options, onChange });
  current.current = { options, onChange };
  const mergedRef = useMergedRef(ref, input);
  // What the input shows: the chosen option's label, or the text an input method is composing.
  const [composing, setComposing] = useState<string | null>(null);
  const composingRef = useRef(false);
  const shown = composing ?? options.find((o) => o.value === chosen.current)?.label ?? '';

  /** Text typed (or committed by the input method): moves to the option it picks, if any. */
  const typeText = (text: string) => {
    if (!text) return;
    typed.current = typedPrefix(typed.current, text, Date.now());
    const match = typeAheadMatch(current.current.options, typed.current.prefix, chosen.current);
    if (match && match.value !== chosen.current) {
      chosen.current = match.value;
      current.current.onChange?.(match.value, match as ComboboxItem);
      // An open list follows: the chosen option is the highlighted one, which Enter confirms.
      if (store.current?.dropdownOpened) window.setTimeout(() => store.current?.selectActiveOption(), 0);
    }
  };

  // The input is editable (so that an input method can compose into it) but never keeps what is typed.
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    const beforeInput = (e: InputEvent) => {
      if (e.isComposing || e.inputType === 'insertCompositionText') return;
      e.preventDefault();
      if (e.inputType.startsWith('insert')) typeText(e.data ?? e.dataTransfer?.getData('text/plain') ?? '');
    };
    let openBefore = false;
    const compositionStart = () => {
      openBefore = Boolean(store.current?.dropdownOpened);
      composingRef.current = true;
      setComposing('');
    };
    const compositionEnd = (e: CompositionEvent) => {
      composingRef.current = false;
      // The composed text is dropped (the input shows the chosen option again), and the list it opened closes.
      setComposing(null);
      if (!openBefore) window.setTimeout(() => store.current?.closeDropdown(), 0);
      typeText(e.data);
    };
    el.addEventListener('beforeinput', beforeInput);
    el.addEventListener('compositionstart', compositionStart);
    el.addEventListener('compositionend', compositionEnd);
    return () => {
      el.removeEventListener('beforeinput', beforeInput);
      el.removeEventListener('compositionstart', compositionStart);
      el.removeEventListener('compositionend', compositionEnd);
    };
  }, []);

  const keyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    onKeyDown?.(e);
    if (e.defaultPrevented || e.nativeEvent.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
    const s = store.current;
    const typing = Date.now() - typed.current.at <= TYPE_AHEAD_PAUSE_MS && typed.current.prefix !== '';
    if (e.key === ' ' && !typing) {
      // Space opens and closes the list, as on a button (within a typed prefix it is a letter).
      e.preventDefault();
      s?.toggleDropdown('keyboard');
    } else if (e.key === 'Enter' && !s?.dropdownOpened) {
      // Enter opens the list rather than submitting the form.
      e.preventDefault();
      s?.openDropdown('keyboard');
      window.setTimeout(() => s?.selectActiveOption(), 0);
    } else if (e.key === 'Enter' && s?.dropdownOpened && typing) {
      // Enter straight after typing keeps the option typed, which is already chosen: the list's
      // highlight follows it a moment later, and a quick Enter would otherwise find nothing highlighted.
      e.preventDefault();
      s.closeDropdown('keyboard');
    } else if (e.key.length === 1 || (e.key === ' ' && typing)) {
      e.preventDefault();
      typeText(e.key);
    }
  };

  const click = (e: MouseEvent<HTMLInputElement>) => {
    // A click opens a closed list and closes an open one, as on a plain select.
    const wasOpen = store.current?.dropdownOpened;
    onClick?.(e);
    if (wasOpen) store.current?.closeDropdown();
  };

  return (
    <MantineSelect
      {...props}
      ref={mergedRef}
      data={data}
      value={value}
      defaultValue={defaultValue}
      onChange={(v, option) => {
        chosen.current = v;
        onChange?.(v, option);
      }}
      searchable
      searchValue={shown}
      onSearchChange={(text) => composingRef.current && setComposing(text)}
      // The list is never filtered: this is a plain select, whose input only looks like text.
      filter={({ options: all }) => all}
      openOnFocus={openOnFocus ?? false}
      onFocus={(e: FocusEvent<HTMLInputElement>) => {
        typed.current = { prefix: '', at: 0 };
        onFocus?.(e);
      }}
      onKeyDown={keyDown}
      onClick={click}
      data-type-ahead="plain"
      // It looks and points like a plain select: no text caret.
      styles={{ ...(typeof props.styles === 'object' ? props.styles : {}), input: { cursor: 'pointer', caretColor: 'transparent' } }}
      rightSection={
        <>
          {rightSection ?? <ComboboxChevron size={props.size} error={props.error} />}
          <StoreBridge store={store} />
        </>
      }
    />
  );
});

const SearchableSelect = forwardRef<HTMLInputElement, SelectProps>(function SearchableSelect(
  { data, filter, onFocus, onBlur, onChange, onOptionSubmit, allowDeselect, ...props },
  ref,
) {
  const options = useMemo(() => flatOptions(data), [data]);
  const typed = useRef('');
  return (
    <MantineSelect
      {...props}
      ref={ref}
      data={data}
      filter={filter ?? rankedFilter}
      selectFirstOptionOnChange
      allowDeselect={allowDeselect ?? false}
      onChange={onChange}
      onInput={(e: FormEvent<HTMLInputElement>) => {
        typed.current = e.currentTarget.value;
      }}
      onFocus={(e: FocusEvent<HTMLInputElement>) => {
        typed.current = '';
        // Typing replaces the option shown rather than adding to it.
        e.currentTarget.select();
        onFocus?.(e);
      }}
      onOptionSubmit={(v) => {
        typed.current = '';
        onOptionSubmit?.(v);
      }}
      onBlur={(e: FocusEvent<HTMLInputElement>) => {
        // Tab after typing takes the best match, as Enter would.
        const text = typed.current;
        typed.current = '';
        if (text.trim()) {
          const ranked = filter ? options : rankOptions(options, text);
          const best = ranked.find((o) => !o.disabled);
          if (best && best.value !== props.value) onChange?.(best.value, best as ComboboxItem);
        }
        onBlur?.(e);
      }}
      data-type-ahead="search"
    />
  );
});
