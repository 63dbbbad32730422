// The system-design building blocks of the whiteboard's shape panel. Each is a standard tldraw
// shape (a geo shape; the region / availability zone a frame) tagged with `meta.sdKind`, so the
// server, the replay and the exports need no schema of their own: the tag only adds an icon where
// the board's shape utils know it (components/whiteboard/system-design-shapes.tsx), and the label
// is the shape's own text. Pure data, shared by the browser and the server's record policy.

export const SD_KINDS = [
  'client',
  'dns',
  'cdn',
  'load-balancer',
  'api-gateway',
  'service',
  'worker',
  'cache',
  'sql-database',
  'nosql-store',
  'queue',
  'pub-sub',
  'object-storage',
  'search-index',
  'region',
] as const;

export type TSdKind = (typeof SD_KINDS)[number];

/** The meta key that tags a shape as a system-design block. */
export const SD_META_KEY = 'sdKind';

/** tldraw geo outlines and colours this module uses (a subset of tldraw's own style values). */
type TSdGeo = 'rectangle' | 'ellipse' | 'cloud' | 'hexagon' | 'diamond' | 'oval' | 'trapezoid' | 'rhombus';
type TSdColor = 'black' | 'blue' | 'light-blue' | 'violet' | 'green' | 'light-green' | 'orange' | 'red' | 'yellow' | 'light-violet' | 'grey';

export type TSdShapeSpec = {
  kind: TSdKind;
  /** The label placed on the shape (editable afterwards) and the panel button's name. */
  label: string;
  /** 'frame' for the region, else a geo shape of this outline. */
  shape: 'frame' | TSdGeo;
  color: TSdColor;
  w: number;
  h: number;
};

const BLOCK = { w: 160, h: 110 };

export const SD_SHAPES: readonly TSdShapeSpec[] = [
  { kind: 'client', label: 'Client', shape: 'rectangle', color: 'grey', ...BLOCK },
  { kind: 'dns', label: 'DNS', shape: 'ellipse', color: 'light-blue', ...BLOCK },
  { kind: 'cdn', label: 'CDN', shape: 'cloud', color: 'light-blue', w: 180, h: 120 },
  { kind: 'load-balancer', label: 'Load balancer', shape: 'hexagon', color: 'blue', ...BLOCK },
  { kind: 'api-gateway', label: 'API gateway', shape: 'rectangle', color: 'violet', ...BLOCK },
  { kind: 'service', label: 'Service', shape: 'rectangle', color: 'green', ...BLOCK },
  { kind: 'worker', label: 'Worker', shape: 'rectangle', color: 'light-green', ...BLOCK },
  { kind: 'cache', label: 'Cache', shape: 'rectangle', color: 'red', ...BLOCK },
  { kind: 'sql-database', label: 'SQL database', shape: 'rectangle', color: 'orange', ...BLOCK },
  { kind: 'nosql-store', label: 'NoSQL store', shape: 'rectangle', color: 'orange', ...BLOCK },
  { kind: 'queue', label: 'Queue / stream', shape: 'rectangle', color: 'yellow', w: 190, h: 100 },
  { kind: 'pub-sub', label: 'Pub/sub', shape: 'rectangle', color: 'light-violet', ...BLOCK },
  { kind: 'object-storage', label: 'Object storage', shape: 'rectangle', color: 'yellow', ...BLOCK },
  { kind: 'search-index', label: 'Search index', shape: 'rectangle', color: 'violet', ...BLOCK },
  { kind: 'region', label: 'Region / availability zone', shape: 'frame', color: 'black', w: 520, h: 360 },
];

const SPECS = new Map<string, TSdShapeSpec>(SD_SHAPES.map((spec) => [spec.kind, spec]));

export function sdShapeSpec(kind: string): TSdShapeSpec | undefined {
  return SPECS.get(kind);
}

/** The system-design kind a record's meta names, if it names one we know. */
export function sdKindOf(meta: unknown): TSdKind | undefined {
  if (typeof meta !== 'object' || meta === null) return undefined;
  const value = (meta as Record<string, unknown>)[SD_META_KEY];
  return typeof value === 'string' && SPECS.has(value) ? (value as TSdKind) : undefined;
}

/**
 * Whether a shape's system-design tag is well formed: absent, or a known kind on the shape type
 * that kind is drawn with (a frame for the region, a geo shape for the others). The server
 * refuses a shape that fails this, so every browser can trust the tag it renders an icon for.
 */
export function isValidSdTag(shapeType: string, meta: unknown): boolean {
  if (typeof meta !== 'object' || meta === null || !(SD_META_KEY in meta)) return true;
  const kind = sdKindOf(meta);
  if (!kind) return false;
  return (SPECS.get(kind)?.shape === 'frame') === (shapeType === 'frame') && (shapeType === 'frame' || shapeType === 'geo');
}
