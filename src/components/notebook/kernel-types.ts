/** What a page's kernel gives back, and the memory it shares with a Python worker (see kernel-client.ts). */
import type { Blocked } from '../../lib/grading/blocked';
import type { CodePosition, GradeReport } from '../../lib/grading/types';
import type { CellError, DisplayData, FitEvent, RunStatus } from '../../lib/kernel/protocol';

export type GradeOutcome =
  | { kind: 'report'; report: GradeReport; ms: number; backend: string }
  /** Stopped at the time limit; `position` is the cell's line it was on, where known. */
  | { kind: 'timeout'; position?: CodePosition }
  | { kind: 'failed'; message: string };

/** Where a run's output goes as it arrives. */
export interface RunHandlers {
  /** The run has started: its execution count, the cell's [n]. */
  started?(count: number): void;
  stream?(name: 'stdout' | 'stderr', text: string): void;
  display?(data: DisplayData): void;
  fit?(event: FitEvent): void;
  blocked?: (blocked: Blocked) => void;
}

export type RunOutcome =
  | { status: RunStatus; count: number; ms: number; error?: CellError; omitted?: { lines: number; chars: number } }
  /** The worker had to go: the kernel restarted (or never started), and the run's names with it. */
  | { status: 'restarted' | 'failed'; count: number; message: string }
  /** Stop or Restart came before the run's turn: it never ran. */
  | { status: 'cancelled'; count: 0 };

export type KernelState = 'starting' | 'idle' | 'busy' | 'failed';

/** Memory shared with a Python worker: the buffer Python polls for Ctrl-C, and the one it writes its cell line to. */
export interface Shared {
  interrupt: Int32Array;
  lines: Int32Array;
}

export function sharedBuffers(): Shared | undefined {
  const shared = typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  if (!shared) return undefined;
  const buffer = new SharedArrayBuffer(8);
  return { interrupt: new Int32Array(buffer, 0, 1), lines: new Int32Array(buffer, 4, 1) };
}
