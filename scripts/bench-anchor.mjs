/**
 * The native anchor: the lab's Tiny and Small presets trained in PyTorch on the same CPU
 * (scripts/anchors/torch_presets.py: the same bottleneck blocks, Adam, batches of 32 on
 * 28 × 28 × 1). It runs in the same benchmark as the lab, so the ratio of images per second
 * holds however fast the machine happens to be that minute. It needs Debian's PyTorch
 * (`apt-get install python3-torch`, used through /usr/bin/python3, or BENCH_PYTHON); without it
 * the report uses the figures measured earlier, and says so with their date.
 */
import { spawnSync } from 'node:child_process';

/** Measured on a 2-core machine, 2 threads, PyTorch 1.13 (Debian). */
const STORED = {
  measured: false,
  date: '2026-11-30',
  torch: '1.13.1',
  threads: 2,
  presets: { tiny: { msPerStep: 14.1, imagesPerSecond: 2276 }, small: { msPerStep: 74.6, imagesPerSecond: 429 } },
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * PyTorch's ms per step and images/s per preset, measured now if PyTorch is here: the median of
 * `runs` runs of the script, as one run's figures moved by up to 15 % from one minute to the next.
 */
export function torchAnchor(threads = 2, runs = 3) {
  const python = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
  const steps = {};
  let version = '';
  for (let i = 0; i < runs; i++) {
    const run = spawnSync(python, ['scripts/anchors/torch_presets.py', String(threads)], { encoding: 'utf8', timeout: 15 * 60_000 });
    if (run.status !== 0) {
      const why = run.error ? run.error.message : (run.stderr || '').trim().split('\n').at(-1);
      return { ...STORED, why: `PyTorch did not run here (${why}); figures from ${STORED.date}` };
    }
    for (const line of run.stdout.split('\n')) {
      const m = /^torch (\w+) batch (\d+): ([\d.]+) ms\/step/.exec(line);
      if (m) (steps[m[1]] ??= { batch: Number(m[2]), ms: [] }).ms.push(Number(m[3]));
    }
    [version] = run.stdout.split('\n')[0].split(' ');
  }
  const presets = Object.fromEntries(
    Object.entries(steps).map(([name, { batch, ms }]) => {
      const msPerStep = median(ms);
      return [name, { msPerStep, imagesPerSecond: Math.round((10 * batch * 1000) / msPerStep) / 10, runs: ms }];
    }),
  );
  return { measured: true, date: new Date().toISOString().slice(0, 10), torch: version, threads, runs, presets };
}

/** The lab's images/s over PyTorch's for the same preset, or null. */
export function ratioToTorch(anchor, preset, imagesPerSecond) {
  const native = anchor?.presets?.[preset]?.imagesPerSecond;
  return native && imagesPerSecond ? Math.round((1000 * imagesPerSecond) / native) / 1000 : null;
}
