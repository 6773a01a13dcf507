// Where capacity is: travel times between regions and the arrival time of a holding at a scenario (pure).

/**
 * Planning assumption for pairs without an explicit travel time: road distance = great-circle distance × ROAD_FACTOR,
 * covered by a convoy at CONVOY_KMH. 1.3 is a common detour index for a dense road network such as the Dutch one;
 * 60 km/h is an average for a column of heavy vehicles including assembling, stops and the last kilometres.
 */
export const ROAD_FACTOR = 1.3;
export const CONVOY_KMH = 60;
/** Mean earth radius (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088;

export interface RegionPoint {
  id: string;
  lat: number;
  lon: number;
}
export interface TravelTimeInput {
  from: string;
  to: string;
  hours: number;
}

/** Great-circle (haversine) distance in km between two points given in degrees. */
export function greatCircleKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Hours between two points by the planning assumption above. */
export function derivedTravelHours(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  return (greatCircleKm(a, b) * ROAD_FACTOR) / CONVOY_KMH;
}

/** Travel times between regions: explicit pairs (either way), else derived from the coordinates; 0 within a region. */
export class TravelTimes {
  private readonly points = new Map<string, RegionPoint>();
  private readonly explicit = new Map<string, number>();

  constructor(regions: readonly RegionPoint[] = [], travelTimes: readonly TravelTimeInput[] = []) {
    for (const r of regions) this.points.set(r.id, r);
    for (const t of travelTimes) this.explicit.set(pairKey(t.from, t.to), t.hours);
  }

  /** Hours from region `from` to region `to`; 0 when they are the same or either is unknown (nothing is located). */
  hours(from: string, to: string): number {
    if (from === to) return 0;
    const given = this.explicit.get(pairKey(from, to));
    if (given !== undefined) return given;
    const a = this.points.get(from);
    const b = this.points.get(to);
    return a && b ? derivedTravelHours(a, b) : 0;
  }

  /** Hours from `from` to the nearest of `targets`; 0 when `from` is absent or there are no targets. */
  toNearest(from: string | null | undefined, targets: readonly string[] | null | undefined): number {
    if (from == null || !targets?.length) return 0;
    let best = Infinity;
    for (const t of targets) best = Math.min(best, this.hours(from, t));
    return best;
  }
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** A holding's region: its own, else its party's; null for national or international capacity without a place. */
export function holdingRegion(
  holding: { region?: string | null },
  partyRegion: string | null | undefined,
): string | null {
  return holding.region ?? partyRegion ?? null;
}

/**
 * Arrival time of a holding at a scenario: its mobilisationHours plus the travel time from its region to the nearest
 * affected region of the scenario (0 when the holding or the scenario has no region).
 */
export function arrivalHours(
  mobilisationHours: number,
  region: string | null | undefined,
  affected: readonly string[] | null | undefined,
  travel: TravelTimes,
): number {
  return mobilisationHours + travel.toNearest(region, affected);
}
