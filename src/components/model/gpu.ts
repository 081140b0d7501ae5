/** What the browser says about its GPU, read from a throwaway WebGL context. */

/** The unmasked renderer string, e.g. "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device …))", or null. */
export function gpuRenderer(): string | null {
  const canvas = document.createElement('canvas');
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return typeof renderer === 'string' ? renderer : null;
}
