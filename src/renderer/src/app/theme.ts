import { IconPaperclip } from '@tabler/icons-react';
import { createElement } from 'react';
import { createTheme, darken, DEFAULT_THEME, luminance, type CSSVariablesResolver, type MantineColorsTuple, type MantineThemeColors } from '@mantine/core';

/** WCAG 2.1 contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Text must reach 4.5:1 (WCAG 1.4.3); a little above it, for the tints the browser blends. */
const TEXT_CONTRAST = 4.6;

/** `color`, darkened step by step until it reads at `TEXT_CONTRAST` on `background`. */
function darkenUntilReadable(color: string, background: string): string {
  let out = color;
  for (let amount = 0.04; contrastRatio(out, background) < TEXT_CONTRAST && amount < 1; amount += 0.04) out = darken(color, amount);
  return out;
}

/**
 * Mantine's palette, with the shades that carry text made dark enough to read: shade 7 (the filled
 * buttons and badges with white text, and coloured text on white) and shade 9 (the text of light
 * badges and alerts, on shade 1). Mantine's own shades fail here: white on indigo 6 is 4.32:1, teal 9
 * on teal 1 is 4.33:1, yellow 9 on yellow 1 is 2.68:1.
 */
function readablePalette(): MantineThemeColors {
  const colors: Record<string, MantineColorsTuple> = {};
  for (const [name, tuple] of Object.entries(DEFAULT_THEME.colors)) {
    if (name === 'dark' || name === 'gray') continue;
    const shades = [...tuple];
    shades[7] = darkenUntilReadable(tuple[7], '#ffffff');
    shades[8] = darkenUntilReadable(tuple[8], '#ffffff');
    shades[9] = darkenUntilReadable(tuple[9], tuple[1]);
    colors[name] = shades as unknown as MantineColorsTuple;
  }
  return colors as MantineThemeColors;
}

/** The darkest of the light tints (shade 1) that alerts and light badges use as a background. */
function darkestTint(): string {
  return Object.values(DEFAULT_THEME.colors)
    .map((tuple) => tuple[1])
    .reduce((a, b) => (luminance(b) < luminance(a) ? b : a));
}

/** The shade of every colour used for filled controls and coloured text. */
export const FILLED_SHADE = 7;

/**
 * Secondary ("dimmed") text: Mantine's gray 6 is 3.32:1 on white; gray 7 reads at 8:1. Placeholders
 * (gray 5, 2.07:1) are darkened just enough to read while still looking unlike typed text.
 */
export const cssVariablesResolver: CSSVariablesResolver = (theme) => ({
  variables: {},
  light: {
    // Links also sit on the tinted backgrounds of alerts (shade 1 of any colour).
    '--mantine-color-anchor': readableOn(theme.colors[theme.primaryColor]![FILLED_SHADE], darkestTint()),
    '--mantine-color-dimmed': theme.colors.gray[7],
    '--mantine-color-placeholder': readableOn(theme.colors.gray[5], '#ffffff'),
  },
  dark: {},
});

// The theme is built again when the language changes, and Mantine asks for its variables on every
// render of the provider: the colours worked out step by step are worked out once.
const readable = new Map<string, string>();
function readableOn(color: string, background: string): string {
  const key = `${color} ${background}`;
  let out = readable.get(key);
  if (out === undefined) {
    out = darkenUntilReadable(color, background);
    readable.set(key, out);
  }
  return out;
}
let palette: MantineThemeColors | null = null;

/** Hidden on screen, still read by assistive technology (as Mantine's VisuallyHidden). */
const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

/** Words the theme puts on shared controls, in the user's language. */
export interface ThemeWords {
  /** The close button of every dialog. */
  close: string;
  /** The close button of every notification (named apart from a dialog's, and from a "Close" action). */
  dismiss: string;
  /** What an empty file input says, so that it does not look like an empty text box. */
  chooseFile: string;
}

/** The workbench's theme: readable colours, and shared controls named so that no page has to remember to. */
export function appTheme(words: ThemeWords) {
  return createTheme({
    primaryColor: 'indigo',
    primaryShade: { light: FILLED_SHADE, dark: 8 },
    colors: (palette ??= readablePalette()),
    defaultRadius: 'sm',
    // The stack is in typography.css, where English puts Latin quotes before it.
    fontFamily: 'var(--app-font-family)',
    headings: { fontWeight: '600' },
    components: {
      Modal: { defaultProps: { closeButtonProps: { 'aria-label': words.close } } },
      Notification: { defaultProps: { closeButtonProps: { 'aria-label': words.dismiss } } },
      // A table's caption names it for screen readers (and tests); on screen its heading already does.
      // A Chinese column header breaks between words only (收集环节, not 收集环 / 节); English still wraps at spaces.
      Table: { styles: { caption: VISUALLY_HIDDEN, th: { wordBreak: 'keep-all' } } },
      // A badge keeps its whole word in a narrow table column: Mantine's label clips (overflow hidden,
      // an ellipsis), which also lets the table squeeze the badge to "ACT…".
      Badge: { styles: { root: { overflow: 'visible', flexShrink: 0 }, label: { overflow: 'visible' } } },
      FileInput: { defaultProps: { placeholder: words.chooseFile, leftSection: createElement(IconPaperclip, { size: 16, 'aria-hidden': true }) } },
    },
  });
}
