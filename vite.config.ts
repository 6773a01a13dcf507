// Builds the graph explorer (src/explorer) into dist/explorer, served by the HTTP server at /.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./src/explorer', import.meta.url));

export default defineConfig({
  root,
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
