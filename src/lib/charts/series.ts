/**
 * The data a line chart draws, apart from the chart that draws it: the training code, the
 * reference runs and the text alternative build and read these without a page.
 */

export interface Series {
  key: string;
  label: string;
  /** CSS class for the line's colour and dash. */
  className: string;
  points: { x: number; y: number }[];
  /** Draw a dot at each point: for sparse series such as once-per-epoch validation. */
  markers?: boolean;
  /** Shown in the legend under the chart (default true). */
  legend?: boolean;
}

/**
 * A shaded range behind the lines, such as the spread of a reference run over several seeds:
 * from `lo` to `hi` at each x, drawn under every series.
 */
export interface Band {
  key: string;
  label: string;
  /** CSS class for the band's fill. */
  className: string;
  points: { x: number; lo: number; hi: number }[];
}
