/** FNV-1a over `bytes`, as an unsigned 32-bit integer. */
export function fnv1a(bytes: Uint8Array): number;
