import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { appTheme, contrastRatio, cssVariablesResolver, FILLED_SHADE } from '@renderer/app/theme';

const theme = mergeMantineTheme(DEFAULT_THEME, appTheme({ close: 'Close', dismiss: 'Dismiss', chooseFile: 'Choose a file…' }));
const colours = Object.keys(theme.colors).filter((c) => c !== 'dark' && c !== 'gray');

describe('theme colours meet WCAG 1.4.3 (4.5:1 for text)', () => {
  it('knows the ratios WCAG gives for black, white and Mantine gray 6', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 1);
    expect(contrastRatio('#868e96', '#ffffff')).toBeCloseTo(3.32, 2);
  });

  it.each(colours)('white on filled %s, and %s text on white', (name) => {
    expect(contrastRatio('#ffffff', theme.colors[name]![FILLED_SHADE])).toBeGreaterThanOrEqual(4.5);
  });

  it.each(colours)('light %s badges and alerts: shade 9 text on the shade 1 tint', (name) => {
    expect(contrastRatio(theme.colors[name]![9], theme.colors[name]![1])).toBeGreaterThanOrEqual(4.5);
  });

  it('links stay readable on white and on every tinted background (alerts)', () => {
    const anchor = cssVariablesResolver(theme as never).light['--mantine-color-anchor']!;
    for (const background of ['#ffffff', ...colours.map((c) => theme.colors[c]![1])]) {
      expect(contrastRatio(anchor, background)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('dimmed help text and placeholders read on white', () => {
    const light = cssVariablesResolver(theme as never).light;
    expect(contrastRatio(light['--mantine-color-dimmed']!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(light['--mantine-color-placeholder']!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    // Still lighter than typed text, so a placeholder is not taken for a value.
    expect(contrastRatio(light['--mantine-color-placeholder']!, '#ffffff')).toBeLessThan(contrastRatio(light['--mantine-color-dimmed']!, '#ffffff'));
  });
});
