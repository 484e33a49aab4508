/// <reference types="vite/client" />

/** One language's translations: namespace → its keys. */
export type LanguageBundle = Record<string, Record<string, unknown>>;

/**
 * A language's namespaces from its JSON files (`…/en/requests.json` → `requests`) and the `cite`
 * namespace built by the citation helper, as the core's `resources` holds them.
 */
export function bundleOf(files: Record<string, Record<string, unknown>>, cite: Record<string, unknown>): LanguageBundle {
  const out: LanguageBundle = {};
  for (const [path, value] of Object.entries(files)) out[/([^/]+)\.json$/.exec(path)![1]!] = value;
  out.cite = cite;
  return out;
}
