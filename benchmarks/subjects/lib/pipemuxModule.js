// The built library. PIPEMUX_DIST points elsewhere (e.g. a build of a clean checkout) when
// dist/ is being rebuilt by others while measuring.
const distIndex = process.env.PIPEMUX_DIST ? new URL(`file://${process.env.PIPEMUX_DIST}/index.js`) : new URL('../../../dist/index.js', import.meta.url);

export const { pipemux, prefix, muxAll, interact, record } = await import(distIndex.href);
