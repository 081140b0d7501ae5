/**
 * What the browser says about its GPU: the WebGL renderer, read from a throwaway context, and
 * whether WebGPU is offered. Browser-only (a canvas, `navigator`), and no TF.js, so the lab's page
 * can ask before it loads any.
 */

/** A canvas on the page, or an OffscreenCanvas in a worker (which has no document). */
function scratchCanvas(): HTMLCanvasElement | OffscreenCanvas | null {
  if (typeof document !== 'undefined') return document.createElement('canvas');
  return typeof OffscreenCanvas === 'undefined' ? null : new OffscreenCanvas(1, 1);
}

/** The unmasked renderer string, e.g. "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device …))", or null. */
export function gpuRenderer(): string | null {
  const canvas = scratchCanvas();
  const gl = (canvas?.getContext('webgl2') ?? canvas?.getContext('webgl')) as WebGLRenderingContext | null | undefined;
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return typeof renderer === 'string' ? renderer : null;
}

/** Whether this browser offers WebGPU at all (the lab offers the backend only then). */
export function hasWebGpu(): boolean {
  return typeof navigator !== 'undefined' && 'gpu' in navigator;
}
