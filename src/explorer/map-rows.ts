// Where one capability sits for the map (pure, no DOM): per safety region what is held, what arrives in time, and
// the scenario's shortfall on its affected regions.
import type { MapBalance, MapRegion } from './queries.js';

/** What a region's marker says, in the order of the legend. */
export const REGION_STATUSES = ['short', 'covered', 'inTime', 'late', 'none'] as const;
export type RegionStatus = (typeof REGION_STATUSES)[number];

/** One region's part in a capability for the chosen scenario (the map's marker and the table's row). */
export interface RegionRow {
  id: string;
  name: string;
  lat: number;
  lon: number;
  /** One of the scenario's affected regions. */
  affected: boolean;
  /** Σ capacity × readiness of the holdings in this region. */
  held: number;
  /** The part of `held` that arrives within the time limit. */
  inTime: number;
  /** The earliest arrival at the scenario of a holding here (hours), null without holdings. */
  earliest: number | null;
  /** Names of the holding parties, those too late marked by the caller. */
  holders: { name: string; counted: boolean }[];
  /** inTime / required, null when nothing is required. */
  share: number | null;
  /** The scenario's shortfall, on its affected regions only. */
  shortfall: number | null;
  status: RegionStatus;
}

/**
 * Where one capability sits for the scenario the balance reports: per region what is held there and what of it
 * arrives in time, and the shortfall on the affected regions; `elsewhere` sums the holdings without a region.
 */
export function regionRows(
  regions: readonly MapRegion[],
  affected: ReadonlySet<string>,
  balance: MapBalance,
): { rows: RegionRow[]; elsewhere: Omit<RegionRow, 'id' | 'name' | 'lat' | 'lon' | 'status'> } {
  const blank = () => ({ held: 0, inTime: 0, earliest: null as number | null, holders: [] as RegionRow['holders'] });
  const at = new Map<string | null, ReturnType<typeof blank>>();
  for (const holder of balance.holders) {
    const key = holder.region?.id ?? null;
    const acc = at.get(key) ?? blank();
    acc.held += holder.available;
    if (holder.counted) acc.inTime += holder.available;
    acc.earliest = acc.earliest === null ? holder.arrivalHours : Math.min(acc.earliest, holder.arrivalHours);
    acc.holders.push({ name: holder.party.name, counted: holder.counted });
    at.set(key, acc);
  }
  const share = (v: number) => (balance.required > 0 ? v / balance.required : null);
  const rows = regions.map((r): RegionRow => {
    const acc = at.get(r.id) ?? blank();
    const isAffected = affected.has(r.id);
    const status: RegionStatus = isAffected
      ? balance.shortfall > 0
        ? 'short'
        : 'covered'
      : acc.inTime > 0
        ? 'inTime'
        : acc.held > 0
          ? 'late'
          : 'none';
    return {
      ...r,
      ...acc,
      affected: isAffected,
      share: share(acc.inTime),
      shortfall: isAffected ? balance.shortfall : null,
      status,
    };
  });
  const rest = at.get(null) ?? blank();
  return { rows, elsewhere: { ...rest, affected: false, share: share(rest.inTime), shortfall: null } };
}
