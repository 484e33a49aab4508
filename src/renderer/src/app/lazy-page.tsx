import { Center, Loader, VisuallyHidden } from '@mantine/core';
import { lazy, useEffect, useState, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';

const loaders: (() => Promise<unknown>)[] = [];

/**
 * A page (or a heavy part of one) in a chunk of its own, loaded when it is first shown. The loader
 * is kept so that `prefetchPages` can fetch it ahead of time; a failed load (the host restarted
 * with a new build) is tried again on the next render rather than remembered.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props: the page's own, as its module declares them
export function lazyPage<M extends Record<K, ComponentType<any>>, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  let pending: Promise<M> | null = null;
  const once = () => {
    pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
  loaders.push(once);
  return lazy(async () => ({ default: (await once())[name] }));
}

let prefetched = false;

/**
 * After the first screen is up, fetches the other chunks one at a time while the browser is idle,
 * so that opening a page later does not wait for the network or the host.
 */
export function prefetchPages(): void {
  if (prefetched) return;
  prefetched = true;
  const idle = (fn: () => void) =>
    typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(fn, { timeout: 2_000 }) : window.setTimeout(fn, 200);
  const next = (i: number) => {
    const load = loaders[i];
    if (!load) return;
    idle(() => {
      load().then(
        () => next(i + 1),
        () => next(i + 1),
      );
    });
  };
  window.setTimeout(() => next(0), 1_000);
}

/** What a page shows while its chunk loads: a spinner that screen readers announce as loading. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status">
      <Loader aria-hidden />
      <VisuallyHidden>{t('common:loading')}</VisuallyHidden>
    </Center>
  );
}

/**
 * False until what the component first rendered is on screen: a heavy part (the dashboard's charts)
 * waits for it, so that loading and running its chunk never holds back the figures beside it.
 */
export function useAfterPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer = 0;
    // A frame's callbacks run before it is painted; a task queued from one runs after.
    const frame = window.requestAnimationFrame(() => {
      timer = window.setTimeout(() => setPainted(true), 0);
    });
    return () => {
      window.cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, []);
  return painted;
}
