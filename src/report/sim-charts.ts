// The charts of simulated results (cascade heat map, impact-class histograms, shortfall probabilities) as Vega-Lite
// specifications; rendered to SVG by toSvg in charts.ts like every other report chart.
import type { TopLevelSpec } from 'vega-lite';
import { PALETTE } from './charts.js';
import { designTokens } from './tokens.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const config = () =>
  ({
    font: designTokens().get('--rhc-text-font-family-sans') ?? 'Arial, sans-serif',
    background: 'white',
    view: { stroke: null },
    axis: { labelFontSize: 10, titleFontSize: 11, grid: false },
    legend: { labelFontSize: 10, titleFontSize: 11 },
  }) as const;

/**
 * Mean inoperability of each service (rows, in the order given) at each recorded hour (columns): the cascade of a
 * stored run through time. Single-hue scale from 0 (white) to 1.
 */
export function cascadeHeatmap(
  cells: { service: string; hour: number; q: number }[],
  services: string[],
  titles: { x: string; y: string; colour: string },
): TopLevelSpec {
  return {
    $schema: SCHEMA,
    width: 460,
    height: { step: 13 },
    config: config(),
    data: { values: cells },
    mark: { type: 'rect' },
    encoding: {
      x: {
        field: 'hour',
        type: 'ordinal',
        title: titles.x,
        axis: { labelOverlap: true, labelAngle: 0 },
      },
      y: { field: 'service', type: 'nominal', title: titles.y, sort: services, axis: { labelLimit: 240 } },
      color: {
        field: 'q',
        type: 'quantitative',
        title: titles.colour,
        scale: { scheme: 'oranges', domain: [0, 1] },
        legend: { format: '.0%', gradientLength: 120 },
      },
    },
  };
}

/**
 * Distribution over the iterations of a scenario's simulated impact class, per criterion: one bar per criterion
 * divided into the share of iterations below class A and in each class A–E (the histogram the stored run keeps).
 */
export function impactClassHistogram(
  rows: { criterion: string; bin: string; order: number; probability: number }[],
  criteria: string[],
  bins: string[],
  titles: { x: string; y: string; colour: string },
): TopLevelSpec {
  // Light to dark: below A in grey, then A–E in a sequence a reader without colour vision can order by lightness.
  const colours = ['#d9d9d9', '#fdd0a2', '#fdae6b', '#f16913', '#d94801', '#7f2704'];
  return {
    $schema: SCHEMA,
    width: 420,
    height: { step: 16 },
    config: config(),
    data: { values: rows },
    mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      y: { field: 'criterion', type: 'nominal', title: titles.y, sort: criteria, axis: { labelLimit: 240 } },
      x: {
        field: 'probability',
        type: 'quantitative',
        title: titles.x,
        stack: 'zero',
        scale: { domain: [0, 1] },
        axis: { format: '.0%' },
      },
      color: {
        field: 'bin',
        type: 'ordinal',
        title: titles.colour,
        sort: bins,
        scale: { domain: bins, range: colours.slice(0, bins.length) },
      },
      order: { field: 'order', type: 'quantitative' },
    },
  };
}

/** Probability of a shortfall per capability (0–1), largest first, with the value of closing the gap as a label. */
export function shortfallProbabilityBars(
  rows: { capability: string; probability: number }[],
  title: string,
): TopLevelSpec {
  return {
    $schema: SCHEMA,
    width: 400,
    height: { step: 16 },
    config: config(),
    data: { values: rows },
    mark: { type: 'bar', color: PALETTE[3] },
    encoding: {
      y: { field: 'capability', type: 'nominal', sort: '-x', title: null, axis: { labelLimit: 280 } },
      x: { field: 'probability', type: 'quantitative', title, scale: { domain: [0, 1] }, axis: { format: '.0%' } },
    },
  };
}
