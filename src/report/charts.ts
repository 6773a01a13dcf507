// The reports' charts as Vega-Lite specifications, and their rendering to SVG on the server with Vega.
import type { TopLevelSpec } from 'vega-lite';

const FONT = 'Noto Sans, DejaVu Sans, Arial, sans-serif';
/** Okabe–Ito: distinguishable with every common form of colour blindness. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];
const config = {
  font: FONT,
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 10, titleFontSize: 11, grid: true, gridColor: '#e5e5e5' },
  legend: { labelFontSize: 10, titleFontSize: 11 },
} as const;

/** The shape of a risk diagram's point per horizon label, in the order given (short, medium, long, none). */
const HORIZON_SHAPES = ['circle', 'square', 'triangle-up', 'diamond'];

/**
 * Likelihood (x) against impact (y), each scenario a point labelled with its name; risk shown by size. With
 * `horizons` (every horizon label, in the order of HORIZON_SHAPES) each point's shape is its `horizon`, with a legend
 * of the horizons the points have, so horizons show apart. A horizon keeps its shape whichever others are absent.
 */
export function riskDiagram(
  points: { scenario: string; likelihood: number; impact: number; risk: number; rank: number; horizon?: string }[],
  titles: { x: string; y: string; horizon?: string },
  horizons?: string[],
): TopLevelSpec {
  const present = (horizons ?? []).filter((l) => points.some((p) => p.horizon === l));
  const shape = present.length
    ? {
        shape: {
          field: 'horizon',
          type: 'nominal' as const,
          title: titles.horizon ?? null,
          scale: { domain: present, range: present.map((l) => HORIZON_SHAPES[horizons!.indexOf(l)]!) },
          legend: { orient: 'bottom' as const, direction: 'horizontal' as const },
        },
      }
    : {};
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 560,
    height: 420,
    config,
    data: { values: points },
    encoding: {
      x: {
        field: 'likelihood',
        type: 'quantitative',
        title: titles.x,
        scale: { domain: [0, 5.5] },
        axis: { values: [1, 2, 3, 4, 5] },
      },
      y: {
        field: 'impact',
        type: 'quantitative',
        title: titles.y,
        scale: { domain: [0, 5.5] },
        axis: { values: [1, 2, 3, 4, 5] },
      },
    },
    layer: [
      {
        mark: { type: 'point', filled: true, color: PALETTE[0], opacity: 0.85 },
        encoding: {
          size: { field: 'risk', type: 'quantitative', legend: null, scale: { range: [40, 400] } },
          ...shape,
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 8, dy: -6, fontSize: 9, color: '#222' },
        encoding: { text: { field: 'label', type: 'nominal' } },
        // The six highest risks by name, the rest by rank (the table beside the chart names them all).
        transform: [
          { calculate: "datum.rank <= 6 ? datum.rank + '. ' + datum.scenario : '' + datum.rank", as: 'label' },
        ],
      },
    ],
  };
}

/** Rank of every scenario under each weight profile and method: a grid of ranks, darker for a higher rank. */
export function sensitivityHeatmap(
  cells: { scenario: string; view: string; rank: number }[],
  views: string[],
  titles: { x: string; y: string },
): TopLevelSpec {
  const scenarios = [...new Set(cells.map((c) => c.scenario))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 60 * views.length,
    height: { step: 16 },
    config,
    data: { values: cells },
    encoding: {
      x: { field: 'view', type: 'nominal', title: titles.x, sort: views, axis: { labelAngle: -30 } },
      y: { field: 'scenario', type: 'nominal', title: titles.y, sort: scenarios },
    },
    layer: [
      {
        mark: 'rect',
        encoding: {
          color: { field: 'rank', type: 'quantitative', scale: { scheme: 'blues', reverse: true }, legend: null },
        },
      },
      {
        mark: { type: 'text', fontSize: 9 },
        encoding: {
          text: { field: 'rank', type: 'quantitative' },
          color: {
            condition: { test: `datum.rank <= ${Math.ceil(scenarios.length / 3)}`, value: 'white' },
            value: 'black',
          },
        },
      },
    ],
  };
}

/** Shortfall per capability, largest first. */
export function gapBars(rows: { capability: string; shortfall: number }[], title: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 420,
    height: { step: 16 },
    config,
    data: { values: rows },
    mark: { type: 'bar', color: PALETTE[3] },
    encoding: {
      y: { field: 'capability', type: 'nominal', sort: '-x', title: null },
      x: { field: 'shortfall', type: 'quantitative', title, scale: { type: 'symlog' } },
    },
  };
}

/** Mean inoperability of each service through time, one row per service (a stored run's timeline). */
export function heatmap(
  cells: { service: string; hour: number; q: number }[],
  titles: { x: string; y: string },
): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 480,
    height: { step: 12 },
    config,
    data: { values: cells },
    mark: 'rect',
    encoding: {
      x: { field: 'hour', type: 'ordinal', title: titles.x, axis: { labelOverlap: true } },
      y: { field: 'service', type: 'nominal', title: titles.y },
      color: { field: 'q', type: 'quantitative', scale: { scheme: 'oranges', domain: [0, 1] }, title: 'q' },
    },
  };
}

/** Renders a Vega-Lite specification to a standalone SVG string (no browser, no canvas). */
export async function toSvg(spec: TopLevelSpec): Promise<string> {
  const [vl, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
