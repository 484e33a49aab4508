import { Timeline } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';

/** Taller than this, the timeline scrolls inside its panel. */
const MAX_HEIGHT = 520;

/**
 * A record's timeline or history, however long: only the entries in view (and a few around them)
 * are in the page, so a request with thousands of events opens as fast as one with three. It reads
 * as a list to assistive technology: `role="list"`, and every entry says which of how many it is
 * (`aria-setsize`, `aria-posinset`), counting those not loaded yet. Scrolling near the end asks
 * for the next page (`loadMore`).
 */
export function VirtualTimeline<T>({
  items,
  total,
  loadMore,
  itemKey,
  title,
  children,
  labelledBy,
  testId,
}: {
  items: T[];
  /** All entries, loaded or not. */
  total: number;
  loadMore?: () => void;
  itemKey: (item: T) => string | number;
  title: (item: T) => ReactNode;
  children: (item: T) => ReactNode;
  /** The id of the heading that names the list. */
  labelledBy: string;
  testId?: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 64,
    overscan: 6,
    getItemKey: (index) => itemKey(items[index]!),
  });
  const rows = virtualizer.getVirtualItems();
  const last = rows[rows.length - 1]?.index ?? -1;
  useEffect(() => {
    if (loadMore && items.length < total && last >= items.length - 10) loadMore();
  }, [last, items.length, total, loadMore]);

  const height = virtualizer.getTotalSize();
  const scrolls = height > MAX_HEIGHT;
  return (
    <div
      ref={scroller}
      style={{ maxHeight: MAX_HEIGHT, overflowY: 'auto', paddingInline: 4 }}
      // A panel that scrolls must be reachable by keyboard to be scrolled.
      tabIndex={scrolls ? 0 : undefined}
      aria-labelledby={scrolls ? labelledBy : undefined}
      role={scrolls ? 'group' : undefined}
    >
      <div style={{ height, position: 'relative' }}>
        <Timeline
          bulletSize={14}
          lineWidth={2}
          active={rows.length}
          role="list"
          aria-labelledby={labelledBy}
          data-testid={testId}
          style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${rows[0]?.start ?? 0}px)` }}
        >
          {rows.map((row) => {
            const item = items[row.index]!;
            return (
              <Timeline.Item
                key={row.key}
                ref={virtualizer.measureElement}
                data-index={row.index}
                role="listitem"
                aria-setsize={total}
                aria-posinset={row.index + 1}
                title={title(item)}
                // The gap between entries inside each entry, so that measuring one includes it.
                style={{ marginTop: 0, paddingBottom: 'var(--mantine-spacing-lg)' }}
              >
                {children(item)}
              </Timeline.Item>
            );
          })}
        </Timeline>
      </div>
    </div>
  );
}
