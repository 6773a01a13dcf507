// Builds the graph explorer (src/explorer) into dist/explorer, served by the HTTP server at /.
import { defineConfig, type Plugin } from 'vite';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

const root = fileURLToPath(new URL('./src/explorer', import.meta.url));

const OUTLINE = 'virtual:netherlands-outline';

/**
 * The map's outline of the Netherlands, cut at build time from Natural Earth's countries (world-atlas, 1:50m): the
 * European part of feature 528, without the Caribbean islands it also carries: the page ships a few kB, not the world.
 */
function netherlandsOutline(): Plugin {
  return {
    name: 'weerbaar-netherlands-outline',
    resolveId: (id) => (id === OUTLINE ? `\0${OUTLINE}` : null),
    load(id) {
      if (id !== `\0${OUTLINE}`) return null;
      const file = createRequire(import.meta.url).resolve('world-atlas/countries-50m.json');
      const world = JSON.parse(readFileSync(file, 'utf8')) as Topology<{ countries: GeometryCollection }>;
      const countries = feature(world, world.objects.countries);
      const nl = countries.features.find((f) => String(f.id) === '528');
      if (!nl || nl.geometry.type !== 'MultiPolygon')
        throw new Error(`${file}: no MultiPolygon for the Netherlands (528)`);
      const european = nl.geometry.coordinates.filter((p) => p[0]!.every(([lon, lat]) => lon! > 2 && lat! > 50));
      const outline = {
        type: 'Feature',
        id: '528',
        properties: { name: 'Nederland' },
        geometry: { type: 'MultiPolygon', coordinates: european },
      };
      return `export default ${JSON.stringify(outline)};`;
    },
  };
}

export default defineConfig({
  root,
  plugins: [netherlandsOutline()],
  base: './',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./dist/explorer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // Cytoscape is big on its own; one vendor chunk keeps the app chunk small and cacheable.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: { manualChunks: { cytoscape: ['cytoscape', 'cytoscape-fcose'] } },
    },
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000' } },
});
