// Declarations for modules without types and for Vite's CSS imports.
declare module 'cytoscape-fcose' {
  const ext: import('cytoscape').Ext;
  export default ext;
}
declare module '*.css';
