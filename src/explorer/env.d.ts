// Declarations for modules without types and for Vite's CSS imports.
declare module 'cytoscape-fcose' {
  const ext: import('cytoscape').Ext;
  export default ext;
}
declare module '*.css';
// The outline of the European Netherlands, cut from Natural Earth (world-atlas) at build time (vite.config.ts).
declare module 'virtual:netherlands-outline' {
  const outline: import('geojson').Feature<import('geojson').MultiPolygon>;
  export default outline;
}
