import type { ReactNode } from 'react';

/** One entry of a chart's key: a small drawing of the mark and the words for what it stands for. */
export interface KeyItem {
  label: string;
  swatch: ReactNode;
}

/** The key under a chart, in HTML so it wraps on a narrow screen; the drawings only repeat the words. */
export function ChartKey({ items }: { items: KeyItem[] }) {
  return (
    <ul className="govuk-list govuk-body-s waymark-key" aria-label="Key">
      {items.map((item) => (
        <li key={item.label}>
          <svg width="32" height="16" viewBox="0 0 32 16" aria-hidden="true" focusable="false">
            {item.swatch}
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  );
}

export const lineSwatch = (colour: string, dash = '', width = 2) => (
  <line x1="1" y1="8" x2="31" y2="8" stroke={colour} strokeWidth={width} strokeDasharray={dash} />
);
export const barSwatch = (colour: string) => <rect x="4" y="2" width="24" height="12" fill={colour} />;
