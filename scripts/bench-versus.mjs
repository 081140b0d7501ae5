/**
 * The lab's WebAssembly training against PyTorch on the same CPU, interleaved: PyTorch, then the
 * lab's Tiny and Small, round after round, so that a machine whose speed drifts (PyTorch alone
 * moved by a third between runs here) weighs on both alike. Reported as the ratio of the medians,
 * with the spread of the rounds' own ratios. And where a WASM step's time goes, by kernel family
 * (`npm run profile`, in Node: the same WebAssembly and kernels, on one thread).
 */
import { execFileSync } from 'node:child_process';
import { torchAnchor } from './bench-anchor.mjs';
import { benchTrainingSpeed } from './bench-training.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const round3 = (x) => Math.round(x * 1000) / 1000;
const RUNS = { tiny: { preset: 'tiny', backend: 'wasm', batches: 60 }, small: { preset: 'small', backend: 'wasm', batches: 20 } };

export async function benchVersusTorch(page, baseURL, { rounds = 3, threads = 2, log = () => {} } = {}) {
  const per = { tiny: { torch: [], lab: [] }, small: { torch: [], lab: [] } };
  let torch = null;
  let engine = null;
  for (let r = 0; r < rounds; r++) {
    log(`PyTorch, then the lab on WASM (round ${r + 1} of ${rounds})`);
    torch = torchAnchor(threads, 1);
    if (!torch.measured) return { why: torch.why };
    for (const [preset, run] of Object.entries(RUNS)) {
      per[preset].torch.push(torch.presets[preset].imagesPerSecond);
      const lab = await benchTrainingSpeed(page, baseURL, run);
      engine = { backend: lab.backend, threads: lab.threads };
      per[preset].lab.push(lab.imagesPerSecond);
    }
  }
  const presets = Object.fromEntries(
    Object.entries(per).map(([preset, { torch: t, lab }]) => {
      const ratios = lab.map((x, i) => x / t[i]);
      return [
        preset,
        {
          torch: t,
          lab,
          ratio: round3(median(lab) / median(t)),
          spread: [round3(Math.min(...ratios)), round3(Math.max(...ratios))],
          batches: RUNS[preset].batches,
        },
      ];
    }),
  );
  return { rounds, threads, torchVersion: torch?.torch, engine, presets, relaxedSimd: await page.evaluate(relaxedSimdValidates) };
}

/** Whether this browser validates relaxed SIMD (f32x4.relaxed_madd); our kernels use plain SIMD128. */
function relaxedSimdValidates() {
  const bytes = Uint8Array.from(atob('AGFzbQEAAAABCAFgA3t7ewF7AwIBAAcFAQFmAAAKDQELACAAIAEgAv2FAgs='), (c) => c.charCodeAt(0));
  return WebAssembly.validate(bytes);
}

/** `npm run profile`'s kernel families for Tiny and Small, as JSON. */
export function profileStep() {
  execFileSync('npx', [
    'esbuild',
    'scripts/profile-step.ts',
    '--bundle',
    '--platform=node',
    '--format=esm',
    '--packages=external',
    '--outfile=node_modules/.cache/profile-step.mjs',
    '--log-level=warning',
  ]);
  const out = execFileSync(process.execPath, ['node_modules/.cache/profile-step.mjs', '--steps', '9', '--json'], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1));
}

const n = (x, digits = 1) =>
  x === null || x === undefined || Number.isNaN(x) ? '—' : x.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function versusMarkdown(report) {
  const v = report.versus;
  const lines = [];
  if (v?.presets) {
    lines.push(
      '## WebAssembly against PyTorch, interleaved',
      `PyTorch ${v.torchVersion} (${v.threads} threads) and the lab (${v.engine?.backend}, ${v.engine?.threads} thread${v.engine?.threads === 1 ? '' : 's'}) in turn, ${v.rounds} rounds; batches of 32, Adam. Ratio: the lab's median images/s over PyTorch's; spread: the lowest and highest of the rounds' own ratios. Goal: 0.6× (stretch 0.75×). This browser ${v.relaxedSimd ? 'validates' : 'does not validate'} relaxed SIMD; our kernels use SIMD128.`,
      '',
      '| preset | batches | PyTorch images/s | lab images/s | ratio of medians | spread |',
      '| --- | --- | --- | --- | --- | --- |',
      ...Object.entries(v.presets).map(
        ([preset, p]) =>
          `| ${preset} | ${p.batches} | ${p.torch.map((x) => n(x, 0)).join(', ')} | ${p.lab.map((x) => n(x, 0)).join(', ')} | **${n(p.ratio, 3)}×** | ${n(p.spread[0], 3)}–${n(p.spread[1], 3)}× |`,
      ),
      '',
    );
  } else if (v) lines.push('## WebAssembly against PyTorch, interleaved', `Not measured: ${v.why}.`, '');
  const p = report.profile;
  if (p) {
    lines.push(
      '## Where a WebAssembly training step goes',
      "`npm run profile`: Tiny and Small at batch 32 with fused Adam on TF.js's WASM backend and our kernels, in Node (one thread), each kernel timed by TF.js's profiler; medians of 9 steps. \"Outside kernels\": the step's wall time less its kernels' (layers' JavaScript, the gradient tape, the profiler's own cost).",
      '',
      ...Object.entries(p).flatMap(([preset, { stepMs, families }]) => [
        `**${preset}**, ${n(stepMs)} ms per profiled step: ` +
          families
            .filter((f) => f.share >= 0.5)
            .map((f) => `${f.family} ${n(f.share)} %`)
            .join(', ') +
          '.',
        '',
      ]),
    );
  }
  return lines;
}
