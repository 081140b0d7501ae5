// Plain `tsc` cannot read .astro files (`astro check` can): to it, a component the tests import is
// one Astro's container renders.
declare module '*.astro' {
  const Component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default Component;
}
