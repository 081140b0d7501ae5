export const WASM_SOURCES: { wat: string; out: string }[];
export function assembleWat(text: string, name: string): Promise<string>;
