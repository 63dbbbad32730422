'use client';

// How the board draws a system-design block: tldraw's own geo shape (outline, fill, label,
// resizing, arrow binding, sync and export unchanged) plus the icon its `meta.sdKind` names, on the
// canvas and in PNG/SVG exports, in the colour of the label so it follows the light and dark theme.
// The record is a plain geo shape: a browser or replay without this util still shows the outline
// and the label. Only tldraw-setup.tsx imports this (the board's lazy chunk).
import type { ReactElement } from 'react';
import { GeoShapeUtil, getDisplayValues, SVGContainer, useColorMode, type SvgExportContext, type TLGeoShape } from 'tldraw';
import { sdKindOf, type TSdKind } from '@/lib/domain/system-design-shapes';

/** Icons on a 24-unit grid, stroked (no fill), drawn for this project. */
const ICONS: Record<TSdKind, ReactElement> = {
  client: (
    <>
      <rect x="3" y="4" width="18" height="12" rx="1.5" />
      <path d="M8 20h8M12 16v4" />
    </>
  ),
  dns: (
    <>
      <circle cx="12" cy="12" r="9" />
      <ellipse cx="12" cy="12" rx="4" ry="9" />
      <path d="M3 12h18" />
    </>
  ),
  cdn: (
    <>
      <circle cx="12" cy="12" r="2.5" />
      <circle cx="4.5" cy="5" r="2" />
      <circle cx="19.5" cy="5" r="2" />
      <circle cx="4.5" cy="19" r="2" />
      <circle cx="19.5" cy="19" r="2" />
      <path d="M6 6.5l4.2 3.8M18 6.5l-4.2 3.8M6 17.5l4.2-3.8M18 17.5l-4.2-3.8" />
    </>
  ),
  'load-balancer': (
    <>
      <circle cx="12" cy="4.5" r="2" />
      <path d="M12 6.5v5M12 11.5L5 17M12 11.5l7 5.5M12 11.5V17" />
      <circle cx="5" cy="19" r="2" />
      <circle cx="12" cy="19" r="2" />
      <circle cx="19" cy="19" r="2" />
    </>
  ),
  'api-gateway': (
    <>
      <path d="M4 21V5a2 2 0 0 1 2-2h12a2 2 0 0 1 2 2v16" />
      <path d="M2 21h20M8 12h8M13 9l3 3-3 3" />
    </>
  ),
  service: (
    <>
      <path d="M12 3l8 4.5v9L12 21l-8-4.5v-9z" />
      <path d="M4 7.5l8 4.5 8-4.5M12 12v9" />
    </>
  ),
  worker: (
    <>
      <circle cx="12" cy="12" r="3.5" />
      <path d="M12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1" />
    </>
  ),
  cache: <path d="M13 2L4 14h8l-1 8 9-12h-8z" />,
  'sql-database': (
    <>
      <ellipse cx="12" cy="5" rx="8" ry="3" />
      <path d="M4 5v14c0 1.7 3.6 3 8 3s8-1.3 8-3V5" />
      <path d="M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3" />
    </>
  ),
  'nosql-store': (
    <>
      <path d="M8 3C5 3 6.5 9 3.5 12 6.5 15 5 21 8 21" />
      <path d="M16 3c3 0 1.5 6 4.5 9-3 3-1.5 9-4.5 9" />
      <path d="M10 9h4M10 12h4M10 15h4" />
    </>
  ),
  queue: (
    <>
      <rect x="2" y="8" width="5" height="8" rx="1" />
      <rect x="9.5" y="8" width="5" height="8" rx="1" />
      <rect x="17" y="8" width="5" height="8" rx="1" />
      <path d="M2 20h18l-2-2M20 20l-2 2" />
    </>
  ),
  'pub-sub': (
    <>
      <circle cx="12" cy="12" r="2" />
      <path d="M8.5 8.5a5 5 0 0 0 0 7M15.5 8.5a5 5 0 0 1 0 7" />
      <path d="M5.6 5.6a9 9 0 0 0 0 12.8M18.4 5.6a9 9 0 0 1 0 12.8" />
    </>
  ),
  'object-storage': (
    <>
      <ellipse cx="12" cy="6" rx="8" ry="2.5" />
      <path d="M4 6l2 14c.3 1.2 2.8 2 6 2s5.7-.8 6-2l2-14" />
    </>
  ),
  'search-index': (
    <>
      <circle cx="10" cy="10" r="6.5" />
      <path d="M15 15l6 6M7 8h6M7 11h4" />
    </>
  ),
  // The region is a frame (its name is its label); it gets no icon.
  region: <rect x="3" y="3" width="18" height="18" rx="2" strokeDasharray="3 2" />,
};

/** The icon alone, for the panel's buttons (currentColor). */
export function SdIcon({ kind, size = 20 }: { kind: TSdKind; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {ICONS[kind]}
    </svg>
  );
}

/** The icon placed in a block of `w` x `h`: centred near the top, above the label (which sits at the bottom). */
function iconOnShape(kind: TSdKind, w: number, h: number, color: string): ReactElement {
  const size = Math.max(16, Math.min(64, Math.min(w, h) * 0.42));
  const scale = size / 24;
  const x = (w - size) / 2;
  const y = Math.max(6, Math.min(h * 0.14, h - size - 6));
  return (
    <g
      data-sd-icon={kind}
      transform={`translate(${x} ${y}) scale(${scale})`}
      fill="none"
      stroke={color}
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {ICONS[kind]}
    </g>
  );
}

/** tldraw's geo shape, with the system-design icon its meta names (if any). */
export class SystemDesignGeoShapeUtil extends GeoShapeUtil {
  override component(shape: TLGeoShape) {
    const base = super.component(shape);
    const kind = sdKindOf(shape.meta);
    // Hooks run on every render, whether the shape is tagged or not (same order each time).
    const colorMode = useColorMode();
    if (!kind) return base;
    const { labelColor } = getDisplayValues(this, shape, colorMode);
    return (
      <>
        {base}
        <SVGContainer style={{ pointerEvents: 'none' }}>{iconOnShape(kind, shape.props.w, shape.props.h + shape.props.growY, labelColor)}</SVGContainer>
      </>
    );
  }

  override toSvg(shape: TLGeoShape, ctx: SvgExportContext) {
    const base = super.toSvg(shape, ctx);
    const kind = sdKindOf(shape.meta);
    if (!kind) return base;
    const { labelColor } = getDisplayValues(this, shape, ctx.colorMode);
    const { w, h, growY, scale } = shape.props;
    // The export draws the geo shape at scale 1 (see GeoShapeUtil.toSvg): the icon too.
    return (
      <>
        {base}
        {iconOnShape(kind, w / scale, (h + growY) / scale, labelColor)}
      </>
    );
  }
}
